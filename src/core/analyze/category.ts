// What the issue is about: one category and tags, each with the reason it was given. Labels speak
// first (maintainers chose them), then a title prefix ("[Feature]", "How do I"), then cues in the
// title and error, then the body; "bug" otherwise. Tags add the ecosystem (from the repository and
// the text), labels and topics. Deterministic keyword rules over the thread's own words.
import type { ReportCategory, ReportTag, TagSource } from "../thread/report.js";
import type { Thread } from "../thread/types.js";
import { AI_WORDS, alternation, REPO_TAGS, USAGE_WORDS } from "./vocabulary.rules.js";

/** Usage and billing words from the vocabulary (vocabulary.rules.ts). */
const USAGE = alternation(USAGE_WORDS, true);

type Rule<T> = readonly [RegExp, T];

const LABEL_CATEGORY: readonly Rule<ReportCategory>[] = [
  [/^(?:type:\s*)?(?:feature|enhancement|feature[- ]request|proposal|suggestion)$/i, "feature-request"],
  [/^(?:type:\s*)?(?:question|support|how[- ]to)$/i, "question"],
  [/^(?:type:\s*)?(?:docs?|documentation)$/i, "docs"],
  [/^(?:type:\s*)?(?:crash|segfault|panic)$/i, "crash"],
  [/^(?:type:\s*)?(?:perf|performance|slow)$/i, "performance"],
  [/^(?:type:\s*)?(?:build|ci|build[- ]failure|compilation)$/i, "build"],
  [/^(?:area:\s*)?(?:auth|authentication|login)$/i, "auth"],
  [/^(?:area:\s*)?(?:billing|quota|rate[- ]limit|usage|cost)$/i, "billing-quota"],
];

const TITLE_CATEGORY: readonly Rule<ReportCategory>[] = [
  [/^\s*\[?(?:feature(?:\s+request)?|enhancement|proposal|FR)\]?\s*[:\]]/i, "feature-request"],
  [/^\s*\[?(?:question|Q)\]?\s*[:\]]|^\s*(?:how\s+(?:do|can|to)|is\s+it\s+possible)\b/i, "question"],
  [/^\s*\[?(?:docs?|documentation)\]?\s*[:\]]/i, "docs"],
  [/^\s*(?:allow|add|support|provide|option\s+to|ability\s+to)\b/i, "feature-request"],
];

/** In order: the first that matches wins. */
const TEXT_CATEGORY: readonly Rule<ReportCategory>[] = [
  [
    new RegExp(
      `\\b(?:billing|billed|quota|${USAGE}|rate.?limit(?:ed)?|too many requests|credits|subscription|plan (?:limit|quota))\\b`,
      "i",
    ),
    "billing-quota",
  ],
  [
    /\b(?:oauth|log ?in|sign.?in|unauthori[sz]ed|authenticat\w*|401|403|credentials|api key|token (?:expired|invalid))\b/i,
    "auth",
  ],
  [
    /\b(?:segfault|segmentation fault|SIGSEGV|SIGABRT|core dumped|panic(?:ked)?|crash(?:es|ed|ing)?|fatal error|out of memory)\b/i,
    "crash",
  ],
  [/\b(?:slow(?:ness)?|performance|latency|memory leak|high cpu|hang(?:s|ing)?|freez(?:es|ing))\b/i, "performance"],
  [
    /\b(?:build (?:fails|failed|error)|compil(?:e|ation) (?:error|fails)|npm install fails|cannot find module|linker error)\b/i,
    "build",
  ],
  [/\b(?:documentation|the docs|typo in|readme)\b/i, "docs"],
];

const FEATURE_CUE =
  /\b(?:feature\s+request|would\s+be\s+(?:really\s+)?(?:nice|great|useful|helpful)|please\s+(?:add|consider|support)|support\s+for|an?\s+option\s+to|the\s+ability\s+to|I(?:'d|\s+would)\s+(?:like|love)\s+(?:to\s+(?:be\s+able|have|see)|an?\s+))/i;
const QUESTION_CUE = /^\s*(?:how\s+(?:do|can|to)\b|is\s+(?:it|there)\s+(?:possible|a\s+way)\b)[^\n]*\?/im;

const REPO_WORDS: readonly Rule<string[]>[] = [
  [/(?:^|[-_.])(?:js|node|npm)(?:[-_.]|$)/, ["javascript", "node"]],
  [/react/, ["react", "javascript", "frontend"]],
  [/vue/, ["vue", "javascript", "frontend"]],
  [/(?:^|[-_.])(?:py|python)|django|flask/, ["python"]],
  [/rust|(?:^|[-_.])rs(?:[-_.]|$)/, ["rust"]],
  [/(?:^|[-_.])go(?:[-_.]|$)|golang/, ["go"]],
  [/docker|container/, ["docker", "containers"]],
  [/vscode/, ["vscode", "editor"]],
  [/(?:^|[-_.])cli(?:[-_.]|$)/, ["cli"]],
];

/** Topic and language cues in text; the matched words become the reason. */
const TEXT_TAGS: readonly Rule<string[]>[] = [
  [/\b(?:npm|pnpm|yarn|node_modules|package\.json|npx)\b/i, ["node", "npm", "javascript"]],
  [/\b(?:TypeError|ReferenceError|SyntaxError|undefined is not)\b|\.m?js:\d+/, ["javascript"]],
  [/\b(?:tsc|tsconfig|TS\d{4})\b|\.tsx?:\d+/, ["typescript"]],
  [/\bTraceback \(most recent call last\)|\b(?:pip install|ModuleNotFoundError)\b|\.py:\d+/, ["python"]],
  [/\b(?:cargo|rustc)\b|thread '.*' panicked|\.rs:\d+/, ["rust"]],
  [/\bgoroutine \d+|\b(?:go build|go\.mod)\b/, ["go"]],
  [/\b(?:NullPointerException|gradle|maven)\b|Exception in thread|\.java:\d+/, ["java"]],
  [/\b(?:docker(?:file)?|kubernetes|kubectl)\b/i, ["docker", "containers"]],
  [/\bgit (?:push|pull|clone|rebase|merge)\b|\.gitconfig/i, ["git"]],
  [/\b(?:ssl|tls|certificate|CERT_\w+|UNABLE_TO_VERIFY\w*)\b/i, ["network", "tls"]],
  [/\b(?:ECONNRESET|ETIMEDOUT|ECONNREFUSED|ENOTFOUND|socket hang up|proxy)\b/i, ["network"]],
  [/\bAPI Error\b|\bHTTP ?[45]\d\d\b|\bstatus code [45]\d\d\b/i, ["http", "api"]],
  [/\b(?:rate.?limit(?:ed)?|429|too many requests)\b/i, ["rate-limit"]],
  [new RegExp(`\\b(?:quota|${USAGE}|billing|billed|credits|subscription)\\b`, "i"), ["billing"]],
  [/\b(?:oauth|login|log in|logout|sign.?in|unauthori[sz]ed|credentials)\b/i, ["auth"]],
  [/\b(?:memory leak|heap|out of memory|OOM|high cpu|latency)\b/i, ["performance", "memory"]],
  [/\b(?:segfault|segmentation fault|SIGSEGV|SIGABRT|core dumped|crash(?:es|ed)?)\b/i, ["crash"]],
  [/\b(?:ENOENT|EACCES|EPERM|no such file)\b/, ["filesystem"]],
  [/\b(?:macOS|Mac OS|darwin)\b/i, ["macos"]],
  [/\b(?:windows|win32|powershell)\b/i, ["windows"]],
  [/\b(?:linux|ubuntu|debian|fedora|wsl)\b/i, ["linux"]],
  [/\b(?:terminal|zsh|bash|fish shell)\b/i, ["terminal"]],
  [/\b(?:webpack|vite|esbuild|rollup|babel)\b/i, ["bundler", "javascript"]],
  [/\b(?:jest|vitest|mocha|pytest|flaky test)\b/i, ["testing"]],
  [new RegExp(`\\b(?:${alternation(AI_WORDS, true)})\\b`), ["ai"]],
];

export type Classification = { category: ReportCategory; tags: ReportTag[] };

const cue = (m: RegExpExecArray): string => `"${m[0].trim().slice(0, 40)}"`;

export function classifyThread(thread: Thread, errorMessage: string | null): Classification {
  const tags: ReportTag[] = [];
  const seen = new Set<string>();
  const add = (tag: string, source: TagSource, reason: string) => {
    if (seen.has(tag)) return;
    seen.add(tag);
    tags.push({ tag, source, reason });
  };
  const { category, reason } = categorise(thread, errorMessage);
  add(category, "category", reason);

  const repoKey = `${thread.ref.owner}/${thread.ref.repo}`.toLowerCase();
  for (const t of REPO_TAGS[repoKey] ?? []) add(t, "repository", `the repository is ${repoKey}`);
  for (const [re, ts] of REPO_WORDS) {
    if (re.test(thread.ref.repo.toLowerCase())) for (const t of ts) add(t, "repository", `the repository name`);
  }
  for (const label of thread.labels) {
    const t = labelTag(label);
    if (t) add(t, "label", `label "${label}"`);
  }
  const places: [TagSource, string][] = [
    ["title", thread.title],
    ["error", errorMessage ?? ""],
    ["body", thread.body.slice(0, 20_000)],
  ];
  for (const [re, ts] of TEXT_TAGS) {
    for (const [where, text] of places) {
      const m = re.exec(text);
      if (!m) continue;
      for (const t of ts) add(t, where, `the ${where} says ${cue(m)}`);
      break;
    }
  }
  return { category, tags };
}

function categorise(thread: Thread, errorMessage: string | null): { category: ReportCategory; reason: string } {
  for (const label of thread.labels) {
    for (const [re, c] of LABEL_CATEGORY) {
      if (re.test(label.trim())) return { category: c, reason: `label "${label}"` };
    }
  }
  for (const [re, c] of TITLE_CATEGORY) {
    const m = re.exec(thread.title);
    if (m) return { category: c, reason: `the title starts ${cue(m)}` };
  }
  // The title and error speak louder than a long body: look there first.
  const focus: [string, string][] = [
    ["title", thread.title],
    ["error", errorMessage ?? ""],
  ];
  for (const [re, c] of TEXT_CATEGORY) {
    for (const [where, text] of focus) {
      const m = re.exec(text);
      if (m) return { category: c, reason: `the ${where} says ${cue(m)}` };
    }
  }
  const body = thread.body.slice(0, 20_000);
  for (const [re, c] of TEXT_CATEGORY) {
    const m = re.exec(body);
    if (m) return { category: c, reason: `the body says ${cue(m)}` };
  }
  // Without an error, wishes and questions in the reporter's words decide.
  if (!errorMessage) {
    for (const [where, text] of [
      ["title", thread.title],
      ["body", body],
    ] as const) {
      const wish = FEATURE_CUE.exec(text);
      if (wish) return { category: "feature-request", reason: `the ${where} says ${cue(wish)}` };
      const ask = QUESTION_CUE.exec(text);
      if (ask) return { category: "question", reason: `the ${where} asks ${cue(ask)}` };
    }
  }
  const bugLabel = thread.labels.find((l) => /^(?:type:\s*)?bug$/i.test(l.trim()));
  if (bugLabel) return { category: "bug", reason: `label "${bugLabel}"` };
  return {
    category: "bug",
    reason: errorMessage ? "it reports an error and no other category applies" : "no other category applies",
  };
}

/** "Type: Bug" -> "type-bug"; process labels (stale, triage) and long ones are not topics. */
function labelTag(label: string): string | null {
  if (
    /^(?:stale|invalid|duplicate|\*duplicate|wontfix|triage|needs[- ].*|cla signed|author ready)$/i.test(label.trim())
  )
    return null;
  const t = label
    .toLowerCase()
    .replace(/[^a-z0-9.+]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return t && t.length <= 40 && /^[a-z0-9]/.test(t) ? t : null;
}
