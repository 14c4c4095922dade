import { GoneError, NotFoundError, UsageError } from "../errors.js";
import { refKey, sameRef } from "../refs/parse-ref.js";
import type { CommitRef, Link, LinkedThread, Relation } from "../thread/link.js";
import type { IssueRef, Thread, ThreadSummary } from "../thread/types.js";
import { discoverLinks } from "./discover-links.js";
import { addEvidence, addRelations, CommitCollector } from "./link-collector.js";
import { knownSummaries, summaryOf } from "./summary.js";

/** The crawl's only I/O, injected. */
export type CrawlDeps = {
  /** One batched request for many refs; the map is keyed by refKey, null for a ref that is gone. */
  fetchSummaries(refs: IssueRef[]): Promise<Map<string, ThreadSummary | null>>;
  /** null (or NotFoundError/GoneError) when the thread cannot be read. */
  fetchThread(ref: IssueRef): Promise<Thread | null>;
};

export type CrawlOptions = {
  /** 1: the root's links; 2..3: also the links of the threads found one level up. */
  depth?: number;
  /** At most this many linked threads, root excluded; more sets `truncated`. */
  maxNodes?: number;
};

/** A linked thread and the thread it was found on (its relations are read from that thread's side). */
export type CrawlLink = LinkedThread & { from: IssueRef };

export type CrawlResult = { links: CrawlLink[]; commits: CommitRef[]; truncated: boolean };

export const DEFAULT_DEPTH = 1;
export const MAX_DEPTH = 3;
export const DEFAULT_MAX_NODES = 200;
const FETCH_CONCURRENCY = 4;

const inverse: Record<Relation, Relation> = {
  closes: "closed-by",
  "closed-by": "closes",
  "duplicate-of": "duplicated-by",
  "duplicated-by": "duplicate-of",
  connected: "connected",
  "mentioned-by": "mentions",
  mentions: "mentioned-by",
};

/**
 * The link graph around `root`, breadth first. Level 1 is the root's links; their summaries come
 * from the root's own cross-references where it has them, and otherwise from ONE batched
 * fetchSummaries call. Below the last level, threads are fetched whole instead (which gives their
 * summary) and their links make the next level. Each thread appears once (the root never does).
 */
export async function crawl(root: Thread, deps: CrawlDeps, options: CrawlOptions = {}): Promise<CrawlResult> {
  const depth = options.depth ?? DEFAULT_DEPTH;
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  validate(depth, maxNodes);

  const known = new Map<string, ThreadSummary>();
  const visited = new Set([root.ref, ...(root.movedFrom ? [root.movedFrom] : [])].map(refKey));
  const nodes: CrawlLink[] = [];
  const commits = new CommitCollector();
  let truncated = false;
  let frontier: { thread: Thread; entry: CrawlLink | null }[] = [{ thread: root, entry: null }];

  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const found: CrawlLink[] = [];
    for (const { thread, entry } of frontier) {
      for (const s of knownSummaries(thread)) if (!known.has(refKey(s.ref))) known.set(refKey(s.ref), s);
      const discovery = discoverLinks(thread);
      commits.addAll(discovery.commits);
      for (const link of discovery.links) {
        // The thread's view of the one it was found on enriches that edge (e.g. a PR body's
        // "Fixes #root" makes root closed-by the PR even over REST, where willCloseTarget is null).
        if (entry && sameRef(link.target, entry.from)) reciprocate(entry, link);
        const key = refKey(link.target);
        if (visited.has(key)) continue;
        if (nodes.length + found.length >= maxNodes) {
          truncated = true;
          continue;
        }
        visited.add(key);
        found.push({ ...link, summary: null, depth: level, from: thread.ref });
      }
    }
    nodes.push(...found);
    if (level < depth) {
      frontier = await fetchWhole(found, deps, known, visited);
    } else {
      await fillSummaries(found, deps, known);
      frontier = [];
    }
  }
  return { links: nodes, commits: commits.toCommits(), truncated };
}

function validate(depth: number, maxNodes: number): void {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw new UsageError(`depth ${depth} is out of range`, `Use a depth from 1 to ${MAX_DEPTH}.`);
  }
  if (!Number.isInteger(maxNodes) || maxNodes < 1) {
    throw new UsageError(`max nodes ${maxNodes} is not a positive whole number`, "Use a limit of 1 or more.");
  }
}

function reciprocate(entry: CrawlLink, back: Link): void {
  addRelations(
    entry,
    back.relations.map((r) => inverse[r]),
  );
  addEvidence(entry.evidence, back.evidence);
}

async function fillSummaries(found: CrawlLink[], deps: CrawlDeps, known: Map<string, ThreadSummary>): Promise<void> {
  const missing = found.filter((n) => !known.has(refKey(n.target)));
  const fetched = missing.length > 0 ? await deps.fetchSummaries(missing.map((n) => n.target)) : new Map();
  for (const n of found) n.summary = known.get(refKey(n.target)) ?? fetched.get(refKey(n.target)) ?? null;
}

async function fetchWhole(
  found: CrawlLink[],
  deps: CrawlDeps,
  known: Map<string, ThreadSummary>,
  visited: Set<string>,
): Promise<{ thread: Thread; entry: CrawlLink }[]> {
  const threads = await mapLimit(found, FETCH_CONCURRENCY, (n) => readable(() => deps.fetchThread(n.target)));
  const next: { thread: Thread; entry: CrawlLink }[] = [];
  found.forEach((entry, i) => {
    const thread = threads[i] ?? null;
    entry.summary = thread ? summaryOf(thread) : (known.get(refKey(entry.target)) ?? null);
    if (!thread) return;
    // A transferred thread answers under its new ref: crawl it once, under whichever ref came first.
    const actual = refKey(thread.ref);
    if (actual !== refKey(entry.target)) {
      if (visited.has(actual)) return;
      visited.add(actual);
    }
    next.push({ thread, entry });
  });
  return next;
}

/** A linked thread that is gone or private is a dead end, not a failed report. */
async function readable(fetch: () => Promise<Thread | null>): Promise<Thread | null> {
  try {
    return await fetch();
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof GoneError) return null;
    throw error;
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
