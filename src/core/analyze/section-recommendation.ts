// Recommendation: one actionable line from the strongest evidence available.

import { day, endSentence, list, plural } from "../text/format.js";
import type { Statement } from "../thread/report.js";
import * as cite from "./cite.js";
import { type Ctx, kindWord, MAX_CITED_LINKS, more, reasonPhrase, refs, who } from "./section-context.js";
import { judgedLabels, releaseOnRecord } from "./section-facts.js";
import { quote, stepWords } from "./text.js";

/** The first rule the evidence supports, strongest first; with none, where to watch for a fix. */
export function recommendation(c: Ctx): Statement {
  if (c.thread.kind === "pull") return pullRecommendation(c);
  for (const rule of RULES) {
    const s = rule(c);
    if (s) return s;
  }
  return subscribe(c);
}

type Rule = (c: Ctx) => Statement | null;

const merged = (c: Ctx) => c.fix.pulls.filter((p) => p.merged);

const releasedFix: Rule = (c) => {
  const released = merged(c).find((p) => p.releasedIn);
  if (!released) return null;
  const release = cite.release(released, c.thread.ref.host);
  return {
    text: `Upgrade to ${released.releasedIn} or later.`,
    citations: release ? [cite.pull(released), release] : [cite.pull(released)],
  };
};

const mergedFix: Rule = (c) => {
  const first = merged(c)[0];
  if (!first) return null;
  const none = c.lookedUp.has(first.ref)
    ? `; no release containing it was found as of ${c.asOf}`
    : "; no release containing it is known to this report";
  return { text: `Use a build that includes ${first.ref}${none}.`, citations: [cite.pull(first)] };
};

const commitFix: Rule = (c) =>
  c.fix.status === "fixed"
    ? { text: "Use a build that contains the commit that closed this issue.", citations: cite.closingCommits(c) }
    : null;

const duplicate: Rule = (c) => {
  const dup = c.duplicateOf[0];
  return dup ? { text: `Follow ${dup.ref}, which this issue duplicates.`, citations: [cite.link(dup)] } : null;
};

const announcedRelease: Rule = (c) => {
  const announced = releaseOnRecord(c);
  return announced
    ? {
        text: `Upgrade to ${announced.version} or later, which ${who(announced.voice)} names as the release with the fix.`,
        citations: [cite.voice(announced.voice, c.thread)],
      }
    : null;
};

const bestWorkaround: Rule = (c) => {
  const best = c.workarounds.find((w) => w.kind === "worked");
  if (!best) return null;
  const lead = c.thread.state === "closed" ? "No fix is linked: apply" : "Until a fix is merged, apply";
  const support = best.confirmations > 0 ? ` (${plural(best.confirmations, "confirmation")})` : "";
  return {
    text: endSentence(
      `${lead} the workaround reported by ${who(best.finding.voice)}${support}: ${stepWords(best, 160)}`,
    ),
    citations: [cite.workaround(best, c.thread)],
  };
};

const openPulls: Rule = (c) => {
  const open = c.fix.pulls.filter((p) => !p.merged && p.state !== "closed");
  return open.length > 0
    ? {
        text: `Follow ${list(open.map((p) => p.ref))}, which would close this issue once merged.`,
        citations: open.map(cite.pull),
      }
    : null;
};

const proposedStep: Rule = (c) => {
  const proposed = c.workarounds.find((w) => w.kind === "suggested");
  return proposed
    ? {
        text: endSentence(
          `Try the step ${who(proposed.finding.voice)} proposed (nobody has confirmed it yet): ${quote(proposed.text, 160)}`,
        ),
        citations: [cite.workaround(proposed, c.thread)],
      }
    : null;
};

/** A label that says no fix will come here: not a bug, won't fix, or caused elsewhere. */
const labelVerdict: Rule = (c) => {
  const meaning = judgedLabels(c)[0];
  if (!meaning || !(meaning.meaning === "not-a-bug" || meaning.meaning === "wontfix" || meaning.meaning === "external"))
    return null;
  const next =
    meaning.meaning === "external"
      ? "look for the fix where the cause lives, not in this repository"
      : "do not wait for a fix here";
  return { text: `Labelled "${meaning.label}": ${meaning.phrase}, so ${next}.`, citations: [c.threadCite] };
};

const closedThread: Rule = ({ thread, threadCite }) => {
  if (thread.state !== "closed") return null;
  if (thread.stateReason === "completed") {
    const when = thread.closedAt ? ` on ${day(thread.closedAt)}` : "";
    return {
      text: `It was closed as completed${when}, but no fix, release or workaround is on record: if it still happens, open a new issue that links this one.`,
      citations: [threadCite],
    };
  }
  return {
    text: `Do not wait on this thread: it was closed${thread.stateReason ? ` ${reasonPhrase(thread.stateReason)}` : ""} with no fix or workaround.`,
    citations: [threadCite],
  };
};

const RULES: readonly Rule[] = [
  releasedFix,
  mergedFix,
  commitFix,
  duplicate,
  announcedRelease,
  bestWorkaround,
  openPulls,
  proposedStep,
  labelVerdict,
  closedThread,
];

/** Nothing known: follow where a fix would show up, open same-error issues first, then similar reports. */
function subscribe(c: Ctx): Statement {
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
      `No fix or workaround is known as of ${c.asOf}: subscribe to this ${kindWord(c.thread)}${watch} for updates${meanwhile}`,
    ),
    citations: [
      cite.asOf(c),
      ...watchLinks.slice(0, MAX_CITED_LINKS).map(cite.link),
      ...(condition ? [cite.workaround(condition, c.thread)] : []),
    ],
  };
}

function pullRecommendation(c: Ctx): Statement {
  const self = c.fix.pulls[0];
  const thread = [c.threadCite];
  if (self?.merged && self.releasedIn)
    return { text: `Use ${self.releasedIn} or later to get this change.`, citations: thread };
  if (self?.merged) return { text: "Use a build that includes this pull request's merge.", citations: thread };
  if (c.thread.state === "open")
    return { text: "Follow this pull request for its review and merge.", citations: thread };
  return { text: "Do not count on this change: it was closed without merging.", citations: thread };
}
