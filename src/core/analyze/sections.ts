// The five sections, composed only from facts in the thread and its links. Every statement cites
// the thread, a comment, a linked thread or a commit from the input; where nothing is known the
// statement says so and cites the thread itself. Quotes are the thread's own words.
import { formatRef } from "../refs/parse-ref.js";
import type { Citation, FixPull, ReportLink, Sections, Statement } from "../thread/report.js";
import type { Thread } from "../thread/types.js";
import { environmentFacts, mentionedEnvironment } from "./environment.js";
import type { ThreadError } from "./extract-error.js";
import type { Finding, Findings, Voice } from "./findings.js";
import { readFindings } from "./findings.js";
import type { Fix, ReportCommit } from "./fix-status.js";
import { similarIssues } from "./related.js";
import { clip, day, endSentence, errorGist, list, plural, quote } from "./text.js";

export type SectionInput = {
  thread: Thread;
  links: readonly ReportLink[];
  commits: readonly ReportCommit[];
  fix: Fix;
  error: ThreadError | null;
  fetchedAt: string;
};

/** Labels that qualify the report itself; the TL;DR names them. */
const CAVEAT_LABEL =
  /invalid|wont-?fix|won't fix|duplicate|stale|needs?[\s:-]*(?:more[\s-]*)?info|more info|question|upstream|by[\s-]*design|as[\s-]*designed|not[\s-]*planned|can(?:not|'t)[\s-]*reproduce|not[\s-]*a[\s-]*bug|unconfirmed/i;
/** Labels worth a note: they change how far the report can be trusted or what to expect. */
const NOTABLE_LABEL =
  /invalid|wont-?fix|won't fix|duplicate|stale|needs?[\s:-]*(?:more[\s-]*)?info|more info|question|upstream|by[\s-]*design|as[\s-]*designed|not[\s-]*planned|regression|confirmed|has[\s-]*repro|needs?[\s-]*repro|can(?:not|'t)[\s-]*reproduce|not[\s-]*a[\s-]*bug|help[\s-]*wanted|good[\s-]*first[\s-]*issue|unconfirmed|candidate|important|security/i;

const MAX_WORKED = 4;
const MAX_NEGATIVE = 4;
const MAX_TEMPORARY = 3;
const MAX_MAINTAINER = 3;
const MAX_CITED_LINKS = 10;

type Ctx = SectionInput & {
  findings: Findings;
  similar: ReportLink[];
  duplicateOf: ReportLink[];
  worked: Finding[];
  threadCite: Citation;
  asOf: string;
};

export function buildSections(input: SectionInput): Sections {
  const findings = readFindings(input.thread);
  const worked = findings.findings
    .filter((f) => f.kind === "worked")
    .sort(
      (a, b) =>
        Number(b.voice.maintainer) - Number(a.voice.maintainer) ||
        b.voice.plusOnes - a.voice.plusOnes ||
        a.voice.order - b.voice.order,
    );
  const ctx: Ctx = {
    ...input,
    findings,
    // A pull request's linked issues are what it fixes, not similar reports.
    similar:
      input.thread.kind === "pull"
        ? []
        : similarIssues(input.thread, input.links, input.error ? errorGist(input.error.message) : null).filter(
            (l) => !l.relations.includes("duplicate-of"),
          ),
    duplicateOf: input.links.filter((l) => l.depth === 1 && l.relations.includes("duplicate-of")),
    worked,
    threadCite: { label: formatRef(input.thread.ref), url: input.thread.url },
    asOf: day(input.fetchedAt),
  };
  return {
    tldr: tldr(ctx),
    guidance: guidance(ctx),
    example: example(ctx),
    notes: notes(ctx),
    recommendation: recommendation(ctx),
  };
}

// ---- citations and wording ------------------------------------------------------------------

const kindWord = (t: Thread): string => (t.kind === "pull" ? "pull request" : "issue");

function voiceCite(v: Voice, t: Thread): Citation {
  if (v.source === "body") return { label: `${kindWord(t)} body`, url: v.url };
  return { label: `comment by ${v.login ?? "a deleted user"}`, url: v.url };
}

const linkCite = (l: ReportLink): Citation => ({ label: l.ref, url: l.url });
const pullCite = (p: FixPull): Citation => ({ label: p.ref, url: p.url });

function who(v: Voice): string {
  if (v.source === "body")
    return v.maintainer && v.login ? `the reporter ${v.login} (${v.association})` : "the reporter";
  const name = v.login ?? "a deleted user";
  if (v.maintainer) return `maintainer ${name} (${v.association})`;
  if (v.isAuthor) return `the reporter (${name})`;
  return name;
}

function stateLine(t: Thread): string {
  if (t.kind === "pull") {
    if (t.pull?.merged) return "Merged pull request";
    return t.state === "open"
      ? `Open${t.pull?.draft ? " draft" : ""} pull request`
      : "Pull request closed without merging";
  }
  if (t.state === "open") return "Open issue";
  return t.stateReason && t.stateReason !== "reopened" ? `Issue closed ${reasonPhrase(t.stateReason)}` : "Closed issue";
}

/** "as completed", "as not planned", "as a duplicate". */
function reasonPhrase(reason: string): string {
  if (reason === "duplicate") return "as a duplicate";
  return `as ${reason.replace(/_/g, " ")}`;
}

const notableLabels = (t: Thread): string[] => t.labels.filter((l) => NOTABLE_LABEL.test(l));
const refs = (links: readonly ReportLink[]): string => list(links.slice(0, MAX_CITED_LINKS).map((l) => l.ref));
const more = (links: readonly ReportLink[]): string =>
  links.length > MAX_CITED_LINKS ? ` and ${links.length - MAX_CITED_LINKS} more` : "";

function mergedPhrase(p: FixPull): string {
  const parts = [p.mergedAt ? `merged ${day(p.mergedAt)}` : "merged"];
  if (p.releasedIn) parts.push(`released in ${p.releasedIn}`);
  return `${p.ref} (${parts.join(", ")})`;
}

// ---- TL;DR ----------------------------------------------------------------------------------

function tldr(c: Ctx): Statement[] {
  const { thread, error, findings } = c;
  const labels = thread.labels.filter((l) => CAVEAT_LABEL.test(l));
  let first = stateLine(thread);
  if (labels.length > 0) first += ` (labelled ${list(labels.map((l) => `"${l}"`))})`;
  first += `: ${quote(thread.title, 140)}`;
  if (error) {
    // A bare message (no "Error:" head of its own) reads as a quotation.
    const gist = errorGist(error.message);
    first += `, reporting ${error.kind === "quoted" || error.kind === "prose" ? quote(gist, 200) : gist}`;
  }
  const extras: string[] = [];
  const same = findings.sameHere.length;
  if (same > 0) extras.push(`${plural(same, "commenter")} ${same === 1 ? "reports" : "report"} the same problem`);
  if (c.similar.length > 0) {
    extras.push(
      `${plural(c.similar.length, "linked issue")} ${c.similar.length === 1 ? "describes" : "describe"} a similar one`,
    );
  }
  if (extras.length > 0) first += `; ${list(extras)}`;
  const firstCites: Citation[] = [c.threadCite];
  if (error && error.source === "comment") firstCites.push({ label: "comment with the error", url: error.url });
  for (const s of findings.sameHere) firstCites.push(voiceCite(s.voice, thread));
  for (const l of c.similar.slice(0, MAX_CITED_LINKS)) firstCites.push(linkCite(l));
  return [{ text: endSentence(first), citations: dedupeCitations(firstCites) }, tldrOutcome(c)];
}

function tldrOutcome(c: Ctx): Statement {
  const { fix } = c;
  const merged = fix.pulls.filter((p) => p.merged);
  const best = c.worked[0];
  const workaround = best ? `; the best reported workaround, from ${who(best.voice)}: ${quote(best.text, 160)}` : ".";
  const wCite = best ? [voiceCite(best.voice, c.thread)] : [];
  if (c.thread.kind === "pull") return { text: fix.summary, citations: [c.threadCite] };
  switch (fix.status) {
    case "fixed":
      if (merged.length > 0) {
        return { text: `Fixed by ${list(merged.map(mergedPhrase))}.`, citations: merged.map(pullCite) };
      }
      return { text: fix.summary, citations: closingCommitCites(c) };
    case "fix-open": {
      const open = fix.pulls.filter((p) => !p.merged);
      const text = `A fix is proposed in ${list(open.map((p) => p.ref))} but not merged${
        best ? `; until then, ${who(best.voice)} reports: ${quote(best.text, 140)}` : ", and no workaround is reported"
      }.`;
      return { text, citations: [...open.map(pullCite), ...wCite] };
    }
    case "fix-unmerged": {
      const closed = fix.pulls.filter((p) => !p.merged);
      const text = `The proposed fix in ${list(closed.map((p) => p.ref))} was closed without merging, so no fix is known${
        best ? `; ${who(best.voice)} reports a workaround: ${quote(best.text, 140)}` : " and no workaround is reported"
      }.`;
      return { text, citations: [...closed.map(pullCite), ...wCite] };
    }
    case "none": {
      if (c.duplicateOf.length > 0) {
        return {
          text: `It is marked as a duplicate of ${refs(c.duplicateOf)} and no fix is linked here${workaround}`,
          citations: [...c.duplicateOf.map(linkCite), ...wCite],
        };
      }
      if (best) return { text: `No fix is linked${workaround}`, citations: [c.threadCite, ...wCite] };
      if (c.thread.state === "closed" && c.thread.stateReason === "completed") {
        const when = c.thread.closedAt ? ` on ${day(c.thread.closedAt)}` : "";
        return {
          text: `It was closed as completed${when}, but no fix or workaround is linked.`,
          citations: [c.threadCite],
        };
      }
      return { text: `No fix or workaround is known as of ${c.asOf}.`, citations: [c.threadCite] };
    }
  }
}

function closingCommitCites(c: Ctx): Citation[] {
  const out: Citation[] = [];
  for (const commit of c.commits) {
    if (commit.url && commit.evidence.some((e) => e.event === "closed")) {
      out.push({ label: `commit ${commit.sha.slice(0, 7)}`, url: commit.url });
    }
  }
  return out.length > 0 ? out : [c.threadCite];
}

// ---- Guidance -------------------------------------------------------------------------------

function guidance(c: Ctx): Statement[] {
  const { thread, fix, findings } = c;
  const out: Statement[] = [];
  const merged = fix.pulls.filter((p) => p.merged);
  const proposals = fix.pulls.filter((p) => !p.merged);

  if (thread.kind === "pull") {
    out.push({ text: fix.summary, citations: [c.threadCite] });
    for (const l of c.links.filter((x) => x.depth === 1 && x.relations.includes("closes"))) {
      const title = l.title ? ` (${quote(l.title, 100)})` : "";
      const verb = thread.pull?.merged
        ? "It closed"
        : thread.state === "open"
          ? "It would close"
          : "It would have closed";
      out.push({ text: `${verb} ${l.ref}${title}.`, citations: [linkCite(l)] });
    }
  } else if (merged.length > 0) {
    for (const p of merged) {
      const text = p.releasedIn
        ? `Upgrade to ${p.releasedIn} or later: it contains ${p.ref}, which fixed this${p.mergedAt ? ` (merged ${day(p.mergedAt)})` : ""}.`
        : `Use a build that includes ${p.ref}, which fixed this${p.mergedAt ? ` (merged ${day(p.mergedAt)})` : ""}; no release containing it is known to this report.`;
      out.push({ text, citations: [pullCite(p)] });
    }
  } else if (fix.status === "fixed") {
    out.push({ text: `${fix.summary} Use a build that contains that commit.`, citations: closingCommitCites(c) });
  }
  if (thread.kind === "issue") {
    for (const p of proposals) {
      const text =
        p.state === "closed"
          ? `${p.ref} proposed a fix but was closed without merging, so it does not fix this.`
          : `${p.ref} would close this issue but is not merged${p.state === "open" ? " yet" : " (its state is unknown)"}; follow it for progress.`;
      out.push({ text, citations: [pullCite(p)] });
    }
  }
  for (const l of c.duplicateOf) {
    const title = l.title ? ` (${quote(l.title, 100)})` : "";
    out.push({
      text: `This is marked as a duplicate of ${l.ref}${title}; follow that issue instead.`,
      citations: [linkCite(l)],
    });
  }
  if (merged.length === 0 && fix.status !== "fixed" && c.worked.length === 0 && thread.kind === "issue") {
    out.unshift({ text: "No workaround or fix has been reported in this thread.", citations: [c.threadCite] });
  }
  for (const f of c.worked.slice(0, MAX_WORKED)) {
    const votes = f.voice.plusOnes > 0 ? ` (👍 ${f.voice.plusOnes})` : "";
    out.push({
      text: `Reported to work by ${who(f.voice)}${votes}: ${quote(f.text)}`,
      citations: [voiceCite(f.voice, thread)],
    });
  }
  for (const f of byKind(findings, "temporary").slice(0, MAX_TEMPORARY)) {
    out.push({
      text: `Helped only for a while, per ${who(f.voice)}: ${quote(f.text)}`,
      citations: [voiceCite(f.voice, thread)],
    });
  }
  for (const f of byKind(findings, "did-not-help").slice(0, MAX_NEGATIVE)) {
    out.push({ text: `Did not help, per ${who(f.voice)}: ${quote(f.text)}`, citations: [voiceCite(f.voice, thread)] });
  }
  for (const t of findings.tried) {
    const items = t.items.slice(0, 8).map((i) => clip(i, 80));
    out.push({
      text: `Already tried by ${who(t.voice)} without solving it: ${items.join("; ")}.`,
      citations: [voiceCite(t.voice, thread)],
    });
  }
  for (const f of byKind(findings, "maintainer").slice(0, MAX_MAINTAINER)) {
    out.push({ text: `${capitalise(who(f.voice))} wrote: ${quote(f.text)}`, citations: [voiceCite(f.voice, thread)] });
  }
  if (c.similar.length > 0) {
    out.push({
      text: `Follow the linked reports of a similar problem for updates: ${refs(c.similar)}${more(c.similar)}.`,
      citations: c.similar.slice(0, MAX_CITED_LINKS).map(linkCite),
    });
  }
  if (out.length === 0) {
    out.push({ text: "The thread reports no steps that were tried, worked or failed.", citations: [c.threadCite] });
  }
  return out;
}

const byKind = (f: Findings, kind: Finding["kind"]): Finding[] => f.findings.filter((x) => x.kind === kind);
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ---- Example --------------------------------------------------------------------------------

function example(c: Ctx): Sections["example"] {
  const pick = [...c.findings.examples].sort(
    (a, b) =>
      Number(b.voice.maintainer) - Number(a.voice.maintainer) ||
      b.voice.plusOnes - a.voice.plusOnes ||
      a.voice.order - b.voice.order,
  )[0];
  if (!pick) return null;
  return {
    code: pick.code,
    language: pick.language,
    citations: [voiceCite(pick.voice, c.thread)],
    caption: `Quoted from ${who(pick.voice)}, who wrote: ${quote(pick.cue, 160)}`,
  };
}

// ---- Notes ----------------------------------------------------------------------------------

function notes(c: Ctx): Statement[] {
  const { thread, findings, error } = c;
  const out: Statement[] = [];
  const env = environmentFacts(thread.body);
  if (env.length > 0) {
    out.push({
      text: `Reporter's environment: ${env.map((e) => `${e.key}: ${e.value}`).join("; ")}.`,
      citations: [c.threadCite],
    });
  }
  if (findings.sameHere.length > 0) {
    const names = findings.sameHere.map((s) => s.voice.login ?? "a deleted user");
    const mentioned = uniqueBy(
      findings.sameHere.flatMap((s) => mentionedEnvironment(s.text)),
      (m) => m.toLowerCase().replace(/^v(?=\d)/, ""),
    ).slice(0, 8);
    const envText = mentioned.length > 0 ? `, mentioning ${list(mentioned)}` : "";
    out.push({
      text: `${plural(names.length, "other person", "other people")} ${names.length === 1 ? "reports" : "report"} the same problem in comments (${list(names)})${envText}.`,
      citations: findings.sameHere.map((s) => voiceCite(s.voice, thread)),
    });
  }
  if (error?.source === "comment") {
    out.push({
      text: "The body quotes no error message; the one shown is taken from a comment.",
      citations: [{ label: "comment with the error", url: error.url }],
    });
  }
  for (const label of notableLabels(thread)) {
    const e = lastLabeled(thread, label);
    const by = e
      ? ` by ${e.actor ?? "an unknown account"}${e.actor?.endsWith("[bot]") ? " (a bot)" : ""} on ${day(e.createdAt)}`
      : "";
    out.push({ text: `Labelled "${label}"${by}.`, citations: [c.threadCite] });
  }
  const closed = lastClosed(thread);
  if (thread.state === "closed" && closed) {
    const how = closed.stateReason ? ` ${reasonPhrase(closed.stateReason)}` : "";
    const bot = closed.actor?.endsWith("[bot]") ? " (a bot account)" : "";
    out.push({
      text: `Closed${how} by ${closed.actor ?? "an unknown account"}${bot} on ${day(closed.createdAt)}.`,
      citations: [c.threadCite],
    });
  }
  if (thread.locked) {
    const why = thread.activeLockReason ? ` (reason: ${thread.activeLockReason.replace("_", " ")})` : "";
    out.push({ text: `The conversation is locked${why}; only collaborators can comment.`, citations: [c.threadCite] });
  }
  if (thread.movedFrom) {
    out.push({ text: `Transferred from ${formatRef(thread.movedFrom)}.`, citations: [c.threadCite] });
  }
  const worked = findings.findings.filter((f) => f.kind === "worked");
  const failed = findings.findings.filter((f) => f.kind === "did-not-help");
  if (worked.length > 0 && failed.length > 0) {
    out.push({
      text: `Reports differ: ${plural(worked.length, "statement")} ${worked.length === 1 ? "says" : "say"} something helped and ${plural(failed.length, "statement")} ${failed.length === 1 ? "says" : "say"} a step did not help; see Guidance.`,
      citations: dedupeCitations([...worked, ...failed].map((f) => voiceCite(f.voice, thread))).slice(0, 6),
    });
  }
  if (out.length === 0) {
    out.push({
      text: "The thread gives no environment details, notable labels or other notes.",
      citations: [c.threadCite],
    });
  }
  return out;
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

// ---- Recommendation -------------------------------------------------------------------------

function recommendation(c: Ctx): Statement {
  const { fix, thread } = c;
  const merged = fix.pulls.filter((p) => p.merged);
  const best = c.worked[0];
  if (thread.kind === "pull") return pullRecommendation(c);
  const released = merged.find((p) => p.releasedIn);
  if (released) return { text: `Upgrade to ${released.releasedIn} or later.`, citations: [pullCite(released)] };
  if (merged[0]) return { text: `Use a build that includes ${merged[0].ref}.`, citations: [pullCite(merged[0])] };
  if (fix.status === "fixed")
    return { text: "Use a build that contains the commit that closed this issue.", citations: closingCommitCites(c) };
  const dup = c.duplicateOf[0];
  if (dup) return { text: `Follow ${dup.ref}, which this issue duplicates.`, citations: [linkCite(dup)] };
  if (best) {
    const lead =
      thread.state === "closed" && thread.stateReason === "completed"
        ? `It was closed as completed${thread.closedAt ? ` on ${day(thread.closedAt)}` : ""} without a linked fix; on older versions, apply`
        : "Until a fix is merged, apply";
    return {
      text: `${lead} the workaround reported by ${who(best.voice)}: ${quote(best.text, 160)}`,
      citations: [voiceCite(best.voice, thread)],
    };
  }
  const open = fix.pulls.filter((p) => !p.merged && p.state !== "closed");
  if (open.length > 0)
    return {
      text: `Follow ${list(open.map((p) => p.ref))}, which would close this issue once merged.`,
      citations: open.map(pullCite),
    };
  if (thread.state === "closed" && thread.stateReason === "completed") {
    const when = thread.closedAt ? ` on ${day(thread.closedAt)}` : "";
    return {
      text: `It was closed as completed${when} without a linked fix: use a version released after that date.`,
      citations: [c.threadCite],
    };
  }
  if (thread.state === "closed") {
    return {
      text: `Do not wait on this thread: it was closed${thread.stateReason ? ` ${reasonPhrase(thread.stateReason)}` : ""} with no fix or workaround.`,
      citations: [c.threadCite],
    };
  }
  const watch = c.similar.length > 0 ? ` and the linked reports (${refs(c.similar)}${more(c.similar)})` : "";
  return {
    text: `No fix or workaround is known as of ${c.asOf}: subscribe to this ${kindWord(thread)}${watch} for updates.`,
    citations: [c.threadCite, ...c.similar.slice(0, MAX_CITED_LINKS).map(linkCite)],
  };
}

function pullRecommendation(c: Ctx): Statement {
  const self = c.fix.pulls[0];
  const cite = [c.threadCite];
  if (self?.merged && self.releasedIn)
    return { text: `Use ${self.releasedIn} or later to get this change.`, citations: cite };
  if (self?.merged) return { text: "Use a build that includes this pull request's merge.", citations: cite };
  if (c.thread.state === "open") return { text: "Follow this pull request for its review and merge.", citations: cite };
  return { text: "Do not count on this change: it was closed without merging.", citations: cite };
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const x of items) {
    const k = key(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}

const dedupeCitations = (cites: Citation[]): Citation[] => uniqueBy(cites, (c) => c.url);
