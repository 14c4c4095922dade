// The quick signals the evidence supports, each with a strength, the count it rests on and the
// citations a reader can check. A signal the evidence does not support is left out, never guessed.

import { day, plural } from "../text/format.js";
import { BLOCKING, CONFIRMED_LABEL, CONFIRMS_REPRO, FLAKY, isSingleStep, REPRO_STEPS } from "../text/lexicon.js";
import type { Citation, ReportSignal } from "../thread/report.js";
import type { Thread } from "../thread/types.js";
import * as cite from "./cite.js";
import { byKind, type Ctx, MAX_CITED_LINKS, reporterCount } from "./section-context.js";
import { sameErrorCiteList } from "./section-facts.js";

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
    ...c.findings.sameHere.map((s) => cite.voice(s.voice, c.thread)),
    ...same.slice(0, MAX_CITED_LINKS).map(cite.link),
    ...(stored > same.length ? sameErrorCiteList(c) : []),
  ];
  return {
    signal: "common-issue",
    strength: reporters + issues >= 5 ? "strong" : "some",
    value: reporters + issues,
    reason: parts.join(", "),
    citations: cite.dedupe(cites.length > 0 ? cites : [c.threadCite]),
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
      citations: p ? [cite.pull(p)] : [c.threadCite],
    };
  }
  const maintainer = byKind(c.findings, "maintainer").find((f) => CONFIRMS_REPRO.test(f.text));
  if (maintainer) {
    return {
      signal: "verified",
      strength: "strong",
      value: null,
      reason: "a maintainer confirmed it",
      citations: [cite.voice(maintainer.voice, thread)],
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
    cites.push(...c.findings.sameHere.map((s) => cite.voice(s.voice, thread)));
  }
  if (reasons.length === 0) return null;
  return {
    signal: "verified",
    strength: others >= 2 && (steps || label) ? "strong" : "some",
    value: others + 1,
    reason: reasons.join("; "),
    citations: cite.dedupe(cites),
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
    citations: cite.dedupe(hits).slice(0, 6),
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
    citations: cite.dedupe([...hits, ...temporary.map((w) => cite.workaround(w, c.thread))]).slice(0, 6),
  };
}

function works(c: Ctx): ReportSignal[] {
  const out: ReportSignal[] = [];
  const merged = c.fix.pulls.filter((p) => p.merged);
  const released = merged.find((p) => p.releasedIn);
  const best = c.workarounds.find((w) => w.kind === "worked");
  if (released) {
    const release = cite.release(released, c.thread.ref.host);
    out.push({
      signal: "works",
      strength: "strong",
      value: null,
      reason: `fixed in ${released.releasedIn}${released.releasedAt ? `, released ${day(released.releasedAt)}` : ""}`,
      citations: release ? [cite.pull(released), release] : [cite.pull(released)],
    });
  } else if (merged[0]) {
    out.push({
      signal: "works",
      strength: "some",
      value: null,
      reason: "a fix was merged; no release with it is known",
      citations: [cite.pull(merged[0])],
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
        cite.workaround(best, c.thread),
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
      citations: [cite.workaround(best, c.thread)],
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
    citations: [cite.workaround(best, c.thread)],
  };
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
