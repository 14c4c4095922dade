// TL;DR: two sentences. The first says what the thread is and how common it is (state, caveat
// labels, title, error, reporters here, linked issues with the same error, stored issues with the
// same error signature). The second says where it stands as of the snapshot: the fix and its
// release, the best-confirmed workaround, or that none is on record, with the reporters' reading of
// the cause and what they tried without success.
import type { Citation, Statement } from "../thread/report.js";
import {
  asOfCite,
  byKind,
  CAVEAT_LABEL,
  type Ctx,
  closingCommitCites,
  dedupeCitations,
  linkCite,
  MAX_CITED_LINKS,
  mergedPhrase,
  pullCite,
  refs,
  releaseCite,
  reporterCount,
  stateLine,
  voiceCite,
  who,
  workaroundCite,
} from "./section-context.js";
import { byCauseStrength, failedSteps, maintainerSpoke, sameErrorCiteList } from "./section-facts.js";
import { day, endSentence, errorGist, list, plural, quote, quoteExact } from "./text.js";

export function tldr(c: Ctx): Statement[] {
  return [tldrWhat(c), tldrOutcome(c)];
}

function tldrWhat(c: Ctx): Statement {
  const { thread, error, findings } = c;
  let first = stateLine(thread);
  const labels = thread.labels.filter((l) => CAVEAT_LABEL.test(l));
  if (labels.length > 0) {
    const byBot = labels.every((l) => labelActor(c, l)?.endsWith("[bot]"));
    first += ` (labelled ${list(labels.map((l) => `"${l}"`))}${byBot ? " by a bot" : ""})`;
  }
  first += `: ${quoteExact(thread.title, 140)}`;
  if (error) {
    // A bare message (no "Error:" head of its own) reads as a quotation.
    const gist = errorGist(error.message);
    first += `, reporting ${error.kind === "quoted" || error.kind === "prose" ? quoteExact(gist, 200) : gist}`;
  }
  const cites: Citation[] = [c.threadCite];
  if (error && error.source === "comment") cites.push({ label: "comment with the error", url: error.url });
  const extras: string[] = [];
  if (findings.sameHere.length > 0) {
    extras.push(`${reporterCount(c)} people report it in this thread`);
    for (const s of findings.sameHere) cites.push(voiceCite(s.voice, thread));
  }
  const same = c.cluster.filter((x) => x.why !== "duplicate").map((x) => x.link);
  const dups = c.cluster.filter((x) => x.why === "duplicate").map((x) => x.link);
  if (same.length > 0) {
    const what = error ? "the same error" : "the same problem";
    extras.push(
      `${plural(same.length, "linked issue")} ${same.length === 1 ? "reports" : "report"} ${what} (${refs(same)})`,
    );
    cites.push(...same.slice(0, MAX_CITED_LINKS).map(linkCite));
  }
  if (dups.length > 0) {
    extras.push(`${plural(dups.length, "issue")} ${dups.length === 1 ? "is" : "are"} marked as a duplicate of it`);
    cites.push(...dups.slice(0, MAX_CITED_LINKS).map(linkCite));
  }
  // The store may know more issues with this error than the thread links to.
  const stored = c.sameError?.count ?? 0;
  if (stored > same.length) {
    extras.push(`the store holds ${plural(stored, "other issue")} with its error signature`);
    cites.push(...sameErrorCiteList(c));
  }
  if (same.length === 0 && dups.length === 0 && c.similar.length > 0) {
    extras.push(
      `${plural(c.similar.length, "linked issue")} ${c.similar.length === 1 ? "describes" : "describe"} a similar one`,
    );
    cites.push(...c.similar.slice(0, MAX_CITED_LINKS).map(linkCite));
  }
  if (extras.length > 0) first += `; ${list(extras)}`;
  return { text: endSentence(first), citations: dedupeCitations(cites) };
}

function tldrOutcome(c: Ctx): Statement {
  const { fix, thread } = c;
  if (thread.kind === "pull") return { text: fix.summary, citations: [c.threadCite] };
  const merged = fix.pulls.filter((p) => p.merged);
  const best = c.workarounds.find((w) => w.kind === "worked");
  const brief = c.workarounds.find((w) => w.kind === "temporary");
  const bestPhrase = best
    ? `the best-supported workaround${best.confirmations > 0 ? ` (${plural(best.confirmations, "confirmation")})` : ""}, from ${who(best.finding.voice)}: ${quote(best.text, 160)}`
    : brief
      ? `only short-lived relief is reported, by ${who(brief.finding.voice)}: ${quote(brief.text, 160)}`
      : null;
  const top = best ?? brief;
  const wCite = top ? [workaroundCite(top, thread)] : [];
  switch (fix.status) {
    case "fixed": {
      if (merged.length === 0) return { text: fix.summary, citations: closingCommitCites(c) };
      const releases = merged.flatMap((p) => releaseCite(p, thread.ref.host) ?? []);
      const unreleased = merged.every((p) => !p.releasedIn && c.lookedUp.has(p.ref));
      let text = `Fixed by ${list(merged.map(mergedPhrase))}`;
      if (unreleased) text += `, but no release containing it was found as of ${c.asOf}`;
      const cites = [...merged.map(pullCite), ...releases];
      if (c.regression) {
        const n = c.regression.comments.length + c.regression.issues.length;
        text += `; ${plural(n, "report")} after ${c.regression.after.what} ${n === 1 ? "suggests" : "suggest"} a possible regression`;
        cites.push(...regressionCites(c));
      }
      return { text: endSentence(text), citations: dedupeCitations(cites) };
    }
    case "fix-open": {
      const open = fix.pulls.filter((p) => !p.merged);
      const text = `A fix is proposed in ${list(open.map((p) => p.ref))} but not merged as of ${c.asOf}${
        bestPhrase ? `; until then, ${bestPhrase}` : ", and no workaround is reported"
      }`;
      return { text: endSentence(text), citations: [...open.map(pullCite), asOfCite(c), ...wCite] };
    }
    case "fix-unmerged": {
      const closed = fix.pulls.filter((p) => !p.merged);
      const text = `The proposed fix in ${list(closed.map((p) => p.ref))} was closed without merging, so no fix is known${
        bestPhrase ? `; ${bestPhrase}` : " and no workaround is reported"
      }`;
      return { text: endSentence(text), citations: [...closed.map(pullCite), ...wCite] };
    }
    case "none":
      return noneOutcome(c, bestPhrase, wCite);
  }
}

function noneOutcome(c: Ctx, bestPhrase: string | null, wCite: Citation[]): Statement {
  const { thread } = c;
  if (c.duplicateOf.length > 0) {
    return {
      text: endSentence(
        `It is marked as a duplicate of ${refs(c.duplicateOf)} and no fix is linked here${bestPhrase ? `; ${bestPhrase}` : ""}`,
      ),
      citations: [...c.duplicateOf.map(linkCite), ...wCite],
    };
  }
  const completed = thread.state === "closed" && thread.stateReason === "completed";
  const when = thread.closedAt ? ` on ${day(thread.closedAt)}` : "";
  if (bestPhrase) {
    const head = completed
      ? `It was closed as completed${when}, but no fix is linked`
      : `No fix is linked as of ${c.asOf}`;
    return {
      text: endSentence(`${head}; ${bestPhrase}`),
      citations: [completed ? c.threadCite : asOfCite(c), ...wCite],
    };
  }
  if (completed) {
    return {
      text: `It was closed as completed${when}, but no fix or workaround is linked.`,
      citations: [c.threadCite],
    };
  }
  let text = `${nothingOnRecord(c)} as of the last activity on ${c.asOf}`;
  const cites: Citation[] = [asOfCite(c)];
  const cause = byCauseStrength(c)[0];
  if (cause) {
    text += `; ${who(cause.voice)} ${cause.voice.maintainer ? "states" : "observes"}: ${quote(cause.text, 170)}`;
    cites.push(voiceCite(cause.voice, thread));
  }
  const clauses: string[] = [];
  const tried = failedSteps(c);
  if (tried.steps.length > 0) {
    clauses.push(`${list(tried.steps.slice(0, 3))} did not help`);
    cites.push(...tried.citations);
  }
  const cost = byKind(c.findings, "caveat")
    .map((f) => ({ f, gist: caveatGist(f.text) }))
    .find((x) => x.gist !== null);
  if (cost?.gist) {
    clauses.push(`after ${who(cost.f.voice)} ${cost.gist.step}, ${cost.gist.outcome}`);
    cites.push(voiceCite(cost.f.voice, thread));
  }
  if (clauses.length > 0) text += `${cause ? ", " : "; "}${clauses.join(", and ")}`;
  return { text: endSentence(text), citations: dedupeCitations(cites) };
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
