// Guidance (ordered steps, strongest evidence first) and the Example (the command, config or code
// reported to work, quoted from the thread). Strength: a released fix, a merged fix, workarounds by
// independent confirmations, a proposed fix, maintainer statements; then what had a cost, what did
// not help, and where to follow the problem.

import { capitalise, clip, day, endSentence, list, plural } from "../text/format.js";
import type { Citation, FixPull, Sections, Statement } from "../thread/report.js";
import * as cite from "./cite.js";
import type { Finding } from "./findings.js";
import {
  byKind,
  type Ctx,
  MAX_CITED_LINKS,
  MAX_MAINTAINER,
  MAX_NEGATIVE,
  MAX_TEMPORARY,
  MAX_WORKED,
  more,
  refs,
  who,
} from "./section-context.js";
import { releaseOnRecord, storedIssueCites } from "./section-facts.js";
import { regressionCites } from "./section-tldr.js";
import { quote, quoteExact } from "./text.js";
import type { RankedWorkaround } from "./workarounds.js";

/** What to do, in the order a reader acts on it: the fix, workarounds, leads, then what is known not to work. */
export function guidance(c: Ctx): Statement[] {
  const merged = c.fix.pulls.filter((p) => p.merged);
  const out = [
    ...nothingKnown(c, merged),
    ...(c.thread.kind === "pull" ? pullSteps(c) : merged.length > 0 ? mergedFixSteps(c, merged) : commitFixSteps(c)),
    ...releasedOnRecord(c, merged),
    ...workaroundSteps(c),
    ...storedLeads(c),
    ...proposalSteps(c),
    ...duplicateSteps(c),
    ...cautionSteps(c),
    ...triedSteps(c),
    ...follow(c),
  ];
  if (out.length === 0) {
    out.push({ text: "The thread reports no steps that were tried, worked or failed.", citations: [c.threadCite] });
  }
  return out;
}

/** A pull request: its own fix status and the issues it closes (or would close). */
function pullSteps(c: Ctx): Statement[] {
  const { thread } = c;
  const verb = thread.pull?.merged ? "It closed" : thread.state === "open" ? "It would close" : "It would have closed";
  return [
    { text: c.fix.summary, citations: [c.threadCite] },
    ...c.links
      .filter((x) => x.depth === 1 && x.relations.includes("closes"))
      .map((l) => ({ text: `${verb} ${l.ref}${titleAside(l.title)}.`, citations: [cite.link(l)] })),
  ];
}

const titleAside = (title: string | null): string => (title ? ` (${quoteExact(title, 100)})` : "");

/** Each merged fix: the release to upgrade to, or the build to use; then any report after it. */
function mergedFixSteps(c: Ctx, merged: readonly FixPull[]): Statement[] {
  const out = merged.map((p) => mergedFixStep(c, p));
  const r = c.regression;
  if (r) {
    const by = [
      ...r.comments.map((x) => `${x.login} (${day(x.at)})`),
      ...r.issues.map((x) => `${x.ref} (${day(x.at)})`),
    ];
    out.push({
      text: `Possible regression: reported again after ${r.after.what} by ${list(by.slice(0, 6))}; check those reports before relying on the fix.`,
      citations: regressionCites(c),
    });
  }
  return out;
}

function mergedFixStep(c: Ctx, p: FixPull): Statement {
  const when = p.mergedAt ? ` (merged ${day(p.mergedAt)})` : "";
  const release = cite.release(p, c.thread.ref.host);
  if (p.releasedIn) {
    const on = p.releasedAt ? `, released ${day(p.releasedAt)}` : "";
    return {
      text: `Upgrade to ${p.releasedIn} or later${on}: it contains ${p.ref}, which fixed this${when}.`,
      citations: release ? [cite.pull(p), release] : [cite.pull(p)],
    };
  }
  return {
    text: c.lookedUp.has(p.ref)
      ? `${p.ref} fixed this${when}, but no release containing it was found as of ${c.asOf}: use a build that includes it.`
      : `Use a build that includes ${p.ref}, which fixed this${when}; no release containing it is known to this report.`,
    citations: [cite.pull(p)],
  };
}

/** Fixed by a closing commit rather than a pull request. */
const commitFixSteps = (c: Ctx): Statement[] =>
  c.fix.status === "fixed"
    ? [{ text: `${c.fix.summary} Use a build that contains that commit.`, citations: cite.closingCommits(c) }]
    : [];

/** A release a maintainer or bot named as containing the fix, when no merged pull request is linked. */
function releasedOnRecord(c: Ctx, merged: readonly FixPull[]): Statement[] {
  const released = releaseOnRecord(c);
  if (!released || merged.length > 0 || c.thread.kind !== "issue") return [];
  return [
    {
      text: endSentence(
        `Upgrade to ${released.version} or later: ${who(released.voice)} wrote ${quote(released.text)}`,
      ),
      citations: [cite.voice(released.voice, c.thread)],
    },
  ];
}

/** An issue with no fix, no release on record and nothing that worked says so first. */
function nothingKnown(c: Ctx, merged: readonly FixPull[]): Statement[] {
  const worked = c.workarounds.some((w) => w.kind === "worked");
  if (c.thread.kind !== "issue" || merged.length > 0 || c.fix.status === "fixed" || worked || releaseOnRecord(c)) {
    return [];
  }
  const others = c.workarounds.some((w) => w.kind === "suggested" || w.kind === "conditional");
  return [
    {
      text: others
        ? `No fix, and nothing reported to work, as of the last activity on ${c.asOf}; what was proposed or observed follows.`
        : `No workaround or fix has been reported in this thread as of the last activity on ${c.asOf}.`,
      citations: [cite.asOf(c)],
    },
  ];
}

/** A workaround quoted with who said it. */
function quotedWorkarounds(c: Ctx, kind: RankedWorkaround["kind"], max: number, lead: (who: string) => string) {
  return c.workarounds
    .filter((w) => w.kind === kind)
    .slice(0, max)
    .map((w) => ({
      text: endSentence(`${lead(who(w.finding.voice))}: ${quote(w.text)}`),
      citations: [cite.workaround(w, c.thread)],
    }));
}

/** What worked (with its support), then what was proposed, then where it does or does not happen. */
const workaroundSteps = (c: Ctx): Statement[] => [
  ...c.workarounds
    .filter((w) => w.kind === "worked")
    .slice(0, MAX_WORKED)
    .map((w) => workaroundStep(w, c)),
  ...quotedWorkarounds(c, "suggested", MAX_WORKED, (by) => `Proposed by ${by}, not yet confirmed to work`),
  ...quotedWorkarounds(c, "conditional", MAX_WORKED, (by) => `Where it does or does not happen, per ${by}`),
];

/** Unmerged pull requests of an issue: not a fix. */
const proposalSteps = (c: Ctx): Statement[] =>
  c.thread.kind !== "issue"
    ? []
    : c.fix.pulls
        .filter((p) => !p.merged)
        .map((p) => ({
          text:
            p.state === "closed"
              ? `${p.ref} proposed a fix but was closed without merging, so it does not fix this.`
              : `${p.ref} would close this issue but is not merged${p.state === "open" ? " yet" : " (its state is unknown)"}; follow it for progress.`,
          citations: [cite.pull(p)],
        }));

const duplicateSteps = (c: Ctx): Statement[] =>
  c.duplicateOf.map((l) => ({
    text: `This is marked as a duplicate of ${l.ref}${titleAside(l.title)}; follow that issue instead.`,
    citations: [cite.link(l)],
  }));

/** A finding quoted with who said it. */
const quotedFindings = (c: Ctx, kind: Finding["kind"], max: number, lead: (who: string) => string) =>
  byKind(c.findings, kind)
    .slice(0, max)
    .map((f) => ({
      text: endSentence(`${lead(who(f.voice))}: ${quote(f.text)}`),
      citations: [cite.voice(f.voice, c.thread)],
    }));

/** What helped only for a while, what maintainers said, costs, and what did not help. */
const cautionSteps = (c: Ctx): Statement[] => [
  ...quotedWorkarounds(c, "temporary", MAX_TEMPORARY, (by) => `Helped only for a while, per ${by}`),
  ...quotedFindings(c, "maintainer", MAX_MAINTAINER, (by) => `${capitalise(by)} wrote`),
  ...quotedFindings(c, "caveat", MAX_NEGATIVE, (by) => `Caution, per ${by}`),
  ...quotedFindings(c, "did-not-help", MAX_NEGATIVE, (by) => `Did not help, per ${by}`),
];

/** "What I tried" lists. */
const triedSteps = (c: Ctx): Statement[] =>
  c.findings.tried.map((t) => ({
    text: `Already tried by ${who(t.voice)} without solving it: ${t.items
      .slice(0, 8)
      .map((i) => clip(i, 80))
      .join("; ")}.`,
    citations: [cite.voice(t.voice, c.thread)],
  }));

function workaroundStep(w: RankedWorkaround, c: Ctx): Statement {
  const people = w.confirmedBy.map((x) => x.login);
  const thumbs = w.confirmations - w.confirmedBy.length;
  const support: string[] = [];
  if (people.length > 0)
    support.push(
      `confirmed by ${list(people.slice(0, 5))}${people.length > 5 ? ` and ${people.length - 5} more` : ""}`,
    );
  if (thumbs > 0) support.push(`👍 ${thumbs}`);
  const against =
    w.contradictedBy.length > 0 ? `; ${list(w.contradictedBy.map((x) => x.login))} said it did not help them` : "";
  const head =
    w.confirmations > 0
      ? `Workaround reported by ${who(w.finding.voice)} (${support.join(", ")})`
      : `Reported to work by ${who(w.finding.voice)} (not yet confirmed by others)`;
  const cites: Citation[] = [
    cite.workaround(w, c.thread),
    ...w.confirmedBy.map((x) => ({ label: `confirmation by ${x.login}`, url: x.url })),
    ...w.contradictedBy.map((x) => ({ label: `comment by ${x.login}`, url: x.url })),
  ];
  return { text: endSentence(`${head}: ${quote(w.text)}${against}`), citations: cite.dedupe(cites).slice(0, 8) };
}

/**
 * Stored issues with the same error that were fixed or closed: where a cause or fix may already be
 * known. Only when this thread has neither.
 */
function storedLeads(c: Ctx): Statement[] {
  // A lead must carry a fix or a workaround: "closed as completed" alone points at nothing to apply.
  const leads = (c.sameError?.fixedOrWorkaround ?? []).filter((f) => !/^closed as completed$/i.test(f.how.trim()));
  if (c.thread.kind !== "issue" || c.fix.status === "fixed" || leads.length === 0) return [];
  const shown = leads.slice(0, 3);
  const cites = storedIssueCites(
    c,
    shown.map((f) => f.ref),
  );
  const items = shown.map((f) => `${f.ref} (${quoteExact(f.title, 120)}: ${f.how})`);
  return [
    {
      text: `Check the stored ${leads.length === 1 ? "issue" : "issues"} with the same error that ${leads.length === 1 ? "has" : "have"} a fix or workaround on record, in case ${leads.length === 1 ? "it applies" : "one applies"}: ${list(items)}.`,
      citations: cites.length > 0 ? cites : [c.threadCite],
    },
  ];
}

/** Where to follow the problem: open same-error issues first, then similar ones. */
function follow(c: Ctx): Statement[] {
  const out: Statement[] = [];
  const same = c.cluster.map((x) => x.link);
  const open = same.filter((l) => l.state === "open");
  if (same.length > 0) {
    const which = open.length > 0 ? open : same;
    const state = open.length > 0 ? (open.length === 1 ? "the open one" : "the open ones") : "all closed";
    out.push({
      text: `Follow the linked issues with the same ${c.error ? "error" : "problem"} for a fix (${state}: ${refs(which)}${more(which)}).`,
      citations: which.slice(0, MAX_CITED_LINKS).map(cite.link),
    });
  }
  if (c.similar.length > 0) {
    out.push({
      text: `Linked reports of a similar problem (${plural(c.similar.length, "issue")}): ${refs(c.similar)}${more(c.similar)}.`,
      citations: c.similar.slice(0, MAX_CITED_LINKS).map(cite.link),
    });
  }
  return out;
}

export function example(c: Ctx): Sections["example"] {
  // The best-supported workaround's own code first; otherwise any code offered as working.
  // A bare version ("0.7.5") is no example to copy; the workaround's words already name it.
  const top = c.workarounds.find(
    (w) => w.kind === "worked" && w.code !== null && !/^v?\d+(?:\.\d+)*$/.test(w.code.trim()),
  );
  if (top?.code) {
    const ex = c.findings.examples.find((e) => e.voice.url === top.url && e.code === top.code);
    const support = top.confirmations > 0 ? `, confirmed by ${plural(top.confirmations, "person", "people")},` : "";
    return {
      code: top.code,
      language: ex?.language ?? null,
      citations: [
        cite.workaround(top, c.thread),
        ...top.confirmedBy.map((x) => ({ label: `confirmation by ${x.login}`, url: x.url })),
      ],
      caption: `Quoted from ${who(top.finding.voice)}${support} who wrote: ${quote(ex?.cue ?? top.text, 160)}`,
    };
  }
  const pick = c.findings.examples
    .filter((e) => e.offered === "worked")
    .sort(
      (a, b) =>
        Number(b.voice.maintainer) - Number(a.voice.maintainer) ||
        b.voice.plusOnes - a.voice.plusOnes ||
        a.voice.order - b.voice.order,
    )[0];
  if (!pick) return null;
  return {
    code: pick.code,
    language: pick.language,
    citations: [cite.voice(pick.voice, c.thread)],
    caption: `Quoted from ${who(pick.voice)}, who wrote: ${quote(pick.cue, 160)}`,
  };
}
