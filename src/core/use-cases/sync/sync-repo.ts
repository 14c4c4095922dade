// Repository sync: the issue list, oldest update first, from the watermark on. Each chunk of
// threads is written with the watermark that covers it in ONE store transaction, so a run killed
// at any moment leaves a store from which a rerun finishes exactly as an uninterrupted run would.
//
// Paging is by update time (keyset): after a page, the next request asks again for `since` = the
// latest update seen, instead of following the page-number Link. A thread updated mid-run moves to
// the end of the list and so cannot shift an unread one out of view, and the watermark alone is a
// resume point. Link URLs are followed only through a full page of equal update times.
// See README.md here for the watermark's meaning and the shallow-thread marker.
import { GoneError, NotFoundError, RateLimitedError } from "../../errors.js";
import type { GitHubClient, IssueListItem, RequestCounts } from "../../github/index.js";
import { refKey } from "../../refs/parse-ref.js";
import { errorSignature } from "../../similar/error-signature.js";
import type { PutThreadMeta, RepoRef, Store, StoredThread, Watermark } from "../../store/types.js";
import type { Thread } from "../../thread/types.js";
import type { RateBudget, SyncPhase, SyncProgress } from "./progress.js";
import { formatRepo } from "./repo-arg.js";
import { isShallow, SHALLOW_ETAG, shallowThread } from "./shallow.js";
import {
  compareTimes,
  decodeSyncState,
  encodeSyncState,
  laterOf,
  mergeSyncState,
  proposeSyncState,
  type SyncState,
  stateFor,
} from "./sync-state.js";

/** The slice of the GitHub client sync needs (a token pool offers the same). */
export type SyncClient = Pick<GitHubClient, "listIssuesPage" | "fetchThread" | "requests" | "apiUrl">;

export type SyncOptions = {
  repo: RepoRef;
  /** Also fetch every changed thread whole (comments and timeline). */
  deep: boolean;
  /** Deep runs commit after this many fetched threads (default 10), so a kill loses little work. */
  commitEvery?: number;
  /** List page size, 1-100 (default 100). */
  perPage?: number;
};

export type SyncDeps = {
  client: SyncClient;
  store: Store;
  /** The thread's error message, or null (core/analyze's extractThreadError). */
  extractError: (thread: Thread) => string | null;
  now: () => Date;
  onProgress?: (progress: SyncProgress) => void;
  /** The latest rate-limit budget seen, for progress (see core/github/pool). */
  budget?: () => RateBudget | null;
};

export type SyncResult = {
  repo: RepoRef;
  deep: boolean;
  /** List requests (pages), including a 304. */
  pages: number;
  /** Threads the list showed (each once, however often keyset paging repeated it). */
  listed: number;
  /** Threads written to the store. */
  threads: number;
  /** Threads fetched whole (deep). */
  fetched: number;
  /** Listed threads already stored as they are. */
  unchanged: number;
  /** Listed threads that were gone (404/410) when fetched whole. */
  missing: number;
  /** Every request this run sent (list, fetches, retries). */
  requests: number;
  requestsBy: RequestCounts;
  /** The first list request answered 304: nothing changed since the last complete sync. */
  notModified: boolean;
  watermark: Watermark;
};

type Write = { thread: Thread; meta: PutThreadMeta };

export async function syncRepo(options: SyncOptions, deps: SyncDeps): Promise<SyncResult> {
  const { repo, deep } = options;
  const name = formatRepo(repo);
  const perPage = options.perPage ?? 100;
  const commitEvery = deep ? Math.max(1, options.commitEvery ?? 10) : Number.POSITIVE_INFINITY;
  const before = deps.client.requests();
  const spent = (): RequestCounts => {
    const now = deps.client.requests();
    return { rest: now.rest - before.rest, graphql: now.graphql - before.graphql };
  };
  const counts = { pages: 0, listed: 0, stored: 0, fetched: 0, unchanged: 0, missing: 0 };
  let state: SyncState = stateFor(decodeSyncState(await deps.store.getWatermark(repo)), deps.client.apiUrl);
  let startedFrom: string | null = null;
  let notModified = false;
  // Each keyset page lists the previous page's last update again: those are not news.
  const seen = new Map<string, string>();

  const progress = (phase: SyncPhase) => {
    if (!deps.onProgress) return;
    const r = spent();
    deps.onProgress({
      repo: name,
      deep,
      phase,
      ...counts,
      requests: r.rest + r.graphql,
      since: deep ? state.deepSince : state.since,
      startedFrom,
      now: deps.now().toISOString(),
      budget: deps.budget?.() ?? null,
    });
  };

  /** Stored whole, from this API (a thread from another world, or imported, is fetched again). */
  function isWhole(stored: StoredThread): boolean {
    return !isShallow(stored) && stored.source === deps.client.apiUrl;
  }

  /** The item as it must be stored, or null when the store already has it (or it is gone). */
  async function prepare(item: IssueListItem): Promise<Write | null> {
    const stored = await deps.store.getThread(item.ref);
    if (stored && compareTimes(stored.thread.updatedAt, item.updatedAt) >= 0 && (!deep || isWhole(stored))) {
      counts.unchanged++;
      return null;
    }
    if (!deep) {
      const thread = shallowThread(item, stored?.thread ?? null);
      const meta = { fetchedAt: deps.now().toISOString(), via: "rest" as const, requests: { rest: 0, graphql: 0 } };
      // No source: a report's cache (obtainThread) then never takes the shallow copy for the thread.
      return { thread, meta: { ...meta, etag: SHALLOW_ETAG, source: null, errorMessage: deps.extractError(thread) } };
    }
    let fetched: Awaited<ReturnType<SyncClient["fetchThread"]>>;
    try {
      fetched = await deps.client.fetchThread(item.ref);
    } catch (error) {
      // Deleted or made private between the list and the fetch: nothing to store.
      if (error instanceof NotFoundError || error instanceof GoneError) {
        counts.missing++;
        return null;
      }
      throw error;
    }
    if (fetched.notModified) return null;
    counts.fetched++;
    const { thread, meta } = fetched;
    return { thread, meta: { ...meta, source: deps.client.apiUrl, errorMessage: deps.extractError(thread) } };
  }

  /** Writes the threads and the watermark they complete, together. */
  async function commit(writes: Write[], upTo: string | null, listEtag: string | null): Promise<void> {
    const proposed = proposeSyncState(state, { deep, upTo, listEtag });
    let written = 0;
    state = await deps.store.transaction(async (tx) => {
      for (const w of writes) {
        const current = await tx.getThread(w.thread.ref);
        if (current && keeps(current, w)) continue;
        await tx.putThread(w.thread, w.meta);
        const message = w.meta.errorMessage;
        if (message) {
          const sig = errorSignature(message);
          await tx.putSignature(w.thread.ref, { key: sig.key, family: sig.family, signature: sig.signature }, message);
        } else {
          // The error was edited out (or never there): no stale signature may match it.
          await tx.clearSignature(w.thread.ref);
        }
        written++;
      }
      const merged = mergeSyncState(decodeSyncState(await tx.getWatermark(repo)), proposed);
      await tx.setWatermark(repo, encodeSyncState(merged));
      return merged;
    });
    counts.stored += written;
  }

  try {
    // A deep run lists from where deep coverage ends; the stored ETag is for the list at `since`.
    let since = deep ? state.deepSince : state.since;
    let etag = compareTimes(since, state.since) === 0 ? state.listEtag : null;
    let pageUrl: string | null = null;
    for (;;) {
      progress("listing");
      const page = await deps.client.listIssuesPage(
        repo,
        pageUrl ? { url: pageUrl } : { ...(since ? { since } : {}), etag, perPage },
      );
      counts.pages++;
      if (page.notModified) {
        notModified = counts.pages === 1;
        break;
      }
      etag = null;
      startedFrom ??= page.items[0]?.updatedAt ?? null;
      const pageMax = page.items.reduce<string | null>((max, i) => laterOf(max, i.updatedAt), since);
      const moved = compareTimes(pageMax, since) > 0;
      // Nothing newer and nothing after: the end. The ETag of this list at `since` is what the next
      // run sends, so an unchanged repository then costs one free 304.
      const end = !moved && !page.nextUrl;
      const listEtag = end && !pageUrl ? page.etag : null;

      let pending: Write[] = [];
      let upTo = since;
      for (const item of page.items) {
        upTo = laterOf(upTo, item.updatedAt);
        const key = refKey(item.ref);
        if (seen.get(key) === item.updatedAt) continue;
        seen.set(key, item.updatedAt);
        counts.listed++;
        progress("fetching");
        const write = await prepare(item);
        if (!write) continue;
        pending.push(write);
        if (pending.length >= commitEvery) {
          await commit(pending, upTo, null);
          pending = [];
        }
      }
      await commit(pending, upTo, listEtag);
      if (end) break;
      if (moved) {
        since = pageMax;
        pageUrl = null;
      } else {
        // A full page of one update time: page through it by its Link.
        pageUrl = page.nextUrl;
      }
    }
  } catch (error) {
    if (error instanceof RateLimitedError) {
      progress("stopped");
      throw stoppedAtRateLimit(name, error, counts.stored, deep ? state.deepSince : state.since);
    }
    throw error;
  }
  progress("done");
  const by = spent();
  const { stored, ...rest } = counts;
  return {
    repo,
    deep,
    ...rest,
    threads: stored,
    requests: by.rest + by.graphql,
    requestsBy: by,
    notModified,
    watermark: encodeSyncState(state),
  };
}

/** Never replace a newer stored thread with an older one, nor a whole one with a shallow copy. */
function keeps(current: StoredThread, incoming: Write): boolean {
  const order = compareTimes(current.thread.updatedAt, incoming.thread.updatedAt);
  if (order > 0) return true;
  return order === 0 && incoming.meta.etag === SHALLOW_ETAG && !isShallow(current);
}

const hhmm = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function stoppedAtRateLimit(name: string, error: RateLimitedError, stored: number, upTo: string | null) {
  return new RateLimitedError(
    `sync of ${name} stopped at GitHub's rate limit (${error.message}); ${stored} threads stored by this run, ` +
      `progress kept${upTo ? ` up to ${upTo}` : ""}`,
    `Run the same command after ${hhmm(error.resetAt)} to continue where it stopped.`,
    error.resetAt,
  );
}
