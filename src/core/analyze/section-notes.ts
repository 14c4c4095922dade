// Notes: the reporters' environments compared (common factor and exceptions), who else reports it,
// what reporters observe about the cause, how badly it blocks them, whether a maintainer has spoken,
// caveat labels (who added them), how it was closed, lock and transfer, the state of the linked
// same-error issues, possible regressions and conflicting reports.
import { formatRef } from "../refs/parse-ref.js";
import { day, endSentence, list, plural } from "../text/format.js";
import { BLOCKING } from "../text/lexicon.js";
import type { Citation, ReportEnvironment, Statement } from "../thread/report.js";
import type { Thread } from "../thread/types.js";
import * as cite from "./cite.js";
import { environmentFacts } from "./environment.js";
import type { ReporterEnv } from "./environment-compare.js";
import { withoutQuotes } from "./findings.js";
import { sentences } from "./markdown-blocks.js";
import { CAVEAT_LABEL, type Ctx, MAX_CITED_LINKS, notableLabels, reasonPhrase, who } from "./section-context.js";
import { byCauseStrength, judgedLabels, maintainerSpoke } from "./section-facts.js";
import { regressionCites } from "./section-tldr.js";
import { quote } from "./text.js";

const MAX_CAUSES = 2;

export function notes(c: Ctx): Statement[] {
  const { thread, findings, error } = c;
  const out: Statement[] = [];
  const facts = environmentFacts(thread.body);
  if (facts.length > 0) {
    out.push({
      text: `Reporter's environment: ${facts.map((e) => `${e.key}: ${e.value}`).join("; ")}.`,
      citations: [c.threadCite],
    });
  } else if (c.envs.length === 1) {
    const one = envLine(c.environment);
    const e = c.envs[0];
    if (one && e) out.push({ text: `Environment given: ${one}.`, citations: [envCite(e, thread)] });
  }
  out.push(...compared(c));
  if (findings.sameHere.length > 0) {
    const names = findings.sameHere.map((s) => s.voice.login ?? "a deleted user");
    out.push({
      text: `${plural(names.length, "other person", "other people")} ${names.length === 1 ? "reports" : "report"} the same problem in comments (${list(names)}).`,
      citations: findings.sameHere.map((s) => cite.voice(s.voice, thread)),
    });
  }
  for (const f of byCauseStrength(c).slice(0, MAX_CAUSES)) {
    out.push({
      text: endSentence(
        `On the cause, ${who(f.voice)} ${f.voice.maintainer ? "states" : "observes"}: ${quote(f.text)}`,
      ),
      citations: [cite.voice(f.voice, thread)],
    });
  }
  const blocking = blockingQuote(c);
  if (blocking) out.push(blocking);
  if (error?.source === "comment") {
    out.push({
      text: "The body quotes no error message; the one shown is taken from a comment.",
      citations: [{ label: "comment with the error", url: error.url }],
    });
  }
  const humans = thread.comments.filter((x) => x.author && !x.author.isBot);
  // Worth saying while the issue is open: nobody with a say has answered yet.
  if (thread.kind === "issue" && thread.state === "open" && humans.length > 0 && !maintainerSpoke(c)) {
    out.push({
      text: `No maintainer (OWNER, MEMBER or COLLABORATOR) has commented in ${plural(thread.comments.length, "comment")}.`,
      citations: [c.snapshot.citation],
    });
  }
  const meanings = new Map(judgedLabels(c).map((m) => [m.label, m.phrase]));
  for (const label of notableLabels(thread)) {
    const e = lastLabeled(thread, label);
    const bot = isBotOrGhost(e?.actor ?? null);
    const meaning = meanings.get(label);
    // A bot's label matters only when it says something about the report itself.
    if (bot && !meaning && !CAVEAT_LABEL.test(label)) continue;
    const by = e ? ` by ${bot ? "a bot" : (e.actor ?? "an unknown account")} on ${day(e.createdAt)}` : "";
    out.push({ text: `Labelled "${label}"${by}${meaning ? `: ${meaning}` : ""}.`, citations: [c.threadCite] });
  }
  const closed = lastClosed(thread);
  if (thread.state === "closed" && closed) {
    const how = closed.stateReason ? ` ${reasonPhrase(closed.stateReason)}` : "";
    // A deleted account ("ghost") or a bot closing it says nothing about who decided; the date does.
    const by = isBotOrGhost(closed.actor) ? "" : ` by ${closed.actor ?? "an unknown account"}`;
    out.push({ text: `Closed${how}${by} on ${day(closed.createdAt)}.`, citations: [c.threadCite] });
  }
  if (thread.locked) {
    const why = thread.activeLockReason ? ` (reason: ${thread.activeLockReason.replace("_", " ")})` : "";
    out.push({ text: `The conversation is locked${why}; only collaborators can comment.`, citations: [c.threadCite] });
  }
  if (thread.movedFrom) {
    out.push({ text: `Transferred from ${formatRef(thread.movedFrom)}.`, citations: [c.threadCite] });
  }
  const cluster = clusterStates(c);
  if (cluster) out.push(cluster);
  if (c.regression) {
    const n = c.regression.comments.length + c.regression.issues.length;
    out.push({
      text: `${plural(n, "report")} came after ${c.regression.after.what}: a possible regression, or a case the fix does not cover.`,
      citations: regressionCites(c),
    });
  }
  const worked = findings.findings.filter((f) => f.kind === "worked");
  const failed = findings.findings.filter((f) => f.kind === "did-not-help");
  if (worked.length > 0 && failed.length > 0) {
    out.push({
      text: `Reports differ: ${plural(worked.length, "statement")} ${worked.length === 1 ? "says" : "say"} something helped and ${plural(failed.length, "statement")} ${failed.length === 1 ? "says" : "say"} a step did not help; see Guidance.`,
      citations: cite.dedupe([...worked, ...failed].map((f) => cite.voice(f.voice, thread))).slice(0, 6),
    });
  }
  if (out.length === 0) {
    // Never contradict the report's own environment: say what it holds, or that there is none.
    const env = envLine(c.environment);
    out.push({
      text: env
        ? `Environment given: ${env}.`
        : "The thread gives no environment details, notable labels or other notes.",
      citations: [c.threadCite],
    });
  }
  return out;
}

const isBotOrGhost = (login: string | null): boolean =>
  login === null || login.toLowerCase() === "ghost" || login.endsWith("[bot]");

/** The report's environment in one line: "version 1.2; OS Linux; runtime Node 18". */
function envLine(env: ReportEnvironment): string {
  const parts: string[] = [];
  const add = (label: string, xs: { value: string }[]) => {
    if (xs.length > 0) parts.push(`${label} ${list(xs.slice(0, 4).map((x) => x.value))}`);
  };
  add(env.versions.length === 1 ? "version" : "versions", env.versions);
  add("OS", env.os);
  add("runtime", env.runtimes);
  add("plan", env.plans);
  add("model", env.models);
  return parts.join("; ");
}

/** The reporters' environments side by side, when at least two reporters give one. */
function compared(c: Ctx): Statement[] {
  const env = c.environment;
  if (c.envs.length < 2) return [];
  const parts: string[] = [];
  const cites = (pick: (e: ReporterEnv) => string[]): Citation[] =>
    c.envs.filter((e) => pick(e).length > 0).map((e) => envCite(e, c.thread));
  const all: Citation[] = [];
  if (env.versions.length > 0) {
    const first = env.versions[0]?.value as string;
    const last = env.versions[env.versions.length - 1]?.value as string;
    const n = c.envs.filter((e) => e.versions.length > 0).length;
    parts.push(
      env.versions.length === 1
        ? `version ${first} (${plural(n, "reporter")})`
        : `versions ${first} to ${last} (${plural(env.versions.length, "version")} from ${plural(n, "reporter")})`,
    );
    all.push(...cites((e) => e.versions));
  }
  const named = (label: string, xs: ReportEnvironment["os"], pick: (e: ReporterEnv) => string[]) => {
    if (xs.length === 0) return;
    const n = c.envs.filter((e) => pick(e).length > 0).length;
    if (xs.length === 1)
      parts.push(`${label} ${xs[0]?.value} only (${plural(n, "reporter")} ${n === 1 ? "names" : "name"} one)`);
    else parts.push(`${label} ${list(xs.map((x) => `${x.value} (${x.count})`))}`);
    all.push(...cites(pick));
  };
  named("OS", env.os, (e) => e.os);
  named("plan", env.plans, (e) => e.plans);
  named("runtime", env.runtimes, (e) => e.runtimes);
  named("model", env.models, (e) => e.models);
  if (parts.length === 0) return [];
  return [
    {
      text: `Across ${plural(c.envs.length, "reporter")} who give their environment: ${parts.join("; ")}.`,
      citations: cite.dedupe(all),
    },
  ];
}

const envCite = (e: ReporterEnv, t: Thread): Citation =>
  e.voice.source === "body"
    ? { label: `${t.kind === "pull" ? "pull request" : "issue"} body`, url: e.voice.url }
    : { label: `comment by ${e.voice.login ?? "a deleted user"}`, url: e.voice.url };

/** Being unable to work at all outranks having to stop or pay. */
const HARD_BLOCK =
  /\bcannot\s+be\s+used\b|\bunusable\b|\bevery\s+(?:single\s+)?(?:\w+\s+)?(?:command|request|call|prompt)\s+fails\b|\bcompletely\s+(?:blocked|broken)\b|\blocked\s+out\b|\b(?:cannot|can't|unable\s+to)\s+(?:use|work|log\s?in|start)\b/i;
const MAX_BLOCKING = 2;

/** How badly it blocks people, in their words: the hardest statements first, one per person. */
function blockingQuote(c: Ctx): Statement | null {
  if (c.thread.kind === "pull") return null;
  const texts: { text: string; voice: string; cite: Citation }[] = [
    { text: c.thread.body, voice: "the reporter", cite: { label: "issue body", url: c.thread.url } },
  ];
  for (const com of c.thread.comments) {
    if (com.author?.isBot) continue;
    const login = com.author?.login ?? "a deleted user";
    texts.push({ text: withoutQuotes(com.body), voice: login, cite: { label: `comment by ${login}`, url: com.url } });
  }
  const hits: { sentence: string; voice: string; cite: Citation; hard: boolean }[] = [];
  for (const t of texts) {
    if (!BLOCKING.test(t.text)) continue; // one cheap test before splitting sentences
    const sentence = sentences(t.text).find((s) => s.length <= 400 && BLOCKING.test(s));
    if (sentence) hits.push({ sentence, voice: t.voice, cite: t.cite, hard: HARD_BLOCK.test(sentence) });
  }
  if (hits.length === 0) return null;
  const top = hits.sort((a, b) => Number(b.hard) - Number(a.hard)).slice(0, MAX_BLOCKING);
  return {
    text: endSentence(`How badly it blocks: ${top.map((h) => `${h.voice}: ${quote(h.sentence)}`).join("; ")}`),
    citations: top.map((h) => h.cite),
  };
}

/** Where the linked same-error issues stand: open, closed as what. */
function clusterStates(c: Ctx): Statement | null {
  const links = c.cluster.map((x) => x.link);
  if (links.length < 2) return null;
  const groups = new Map<string, string[]>();
  for (const l of links) {
    const key =
      l.state === null
        ? "of unknown state"
        : l.state === "open"
          ? "open"
          : l.stateReason
            ? `closed ${reasonPhrase(l.stateReason)}`
            : "closed";
    groups.set(key, [...(groups.get(key) ?? []), l.ref]);
  }
  const parts = [...groups.entries()].map(([k, refs]) => `${list(refs)} ${refs.length === 1 ? "is" : "are"} ${k}`);
  return {
    text: `Of the ${plural(links.length, "linked issue")} with the same ${c.error ? "error" : "problem"}: ${parts.join("; ")}.`,
    citations: links.slice(0, MAX_CITED_LINKS).map(cite.link),
  };
}

function lastLabeled(t: Thread, label: string) {
  let found: { actor: string | null; createdAt: string } | null = null;
  for (const e of t.events) if (e.type === "labeled" && e.label === label) found = e;
  return found;
}

function lastClosed(t: Thread) {
  let found: { actor: string | null; createdAt: string; stateReason: string | null } | null = null;
  for (const e of t.events) if (e.type === "closed") found = e;
  return found;
}
