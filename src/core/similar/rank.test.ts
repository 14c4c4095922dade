import { describe, expect, it } from "vitest";
import type { ThreadRow } from "../store/types.js";
import type { IssueRef } from "../thread/types.js";
import { errorSignature } from "./error-signature.js";
import { type Anchor, type Candidate, CONFIDENT, finishAnswer, rankCandidates, scoreCandidate } from "./rank.js";
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
const cand = (
  n: number,
  title: string,
  cover = 0,
  extra: Partial<ThreadRow> = {},
  words: string[] = [],
): Candidate => ({
  row: row(n, title, extra),
  cover,
  words,
});
const anchor = (over: Partial<Anchor> = {}): Anchor => ({
  ref: r(1),
  title: "Allow floating windows",
  signature: null,
  ...over,
});
const ranked = (a: Anchor, cs: Candidate[], limit = 10) => finishAnswer(rankCandidates(a, cs), limit, CONFIDENT);

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
  it("text = 0.75 cover + 0.25 title Dice; without the same error, score = text", () => {
    const s = scoreCandidate(anchor(), cand(2, "Allow floating windows", 0.4, {}, ["Floating", "windows"]));
    expect(s.score).toBeCloseTo(0.75 * 0.4 + 0.25, 3);
    expect(s.sameError).toBe(false);
    expect(s.why).toBe("shares Floating, windows");
  });

  it("is absolute: the same evidence scores the same whatever else is in the list", () => {
    const alone = ranked(anchor(), [cand(2, "zzz", 0.3)]);
    const crowded = ranked(anchor(), [cand(2, "zzz", 0.3), cand(3, "Allow floating windows", 1)]);
    expect(alone.results[0]?.score).toBe(crowded.results.find((x) => x.ref === "o/r#2")?.score);
  });

  it("the same error alone gives 0.6, and combines with text by noisy-OR", () => {
    const sig = errorSignature("TypeError: Cannot read properties of undefined (reading 'map')");
    const same = { errorText: "TypeError: Cannot read properties of undefined (reading 'filter')" };
    const alone = scoreCandidate(anchor({ signature: sig }), cand(2, "zzz", 0, same));
    expect(alone.score).toBeCloseTo(0.6, 3);
    expect(alone.sameError).toBe(true);
    expect(alone.why).toMatch(/^same error/);
    const both = scoreCandidate(anchor({ signature: sig }), cand(2, "zzz", 0.4, same));
    expect(both.score).toBeCloseTo(1 - 0.4 * 0.7, 3);
    const other = scoreCandidate(anchor({ signature: sig }), cand(2, "zzz", 0, { errorText: "RangeError: x" }));
    expect(other.sameError).toBe(false);
    expect(other.score).toBe(0);
  });

  it("a truncated error counts at 0.9", () => {
    const sig = errorSignature("You're out of extra usage. Add more at claude.ai/settings/usage and keep going.");
    const s = scoreCandidate(
      anchor({ signature: sig }),
      cand(2, "zzz", 0, { errorText: 'API Error: 400 "You\'re out of extra usage..."' }),
    );
    expect(s.sameError).toBe(true);
    expect(s.score).toBeCloseTo(0.54, 3);
    expect(s.why).toMatch(/prefix match/);
  });

  it("never calls an empty or frame-only signature the same error", () => {
    const frames = "    at foo (/app/x.js:1:2)\n    at bar (/app/y.js:3:4)";
    const s = scoreCandidate(anchor({ signature: errorSignature(frames) }), cand(2, "zzz", 0, { errorText: frames }));
    expect(s.sameError).toBe(false);
    expect(s.score).toBe(0);
  });
});

describe("rankCandidates", () => {
  it("drops the anchor, sorts best first, keeps the best of duplicate rows, applies the limit", () => {
    const out = ranked(
      anchor(),
      [
        cand(1, "Allow floating windows", 1),
        cand(2, "floating", 0.3),
        cand(3, "Allow floating windows", 0.8),
        cand(3, "Allow floating windows", 0.1),
        cand(4, "zzz", 0.05),
      ],
      2,
    );
    expect(out.results.map((x) => x.ref)).toEqual(["o/r#3", "o/r#2"]);
    expect(out.results[0]?.issueRef).toEqual(r(3));
    expect(out.confident).toBe(true);
    expect(out.message).toBeUndefined();
  });

  it("says 'no confident match' below the threshold instead of guessing", () => {
    const out = ranked(anchor(), [cand(2, "zzz", 0.1)], 5);
    expect(out.results[0]?.score).toBeLessThan(CONFIDENT);
    expect(out.confident).toBe(false);
    expect(out.message).toMatch(/^No confident match: the best score is 0\.075/);
    expect(ranked(anchor(), [], 5)).toEqual({
      results: [],
      confident: false,
      message: "No confident match: nothing in the store resembles it.",
    });
  });

  it("raises the canonical above its duplicates (siblings stay, below it), with their evidence", () => {
    const kids = [2, 3, 4].map((n, i) => cand(n, "Allow floating windows", 0.6 - i * 0.1, { duplicateOf: r(9) }));
    const out = ranked(anchor(), [...kids, cand(9, "Something else", 0.1), cand(5, "Allow floating windows", 0.55)]);
    expect(out.results.map((x) => x.ref).slice(0, 3)).toEqual(["o/r#9", "o/r#2", "o/r#5"]);
    const canonical = out.results[0];
    // 1 − (1 − 0.075)(1 − 0.5 · 0.7) = 0.399 < 0.7 + 0.01: above its best duplicate
    expect(canonical?.score).toBeCloseTo(0.71, 3);
    expect(canonical?.why).toMatch(/canonical of o\/r#2, o\/r#3, o\/r#4/);
    expect(out.results.map((x) => x.ref)).toEqual(expect.arrayContaining(["o/r#3", "o/r#4"]));
  });

  it("follows a chain of duplicates to the last canonical", () => {
    const out = ranked(anchor(), [
      cand(2, "Allow floating windows", 0.8, { duplicateOf: r(3) }),
      cand(3, "zzz", 0, { duplicateOf: r(4) }),
      cand(4, "zzz", 0),
    ]);
    expect(out.results[0]?.ref).toBe("o/r#4");
  });

  it("ranks the thread's own canonical, and threads marked duplicates of it, high", () => {
    const out = ranked(anchor({ duplicateOf: r(9) }), [
      cand(9, "zzz"),
      cand(8, "zzz", 0, { duplicateOf: r(1) }),
      cand(7, "zzz", 0.05),
    ]);
    expect(out.results.map((x) => [x.ref, x.score])).toEqual([
      ["o/r#8", 0.9],
      ["o/r#9", 0.9],
      ["o/r#7", 0.037],
    ]);
    expect(out.results[1]?.why).toMatch(/the thread is marked a duplicate of it/);
    expect(out.results[0]?.why).toMatch(/marked a duplicate of the thread/);
  });

  it("search: score = cover (no title Dice), and a pasted error finds the threads with that error", () => {
    const sig = errorSignature("API Error: Rate limit reached");
    const hits = rankCandidates(
      { ref: null, title: "API Error: Rate limit reached", signature: sig },
      [cand(2, "API Error: Rate limit reached", 0.2), cand(3, "zzz", 0, { errorText: "Rate limit reached" })],
      "search",
    );
    expect(hits.map((x) => [x.ref, x.score, x.sameError])).toEqual([
      ["o/r#3", 0.6, true],
      ["o/r#2", 0.2, false],
    ]);
  });
});
