// What an issue is about, for matching tools: one category and weighted tags, read from the
// report's repository, labels, title, error message and body. Deterministic keyword rules; the
// analysis engine may one day provide these, and then only this function changes.
import type { Report } from "../thread/report.js";
import type { Category } from "./catalog.js";

export type IssueProfile = {
  category: Category;
  /** Tag -> weight. Ecosystem tags (from the repository) weigh 2, others 1. */
  tags: Map<string, number>;
};

/** Repositories whose ecosystem is worth knowing by name. Lower-case "owner/repo". */
const REPO_TAGS: Readonly<Record<string, string[]>> = {
  "nodejs/node": ["node", "javascript"],
  "microsoft/vscode": ["vscode", "editor", "typescript", "electron"],
  "microsoft/typescript": ["typescript", "javascript"],
  "facebook/react": ["react", "javascript", "frontend"],
  "react/react": ["react", "javascript", "frontend"],
  "anthropics/claude-code": ["ai", "llm-api", "cli", "node"],
  "python/cpython": ["python"],
  "rust-lang/rust": ["rust"],
  "golang/go": ["go"],
  "docker/cli": ["docker", "containers"],
  "kubernetes/kubernetes": ["kubernetes", "containers"],
};

/** Words in a repository name that tell the ecosystem. */
const REPO_WORDS: ReadonlyArray<[RegExp, string[]]> = [
  [/(^|[-_.])(js|node|npm)([-_.]|$)/, ["javascript", "node"]],
  [/react/, ["react", "javascript", "frontend"]],
  [/vue/, ["vue", "javascript", "frontend"]],
  [/(^|[-_.])(py|python)|django|flask/, ["python"]],
  [/rust|(^|[-_.])rs([-_.]|$)/, ["rust"]],
  [/(^|[-_.])go([-_.]|$)|golang/, ["go"]],
  [/docker|container/, ["docker", "containers"]],
  [/vscode|code-/, ["vscode", "editor"]],
  [/(^|[-_.])cli([-_.]|$)/, ["cli"]],
];

/** Text rules: tags found in the title, labels, error message and body. */
const TEXT_TAGS: ReadonlyArray<[RegExp, string[]]> = [
  [/\b(npm|pnpm|yarn|node_modules|package\.json|npx)\b/i, ["node", "npm", "javascript"]],
  [/\b(TypeError|ReferenceError|SyntaxError|undefined is not|\.js:\d+)\b/, ["javascript"]],
  [/\b(tsc|tsconfig|\.ts:\d+|TS\d{4})\b/, ["typescript"]],
  [/\b(Traceback \(most recent call last\)|pip install|python3?|\.py:\d+|ModuleNotFoundError)\b/, ["python"]],
  [/\b(cargo|rustc|thread '.*' panicked|\.rs:\d+)\b/, ["rust"]],
  [/\b(goroutine \d+|go build|go\.mod)\b/, ["go"]],
  [/\b(Exception in thread|NullPointerException|gradle|maven|\.java:\d+)\b/, ["java"]],
  [/\b(docker|dockerfile|container|kubernetes|kubectl)\b/i, ["docker", "containers"]],
  [/\b(git (push|pull|clone|rebase|merge)|\.gitconfig)\b/i, ["git"]],
  [/\b(ssh|ssl|tls|certificate|CERT_|UNABLE_TO_VERIFY)\b/i, ["network", "tls"]],
  [/\b(ECONNRESET|ETIMEDOUT|ECONNREFUSED|ENOTFOUND|socket hang up|proxy)\b/i, ["network"]],
  [
    /\b(API Error|HTTP ?\d{3}|status code \d{3}|\b[45]\d\d\b.*\b(error|request)\b|REST|GraphQL|endpoint)\b/i,
    ["http", "api"],
  ],
  [/\b(json|JSON\.parse|Unexpected token)\b/, ["json"]],
  [/\b(rate.?limit|429|too many requests|quota|usage limit|extra usage|billing|credits)\b/i, ["rate-limit", "billing"]],
  [/\b(oauth|token|login|log in|logout|sign.?in|401|403|unauthori[sz]ed|permission denied|credentials)\b/i, ["auth"]],
  [/\b(memory leak|heap|out of memory|OOM|high cpu|slow|latency|profil)/i, ["performance", "memory"]],
  [/\b(segfault|segmentation fault|SIGSEGV|SIGABRT|core dumped|panic|crash(es|ed)?)\b/i, ["crash"]],
  [/\b(ENOENT|EACCES|EPERM|no such file|permission denied)\b/i, ["filesystem"]],
  [/\b(macOS|Mac OS|darwin)\b/i, ["macos"]],
  [/\b(windows|win32|powershell)\b/i, ["windows"]],
  [/\b(linux|ubuntu|debian|fedora|wsl)\b/i, ["linux"]],
  [/\b(terminal|shell|bash|zsh|fish)\b/i, ["terminal"]],
  [/\b(webpack|vite|esbuild|rollup|babel|bundl)/i, ["bundler", "javascript"]],
  [/\b(test|jest|vitest|mocha|pytest|flaky)\b/i, ["testing"]],
  [/\b(LLM|Claude|Anthropic|OpenAI|model|prompt)\b/, ["ai"]],
];

const LABEL_CATEGORY: ReadonlyArray<[RegExp, Category]> = [
  [/^(feature|enhancement|feature[- ]request|proposal|suggestion)$/i, "feature-request"],
  [/^(question|support|help wanted\?|how[- ]to)$/i, "question"],
  [/^(docs?|documentation)$/i, "docs"],
  [/^(crash|segfault|panic)$/i, "crash"],
  [/^(perf|performance|slow)$/i, "performance"],
  [/^(build|ci|build[- ]failure|compilation)$/i, "build"],
  [/^(auth|authentication|login)$/i, "auth"],
  [/^(billing|quota|rate[- ]limit|usage)$/i, "billing-quota"],
];

const TITLE_CATEGORY: ReadonlyArray<[RegExp, Category]> = [
  [/^\s*\[?(feature( request)?|enhancement|proposal|FR)\]?\s*[:\]]/i, "feature-request"],
  [/^\s*\[?(question|Q)\]?\s*[:\]]|^\s*(how (do|can|to)|is it possible)\b/i, "question"],
  [/^\s*\[?(docs?|documentation)\]?\s*[:\]]/i, "docs"],
];

/** In order: the first that matches the issue's text wins; "bug" when none does. */
const TEXT_CATEGORY: ReadonlyArray<[RegExp, Category]> = [
  [
    /\b(billing|billed|quota|extra usage|usage limit|rate.?limit(ed)?|too many requests|credits|subscription|plan (limit|quota))\b/i,
    "billing-quota",
  ],
  [
    /\b(oauth|log ?in|sign.?in|unauthori[sz]ed|authenticat\w*|401|403|credentials|api key|token (expired|invalid))\b/i,
    "auth",
  ],
  [
    /\b(segfault|segmentation fault|SIGSEGV|SIGABRT|core dumped|panic(ked)?|crash(es|ed|ing)?|fatal error|out of memory)\b/i,
    "crash",
  ],
  [/\b(slow(ness)?|performance|latency|memory leak|high cpu|hang(s|ing)?|freez(es|ing))\b/i, "performance"],
  [
    /\b(build (fails|failed|error)|compil(e|ation) (error|fails)|npm install fails|cannot find module|webpack|linker)\b/i,
    "build",
  ],
  [/\b(documentation|the docs|typo in|readme)\b/i, "docs"],
];

/**
 * The analysis's category and tags when the report has them (repository tags weigh 2, the rest 1);
 * otherwise the keyword rules below, for reports stored before the analysis computed them.
 */
export function issueProfile(report: Report): IssueProfile {
  if (report.category && Array.isArray(report.tags)) {
    const tags = new Map<string, number>();
    for (const t of report.tags) {
      if (t.source === "category") continue;
      const tag = normaliseTag(t.tag);
      if (tag) tags.set(tag, Math.max(tags.get(tag) ?? 0, t.source === "repository" ? 2 : 1));
    }
    return { category: report.category, tags };
  }
  return keywordProfile(report);
}

/** Category and tags from keyword rules over the repository, labels, title, error and body. */
export function keywordProfile(report: Report): IssueProfile {
  const tags = new Map<string, number>();
  const add = (tag: string, weight: number) => tags.set(tag, Math.max(tags.get(tag) ?? 0, weight));

  const [ownerRepo = ""] = report.ref.split("#");
  const repoKey = ownerRepo.toLowerCase();
  const repoName = repoKey.split("/")[1] ?? "";
  for (const t of REPO_TAGS[repoKey] ?? []) add(t, 2);
  for (const [re, ts] of REPO_WORDS) if (re.test(repoName)) for (const t of ts) add(t, 2);

  for (const label of report.labels) {
    const t = normaliseTag(label);
    if (t) add(t, 1);
  }
  const text = [report.title, report.errorMessage ?? "", report.body.slice(0, 20_000)].join("\n");
  for (const [re, ts] of TEXT_TAGS) if (re.test(text)) for (const t of ts) add(t, 1);

  return { category: categorise(report, text), tags };
}

function categorise(report: Report, text: string): Category {
  for (const label of report.labels) {
    for (const [re, c] of LABEL_CATEGORY) if (re.test(label.trim())) return c;
  }
  for (const [re, c] of TITLE_CATEGORY) if (re.test(report.title)) return c;
  const focus = [report.title, report.errorMessage ?? ""].join("\n");
  // The title and error speak louder than a long body: look there first.
  for (const [re, c] of TEXT_CATEGORY) if (re.test(focus)) return c;
  for (const [re, c] of TEXT_CATEGORY) if (re.test(text)) return c;
  return "bug";
}

/** "Type: Bug" -> "type-bug"; labels longer than 40 characters are ignored. */
export function normaliseTag(label: string): string | null {
  const t = label
    .toLowerCase()
    .replace(/[^a-z0-9.+]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return t && t.length <= 40 && /^[a-z0-9]/.test(t) ? t : null;
}
