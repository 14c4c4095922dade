import { afterAll, afterEach, describe, expect, it } from "vitest";
import { tempFolder } from "../../../../test/support/node.test-helper.js";
import { NotFoundError, RateLimitedError } from "../../errors.js";
import { openStore } from "../../store/open-store.js";
import type { Store } from "../../store/types.js";
import { dumpRepo } from "./canonical-dump.js";
import { at, FakeGitHub, REPO, thread } from "./fake-github.test-helper.js";
import type { SyncProgress } from "./progress.js";
import { isShallow, SHALLOW_ETAG } from "./shallow.js";
import { type SyncOptions, syncRepo } from "./sync-repo.js";
import { decodeSyncState } from "./sync-state.js";

const root = tempFolder("sync");
afterAll(() => root.remove());
let n = 0;
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});
async function freshStore(): Promise<Store> {
  const store = await openStore({ kind: "sqlite", path: root.file(`s${++n}.db`) });
  stores.push(store);
  return store;
}

const now = () => new Date("2024-06-01T00:00:00Z");
const run = (gh: FakeGitHub, store: Store, options: Partial<SyncOptions> = {}) =>
  syncRepo({ repo: REPO, deep: false, perPage: 10, ...options }, { client: gh, store, now });

const many = (count: number, step = 1) => Array.from({ length: count }, (_, i) => thread(i + 1, (i + 1) * step));

describe("syncRepo: incremental listing", () => {
  it("stores every listed thread shallow, with the watermark at the last update and the list's ETag", async () => {
    const gh = new FakeGitHub(many(25));
    const store = await freshStore();
    const result = await run(gh, store);
    // Keyset pages: since=null (1-10), since=10 (10-19), since=19 (19-25), since=25 (25: the end).
    expect(gh.lists().map((c) => c.since)).toEqual([null, at(10), at(19), at(25)]);
    // The repeated boundary threads are neither listed twice nor counted as unchanged.
    expect(result).toMatchObject({ pages: 4, listed: 25, threads: 25, fetched: 0, unchanged: 0, requests: 4 });
    const dump = await dumpRepo(store, REPO);
    expect(dump.threads).toHaveLength(25);
    expect(dump.threads.every((t) => t.etag === SHALLOW_ETAG && t.thread.comments.length === 0)).toBe(true);
    expect(decodeSyncState(dump.watermark)).toEqual({
      since: at(25),
      deepSince: null,
      listEtag: expect.any(String),
      source: gh.apiUrl,
    });
  });

  it("re-syncs an unchanged repository with one conditional request answered 304", async () => {
    const gh = new FakeGitHub(many(25));
    const store = await freshStore();
    await run(gh, store);
    const before = await dumpRepo(store, REPO);
    gh.calls = [];
    const result = await run(gh, store);
    expect(gh.lists()).toEqual([{ kind: "list", since: at(25), page: 1, etag: before.watermark?.listEtag }]);
    expect(result).toMatchObject({ pages: 1, threads: 0, requests: 1, notModified: true });
    expect(await dumpRepo(store, REPO)).toEqual(before);
  });

  it("fetches only what changed since the watermark", async () => {
    const gh = new FakeGitHub(many(25));
    const store = await freshStore();
    await run(gh, store);
    gh.put(thread(3, 100, { title: "edited" }));
    gh.put(thread(26, 101));
    gh.calls = [];
    const result = await run(gh, store);
    expect(result).toMatchObject({ threads: 2, notModified: false });
    expect(gh.lists().map((c) => c.since)).toEqual([at(25), at(101)]);
    expect((await store.getThread(thread(3, 0).ref))?.thread.title).toBe("edited");
    expect(decodeSyncState(await store.getWatermark(REPO)).since).toBe(at(101));
  });

  it("does not lose a thread updated while the run pages (it moves to the end of the list)", async () => {
    const gh = new FakeGitHub(many(30));
    gh.before = (call) => {
      // After the first page is read, #15 (not yet seen) is edited: page-number paging would skip #11.
      if (call.kind === "list" && call.since === at(10) && !gh.threads.get(15)?.title.includes("late"))
        gh.put(thread(15, 500, { title: "late edit" }));
    };
    const store = await freshStore();
    await run(gh, store);
    const dump = await dumpRepo(store, REPO);
    expect(dump.threads.map((t) => t.thread.ref.number).sort((a, b) => a - b)).toEqual(
      many(30).map((t) => t.ref.number),
    );
    expect((await store.getThread(thread(15, 0).ref))?.thread.title).toBe("late edit");
  });

  it("pages through more threads with one update time than fit on a page", async () => {
    const gh = new FakeGitHub([...many(25, 0).map((t) => ({ ...t, updatedAt: at(5) })), thread(26, 6)]);
    const store = await freshStore();
    const result = await run(gh, store);
    expect(result.threads).toBe(26);
    expect(gh.lists().map((c) => [c.since, c.page])).toEqual([
      [null, 1],
      [at(5), 1],
      [at(5), 2],
      [at(5), 3],
      [at(6), 1],
    ]);
  });
});

describe("syncRepo: empty, foreign and missing lists", () => {
  it("keeps an empty repository's watermark (no threads, the list's ETag) and answers 304 next time", async () => {
    const gh = new FakeGitHub([]);
    const store = await freshStore();
    expect(await run(gh, store)).toMatchObject({ pages: 1, threads: 0 });
    const wm = await store.getWatermark(REPO);
    expect(wm).toMatchObject({ since: null, listEtag: expect.any(String) });
    expect(await run(gh, store)).toMatchObject({ pages: 1, notModified: true });
  });

  it("starts over when the stored watermark was made against another API", async () => {
    const store = await freshStore();
    await run(new FakeGitHub(many(12)), store);
    const other = new FakeGitHub(many(12), "http://127.0.0.1:4000");
    await run(other, store);
    expect(other.lists()[0]).toMatchObject({ since: null, etag: null });
    expect(decodeSyncState(await store.getWatermark(REPO)).source).toBe("http://127.0.0.1:4000");
  });

  it("fails with NotFoundError for an unknown repository and writes nothing", async () => {
    const gh = new FakeGitHub(many(3));
    gh.missingRepo = true;
    const store = await freshStore();
    await expect(run(gh, store)).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.getWatermark(REPO)).toBeNull();
  });
});

describe("syncRepo: what it stores and tells", () => {
  it("stores the error signature of threads that carry an error", async () => {
    const gh = new FakeGitHub([
      thread(1, 1, { body: "Boom\nError: connect ECONNREFUSED 127.0.0.1:5432" }),
      thread(2, 2),
    ]);
    const store = await freshStore();
    await run(gh, store);
    expect((await store.getSignature(thread(1, 0).ref))?.errorText).toBe("Error: connect ECONNREFUSED 127.0.0.1:5432");
    expect(await store.getSignature(thread(2, 0).ref)).toBeNull();
  });

  it("reports progress: pages, counts and the watermark, ending done", async () => {
    const gh = new FakeGitHub(many(12));
    const store = await freshStore();
    const seen: SyncProgress[] = [];
    await syncRepo(
      { repo: REPO, deep: true, perPage: 10 },
      { client: gh, store, now, onProgress: (p) => seen.push(p), budget: () => null },
    );
    const last = seen.at(-1);
    expect(last).toMatchObject({ phase: "done", repo: "acme/app", stored: 12, fetched: 12, since: at(12) });
    expect(last?.startedFrom).toBe(at(1));
    expect(seen.some((p) => p.phase === "fetching" && p.fetched > 0 && p.fetched < 12)).toBe(true);
  });
});

describe("syncRepo: deep", () => {
  it("fetches changed threads whole, and only those", async () => {
    const gh = new FakeGitHub(many(12));
    const store = await freshStore();
    const first = await run(gh, store, { deep: true });
    expect(first).toMatchObject({ threads: 12, fetched: 12 });
    expect(gh.fetches()).toEqual(many(12).map((t) => t.ref.number));
    const stored = await store.getThread(thread(4, 0).ref);
    expect(stored?.thread.comments).toHaveLength(1);
    expect(stored && isShallow(stored)).toBe(false);
    gh.put(thread(4, 50));
    gh.calls = [];
    expect(await run(gh, store, { deep: true })).toMatchObject({ fetched: 1, threads: 1 });
    expect(gh.fetches()).toEqual([4]);
  });

  it("fills in threads a shallow sync stored, and a later shallow sync does not downgrade them", async () => {
    const gh = new FakeGitHub(many(12));
    const store = await freshStore();
    await run(gh, store);
    gh.calls = [];
    // Deep coverage starts at the beginning even though the shallow watermark is at the end.
    const deep = await run(gh, store, { deep: true });
    expect(gh.lists()[0]?.since).toBeNull();
    expect(deep).toMatchObject({ fetched: 12, threads: 12 });
    expect(decodeSyncState(await store.getWatermark(REPO))).toMatchObject({ since: at(12), deepSince: at(12) });
    const whole = await dumpRepo(store, REPO);
    gh.calls = [];
    expect(await run(gh, store)).toMatchObject({ threads: 0, notModified: true });
    expect(await dumpRepo(store, REPO)).toEqual(whole);
  });

  it("skips a thread deleted between the list and its fetch", async () => {
    const gh = new FakeGitHub(many(5));
    gh.before = (call) => {
      if (call.kind === "fetch" && call.number === 3) gh.threads.delete(3);
    };
    const store = await freshStore();
    expect(await run(gh, store, { deep: true })).toMatchObject({ threads: 4, missing: 1 });
  });
});

describe("syncRepo: interrupted runs", () => {
  it("killed at any request, a rerun ends with the store an uninterrupted run leaves", async () => {
    const world = () =>
      new FakeGitHub([
        ...many(23),
        ...many(6, 0).map((t) => ({ ...t, ref: { ...t.ref, number: t.ref.number + 100 }, updatedAt: at(30) })),
      ]);
    const reference = await freshStore();
    const full = world();
    await run(full, reference, { deep: true, commitEvery: 3 });
    const expected = await dumpRepo(reference, REPO);
    const total = full.calls.length;
    for (const killAt of [0, 1, 2, 5, 11, 17, total - 2, total - 1]) {
      const gh = world();
      gh.before = (_call, index) => {
        if (index === killAt) throw new Error(`killed at request ${killAt}`);
      };
      const store = await freshStore();
      await expect(run(gh, store, { deep: true, commitEvery: 3 })).rejects.toThrow("killed");
      gh.before = () => {};
      const redo = gh.calls.length;
      await run(gh, store, { deep: true, commitEvery: 3 });
      expect(await dumpRepo(store, REPO), `killed at request ${killAt}`).toEqual(expected);
      // The rerun redoes at most one uncommitted chunk (3 fetches) plus a list request or two.
      expect(gh.calls.length - redo - (total - killAt), `extra requests after a kill at ${killAt}`).toBeLessThanOrEqual(
        6,
      );
    }
  });

  it("stops cleanly at the rate limit, keeping its progress, and says when to resume", async () => {
    const gh = new FakeGitHub(many(25));
    const resetAt = new Date("2024-06-01T01:00:00Z");
    gh.before = (call) => {
      if (call.kind === "fetch" && call.number === 17)
        throw new RateLimitedError("rate limit used up", "wait", resetAt);
    };
    const store = await freshStore();
    const error = await run(gh, store, { deep: true, commitEvery: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(resetAt);
    expect((error as RateLimitedError).message).toMatch(
      /sync of acme\/app stopped .* 15 threads stored .*up to 2024-01-01T00:15:00Z/,
    );
    expect((error as RateLimitedError).hint).toContain("after 2024-06-01 01:00 UTC");
    expect(decodeSyncState(await store.getWatermark(REPO)).deepSince).toBe(at(15));
    gh.before = () => {};
    gh.calls = [];
    expect(await run(gh, store, { deep: true, commitEvery: 5 })).toMatchObject({ threads: 10 });
    expect(gh.fetches()[0]).toBe(16);
  });
});
