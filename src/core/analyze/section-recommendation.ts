// Recommendation: one actionable line from the strongest evidence available.

import { day, endSentence, list, plural } from "../text/format.js";
import type { Statement } from "../thread/report.js";
import {
  asOfCite,
  type Ctx,
  closingCommitCites,
  kindWord,
  linkCite,
  MAX_CITED_LINKS,
  more,
  pullCite,
  reasonPhrase,
  refs,
  releaseCite,
  voiceCite,
  who,
  workaroundCite,
} from "./section-context.js";
import { judgedLabels, releaseOnRecord } from "./section-facts.js";
import { quote, stepWords } from "./text.js";

export function recommendation(c: Ctx): Statement {
  const { fix, thread } = c;
  const merged = fix.pulls.filter((p) => p.merged);
  const best = c.workarounds.find((w) => w.kind === "worked");
  if (thread.kind === "pull") return pullRecommendation(c);
  const released = merged.find((p) => p.releasedIn);
  if (released) {
    const release = releaseCite(released, thread.ref.host);
    return {
      text: `Upgrade to ${released.releasedIn} or later.`,
      citations: release ? [pullCite(released), release] : [pullCite(released)],
    };
  }
  if (merged[0]) {
    const none = c.lookedUp.has(merged[0].ref)
      ? `; no release containing it was found as of ${c.asOf}`
      : "; no release containing it is known to this report";
    return { text: `Use a build that includes ${merged[0].ref}${none}.`, citations: [pullCite(merged[0])] };
  }
  if (fix.status === "fixed")
    return { text: "Use a build that contains the commit that closed this issue.", citations: closingCommitCites(c) };
  const dup = c.duplicateOf[0];
  if (dup) return { text: `Follow ${dup.ref}, which this issue duplicates.`, citations: [linkCite(dup)] };
  const announced = releaseOnRecord(c);
  if (announced) {
    return {
      text: `Upgrade to ${announced.version} or later, which ${who(announced.voice)} names as the release with the fix.`,
      citations: [voiceCite(announced.voice, thread)],
    };
  }
  if (best) {
    const lead = thread.state === "closed" ? "No fix is linked: apply" : "Until a fix is merged, apply";
    const support = best.confirmations > 0 ? ` (${plural(best.confirmations, "confirmation")})` : "";
    return {
      text: endSentence(
        `${lead} the workaround reported by ${who(best.finding.voice)}${support}: ${stepWords(best, 160)}`,
      ),
      citations: [workaroundCite(best, thread)],
    };
  }
  const open = fix.pulls.filter((p) => !p.merged && p.state !== "closed");
  if (open.length > 0)
    return {
      text: `Follow ${list(open.map((p) => p.ref))}, which would close this issue once merged.`,
      citations: open.map(pullCite),
    };
  const proposed = c.workarounds.find((w) => w.kind === "suggested");
  if (proposed) {
    return {
      text: endSentence(
        `Try the step ${who(proposed.finding.voice)} proposed (nobody has confirmed it yet): ${quote(proposed.text, 160)}`,
      ),
      citations: [workaroundCite(proposed, thread)],
    };
  }
  const meaning = judgedLabels(c)[0];
  if (meaning && (meaning.meaning === "not-a-bug" || meaning.meaning === "wontfix" || meaning.meaning === "external")) {
    const next =
      meaning.meaning === "external"
        ? "look for the fix where the cause lives, not in this repository"
        : "do not wait for a fix here";
    return {
      text: `Labelled "${meaning.label}": ${meaning.phrase}, so ${next}.`,
      citations: [c.threadCite],
    };
  }
  if (thread.state === "closed" && thread.stateReason === "completed") {
    const when = thread.closedAt ? ` on ${day(thread.closedAt)}` : "";
    return {
      text: `It was closed as completed${when}, but no fix, release or workaround is on record: if it still happens, open a new issue that links this one.`,
      citations: [c.threadCite],
    };
  }
  if (thread.state === "closed") {
    return {
      text: `Do not wait on this thread: it was closed${thread.stateReason ? ` ${reasonPhrase(thread.stateReason)}` : ""} with no fix or workaround.`,
      citations: [c.threadCite],
    };
  }
  // Follow where a fix would show up: open issues with the same error first, then similar reports.
  const openSame = c.cluster.map((x) => x.link).filter((l) => l.state === "open");
  const watchLinks = openSame.length > 0 ? openSame : c.similar;
  const watch =
    openSame.length > 0
      ? ` and to ${refs(openSame)}${more(openSame)} (the other open ${openSame.length === 1 ? "report" : "reports"} of the same ${c.error ? "error" : "problem"})`
      : c.similar.length > 0
        ? ` and the linked reports (${refs(c.similar)}${more(c.similar)})`
        : "";
  const condition = c.workarounds.find((w) => w.kind === "conditional");
  const meanwhile = condition ? `; meanwhile, per ${who(condition.finding.voice)}: ${quote(condition.text, 140)}` : "";
  return {
    text: endSentence(
      `No fix or workaround is known as of ${c.asOf}: subscribe to this ${kindWord(thread)}${watch} for updates${meanwhile}`,
    ),
    citations: [
      asOfCite(c),
      ...watchLinks.slice(0, MAX_CITED_LINKS).map(linkCite),
      ...(condition ? [workaroundCite(condition, thread)] : []),
    ],
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
