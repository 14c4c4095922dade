import { describe, expect, it } from "vitest";
import { emptyReactions, type Thread } from "../thread/types.js";
import { activityFromThread, DEFAULT_TRENDING, HOUR_MS, rankTrending, trendingScore } from "./score.js";

const now = new Date("2026-04-10T12:00:00Z");
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR_MS).toISOString();

describe("trendingScore", () => {
  it("weighs each kind and halves every 24 hours", () => {
    expect(trendingScore([{ kind: "comment", at: ago(0) }], now)).toBe(3);
    expect(trendingScore([{ kind: "comment", at: ago(24) }], now)).toBeCloseTo(1.5, 10);
    expect(trendingScore([{ kind: "cross-reference", at: ago(48) }], now)).toBeCloseTo(1, 10);
    expect(trendingScore([{ kind: "reaction", at: ago(0), count: 4 }], now)).toBe(4);
    expect(trendingScore([{ kind: "vote", at: now }], now)).toBe(2);
    expect(trendingScore([{ kind: "view", at: ago(0), count: 8 }], now)).toBe(2);
  });

  it("ignores activity beyond the horizon and clamps future activity to now", () => {
    expect(trendingScore([{ kind: "comment", at: ago(14 * 24 + 1) }], now)).toBe(0);
    expect(trendingScore([{ kind: "comment", at: ago(-5) }], now)).toBe(3);
    expect(trendingScore([{ kind: "comment", at: "not a date" }], now)).toBe(0);
  });

  it("accepts other options", () => {
    const opts = { ...DEFAULT_TRENDING, halfLifeMs: HOUR_MS };
    expect(trendingScore([{ kind: "comment", at: ago(2) }], now, opts)).toBeCloseTo(0.75, 10);
  });
});

describe("rankTrending", () => {
  it("puts recent activity first, breaks ties by key and drops cold items", () => {
    const ranked = rankTrending(
      [
        { item: "old", key: "o/r#1", activities: [{ kind: "comment", at: ago(72) }] },
        { item: "new", key: "o/r#2", activities: [{ kind: "comment", at: ago(1) }] },
        { item: "twin-b", key: "o/r#4", activities: [{ kind: "vote", at: ago(10) }] },
        { item: "twin-a", key: "o/r#3", activities: [{ kind: "vote", at: ago(10) }] },
        { item: "cold", key: "o/r#5", activities: [{ kind: "view", at: ago(24 * 10) }] },
      ],
      now,
    );
    expect(ranked.map((r) => r.item)).toEqual(["new", "twin-a", "twin-b", "old"]);
  });

  it("respects the limit", () => {
    const items = [1, 2, 3].map((n) => ({ item: n, key: `k${n}`, activities: [{ kind: "vote" as const, at: now }] }));
    expect(rankTrending(items, now, DEFAULT_TRENDING, 2)).toHaveLength(2);
  });
});

describe("activityFromThread", () => {
  it("takes comments, cross-references and reactions with their times", () => {
    const thread = {
      updatedAt: "2026-04-10T00:00:00Z",
      reactions: { ...emptyReactions(), "+1": 2 },
      comments: [
        { createdAt: "2026-04-09T00:00:00Z", reactions: { ...emptyReactions(), heart: 1 } },
        { createdAt: "2026-04-09T01:00:00Z", reactions: emptyReactions() },
      ],
      events: [
        { type: "labeled", createdAt: "2026-04-08T00:00:00Z" },
        { type: "cross-referenced", createdAt: "2026-04-08T05:00:00Z" },
      ],
    } as unknown as Thread;
    expect(activityFromThread(thread)).toEqual([
      { kind: "comment", at: "2026-04-09T00:00:00Z" },
      { kind: "reaction", at: "2026-04-09T00:00:00Z", count: 1 },
      { kind: "comment", at: "2026-04-09T01:00:00Z" },
      { kind: "cross-reference", at: "2026-04-08T05:00:00Z" },
      { kind: "reaction", at: "2026-04-10T00:00:00Z", count: 2 },
    ]);
  });
});
