// The quick signals the evidence supports, each with a strength, the count it rests on and the
// citations a reader can check. A signal the evidence does not support is left out, never guessed.

import { plural } from "../text/format.js";
import type { Citation, ReportSignal } from "../thread/report.js";
import type { Thread } from "../thread/types.js";
import {
  byKind,
  type Ctx,
  dedupeCitations,
  linkCite,
  MAX_CITED_LINKS,
  pullCite,
  releaseCite,
  reporterCount,
  voiceCite,
  workaroundCite,
} from "./section-context.js";
import { sameErrorCiteList } from "./section-facts.js";

export const BLOCKING =
  /\b(?:cannot|can't|can\s+not|unable\s+to)\s+(?:use|work|log\s?in|start|open|run|do\s+anything)\b|\bcannot\s+be\s+used\b|\blocked\s+out\b|\bunusable\b|\bcompletely\s+(?:blocked|broken|unusable)\b|\bblock(?:s|ed|ing)\s+(?:me|us|our|all|every|my)\b|\bevery\s+(?:single\s+)?(?:\w+\s+)?(?:command|request|call|prompt)\s+fails\b|\bstop\s+using\b|\bno\s+way\s+to\s+(?:use|work)\b/i;
const FLAKY =
  /\b(?:sometimes|intermittent(?:ly)?|randomly|occasionally|sporadic(?:ally)?|flaky|now\s+and\s+then|from\s+time\s+to\s+time|not\s+always|some\s+of\s+the\s+time)\b/i;
const REPRO_STEPS =
  /^\s*(?:#{1,6}\s*|\*\*)?(?:steps\s+to\s+reproduce|reproduction(?:\s+steps)?|to\s+reproduce|repro(?:\s+steps)?|how\s+to\s+reproduce|minimal\s+(?:repro|reproduction))\b/im;
const CONFIRMED_LABEL =
  /^(?:confirmed|verified|reproducible|has[- ]repro|repro|bug:\s*confirmed|status:\s*confirmed)$/i;
const MAINTAINER_CONFIRMS =
  /\b(?:I\s+can\s+reproduce|can\s+confirm|confirmed|reproduced?\s+(?:it|this|the)|reproduces\s+for\s+me|I\s+see\s+(?:it|this)\s+too)\b/i;
/** The best answer sits this deep in the thread before the report is worth it as a time saver. */
const DEEP = 10;

export function signalsOf(c: Ctx): ReportSignal[] {
  if (c.thread.kind === "pull") return [];
  return [common(c), verified(c), blocking(c), flaky(c), ...works(c), timeSaver(c)].filter(
    (s): s is ReportSignal => s !== null,
  );
}

function common(c: Ctx): ReportSignal | null {
  const reporters = reporterCount(c);
  const same = c.cluster.map((x) => x.link);
  const stored = c.sameError?.count ?? 0;
  const issues = Math.max(same.length, stored);
  if (reporters < 2 && issues === 0) return null;
  const parts = [`${plural(reporters, "person", "people")} ${reporters === 1 ? "reports" : "report"} it here`];
  if (same.length > 0)
    parts.push(`${plural(same.length, "linked issue")} with the same ${c.error ? "error" : "problem"}`);
  if (stored > same.length) parts.push(`${plural(stored, "stored issue")} with its error signature`);
  const cites: Citation[] = [
    ...c.findings.sameHere.map((s) => voiceCite(s.voice, c.thread)),
    ...same.slice(0, MAX_CITED_LINKS).map(linkCite),
    ...(stored > same.length ? sameErrorCiteList(c) : []),
  ];
  return {
    signal: "common-issue",
    strength: reporters + issues >= 5 ? "strong" : "some",
    value: reporters + issues,
    reason: parts.join(", "),
    citations: dedupeCitations(cites.length > 0 ? cites : [c.threadCite]),
  };
}

function verified(c: Ctx): ReportSignal | null {
  const { thread } = c;
  if (c.fix.pulls.some((p) => p.merged)) {
    const p = c.fix.pulls.find((x) => x.merged);
    return {
      signal: "verified",
      strength: "strong",
      value: null,
      reason: "a merged pull request fixed it",
      citations: p ? [pullCite(p)] : [c.threadCite],
    };
  }
  const maintainer = byKind(c.findings, "maintainer").find((f) => MAINTAINER_CONFIRMS.test(f.text));
  if (maintainer) {
    return {
      signal: "verified",
      strength: "strong",
      value: null,
      reason: "a maintainer confirmed it",
      citations: [voiceCite(maintainer.voice, thread)],
    };
  }
  const label = thread.labels.find((l) => CONFIRMED_LABEL.test(l.trim()));
  const actor = label ? labelActor(thread, label) : null;
  const byHuman = label && actor && !actor.endsWith("[bot]");
  const others = c.findings.sameHere.length;
  const steps = REPRO_STEPS.test(thread.body);
  if (byHuman) {
    return {
      signal: "verified",
      strength: "strong",
      value: null,
      reason: `labelled "${label}" by ${actor}`,
      citations: [c.threadCite],
    };
  }
  const reasons: string[] = [];
  const cites: Citation[] = [];
  if (steps) {
    reasons.push("the report has reproduction steps");
    cites.push(c.threadCite);
  }
  if (label) {
    reasons.push(`labelled "${label}"${actor ? " by a bot" : ""}`);
    cites.push(c.threadCite);
  }
  if (others > 0) {
    reasons.push(`${plural(others, "other person", "other people")} hit it independently`);
    cites.push(...c.findings.sameHere.map((s) => voiceCite(s.voice, thread)));
  }
  if (reasons.length === 0) return null;
  return {
    signal: "verified",
    strength: others >= 2 && (steps || label) ? "strong" : "some",
    value: others + 1,
    reason: reasons.join("; "),
    citations: dedupeCitations(cites),
  };
}

function blocking(c: Ctx): ReportSignal | null {
  const hits = quotesMatching(c, BLOCKING);
  if (hits.length === 0) return null;
  const worked = c.workarounds.some((w) => w.kind === "worked");
  const fixed = c.fix.status === "fixed";
  return {
    signal: "blocking",
    strength: !worked && !fixed ? "strong" : "some",
    value: hits.length,
    reason: `${plural(hits.length, "report")} of being unable to work${!worked && !fixed ? ", and no fix or workaround is known" : ""}`,
    citations: dedupeCitations(hits).slice(0, 6),
  };
}

function flaky(c: Ctx): ReportSignal | null {
  const hits = quotesMatching(c, FLAKY);
  const temporary = c.workarounds.filter((w) => w.kind === "temporary");
  const n = hits.length + temporary.length;
  if (n === 0) return null;
  const parts: string[] = [];
  if (hits.length > 0) parts.push(`described as intermittent in ${plural(hits.length, "place")}`);
  if (temporary.length > 0) parts.push(`${plural(temporary.length, "step")} helped only for a while`);
  return {
    signal: "flaky",
    strength: n >= 2 ? "strong" : "some",
    value: n,
    reason: parts.join("; "),
    citations: dedupeCitations([...hits, ...temporary.map((w) => workaroundCite(w, c.thread))]).slice(0, 6),
  };
}

function works(c: Ctx): ReportSignal[] {
  const out: ReportSignal[] = [];
  const merged = c.fix.pulls.filter((p) => p.merged);
  const released = merged.find((p) => p.releasedIn);
  const best = c.workarounds.find((w) => w.kind === "worked");
  if (released) {
    const cite = releaseCite(released, c.thread.ref.host);
    out.push({
      signal: "works",
      strength: "strong",
      value: null,
      reason: `fixed in ${released.releasedIn}${released.releasedAt ? `, released ${released.releasedAt.slice(0, 10)}` : ""}`,
      citations: cite ? [pullCite(released), cite] : [pullCite(released)],
    });
  } else if (merged[0]) {
    out.push({
      signal: "works",
      strength: "some",
      value: null,
      reason: "a fix was merged; no release with it is known",
      citations: [pullCite(merged[0])],
    });
  } else if (best) {
    out.push({
      signal: "works",
      strength: best.confirmations >= 2 ? "strong" : "some",
      value: best.confirmations,
      reason:
        best.confirmations > 0
          ? `a workaround confirmed by ${plural(best.confirmations, "person", "people")}`
          : "a workaround reported by one person, not yet confirmed",
      citations: [
        workaroundCite(best, c.thread),
        ...best.confirmedBy.map((x) => ({ label: `confirmation by ${x.login}`, url: x.url })),
      ],
    });
  }
  // Easy Fix: a confirmed workaround that is one command or setting.
  if (best?.code && best.confirmations > 0 && isSingleStep(best.code)) {
    out.push({
      signal: "easy-fix",
      strength: best.confirmations >= 2 ? "strong" : "some",
      value: best.confirmations,
      reason: "the workaround is a single command or setting",
      citations: [workaroundCite(best, c.thread)],
    });
  }
  return out;
}

/** The answer is buried: the best workaround comes after many comments, so the report saves the reading. */
function timeSaver(c: Ctx): ReportSignal | null {
  const best = c.workarounds.find((w) => w.kind === "worked");
  const total = c.thread.comments.length;
  if (best?.finding.voice.source !== "comment" || best.finding.voice.order < DEEP) return null;
  return {
    signal: "time-saver",
    strength: best.confirmations > 0 ? "strong" : "some",
    value: best.finding.voice.order,
    reason: `the best-supported workaround is in comment ${best.finding.voice.order} of ${total}`,
    citations: [workaroundCite(best, c.thread)],
  };
}

/** One non-empty line that is not a comment: `npm i -g pkg@1.2.3`, `export FOO=1`, `"key": true`. */
export function isSingleStep(code: string): boolean {
  const lines = code
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#") && !l.startsWith("//"));
  return lines.length === 1 && (lines[0]?.length ?? 0) <= 160;
}

/** Citations of the body and non-bot comments whose prose matches. */
function quotesMatching(c: Ctx, re: RegExp): Citation[] {
  const out: Citation[] = [];
  const prose = (s: string) => s.replace(/```[\s\S]*?```/g, " ");
  if (re.test(c.thread.title) || re.test(prose(c.thread.body))) out.push({ label: "issue body", url: c.thread.url });
  for (const com of c.thread.comments) {
    if (com.author?.isBot) continue;
    if (re.test(prose(com.body)))
      out.push({ label: `comment by ${com.author?.login ?? "a deleted user"}`, url: com.url });
  }
  return out;
}

function labelActor(t: Thread, label: string): string | null {
  let actor: string | null = null;
  for (const e of t.events) if (e.type === "labeled" && e.label === label) actor = e.actor;
  return actor;
}
