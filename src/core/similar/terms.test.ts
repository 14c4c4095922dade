import { describe, expect, it } from "vitest";
import type { Posting, TermStats } from "../store/types.js";
import { bestDocs, chooseTerms, coverage, idf, threadWords, wordsOf } from "./terms.js";

const stats = (docs: number, terms: [string, string, number][]): TermStats => ({
  docs,
  terms: terms.map(([word, term, n]) => ({ word, term, docs: n })),
});

describe("words", () => {
  it("keeps content words as written, without stop words, numbers or hex ids", () => {
    expect(wordsOf("The Terminal crashes 42 times at 0xdeadbeef1 deadbeef12", "title").map((w) => w.word)).toEqual([
      "Terminal",
      "crashes",
      "times",
      "0xdeadbeef1",
    ]);
  });

  it("reads title, error and body, leaving template boilerplate out", () => {
    const words = threadWords({
      title: "Floating windows",
      body: "<!-- template hint -->\n- [x] searched\nTear tabs https://example.com/x",
      errorText: "TypeError: boom",
    });
    expect(words.map((w) => `${w.source}:${w.word}`)).toEqual([
      "title:Floating",
      "title:windows",
      "error:TypeError",
      "error:boom",
      "body:Tear",
      "body:tabs",
    ]);
  });
});

describe("chooseTerms", () => {
  const words = [
    ...wordsOf("Floating windows", "title"),
    ...wordsOf("editor editor common", "body"),
    ...wordsOf("onlyme", "body"),
  ];
  const s = stats(1000, [
    ["Floating", "float", 10],
    ["windows", "window", 40],
    ["editor", "editor", 300],
    ["common", "common", 900],
    ["onlyme", "onlym", 1],
  ]);

  it("weighs terms by rarity and where the thread has them, heaviest first, one per term", () => {
    const q = chooseTerms(words, s, { k: 10, self: true, maxPostings: 5000 });
    expect(q.terms.map((t) => t.word)).toEqual(["Floating", "windows", "editor", "common"]);
    expect(q.terms[0]?.weight).toBeCloseTo(idf(10, 1000), 6);
    expect(q.terms[2]?.weight).toBeCloseTo(idf(300, 1000) * 0.5, 6);
    expect(q.mass).toBeCloseTo(
      q.terms.reduce((sum, t) => sum + t.weight, 0),
      6,
    );
  });

  it("leaves out a stored thread's words no other thread holds, and stays within the postings budget", () => {
    expect(chooseTerms(words, s, { k: 10, self: true }).terms.map((t) => t.term)).not.toContain("onlym");
    const cheap = chooseTerms(words, s, { k: 10, self: true, maxPostings: 400 });
    expect(cheap.terms.map((t) => t.term)).toEqual(["float", "window", "editor"]);
    expect(chooseTerms(words, s, { k: 1, self: true }).terms).toHaveLength(1);
  });

  it("free text: words no thread holds still weigh, so unknown words make a weak query", () => {
    const q = chooseTerms(wordsOf("zzzqqq common", "title"), stats(1000, [["common", "common", 900]]), {
      k: 10,
      self: false,
    });
    expect(q.terms.map((t) => t.term)).toEqual(["common"]);
    expect(q.mass).toBeCloseTo(idf(900, 1000) + idf(0, 1000), 6);
  });
});

describe("coverage", () => {
  it("is the share of the query's weight a thread holds, a body-only term at 0.6, with the words as written", () => {
    const q = chooseTerms(
      wordsOf("Floating windows", "title"),
      stats(100, [
        ["Floating", "float", 1 + 1],
        ["windows", "window", 2 + 1],
      ]),
      { k: 5, self: true },
    );
    const [f, w] = q.terms;
    const postings: Posting[] = [
      { docId: 7, term: "float", strong: true, repoKey: "h/a/x" },
      { docId: 7, term: "window", strong: false, repoKey: "h/a/x" },
      { docId: 8, term: "window", strong: true, repoKey: "h/a/y" },
    ];
    const c = coverage(q, postings);
    const mass = (f?.weight ?? 0) + (w?.weight ?? 0);
    expect(c.get(7)?.cover).toBeCloseTo(((f?.weight ?? 0) + 0.6 * (w?.weight ?? 0)) / mass, 6);
    expect(c.get(8)?.cover).toBeCloseTo((w?.weight ?? 0) / mass, 6);
    expect(c.get(7)?.words).toEqual(["Floating", "windows"]);
    expect(bestDocs(c, 1)).toEqual([7]);
    // Within one repository: its best, even when better matches live elsewhere.
    expect(bestDocs(c, 1, "h/a/y")).toEqual([8]);
    expect(bestDocs(c, 5)).toEqual([7, 8]);
    expect(bestDocs(c, 0)).toEqual([]);
  });

  it("keeps the n best by cover, ties to the older thread (lower id)", () => {
    const q = chooseTerms(
      wordsOf("alpha beta gamma", "title"),
      stats(1000, [
        ["alpha", "alpha", 10],
        ["beta", "beta", 20],
        ["gamma", "gamma", 30],
      ]),
      { k: 5, self: false },
    );
    const postings: Posting[] = [];
    // Thread d holds the terms whose bits are set in d % 8: covers repeat, so ties are many.
    for (let d = 40; d >= 1; d--)
      q.terms.forEach((t, i) => {
        if ((d % 8) & (1 << i)) postings.push({ docId: d, term: t.term, strong: d % 3 === 0, repoKey: "r" });
      });
    const c = coverage(q, postings);
    const sorted = [...c.keys()].sort((a, b) => (c.get(b)?.cover ?? 0) - (c.get(a)?.cover ?? 0) || a - b);
    for (const n of [1, 3, 10, 100]) expect(bestDocs(c, n)).toEqual(sorted.slice(0, n));
  });
});
