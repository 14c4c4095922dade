// Where a report's thread comes from: the store when it is fresh, a conditional request when it may
// be stale (a 304 costs no rate limit), a full fetch when it changed or was never seen.
import { NotFoundError } from "../errors.js";
import { formatRef } from "../refs/parse-ref.js";
import type { StoredThread } from "../store/types.js";
import type { FetchMeta, IssueRef, Thread } from "../thread/types.js";

export type CacheMode = "normal" | "refresh" | "offline";

/**
 * - normal: a thread stored less than `freshnessMs` ago is used as is (no request); an older one is
 *   revalidated with a conditional request and refetched only if it changed;
 * - refresh: always fetch whole;
 * - offline: only the store, never the network.
 */
export type CachePolicy = { mode: CacheMode; freshnessMs: number };

export const DEFAULT_FRESHNESS_MS = 10 * 60 * 1000;

export type ThreadFetchResult =
  | { notModified: false; thread: Thread; meta: FetchMeta & { etag: string | null } }
  | { notModified: true; thread: null; meta: FetchMeta & { etag: string | null } };

export type ThreadFetcher = {
  fetchThread(ref: IssueRef, opts?: { etag?: string | null }): Promise<ThreadFetchResult>;
};

export type ThreadCache = { getThread(ref: IssueRef): Promise<StoredThread | null> };

export type Obtained = {
  thread: Thread;
  meta: FetchMeta;
  etag: string | null;
  /** True when the thread must be written back to the store (fetched, or revalidated with a new etag). */
  changed: boolean;
};

export async function obtainThread(
  ref: IssueRef,
  policy: CachePolicy,
  deps: { fetcher: ThreadFetcher; cache: ThreadCache | null; now: () => Date; source: string },
): Promise<Obtained> {
  const stored = deps.cache && policy.mode !== "refresh" ? await deps.cache.getThread(ref) : null;
  // A thread stored from another API (say a stand-in on another port) is another world's thread.
  const usable = stored && (policy.mode === "offline" || stored.source === deps.source) ? stored : null;

  if (policy.mode === "offline") {
    if (!usable) {
      throw new NotFoundError(
        `${formatRef(ref)} is not in the store`,
        "Run the report once without --offline, or import or sync its repository first.",
      );
    }
    return fromStore(usable, false);
  }
  if (usable && deps.now().getTime() - Date.parse(usable.fetchedAt) < policy.freshnessMs) {
    return fromStore(usable, false);
  }
  const fetched = await deps.fetcher.fetchThread(ref, { etag: usable?.etag ?? null });
  if (fetched.notModified) {
    if (!usable) throw new Error("invariant: 304 without a stored thread");
    // Unchanged: keep the stored thread, but it is now known fresh as of this revalidation.
    return {
      thread: usable.thread,
      meta: { ...fetched.meta, via: "store" },
      etag: fetched.meta.etag ?? usable.etag,
      changed: true,
    };
  }
  return { thread: fetched.thread, meta: fetched.meta, etag: fetched.meta.etag, changed: true };
}

function fromStore(stored: StoredThread, changed: boolean): Obtained {
  return {
    thread: stored.thread,
    meta: { fetchedAt: stored.fetchedAt, via: "store", requests: { rest: 0, graphql: 0 } },
    etag: stored.etag,
    changed,
  };
}
