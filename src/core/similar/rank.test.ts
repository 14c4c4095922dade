import { describe, expect, it } from "vitest";
import type { ThreadRow } from "../store/types.js";
import type { IssueRef } from "../thread/types.js";
import { errorSignature } from "./error-signature.js";
import { type Anchor, type Candidate, CONFIDENT, rankCandidates, rankSearchHits, scoreCandidate } from "./rank.js";
import { stem, titleSimilarity } from "./text-similarity.js";

const r = (n: number): IssueRef => ({ host: "github.com", owner: "o", repo: "r", number: n });
const row = (n: number, title: string, extra: Partial<ThreadRow> = {}): ThreadRow => ({
  ref: r(n),
  kind: "issue",
  title,
  state: "open",
  stateReason: null,
  updatedAt: "2024-01-01T00:00:00.000Z",
  fetchedAt: "2024-01-01T00:00:00.000Z",
  duplicateOf: null,
  errorText: null,
  signatureKey: null,
  ...extra,
});
const cand = (n: number, title: string, fullRank = 0, titleRank = 0, extra: Partial<ThreadRow> = {}): Candidate => ({
  row: row(n, title, extra),
  fullRank,
  titleRank,
});
const anchor = (over: Partial<Anchor> = {}): Anchor => ({
  ref: r(1),
  title: "Allow floating windows",
  signature: null,
  selfFull: 10,
  selfTitle: 4,
  ...over,
});

describe("text similarity", () => {
  it.each([
    ["windows", "window"],
    ["floating", "float"],
    ["blurriness", "blurri"],
    ["blurry", "blurri"],
    ["copies", "copi"],
    ["required", "requir"],
    ["require", "requir"],
    ["stopped", "stop"],
    ["tabs", "tab"],
    ["v2", "v2"],
  ])("stem(%s) = %s", (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it("scores titles by shared content words (Dice over stems, stop words ignored)", () => {
    expect(titleSimilarity("Multiple Floating Windows", "Allow for floating windows")).toBeCloseTo(2 / 3, 5);
    expect(titleSimilarity("The window", "A window")).toBe(1);
    expect(titleSimilarity("Minimap required", "Terminal crashes")).toBe(0);
    expect(titleSimilarity("", "x")).toBe(0);
  });
});

describe("scoreCandidate: the formula", () => {
  it("text = 0.4 full/self + 0.3 title/self + 0.3 dice, and no error means score = text", () => {
    const s = scoreCandidate(anchor(), cand(2, "Allow floating windows", 5, 2));
    // 0.4 * 0.5 + 0.3 * 0.5 + 0.3 * 1 = 0.65
    expect(s.score).toBeCloseTo(0.65, 3);
    expect(s.sameError).toBe(false);
    expect(s.why).toMatch(/title shares/);
  });

  it("caps ranks above the anchor's own at 1 and treats unknown self ranks as no text evidence", () => {
    expect(scoreCandidate(anchor(), cand(2, "zzz", 50, 40)).score).toBeCloseTo(0.7, 3);
    expect(scoreCandidate(anchor({ selfFull: 0, selfTitle: null }), cand(2, "zzz", 50, 40)).score).toBe(0);
  });

  it("the same error alone gives 0.6, and combines with text by noisy-OR", () => {
    const sig = errorSignature("TypeError: Cannot read properties of undefined (reading 'map')");
    const same = { errorText: "TypeError: Cannot read properties of undefined (reading 'filter')" };
    const alone = scoreCandidate(anchor({ signature: sig }), cand(2, "zzz", 0, 0, same));
    expect(alone.score).toBeCloseTo(0.6, 3);
    expect(alone.sameError).toBe(true);
    expect(alone.why).toMatch(/^same error/);
    const both = scoreCandidate(anchor({ signature: sig }), cand(2, "Allow floating windows", 5, 2, same));
    expect(both.score).toBeCloseTo(1 - 0.4 * 0.35, 3);
    const other = scoreCandidate(anchor({ signature: sig }), cand(2, "zzz", 0, 0, { errorText: "RangeError: x" }));
    expect(other.sameError).toBe(false);
    expect(other.score).toBe(0);
  });

  it("a truncated error counts at 0.9", () => {
    const sig = errorSignature("You're out of extra usage. Add more at claude.ai/settings/usage and keep going.");
    const s = scoreCandidate(
      anchor({ signature: sig }),
      cand(2, "zzz", 0, 0, { errorText: 'API Error: 400 "You\'re out of extra usage..."' }),
    );
    expect(s.sameError).toBe(true);
    expect(s.score).toBeCloseTo(0.54, 3);
    expect(s.why).toMatch(/prefix match/);
  });
});

describe("rankCandidates", () => {
  it("drops the anchor, sorts best first, keeps the best of duplicate rows, applies the limit", () => {
    const out = rankCandidates(
      anchor(),
      [
        cand(1, "Allow floating windows", 10, 4),
        cand(2, "floating", 1, 1),
        cand(3, "Allow floating windows", 8, 3),
        cand(3, "Allow floating windows", 1, 0),
        cand(4, "zzz", 0.5, 0),
      ],
      2,
    );
    expect(out.results.map((x) => x.ref)).toEqual(["o/r#3", "o/r#2"]);
    expect(out.confident).toBe(true);
    expect(out.message).toBeUndefined();
  });

  it("says 'no confident match' below the threshold instead of guessing", () => {
    const out = rankCandidates(anchor(), [cand(2, "zzz", 0.5, 0)], 5);
    expect(out.results[0]?.score).toBeLessThan(CONFIDENT);
    expect(out.confident).toBe(false);
    expect(out.message).toMatch(/^No confident match: the best score is 0\.02/);
    expect(rankCandidates(anchor(), [], 5)).toEqual({
      results: [],
      confident: false,
      message: "No confident match: nothing in the store resembles it.",
    });
  });

  it("lets a canonical gain its best duplicate's resemblance at half strength (not the sum of all)", () => {
    const kids = [2, 3, 4].map((n) => cand(n, "Allow floating windows", 5, 2, { duplicateOf: r(9) }));
    const out = rankCandidates(anchor(), [...kids, cand(9, "Something else", 0, 0)], 10);
    const canonical = out.results.find((x) => x.ref === "o/r#9");
    expect(canonical?.score).toBeCloseTo(0.5 * 0.65, 3);
    expect(canonical?.why).toMatch(/canonical of similar #2, #3, #4/);
  });

  it("ranks the thread's own canonical, and threads marked duplicates of it, high", () => {
    const out = rankCandidates(
      anchor({ duplicateOf: r(9) }),
      [cand(9, "zzz"), cand(8, "zzz", 0, 0, { duplicateOf: r(1) }), cand(7, "zzz", 1, 0)],
      10,
    );
    expect(out.results.map((x) => [x.ref, x.score])).toEqual([
      ["o/r#8", 0.9],
      ["o/r#9", 0.9],
      ["o/r#7", 0.04],
    ]);
    expect(out.results[1]?.why).toMatch(/the thread is marked a duplicate of it/);
    expect(out.results[0]?.why).toMatch(/marked a duplicate of the thread/);
  });
});

describe("rankSearchHits", () => {
  it("scores relative to the best hit plus the query's coverage of title and error", () => {
    const out = rankSearchHits(
      "floating windows",
      [cand(1, "Allow for floating windows", 4), cand(2, "Minimap", 2)],
      5,
    );
    expect(out.results.map((x) => [x.ref, x.score])).toEqual([
      ["o/r#1", 1],
      ["o/r#2", 0.25],
    ]);
    expect(out.confident).toBe(true);
  });

  it("is not confident when the words are only in bodies", () => {
    const out = rankSearchHits("sublime", [cand(1, "Minimap required", 3)], 5);
    expect(out.results[0]?.score).toBe(0.5);
    expect(out.confident).toBe(false);
  });

  it("a pasted error message finds the threads with that error", () => {
    const out = rankSearchHits(
      "API Error: Rate limit reached",
      [cand(2, "zzz", 0, 0, { errorText: "Rate limit reached" })],
      5,
    );
    expect(out.results[0]?.sameError).toBe(true);
    expect(out.confident).toBe(true);
  });
});
