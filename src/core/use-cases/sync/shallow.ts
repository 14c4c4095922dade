// Threads built from the issue list alone ("shallow": no comments or timeline), and how they are
// told apart from fully fetched ones once stored.
//
// The Store has no field for it, so a shallow thread is stored with a marker ETag. It is a valid,
// weak ETag that no GitHub response carries, so anything that revalidates the thread with it (a
// report's conditional request) gets a 200 and fetches the thread whole.
import type { IssueListItem } from "../../github/index.js";
import type { StoredThread } from "../../store/types.js";
import type { Thread } from "../../thread/types.js";

export const SHALLOW_ETAG = 'W/"issuegraph-shallow"';

export const isShallow = (stored: Pick<StoredThread, "etag">): boolean => stored.etag === SHALLOW_ETAG;

/**
 * A Thread from a list item. When an older version is stored, its comments, events and what only a
 * full fetch tells (closing pulls, pull details) are kept: stale but better than nothing, and the
 * marker says a full fetch is still owed.
 */
export function shallowThread(item: IssueListItem, stored: Thread | null): Thread {
  const pull =
    item.kind === "pull"
      ? {
          merged: item.merged ?? false,
          mergedAt: item.mergedAt,
          draft: item.draft ?? false,
          mergeCommitSha: stored?.pull?.mergeCommitSha ?? null,
          baseRef: stored?.pull?.baseRef ?? null,
        }
      : null;
  return {
    ref: item.ref,
    kind: item.kind,
    url: item.url,
    title: item.title,
    body: item.body,
    author: item.author,
    state: item.state,
    stateReason: item.stateReason,
    labels: item.labels,
    locked: item.locked,
    activeLockReason: item.activeLockReason,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    closedAt: item.closedAt,
    reactions: item.reactions,
    pull,
    comments: stored?.comments ?? [],
    events: stored?.events ?? [],
    closedByPulls: stored?.closedByPulls ?? [],
    movedFrom: stored?.movedFrom ?? null,
  };
}
