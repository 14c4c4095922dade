// TL;DR: two sentences — what the thread is (state, caveat labels, title, error, confirmations)
// and where it stands (fix, proposal or best workaround).
import type { Citation, Statement } from "../thread/report.js";
import {
  CAVEAT_LABEL,
  type Ctx,
  closingCommitCites,
  dedupeCitations,
  linkCite,
  MAX_CITED_LINKS,
  mergedPhrase,
  pullCite,
  refs,
  stateLine,
  voiceCite,
  who,
} from "./section-context.js";
import { day, endSentence, errorGist, list, plural, quote } from "./text.js";

export function tldr(c: Ctx): Statement[] {
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
