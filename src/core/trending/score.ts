// Trending: recent activity, decayed exponentially with age. Pure; the clock is an argument.
// The formula is documented in README.md next to this file.
import type { Thread } from "../thread/types.js";
import { reactionTotal } from "../thread/types.js";

export type ActivityKind = "comment" | "cross-reference" | "reaction" | "view" | "vote";

/** Something that happened to an issue: `count` occurrences at one instant (ISO 8601 or Date). */
export type Activity = { kind: ActivityKind; at: string | Date; count?: number };

export type TrendingOptions = {
  halfLifeMs: number;
  /** Activity older than this counts for nothing (keeps sums short and old issues off the list). */
  horizonMs: number;
  weights: Readonly<Record<ActivityKind, number>>;
};

export const HOUR_MS = 3_600_000;

export const DEFAULT_TRENDING: TrendingOptions = {
  halfLifeMs: 24 * HOUR_MS,
  horizonMs: 14 * 24 * HOUR_MS,
  weights: { comment: 3, "cross-reference": 4, reaction: 1, view: 0.25, vote: 2 },
};

/** score = Σ weight(kind) × count × 2^(−age / halfLife), over activity with 0 ≤ age ≤ horizon. */
export function trendingScore(activities: readonly Activity[], now: Date, options = DEFAULT_TRENDING): number {
  const t = now.getTime();
  let score = 0;
  for (const a of activities) {
    const at = typeof a.at === "string" ? Date.parse(a.at) : a.at.getTime();
    if (!Number.isFinite(at)) continue;
    // A clock a little behind the data should not make activity count more than "now".
    const age = Math.max(0, t - at);
    if (age > options.horizonMs) continue;
    score += options.weights[a.kind] * (a.count ?? 1) * 2 ** (-age / options.halfLifeMs);
  }
  return score;
}

export type TrendingItem<T> = { item: T; key: string; score: number };

/** Highest score first, ties by key; items scoring below `minScore` are dropped. */
export function rankTrending<T>(
  items: readonly { item: T; key: string; activities: readonly Activity[] }[],
  now: Date,
  options = DEFAULT_TRENDING,
  limit = 10,
  minScore = 0.05,
): TrendingItem<T>[] {
  return items
    .map(({ item, key, activities }) => ({ item, key, score: trendingScore(activities, now, options) }))
    .filter((x) => x.score >= minScore)
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, limit);
}

/**
 * The activity a fetched thread shows: comments at their time, cross-references at theirs, and
 * reactions (GitHub gives no reaction times) at the time of what they react to: a comment's
 * reactions at the comment, the at its last update.
 */
export function activityFromThread(thread: Thread): Activity[] {
  const out: Activity[] = [];
  for (const c of thread.comments) {
    out.push({ kind: "comment", at: c.createdAt });
    const r = reactionTotal(c.reactions);
    if (r > 0) out.push({ kind: "reaction", at: c.createdAt, count: r });
  }
  for (const e of thread.events) {
    if (e.type === "cross-referenced") out.push({ kind: "cross-reference", at: e.createdAt });
  }
  const own = reactionTotal(thread.reactions);
  if (own > 0) out.push({ kind: "reaction", at: thread.updatedAt, count: own });
  return out;
}
