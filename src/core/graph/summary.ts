import type { Thread, ThreadSummary } from "../thread/types.js";

/** Summaries the thread's timeline already carries (cross-referenced events hold their source). */
export function knownSummaries(thread: Thread): ThreadSummary[] {
  const out: ThreadSummary[] = [];
  for (const e of thread.events) if (e.type === "cross-referenced") out.push(e.source);
  return out;
}
