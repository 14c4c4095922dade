import { describe, expect, it } from "vitest";
import { NotFoundError, UpstreamError, UsageError } from "../errors.js";
import { formatRef, refKey } from "../refs/parse-ref.js";
import { comment, crossRef, makeThread, ref, summary } from "../thread/builders.test-helper.js";
import type { IssueRef, Thread, ThreadSummary } from "../thread/types.js";
import { type CrawlDeps, crawl } from "./crawl.js";

type Stubs = {
  summaries?: ThreadSummary[];
  /** Refs whose summary comes back null. */
  missing?: IssueRef[];
  threads?: Thread[];
  /** Refs fetchThread answers with null. */
  gone?: IssueRef[];
  /** Refs fetchThread answers with an error. */
  failing?: [IssueRef, Error][];
};

/** Deps that answer only what was stubbed, throw on anything else, and record every call. */
function fakeDeps(stubs: Stubs = {}) {
  const summaries = new Map<string, ThreadSummary | null>(stubs.summaries?.map((s) => [refKey(s.ref), s]));
  for (const r of stubs.missing ?? []) summaries.set(refKey(r), null);
  const threads = new Map<string, Thread | Error | null>(stubs.threads?.map((t) => [refKey(t.ref), t]));
  for (const r of stubs.gone ?? []) threads.set(refKey(r), null);
  for (const [r, error] of stubs.failing ?? []) threads.set(refKey(r), error);
  const calls = { summaries: [] as string[][], threads: [] as string[] };
  const deps: CrawlDeps = {
    async fetchSummaries(refs) {
      calls.summaries.push(refs.map(formatRef));
      const out = new Map<string, ThreadSummary | null>();
      for (const r of refs) {
        if (!summaries.has(refKey(r))) throw new Error(`unexpected fetchSummaries(${formatRef(r)})`);
        out.set(refKey(r), summaries.get(refKey(r)) ?? null);
      }
      return out;
    },
    async fetchThread(r) {
      calls.threads.push(formatRef(r));
      const t = threads.get(refKey(r));
      if (t === undefined) throw new Error(`unexpected fetchThread(${formatRef(r)})`);
      if (t instanceof Error) throw t;
      return t;
    },
  };
  return { deps, calls };
}

const numbers = (links: { target: IssueRef }[]) => links.map((l) => l.target.number);

describe("crawl: options", () => {
  it.each([0, 4, 1.5, Number.NaN])("refuses depth %s with a UsageError and no I/O", async (depth) => {
    const { deps, calls } = fakeDeps();
    await expect(crawl(makeThread({ ref: ref(1), body: "#2" }), deps, { depth })).rejects.toBeInstanceOf(UsageError);
    expect(calls).toEqual({ summaries: [], threads: [] });
  });

  it("refuses a maxNodes below 1", async () => {
    const { deps } = fakeDeps();
    await expect(crawl(makeThread({ ref: ref(1) }), deps, { maxNodes: 0 })).rejects.toBeInstanceOf(UsageError);
  });

  it("defaults to depth 1", async () => {
    const { deps, calls } = fakeDeps({ summaries: [summary(ref(2))] });
    const result = await crawl(makeThread({ ref: ref(1), body: "#2" }), deps);
    expect(result.links.map((l) => l.depth)).toEqual([1]);
    expect(calls.threads).toEqual([]);
  });
});

describe("crawl: depth 1", () => {
  it("fetches the summaries it lacks in one batch and reuses those the cross-references carry", async () => {
    const fromTimeline = summary(ref(5), { kind: "pull", title: "from the timeline" });
    const root = makeThread({ ref: ref(1), body: "#2 #3", events: [crossRef(fromTimeline)] });
    root.comments = [comment("commenter", "see #4 and #5", { on: root })];
    const { deps, calls } = fakeDeps({ summaries: [summary(ref(2)), summary(ref(3))], missing: [ref(4)] });
    const result = await crawl(root, deps, { depth: 1 });
    expect(calls.summaries).toEqual([["acme/widget#2", "acme/widget#3", "acme/widget#4"]]);
    expect(calls.threads).toEqual([]);
    expect(result.truncated).toBe(false);
    expect(result.links.map((l) => [l.target.number, l.summary?.title ?? null, l.depth, formatRef(l.from)])).toEqual([
      [5, "from the timeline", 1, "acme/widget#1"],
      [2, "Thread 2", 1, "acme/widget#1"],
      [3, "Thread 3", 1, "acme/widget#1"],
      [4, null, 1, "acme/widget#1"],
    ]);
  });

  it("makes no request when every summary is already known", async () => {
    const root = makeThread({ ref: ref(1), events: [crossRef(summary(ref(2))), crossRef(summary(ref(3)))] });
    const { deps, calls } = fakeDeps();
    const result = await crawl(root, deps, { depth: 1 });
    expect(numbers(result.links)).toEqual([2, 3]);
    expect(calls).toEqual({ summaries: [], threads: [] });
  });

  it("stops at maxNodes, sets truncated and asks only for the kept summaries", async () => {
    const { deps, calls } = fakeDeps({ summaries: [2, 3, 4].map((n) => summary(ref(n))) });
    const result = await crawl(makeThread({ ref: ref(1), body: "#2 #3 #4 #5 #6" }), deps, { maxNodes: 3 });
    expect(numbers(result.links)).toEqual([2, 3, 4]);
    expect(result.truncated).toBe(true);
    expect(calls.summaries).toEqual([["acme/widget#2", "acme/widget#3", "acme/widget#4"]]);
  });

  it("is not truncated when the links fit exactly", async () => {
    const { deps } = fakeDeps({ summaries: [summary(ref(2))] });
    expect((await crawl(makeThread({ ref: ref(1), body: "#2" }), deps, { maxNodes: 1 })).truncated).toBe(false);
  });

  it("returns the root's commits", async () => {
    const root = makeThread({
      ref: ref(1),
      events: [
        { type: "referenced", actor: "a", createdAt: "2024-01-01T00:00:00Z", commitSha: "abc", commitUrl: null },
      ],
    });
    const { deps } = fakeDeps();
    expect((await crawl(root, deps)).commits.map((c) => c.sha)).toEqual(["abc"]);
  });
});

describe("crawl: deeper", () => {
  it("at depth 2 fetches level-1 threads whole and batches level-2 summaries once, without cycles", async () => {
    const root = makeThread({ ref: ref(1), body: "#2 #3" });
    // #2 links back to the root, to its sibling #3, and to new #4; #3 links to #4 and #5.
    const t2 = makeThread({ ref: ref(2), body: "#1 #3 #4", events: [crossRef(summary(ref(5), { title: "known" }))] });
    const t3 = makeThread({ ref: ref(3), kind: "pull", body: "#4 #5" });
    const { deps, calls } = fakeDeps({ threads: [t2, t3], summaries: [summary(ref(4))] });
    const result = await crawl(root, deps, { depth: 2 });
    expect(calls.threads).toEqual(["acme/widget#2", "acme/widget#3"]);
    expect(calls.summaries).toEqual([["acme/widget#4"]]);
    expect(result.links.map((l) => [l.target.number, l.depth, formatRef(l.from), l.summary?.title])).toEqual([
      [2, 1, "acme/widget#1", "Widget crashes on start"],
      [3, 1, "acme/widget#1", "Widget crashes on start"],
      [5, 2, "acme/widget#2", "known"],
      [4, 2, "acme/widget#2", "Thread 4"],
    ]);
    expect(result.links[1]?.summary).toMatchObject({ kind: "pull", merged: false });
  });

  it("at depth 3 fetches levels 1 and 2 whole and stops", async () => {
    const root = makeThread({ ref: ref(1), body: "#2" });
    const { deps, calls } = fakeDeps({
      threads: [makeThread({ ref: ref(2), body: "#3" }), makeThread({ ref: ref(3), body: "#4 #1 #2" })],
      summaries: [summary(ref(4))],
    });
    const result = await crawl(root, deps, { depth: 3 });
    expect(calls.threads).toEqual(["acme/widget#2", "acme/widget#3"]);
    expect(calls.summaries).toEqual([["acme/widget#4"]]);
    expect(result.links.map((l) => [l.target.number, l.depth])).toEqual([
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
  });

  it("counts maxNodes across levels", async () => {
    const root = makeThread({ ref: ref(1), body: "#2" });
    const { deps, calls } = fakeDeps({
      threads: [makeThread({ ref: ref(2), body: "#3 #4 #5" })],
      summaries: [summary(ref(3))],
    });
    const result = await crawl(root, deps, { depth: 2, maxNodes: 2 });
    expect(numbers(result.links)).toEqual([2, 3]);
    expect(result.truncated).toBe(true);
    expect(calls.summaries).toEqual([["acme/widget#3"]]);
  });
});

describe("crawl: what a linked thread tells, and threads that fail", () => {
  it("learns from the linked thread's side: a PR body's 'Fixes #root' makes the root closed-by it (REST)", async () => {
    // Over REST the cross-reference cannot say it will close the issue.
    const root = makeThread({ ref: ref(1), events: [crossRef(summary(ref(9), { kind: "pull" }), null)] });
    const pr = makeThread({ ref: ref(9), kind: "pull", body: "Fixes #1" });
    const { deps } = fakeDeps({ threads: [pr] });
    const shallow = await crawl(root, fakeDeps().deps, { depth: 1 });
    expect(shallow.links[0]?.relations).toEqual(["mentioned-by"]);
    const deep = await crawl(root, deps, { depth: 2 });
    expect(deep.links).toHaveLength(1);
    expect(deep.links[0]?.relations).toEqual(["closed-by", "mentioned-by"]);
    expect(deep.links[0]?.evidence).toContainEqual({
      source: "body",
      url: pr.url,
      event: null,
      actor: "alice",
      at: pr.createdAt,
      excerpt: "Fixes #1",
    });
  });
});

describe("crawl: dead ends, failures and transfers", () => {
  it("treats a linked thread that is gone or private as a dead end, keeping any known summary", async () => {
    const root = makeThread({ ref: ref(1), body: "#2 #3", events: [crossRef(summary(ref(3), { title: "seen" }))] });
    const { deps, calls } = fakeDeps({ gone: [ref(2)], failing: [[ref(3), new NotFoundError("acme/widget#3", "x")]] });
    const result = await crawl(root, deps, { depth: 2 });
    expect(calls.threads).toEqual(["acme/widget#3", "acme/widget#2"]);
    expect(result.links.map((l) => [l.target.number, l.summary?.title ?? null])).toEqual([
      [3, "seen"],
      [2, null],
    ]);
  });

  it("lets other failures through", async () => {
    const root = makeThread({ ref: ref(1), body: "#2" });
    const { deps } = fakeDeps({ failing: [[ref(2), new UpstreamError("boom", "retry later", 502)]] });
    await expect(crawl(root, deps, { depth: 2 })).rejects.toBeInstanceOf(UpstreamError);
  });

  it("crawls a transferred thread once, when both its old and new ref are linked", async () => {
    const root = makeThread({ ref: ref(1), body: "#2 other/place#7" });
    const moved = makeThread({ ref: ref(7, "other", "place"), body: "acme/widget#1", movedFrom: ref(2) });
    const calls: string[] = [];
    // #2 was transferred to other/place#7, which the root also names: both answer with the same thread.
    const deps: CrawlDeps = {
      fetchSummaries: async () => {
        throw new Error("unexpected fetchSummaries");
      },
      fetchThread: async (r) => {
        calls.push(formatRef(r));
        return moved;
      },
    };
    const result = await crawl(root, deps, { depth: 2 });
    expect(calls).toEqual(["acme/widget#2", "other/place#7"]);
    expect(result.links.map((l) => [formatRef(l.target), l.depth, l.summary?.url])).toEqual([
      ["acme/widget#2", 1, "https://github.com/other/place/issues/7"],
      ["other/place#7", 1, "https://github.com/other/place/issues/7"],
    ]);
    // Crawled once, under its own ref: only that entry learns that #7 mentions the root.
    expect(result.links.map((l) => l.relations)).toEqual([["mentions"], ["mentioned-by", "mentions"]]);
  });
});
