// TL;DR: two sentences. The first says what the thread is and how common it is (state, caveat
// labels, title, error, reporters here, linked issues with the same error, stored issues with the
// same error signature). The second says where it stands as of the snapshot: the fix and its
// release, the best-confirmed workaround, or that none is on record, with the reporters' reading of
// the cause and what they tried without success.

import { capitalise, day, endSentence, list, plural } from "../text/format.js";
import type { Citation, Statement } from "../thread/report.js";
import * as cite from "./cite.js";
import {
  CAVEAT_LABEL,
  type Ctx,
  MAX_CITED_LINKS,
  mergedPhrase,
  refs,
  reporterCount,
  stateLine,
  who,
} from "./section-context.js";
import { byCauseStrength, failedSteps, maintainerSpoke, releaseOnRecord, sameErrorCiteList } from "./section-facts.js";
import { errorGist, quote, quoteExact, stepWords } from "./text.js";

/** A maintainer signs a TL;DR of two sentences, about 60 words, with at most 3 citations. */
const TLDR_MAX_CITATIONS = 3;
const ERROR_GIST = 110;
const QUOTE = 120;

export function tldr(c: Ctx): Statement[] {
  const what = tldrWhat(c);
  const outcome = tldrOutcome(c);
  // The outcome's sources matter most; the first sentence keeps the thread and what room is left.
  const outCites = cite.dedupe(outcome.citations).slice(0, TLDR_MAX_CITATIONS - 1);
  const left = TLDR_MAX_CITATIONS - outCites.length;
  return [
    { text: what.text, citations: cite.dedupe(what.citations).slice(0, Math.max(1, left)) },
    { text: outcome.text, citations: outCites },
  ];
}

const normalised = (s: string): string => s.toLowerCase().replace(/\s+/g, " ").trim();

/** The state and how common it is, never the title (the report's heading already shows it). */
function tldrWhat(c: Ctx): Statement {
  const { thread, error, findings } = c;
  let first = stateLine(thread);
  if (thread.kind === "issue" && thread.state === "closed" && thread.closedAt) first += ` on ${day(thread.closedAt)}`;
  const labels = thread.labels.filter((l) => CAVEAT_LABEL.test(l));
  if (labels.length > 0) {
    const byBot = labels.every((l) => labelActor(c, l)?.endsWith("[bot]"));
    first += ` (labelled ${list(labels.map((l) => `"${l}"`))}${byBot ? " by a bot" : ""})`;
  }
  // The error, unless it is the title itself (the heading already shows it).
  const titleIsError =
    error !== null && normalised(error.message).includes(normalised(thread.title).replace(/[.…]+$/, ""));
  if (error && !titleIsError) {
    // A bare message (no "Error:" head of its own) reads as a quotation.
    const gist = errorGist(error.message, ERROR_GIST);
    first += ` reporting ${error.kind === "quoted" || error.kind === "prose" ? quoteExact(gist, ERROR_GIST + 10) : gist}`;
  }
  const cites: Citation[] = [c.threadCite];
  if (error && error.source === "comment") cites.push({ label: "comment with the error", url: error.url });
  const extras: string[] = [];
  if (findings.sameHere.length > 0) extras.push(`${reporterCount(c)} people report it here`);
  const same = c.cluster.filter((x) => x.why !== "duplicate").map((x) => x.link);
  const dups = c.cluster.filter((x) => x.why === "duplicate").map((x) => x.link);
  if (same.length > 0) {
    const what = error ? "the same error" : "the same problem";
    extras.push(`${plural(same.length, "linked issue")} ${same.length === 1 ? "reports" : "report"} ${what}`);
    cites.push(...same.slice(0, 1).map(cite.link));
  }
  if (dups.length > 0) {
    extras.push(`${plural(dups.length, "issue")} ${dups.length === 1 ? "is" : "are"} marked as a duplicate of it`);
    cites.push(...dups.slice(0, 1).map(cite.link));
  }
  // The store may know more issues with this error than the thread links to.
  const stored = c.sameError?.count ?? 0;
  if (stored > same.length) {
    extras.push(`${plural(stored, "stored issue")} share its error signature`);
    cites.push(...sameErrorCiteList(c).slice(0, 1));
  }
  if (same.length === 0 && dups.length === 0 && c.similar.length > 0) {
    extras.push(
      `${plural(c.similar.length, "linked issue")} ${c.similar.length === 1 ? "describes" : "describe"} a similar one`,
    );
    cites.push(...c.similar.slice(0, 1).map(cite.link));
  }
  if ((!error || titleIsError) && extras.length === 0 && thread.kind === "issue") {
    first += `, filed by ${thread.author?.login ?? "a deleted user"} on ${day(thread.createdAt)}`;
  }
  if (extras.length > 0) first += `; ${list(extras.slice(0, 3))}`;
  return { text: endSentence(first), citations: cite.dedupe(cites) };
}

/** Where it stands, and the single most actionable step. */
function tldrOutcome(c: Ctx): Statement {
  const { fix, thread } = c;
  if (thread.kind === "pull") return { text: fix.summary, citations: [c.threadCite] };
  const merged = fix.pulls.filter((p) => p.merged);
  const step = bestStep(c);
  switch (fix.status) {
    case "fixed": {
      if (merged.length === 0) return { text: fix.summary, citations: cite.closingCommits(c) };
      const releases = merged.flatMap((p) => cite.release(p, thread.ref.host) ?? []);
      const unreleased = merged.every((p) => !p.releasedIn && c.lookedUp.has(p.ref));
      const released = merged.find((p) => p.releasedIn);
      let text = `Fixed by ${list(merged.map(mergedPhrase))}`;
      if (released) text += `: upgrade to ${released.releasedIn} or later`;
      else if (unreleased) text += `, but no release containing it was found as of ${c.asOf}`;
      const cites = [...releases, ...merged.map(cite.pull)];
      if (c.regression) {
        const n = c.regression.comments.length + c.regression.issues.length;
        text += `; ${plural(n, "report")} after ${c.regression.after.what} ${n === 1 ? "suggests" : "suggest"} a possible regression`;
        cites.push(...regressionCites(c));
      }
      return { text: endSentence(text), citations: cite.dedupe(cites) };
    }
    case "fix-open": {
      const open = fix.pulls.filter((p) => !p.merged);
      const text = `A fix is proposed in ${list(open.map((p) => p.ref))} but not merged as of ${c.asOf}${
        step ? `; until then, ${step.phrase}` : ", and no workaround is reported"
      }`;
      return { text: endSentence(text), citations: [...open.map(cite.pull), ...(step?.citations ?? [cite.asOf(c)])] };
    }
    case "fix-unmerged": {
      const closed = fix.pulls.filter((p) => !p.merged);
      const text = `The proposed fix in ${list(closed.map((p) => p.ref))} was closed without merging, so no fix is known${
        step ? `; ${step.phrase}` : " and no workaround is reported"
      }`;
      return { text: endSentence(text), citations: [...closed.map(cite.pull), ...(step?.citations ?? [])] };
    }
    case "none":
      return noneOutcome(c, step);
  }
}

type Step = { phrase: string; citations: Citation[]; worked: boolean };

/** The one step to name: what worked, what helped for a while, what was proposed, where it does not happen. */
function bestStep(c: Ctx): Step | null {
  const { thread } = c;
  const by = (kind: string) => c.workarounds.find((w) => w.kind === kind);
  const worked = by("worked");
  if (worked) {
    const support = worked.confirmations > 0 ? ` (${plural(worked.confirmations, "confirmation")})` : "";
    return {
      phrase: `the best-supported workaround${support}, from ${who(worked.finding.voice)}: ${stepWords(worked, QUOTE)}`,
      citations: [cite.workaround(worked, thread)],
      worked: true,
    };
  }
  const brief = by("temporary");
  if (brief)
    return {
      phrase: `only short-lived relief is reported, by ${who(brief.finding.voice)}: ${quote(brief.text, QUOTE)}`,
      citations: [cite.workaround(brief, thread)],
      worked: false,
    };
  const proposed = by("suggested");
  if (proposed)
    return {
      phrase: `${who(proposed.finding.voice)} proposed, unconfirmed: ${stepWords(proposed, QUOTE)}`,
      citations: [cite.workaround(proposed, thread)],
      worked: false,
    };
  const condition = by("conditional");
  if (condition)
    return {
      phrase: `${who(condition.finding.voice)} notes where it does not happen: ${quote(condition.text, QUOTE)}`,
      citations: [cite.workaround(condition, thread)],
      worked: false,
    };
  return null;
}

function noneOutcome(c: Ctx, step: Step | null): Statement {
  const { thread } = c;
  if (c.duplicateOf.length > 0) {
    return {
      text: endSentence(
        `It is marked as a duplicate of ${refs(c.duplicateOf)} and no fix is linked here${step ? `; ${step.phrase}` : ""}`,
      ),
      citations: [...c.duplicateOf.slice(0, 1).map(cite.link), ...(step?.citations ?? [])],
    };
  }
  const announced = releaseOnRecord(c);
  if (announced) {
    return {
      text: `${capitalise(who(announced.voice))} names ${announced.version} as the release with the fix: upgrade to it or later.`,
      citations: [cite.voice(announced.voice, thread)],
    };
  }
  const completed = thread.state === "closed" && thread.stateReason === "completed";
  if (step?.worked) {
    const head = completed ? "No fix is linked" : `No fix is linked as of ${c.asOf}`;
    return {
      text: endSentence(`${head}; ${step.phrase}`),
      citations: [completed ? c.threadCite : cite.asOf(c), ...step.citations],
    };
  }
  const head = completed
    ? "No fix, release or working workaround is linked"
    : `${nothingOnRecord(c)} as of the last activity on ${c.asOf}`;
  if (step) return { text: endSentence(`${head}; ${step.phrase}`), citations: [cite.asOf(c), ...step.citations] };
  if (completed) return { text: endSentence(head), citations: [c.threadCite] };
  let text = head;
  const cites: Citation[] = [cite.asOf(c)];
  const cause = byCauseStrength(c)[0];
  if (cause) {
    text += `; ${who(cause.voice)} ${cause.voice.maintainer ? "states" : "observes"}: ${quote(cause.text, QUOTE)}`;
    cites.push(cite.voice(cause.voice, thread));
  } else {
    const tried = failedSteps(c);
    if (tried.steps.length > 0) {
      text += `; ${list(tried.steps.slice(0, 2))} did not help`;
      cites.push(...tried.citations.slice(0, 1));
    }
  }
  return { text: endSentence(text), citations: cite.dedupe(cites) };
}

/**
 * The step and its cost in the reporter's words: "as soon as I switched on the X toggle, credits
 * started being deducted (…) although …" gives {step: "switched on the X toggle", outcome:
 * "credits started being deducted"}; null when the sentence is not built that way.
 */
export function caveatGist(sentence: string): { step: string; outcome: string } | null {
  const m =
    /\b(?:as\s+soon\s+as|after|when|once)\s+(?:I|we)\s+([^,;]{3,100}?),\s*([^,;(]{3,100}?)(?=\s*\(|,|;|\s+although\b|\s+even\b|\.|$)/i.exec(
      sentence,
    );
  if (!m) return null;
  return { step: (m[1] as string).trim(), outcome: (m[2] as string).trim() };
}

/** What is missing, in the words of the category: a fix for a bug, an implementation for a feature. */
function nothingOnRecord(c: Ctx): string {
  const maintainer = maintainerSpoke(c);
  if (c.category === "feature-request") {
    return maintainer ? "No implementation is on record" : "No implementation or maintainer response is on record";
  }
  if (c.category === "question") {
    return maintainer ? "No accepted answer is on record" : "No answer from a maintainer is on record";
  }
  return maintainer
    ? "No official fix or working workaround is on record"
    : "No official fix, maintainer response or working workaround is on record";
}

function labelActor(c: Ctx, label: string): string | null {
  let actor: string | null = null;
  for (const e of c.thread.events) if (e.type === "labeled" && e.label === label) actor = e.actor;
  return actor;
}

export function regressionCites(c: Ctx): Citation[] {
  const r = c.regression;
  if (!r) return [];
  return [
    ...r.comments.map((x) => ({ label: `comment by ${x.login}`, url: x.url })),
    ...r.issues.map((x) => ({ label: x.ref, url: x.url })),
  ].slice(0, MAX_CITED_LINKS);
}
