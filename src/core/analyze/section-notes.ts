// Notes: environment, confirmations, caveat labels (who added them), how it was closed, lock and
// transfer, conflicting reports.
import { formatRef } from "../refs/parse-ref.js";
import type { Statement } from "../thread/report.js";
import type { Thread } from "../thread/types.js";
import { environmentFacts, mentionedEnvironment } from "./environment.js";
import { type Ctx, dedupeCitations, notableLabels, reasonPhrase, uniqueBy, voiceCite } from "./section-context.js";
import { day, list, plural } from "./text.js";

export function notes(c: Ctx): Statement[] {
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
