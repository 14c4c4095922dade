// Loads what the trending score needs from the store and ranks it (core/trending does the maths).
// The store counts views and votes since a time; asking for a few windows and taking differences
// places them in time buckets, each counted at its middle, which the decay then weighs.
import { refKey } from "../../core/refs/parse-ref.js";
import type { RepoRef, Store } from "../../core/store/types.js";
import type { IssueRef, StateReason, ThreadState } from "../../core/thread/types.js";
import {
  type Activity,
  activityFromThread,
  DEFAULT_TRENDING,
  HOUR_MS,
  rankTrending,
} from "../../core/trending/score.js";
import { memoiseWithTtl } from "./ttl-memo.js";

export type TrendingEntry = {
  ref: IssueRef;
  title: string;
  state: ThreadState;
  stateReason: StateReason;
  score: number;
};

/** Bucket edges in hours ago; the last one is the horizon. */
const EDGES = [0, 3, 12, 24, 72, 168, 336];

/** The most trending issues, of one repository when `repo` is given. */
export async function loadTrending(store: Store, now: Date, limit: number, repo?: RepoRef): Promise<TrendingEntry[]> {
  const t = now.getTime();
  const repoKey = (r: RepoRef) => `${r.host}/${r.owner}/${r.repo}`.toLowerCase();
  const inRepo = (ref: IssueRef) => !repo || repoKey(ref) === repoKey(repo);
  const windows = await Promise.all(
    EDGES.slice(1).map((h) => store.activitySince(new Date(t - h * HOUR_MS).toISOString(), { limit: 200 })),
  );
  // cumulative[i]: views and votes per ref since EDGES[i + 1] hours ago.
  const cumulative = windows.map((rows) => new Map(rows.map((r) => [refKey(r.ref), r])));
  const candidates = new Map<string, IssueRef>();
  for (const r of windows.at(-1) ?? []) if (inRepo(r.ref)) candidates.set(refKey(r.ref), r.ref);
  for (const row of await store.listThreads({ limit: 60, repo })) {
    if (row.kind === "issue" && !candidates.has(refKey(row.ref))) candidates.set(refKey(row.ref), row.ref);
  }

  const items: { item: Omit<TrendingEntry, "score">; key: string; activities: Activity[] }[] = [];
  for (const [key, ref] of candidates) {
    const stored = await store.getThread(ref);
    if (stored?.thread.kind !== "issue") continue;
    const activities = activityFromThread(stored.thread);
    let prev = { views: 0, votes: 0 };
    cumulative.forEach((m, i) => {
      const cur = m.get(key) ?? { views: 0, votes: 0 };
      const mid = new Date(t - (((EDGES[i] ?? 0) + (EDGES[i + 1] ?? 0)) / 2) * HOUR_MS);
      const views = cur.views - prev.views;
      const votes = cur.votes - prev.votes;
      if (views > 0) activities.push({ kind: "view", at: mid, count: views });
      if (votes > 0) activities.push({ kind: "vote", at: mid, count: votes });
      prev = { views: Math.max(prev.views, cur.views), votes: Math.max(prev.votes, cur.votes) };
    });
    const { thread } = stored;
    items.push({
      item: { ref: thread.ref, title: thread.title, state: thread.state, stateReason: thread.stateReason },
      key,
      activities,
    });
  }
  return rankTrending(items, now, DEFAULT_TRENDING, limit).map((r) => ({ ...r.item, score: round2(r.score) }));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The site's top ten, recomputed at most once per `ttlMs`; a failed load is not kept. */
export function cachedTrending(store: Store, now: () => Date, ttlMs: number): () => Promise<TrendingEntry[]> {
  const nowMs = () => now().getTime();
  return memoiseWithTtl(
    () => loadTrending(store, now(), 10),
    () => "top",
    { nowMs, ttlMs, max: 1 },
  );
}
