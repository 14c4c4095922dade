import type { Thread, ThreadSummary } from "../thread/types.js";

/** What a summary is made of: a whole Thread has it, and so does a thread file. */
export type ThreadHead = Pick<Thread, "ref" | "kind" | "url" | "title" | "state" | "stateReason" | "pull">;

/** The summary of a thread already fetched whole, so the crawl need not ask for it again. */
export const summaryOf = (thread: ThreadHead): ThreadSummary => ({
  ref: thread.ref,
  kind: thread.kind,
  url: thread.url,
  title: thread.title,
  state: thread.state,
  stateReason: thread.stateReason,
  merged: thread.pull ? thread.pull.merged : null,
  mergedAt: thread.pull ? thread.pull.mergedAt : null,
  draft: thread.pull ? thread.pull.draft : null,
  mergeCommitSha: thread.pull ? thread.pull.mergeCommitSha : null,
});

/** Summaries the thread's timeline already carries (cross-referenced events hold their source). */
export function knownSummaries(thread: Thread): ThreadSummary[] {
  const out: ThreadSummary[] = [];
  for (const e of thread.events) if (e.type === "cross-referenced") out.push(e.source);
  return out;
}
