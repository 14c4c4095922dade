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
import type { GitHubClient, IssueListItem, IssuesPage, RequestCounts } from "../../github/index.js";
import { refKey } from "../../refs/parse-ref.js";
import type { IndexThreadMeta } from "../../similar/index-thread.js";
import type { RepoRef, Store, StoredThread, Watermark } from "../../store/types.js";
import type { IssueRef, Thread } from "../../thread/types.js";
import { storeThread } from "../store-thread.js";
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

type Write = { thread: Thread; meta: IndexThreadMeta };

export async function syncRepo(options: SyncOptions, deps: SyncDeps): Promise<SyncResult> {
  const state = stateFor(decodeSyncState(await deps.store.getWatermark(options.repo)), deps.client.apiUrl);
  const run = new SyncRun(options, deps, state);
  try {
    await run.listAll();
  } catch (error) {
    if (error instanceof RateLimitedError) throw run.stoppedAt(error);
    throw error;
  }
  return run.finish();
}

/** One run of sync: the list pages, the writes and the watermark they advance, and the counts. */
class SyncRun {
  private readonly counts = { pages: 0, listed: 0, stored: 0, fetched: 0, unchanged: 0, missing: 0 };
  /** Each keyset page lists the previous page's last update again: those are not news. */
  private readonly seen = new Map<string, string>();
  private readonly before: RequestCounts;
  private readonly deep: boolean;
  private readonly commitEvery: number;
  private startedFrom: string | null = null;
  private notModified = false;

  constructor(
    private readonly options: SyncOptions,
    private readonly deps: SyncDeps,
    private state: SyncState,
  ) {
    this.deep = options.deep;
    this.commitEvery = this.deep ? Math.max(1, options.commitEvery ?? 10) : Number.POSITIVE_INFINITY;
    this.before = deps.client.requests();
  }

  /** Pages through the list from the watermark to its end, storing each page's changed threads. */
  async listAll(): Promise<void> {
    // A deep run lists from where deep coverage ends; the stored ETag is for the list at `since`.
    let since = this.coveredUpTo();
    let etag = compareTimes(since, this.state.since) === 0 ? this.state.listEtag : null;
    let pageUrl: string | null = null;
    for (;;) {
      this.progress("listing");
      const page = await this.deps.client.listIssuesPage(
        this.options.repo,
        pageUrl ? { url: pageUrl } : { ...(since ? { since } : {}), etag, perPage: this.options.perPage ?? 100 },
      );
      this.counts.pages++;
      if (page.notModified) {
        this.notModified = this.counts.pages === 1;
        return;
      }
      etag = null;
      this.startedFrom ??= page.items[0]?.updatedAt ?? null;
      const next = nextListing(page, since);
      // The ETag of the list at `since` is what the next run sends, so an unchanged repository then
      // costs one free 304.
      await this.storePage(page.items, since, next.end && !pageUrl ? page.etag : null);
      if (next.end) return;
      since = next.since;
      pageUrl = next.pageUrl;
    }
  }

  /** Stores the page's changed threads, committing every `commitEvery` with the watermark they complete. */
  private async storePage(items: IssueListItem[], since: string | null, listEtag: string | null): Promise<void> {
    let pending: Write[] = [];
    let upTo = since;
    for (const item of items) {
      upTo = laterOf(upTo, item.updatedAt);
      if (!this.isNews(item)) continue;
      this.counts.listed++;
      this.progress("fetching");
      const write = await this.prepare(item);
      if (!write) continue;
      pending.push(write);
      if (pending.length >= this.commitEvery) {
        await this.commit(pending, upTo, null);
        pending = [];
      }
    }
    await this.commit(pending, upTo, listEtag);
  }

  /** False for an item a keyset page repeats (seen with this update time already in this run). */
  private isNews(item: IssueListItem): boolean {
    const key = refKey(item.ref);
    if (this.seen.get(key) === item.updatedAt) return false;
    this.seen.set(key, item.updatedAt);
    return true;
  }

  /** The item as it must be stored, or null when the store already has it (or it is gone). */
  private async prepare(item: IssueListItem): Promise<Write | null> {
    const stored = await this.deps.store.getThread(item.ref);
    if (stored && compareTimes(stored.thread.updatedAt, item.updatedAt) >= 0 && (!this.deep || this.isWhole(stored))) {
      this.counts.unchanged++;
      return null;
    }
    if (!this.deep) {
      const thread = shallowThread(item, stored?.thread ?? null);
      const meta = {
        fetchedAt: this.deps.now().toISOString(),
        via: "rest" as const,
        requests: { rest: 0, graphql: 0 },
      };
      // No source: a report's cache (obtainThread) then never takes the shallow copy for the thread.
      return { thread, meta: { ...meta, etag: SHALLOW_ETAG, source: null } };
    }
    return this.fetchWhole(item.ref);
  }

  /** Stored whole, from this API (a thread from another world, or imported, is fetched again). */
  private isWhole(stored: StoredThread): boolean {
    return !isShallow(stored) && stored.source === this.deps.client.apiUrl;
  }

  private async fetchWhole(ref: IssueRef): Promise<Write | null> {
    let fetched: Awaited<ReturnType<SyncClient["fetchThread"]>>;
    try {
      fetched = await this.deps.client.fetchThread(ref);
    } catch (error) {
      // Deleted or made private between the list and the fetch: nothing to store.
      if (error instanceof NotFoundError || error instanceof GoneError) {
        this.counts.missing++;
        return null;
      }
      throw error;
    }
    if (fetched.notModified) return null;
    this.counts.fetched++;
    return { thread: fetched.thread, meta: { ...fetched.meta, source: this.deps.client.apiUrl } };
  }

  /** Writes the threads (with their error signatures) and the watermark they complete, together. */
  private async commit(writes: Write[], upTo: string | null, listEtag: string | null): Promise<void> {
    const proposed = proposeSyncState(this.state, { deep: this.deep, upTo, listEtag });
    let written = 0;
    this.state = await this.deps.store.transaction(async (tx) => {
      for (const w of writes) {
        const current = await tx.getThread(w.thread.ref);
        if (current && keeps(current, w)) continue;
        await storeThread(tx, w.thread, w.meta);
        written++;
      }
      const merged = mergeSyncState(decodeSyncState(await tx.getWatermark(this.options.repo)), proposed);
      await tx.setWatermark(this.options.repo, encodeSyncState(merged));
      return merged;
    });
    this.counts.stored += written;
  }

  private coveredUpTo(): string | null {
    return this.deep ? this.state.deepSince : this.state.since;
  }

  private spent(): RequestCounts {
    const now = this.deps.client.requests();
    return { rest: now.rest - this.before.rest, graphql: now.graphql - this.before.graphql };
  }

  private progress(phase: SyncPhase): void {
    if (!this.deps.onProgress) return;
    const r = this.spent();
    this.deps.onProgress({
      repo: formatRepo(this.options.repo),
      deep: this.deep,
      phase,
      ...this.counts,
      requests: r.rest + r.graphql,
      since: this.coveredUpTo(),
      startedFrom: this.startedFrom,
      now: this.deps.now().toISOString(),
      budget: this.deps.budget?.() ?? null,
    });
  }

  /** The rate limit stopped the run: what was stored is kept, and the error says when to go on. */
  stoppedAt(error: RateLimitedError): RateLimitedError {
    this.progress("stopped");
    return stoppedAtRateLimit(formatRepo(this.options.repo), error, this.counts.stored, this.coveredUpTo());
  }

  finish(): SyncResult {
    this.progress("done");
    const by = this.spent();
    const { stored, ...rest } = this.counts;
    return {
      repo: this.options.repo,
      deep: this.deep,
      ...rest,
      threads: stored,
      requests: by.rest + by.graphql,
      requestsBy: by,
      notModified: this.notModified,
      watermark: encodeSyncState(this.state),
    };
  }
}

/**
 * Where the list goes after a page (keyset paging): on from the page's latest update when it moved
 * past `since`; through the page's Link when a full page shares one update time; else the end.
 */
function nextListing(
  page: IssuesPage,
  since: string | null,
): { end: boolean; since: string | null; pageUrl: string | null } {
  const pageMax = page.items.reduce<string | null>((max, i) => laterOf(max, i.updatedAt), since);
  if (compareTimes(pageMax, since) > 0) return { end: false, since: pageMax, pageUrl: null };
  return { end: !page.nextUrl, since, pageUrl: page.nextUrl };
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
