// Test-only: small inline Threads and summaries with everything defaulted.
import { threadUrl } from "../refs/parse-ref.js";
import type { Comment, IssueRef, Thread, ThreadSummary, TimelineEvent } from "../thread/types.js";
import { emptyReactions } from "../thread/types.js";

export const ref = (number: number, owner = "acme", repo = "app", host = "github.com"): IssueRef => ({
  host,
  owner,
  repo,
  number,
});

export function makeThread(number: number, over: Partial<Thread> = {}): Thread {
  const r = over.ref ?? ref(number);
  const kind = over.kind ?? "issue";
  return {
    ref: r,
    kind,
    url: threadUrl(r, kind),
    title: `thread ${number}`,
    body: "",
    author: { login: "author", association: "NONE", isBot: false },
    state: "open",
    stateReason: null,
    labels: [],
    locked: false,
    activeLockReason: null,
    createdAt: "2024-01-01T00:00:00Z",
    updatedAt: "2024-01-01T00:00:00Z",
    closedAt: null,
    reactions: emptyReactions(),
    pull:
      kind === "pull" ? { merged: false, mergedAt: null, draft: false, mergeCommitSha: null, baseRef: "main" } : null,
    comments: [],
    events: [],
    closedByPulls: [],
    movedFrom: null,
    ...over,
  };
}

let commentId = 100;
export function makeComment(
  thread: Pick<Thread, "url">,
  body: string,
  at = "2024-01-02T00:00:00Z",
  login = "commenter",
): Comment {
  const id = commentId++;
  return {
    id,
    url: `${thread.url}#issuecomment-${id}`,
    author: { login, association: "NONE", isBot: false },
    createdAt: at,
    updatedAt: at,
    body,
    reactions: emptyReactions(),
  };
}

export function summary(r: IssueRef, over: Partial<ThreadSummary> = {}): ThreadSummary {
  const kind = over.kind ?? "issue";
  return {
    ref: r,
    kind,
    url: threadUrl(r, kind),
    title: `summary ${r.number}`,
    state: "open",
    stateReason: null,
    merged: kind === "pull" ? false : null,
    mergedAt: null,
    draft: kind === "pull" ? false : null,
    ...over,
  };
}

export const crossRef = (
  source: ThreadSummary,
  willCloseTarget: boolean | null = null,
  at = "2024-01-03T00:00:00Z",
): TimelineEvent => ({ type: "cross-referenced", actor: "referrer", createdAt: at, source, willCloseTarget });
