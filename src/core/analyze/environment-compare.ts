// The environments of everyone who reports the problem (the author, and commenters who say they
// have it too), compared: which product versions (a numeric range), operating systems, runtimes,
// plans and models they name, and how many reporters name each. Prose only: versions in pasted logs
// and code belong to the log, not to the reporter.
import { coerce, compare as compareSemver } from "semver";
import { capitalise } from "../text/format.js";
import { OS_NAMES, osFamily } from "../text/lexicon.js";
import type { ReportEnvironment } from "../thread/report.js";
import type { Thread } from "../thread/types.js";
import { environmentFacts } from "./environment.js";
import type { Findings, Voice } from "./findings.js";
import { withoutQuotes } from "./findings.js";
import { proseLines } from "./markdown-blocks.js";
import { alternation, MODEL_FAMILIES, MODEL_IDS, PLAN_NAMES, PRODUCT_PREFIXES } from "./vocabulary.rules.js";

export type ReporterEnv = {
  voice: Pick<Voice, "login" | "url" | "source">;
  versions: string[];
  os: string[];
  runtimes: string[];
  plans: string[];
  models: string[];
};

const VERSION = /(?<![\w.$/-])v?(\d+\.\d+(?:\.\d+)+(?:-[\w.]+)?)(?![\w/]|\.\d)/g;
/** A version written after one of these belongs to it, not to the product. */
const RUNTIME =
  /\b(Node(?:\.js)?|npm|pnpm|yarn|Python|Bun|Deno|Java|JDK|Go|Ruby|PHP|Rust|rustc|\.NET|Electron|Chrome|Chromium|Firefox|Safari)\s*(?:version\s*)?v?(\d+(?:\.\d+)*)/gi;
const OS_NAME = new RegExp(`\\b(${OS_NAMES})\\b`, "gi");
/** A version right after one of these is the OS's or the kernel's, not the product's. */
const OS_VERSION_CONTEXT = new RegExp(`\\b(?:${OS_NAMES}|kernel|build|Darwin\\s+Kernel\\s+Version|xnu)[\\s-]*$`, "i");
// Built from the vocabularies (vocabulary.rules.ts): the rules name no product.
const PLANS = alternation(PLAN_NAMES);
const PRODUCT = `(?:(?:${alternation(PRODUCT_PREFIXES)})\\s+)?`;
/** "Max 20x", "Max (5x)": a plan with its multiplier. */
const PLAN_TIMES = new RegExp(`\\b${PRODUCT}(${PLANS})\\s*\\(?\\s*(\\d{1,2})\\s*x\\b`, "g");
/** "Max plan", "Pro subscription": a plan named as one. */
const PLAN_WORD = new RegExp(`\\b${PRODUCT}(${PLANS})\\s+(?:plan|subscription|tier)\\b`, "g");
const PLAN_KEY = new RegExp(`^${PRODUCT}(${PLANS})\\b(?:\\s*\\(?\\s*(\\d{1,2})\\s*x\\s*\\)?)?`, "i");
const FAMILIES = alternation(MODEL_FAMILIES);
const MODEL = new RegExp(
  `\\b(?:${PRODUCT}(?:${FAMILIES})(?:\\s+\\d(?:\\.\\d)?)?|${alternation(MODEL_IDS, true)})\\b`,
  "gi",
);
const PRODUCT_PREFIX = new RegExp(`^(?:${alternation(PRODUCT_PREFIXES)})\\s+`, "i");
const FAMILY_START = new RegExp(`^(${FAMILIES})`, "i");
/** In prose a family needs its version, and an id its hyphen ("o1" is as often something else). */
const NEEDS_VERSION = new RegExp(`^${PRODUCT}(?:${FAMILIES})`, "i");

/** Keys environmentFacts reads: a line with one of these is not read again as prose. */
const FACT_KEY = /\b(?:versions?|platform|os|operating\s+system|plan|models?|runtime|node(?:\.js)?|browser)\b/i;

function plan(name: string, times: string | undefined): string {
  const n = capitalise(name.toLowerCase());
  return times ? `${n} ${times}x` : n;
}

const MODEL_CANON = (m: string): string =>
  m.replace(PRODUCT_PREFIX, "").replace(FAMILY_START, (w) => capitalise(w.toLowerCase()));

/** One reporter's values from one text (body or comment). */
export function readEnv(markdown: string, voice: ReporterEnv["voice"]): ReporterEnv {
  const env: ReporterEnv = { voice, versions: [], os: [], runtimes: [], plans: [], models: [] };
  const push = (list: string[], v: string) => {
    if (v && !list.includes(v)) list.push(v);
  };
  // Key: value facts first (issue forms say exactly which aspect a value is).
  for (const f of environmentFacts(markdown)) {
    const key = f.key.toLowerCase();
    if (/\bplan\b|subscription|tier/.test(key)) {
      const m = PLAN_KEY.exec(f.value);
      if (m) push(env.plans, plan(m[1] as string, m[2]));
      continue;
    }
    if (/\bmodels?\b/.test(key)) {
      for (const m of f.value.matchAll(MODEL)) push(env.models, MODEL_CANON(m[0]));
      continue;
    }
    if (/\b(?:os|operating system|platform|distro|distribution)\b/.test(key)) {
      for (const m of f.value.matchAll(OS_NAME)) push(env.os, osFamily(m[1] as string));
      continue;
    }
    const runtime = /^(node(?:\.js)?|npm|python|bun|deno|java|go|rust|ruby|php)\b/i.exec(key);
    if (runtime) {
      const v = /v?(\d+(?:\.\d+)*)/.exec(f.value)?.[1];
      if (v) push(env.runtimes, `${runtimeName(runtime[1] as string)} ${v}`);
      continue;
    }
    if (/\bversions?\b/.test(key)) {
      for (const m of f.value.matchAll(/(?<![\w.])v?(\d+\.\d+(?:\.\d+)*)/g)) push(env.versions, m[1] as string);
      // "Version: 2.1.85, macOS": an OS named beside the version still counts.
      for (const m of f.value.matchAll(OS_NAME)) push(env.os, osFamily(m[1] as string));
    }
  }
  for (const { line } of proseLines(withoutQuotes(markdown))) {
    const key = /^\s*(?:[-*]\s*)?\**([A-Za-z][\w .()/+-]{0,40}?)\**\s*:/.exec(line)?.[1];
    if (key && key.trim().split(/\s+/).length <= 4 && FACT_KEY.test(key)) {
      // Already read as a key: value fact; reading it again as prose would count OS versions as products.
      continue;
    }
    const text = line.replace(/https?:\/\/\S+/g, " ");
    const runtimeAt = new Set<number>();
    for (const m of text.matchAll(RUNTIME)) {
      push(env.runtimes, `${runtimeName(m[1] as string)} ${m[2]}`);
      runtimeAt.add(m.index + m[0].length - (m[2] as string).length);
    }
    for (const m of text.matchAll(VERSION)) {
      const at = m.index + m[0].length - (m[1] as string).length;
      if (runtimeAt.has(at) || OS_VERSION_CONTEXT.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
      push(env.versions, m[1] as string);
    }
    for (const m of text.matchAll(OS_NAME)) push(env.os, osFamily(m[1] as string));
    for (const m of text.matchAll(PLAN_TIMES)) push(env.plans, plan(m[1] as string, m[2]));
    for (const m of text.matchAll(PLAN_WORD)) push(env.plans, plan(m[1] as string, undefined));
    for (const m of text.matchAll(MODEL)) {
      // In prose, only a versioned model names what someone ran ("Opus 4.5", "claude-sonnet-4-5");
      // a bare "Sonnet" is as often a dashboard line ("weekly (Sonnet only)") or a thing switched away from.
      if (!/\d/.test(m[0]) || (!NEEDS_VERSION.test(m[0]) && !m[0].includes("-"))) continue;
      push(env.models, MODEL_CANON(m[0]));
    }
  }
  // "Max 20x" says more than "Max": keep the bare name only when nothing more specific is given.
  env.plans = env.plans.filter((p) => p.includes(" ") || !env.plans.some((q) => q.startsWith(`${p} `)));
  return env;
}

function runtimeName(raw: string): string {
  const r = raw.toLowerCase();
  if (r.startsWith("node")) return "Node.js";
  if (r === "jdk") return "Java";
  return capitalise(raw);
}

/** The author's body and the comments of people who report the same problem (or the author). */
export function reporterEnvs(thread: Thread, findings: Findings): ReporterEnv[] {
  const out: ReporterEnv[] = [];
  if (thread.kind === "pull") return out;
  out.push(readEnv(thread.body, { login: thread.author?.login ?? null, url: thread.url, source: "body" }));
  const same = new Set(findings.sameHere.map((s) => s.voice.url));
  const author = thread.author?.login.toLowerCase();
  for (const c of thread.comments) {
    if (c.author?.isBot) continue;
    const isAuthor = author !== undefined && c.author?.login.toLowerCase() === author;
    if (!same.has(c.url) && !isAuthor) continue;
    out.push(readEnv(c.body, { login: c.author?.login ?? null, url: c.url, source: "comment" }));
  }
  return mergeByPerson(out).filter(
    (e) => e.versions.length + e.os.length + e.runtimes.length + e.plans.length + e.models.length > 0,
  );
}

/** One entry per person: an author who comments again adds to the body's values. */
function mergeByPerson(envs: ReporterEnv[]): ReporterEnv[] {
  const byLogin = new Map<string, ReporterEnv>();
  const out: ReporterEnv[] = [];
  for (const e of envs) {
    const key = e.voice.login?.toLowerCase();
    const seen = key ? byLogin.get(key) : undefined;
    if (!seen) {
      if (key) byLogin.set(key, e);
      out.push(e);
      continue;
    }
    for (const k of ["versions", "os", "runtimes", "plans", "models"] as const) {
      for (const v of e[k]) if (!seen[k].includes(v)) seen[k].push(v);
    }
  }
  return out;
}

/**
 * A suffix that marks a pre-release ("-beta.1", "-rc2", "-0.3"), which SemVer puts before its release.
 * Any other suffix names a variant of the same release ("-bookworm", "-alpine", "-python3.11").
 */
const PRERELEASE = /^v?\d+(?:\.\d+)*-(?:alpha|beta|rc|pre|preview|dev|next|canary|nightly|snapshot|insiders?|\d)/i;
/** "v1.2" is 1.2.0; a pre-release keeps its tag; a variant reads as its release (ties broken below). */
const loose = (v: string) => coerce(v, { includePrerelease: PRERELEASE.test(v) });
/** A fourth number ("1.2.3.4", as Windows and browser builds write them), which SemVer has no place for. */
const fourthPart = (v: string): number => Number(/^v?\d+\.\d+\.\d+\.(\d+)/.exec(v)?.[1] ?? -1);

/**
 * Versions in SemVer order: 2.0.76 < 2.1.29-beta.1 < 2.1.29 < 2.1.29-bookworm < 2.1.100. Loose versions
 * are coerced (`semver.coerce`); a fourth number, then the text, breaks a tie (a variant after its
 * release); text semver cannot read as a version at all sorts after every version, in character
 * order, so the order is total and the report deterministic.
 */
export function compareVersions(a: string, b: string): number {
  const x = loose(a);
  const y = loose(b);
  if (!x || !y) return x ? -1 : y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  return compareSemver(x, y) || fourthPart(a) - fourthPart(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function tally(values: string[][]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const vs of values) for (const v of new Set(vs)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].map(([value, count]) => ({ value, count }));
}

export function summariseEnvironment(envs: readonly ReporterEnv[]): ReportEnvironment {
  const byCount = (xs: { value: string; count: number }[]) =>
    xs.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return {
    reporters: envs.length,
    versions: tally(envs.map((e) => e.versions)).sort((a, b) => compareVersions(a.value, b.value)),
    os: byCount(tally(envs.map((e) => e.os))),
    runtimes: byCount(tally(envs.map((e) => e.runtimes))),
    plans: byCount(tally(envs.map((e) => e.plans))),
    models: byCount(tally(envs.map((e) => e.models))),
  };
}
