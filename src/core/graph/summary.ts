import type { PullInfo, Thread, ThreadSummary } from "../thread/types.js";

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
  ...pullFacts(thread.pull),
});

/** What a summary says of a pull (all null for an issue). */
function pullFacts(pull: PullInfo | null): Pick<ThreadSummary, "merged" | "mergedAt" | "draft" | "mergeCommitSha"> {
  if (!pull) return { merged: null, mergedAt: null, draft: null, mergeCommitSha: null };
  const { merged, mergedAt, draft, mergeCommitSha } = pull;
  return { merged, mergedAt, draft, mergeCommitSha };
}

/** Summaries the thread's timeline already carries (cross-referenced events hold their source). */
export function knownSummaries(thread: Thread): ThreadSummary[] {
  const out: ThreadSummary[] = [];
  for (const e of thread.events) if (e.type === "cross-referenced") out.push(e.source);
  return out;
}
