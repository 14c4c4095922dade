// End to end on the dev fixtures: import the whole directory into a temp SQLite store, then check
// similar() against the answer key: recall@5 of the duplicates not marked explicit, and the
// same-error clusters (every `same` thread flagged, no `different` one).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES_DIR, tempFolder, testDatabaseUrl } from "../../../test/support/node.test-helper.js";
import { readFixtureDir, readFixtureJson } from "../../fixture-files.js";
import { extractThreadError } from "../analyze/extract-error.js";
import { NotFoundError } from "../errors.js";
import { type FixtureFile, loadFixtureFiles } from "../fixture-codec/load-files.js";
import { indexThread } from "../similar/index-thread.js";
import { CONFIDENT } from "../similar/rank.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/types.js";
import type { IssueRef, Thread } from "../thread/types.js";
import { importFixtures } from "./import-fixtures.js";
import { search } from "./search.js";
import { sameErrorPart, similar } from "./similar.js";

const answers = readFixtureJson(EXAMPLES_DIR, "_answers.json") as {
  duplicates: { query: string; canonical: string; explicit: boolean }[];
  errors: { thread: string; error: string }[];
  error_clusters: { anchor: string; same: string[]; different: string[] }[];
};
const files: FixtureFile[] = readFixtureDir(EXAMPLES_DIR, (p) => p.endsWith(".json"));
const parse = (s: string): IssueRef => {
  const m = /^(.+)\/(.+)#(\d+)$/.exec(s);
  if (!m?.[1] || !m[2] || !m[3]) throw new Error(s);
  return { host: "github.com", owner: m[1], repo: m[2], number: Number(m[3]) };
};
const key = (t: Thread) => `${t.ref.owner}/${t.ref.repo}#${t.ref.number}`;
const now = () => new Date("2026-01-01T00:00:00Z");

const root = tempFolder("similar");
afterAll(() => root.remove());

/** The fixtures indexed as import does, with the error extractor given (the real one, or the answer key). */
async function importedStore(name: string, extractError: (t: Thread) => string | null): Promise<Store> {
  const store = await openStore({ kind: "sqlite", path: root.file(name, "issuegraph.db") });
  const meta = { fetchedAt: now().toISOString(), via: "store" as const, requests: { rest: 0, graphql: 0 }, etag: null };
  await store.transaction(async (tx) => {
    for (const thread of loadFixtureFiles(files).threads) await indexThread(tx, thread, meta, extractError);
  });
  return store;
}

/** The dev fixtures imported with analyze's extractThreadError, for the suites below. */
function realStore(): () => Store {
  let store: Store;
  beforeAll(async () => {
    store = await importedStore("real", (t) => extractThreadError(t)?.message ?? null);
  });
  afterAll(() => store.close());
  return () => store;
}
describe("similar on the dev fixtures, SQLite (analyze's extractThreadError)", () => {
  const store = realStore();

  const implicit = answers.duplicates.filter((d) => !d.explicit);

  it.each(implicit.map((d) => [d.query, d.canonical]))(
    "%s: its canonical %s is in the top 5",
    async (query, canonical) => {
      const answer = await similar(store(), parse(query), { limit: 5 });
      expect(answer.results.map((r) => r.ref)).toContain(canonical);
      expect(answer.results.length).toBeLessThanOrEqual(5);
    },
  );

  it("recall@5 over the unmarked duplicates is at least 0.95 (10/10 when written)", async () => {
    let hits = 0;
    for (const d of implicit) {
      const answer = await similar(store(), parse(d.query), { limit: 5 });
      if (answer.results.some((r) => r.ref === d.canonical)) hits++;
    }
    expect(hits / implicit.length).toBeGreaterThanOrEqual(0.95);
  });

  it.each(answers.error_clusters.map((c) => [c.anchor, c]))(
    "cluster %s: every same-error thread flagged, no different one",
    async (_anchor, cluster) => {
      const c = cluster as (typeof answers.error_clusters)[number];
      const answer = await similar(store(), parse(c.anchor), { limit: 500 });
      const flagged = new Set(answer.results.filter((r) => r.sameError).map((r) => r.ref));
      expect(c.same.filter((t) => !flagged.has(t))).toEqual([]);
      expect(c.different.filter((t) => flagged.has(t))).toEqual([]);
    },
  );

  it("puts same-error threads first, with scores in [0, 1] and a reason", async () => {
    const answer = await similar(store(), parse("anthropics/claude-code#45203"), { limit: 20 });
    expect(answer.confident).toBe(true);
    const firstDifferent = answer.results.findIndex((r) => !r.sameError);
    expect(answer.results.slice(0, 8).every((r) => r.sameError)).toBe(true);
    expect(firstDifferent).toBeGreaterThanOrEqual(8);
    for (const r of answer.results) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.why.length).toBeGreaterThan(0);
    }
    expect(answer.results.map((r) => r.score)).toEqual([...answer.results.map((r) => r.score)].sort((a, b) => b - a));
  });
});

describe("the same-error part and search on the dev fixtures, SQLite", () => {
  const store = realStore();
  const subject = async (ref: string) => {
    const stored = await store().getThread(parse(ref));
    if (!stored) throw new Error(ref);
    return { thread: stored.thread, errorText: extractThreadError(stored.thread)?.message ?? null };
  };

  it("summarises 'same error elsewhere' for a report", async () => {
    const s = await sameErrorPart(store(), await subject("anthropics/claude-code#26690"));
    expect(s.count).toBe(8);
    expect(s.signature).toBe("- | rate limit reached");
    // 28450 was closed as completed; the not-planned and duplicate closures are not fixes.
    expect(s.fixedOrWorkaround.map((f) => [f.ref, f.how])).toEqual([
      ["anthropics/claude-code#28450", "closed as completed"],
    ]);
    expect(s.likelyDuplicates.length).toBeGreaterThan(0);
    expect(s.likelyDuplicates.every((d) => d.score >= 0.5)).toBe(true);
    expect(s.related?.filter((r) => r.sameError)).toHaveLength(Math.min(8, s.related?.length ?? 0));
  });

  it("with no error: no same error, and the text-related issues as related (not the same error)", async () => {
    const none = await sameErrorPart(store(), await subject("microsoft/vscode#10121"));
    expect(none).toMatchObject({ signature: null, count: 0, fixedOrWorkaround: [] });
    expect(none.related?.length).toBeGreaterThan(0);
    expect(none.related?.every((r) => !r.sameError)).toBe(true);
    expect(none.related?.map((r) => r.ref)).toContain("microsoft/vscode#87241");
  });

  it("a frame-only error is no signature: it matches nothing", async () => {
    const thread = (await subject("microsoft/vscode#10121")).thread;
    const frames = "    at Object.<anonymous> (/app/index.js:1:2)\n    at Module._compile (node:internal/x:3:4)";
    const part = await sameErrorPart(store(), { thread, errorText: frames });
    expect(part.signature).toBeNull();
    expect(part.count).toBe(0);
  });

  it("makes at most 3 store queries for a report's same-error part", async () => {
    const calls: string[] = [];
    const counting = new Proxy(store(), {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          calls.push(String(name));
          return value.apply(target, args);
        };
      },
    });
    for (const ref of ["anthropics/claude-code#26690", "anthropics/claude-code#45203", "microsoft/vscode#10121"]) {
      const s = await subject(ref);
      calls.length = 0;
      await sameErrorPart(counting, s);
      expect(calls.length).toBeLessThanOrEqual(3);
      expect(calls).toEqual(["termStats", "postings", "candidates"]);
    }
  });

  it("is not confident for a thread with no real relative in the store", async () => {
    const answer = await similar(store(), parse("microsoft/vscode#1896"), { limit: 5 });
    // its one relative, #6082, is marked its duplicate and so comes first
    expect(answer.results[0]?.ref).toBe("microsoft/vscode#6082");
    const lonely = await similar(store(), parse("nodejs/node#45992"), { limit: 5, allRepos: true });
    // the scores are absolute: the best of a thread with no relative stays low
    expect(lonely.results[0]?.score ?? 0).toBeLessThan(CONFIDENT);
    expect(lonely.confident).toBe(false);
    expect(lonely.message).toMatch(/^No confident match/);
  });

  it("refuses a thread that is not in the store", async () => {
    await expect(similar(store(), parse("microsoft/vscode#999999"), { limit: 5 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("searches free text", async () => {
    const floating = await search(store(), "floating windows", { limit: 3 });
    expect(
      floating.results
        .slice(0, 2)
        .map((r) => r.ref)
        .sort(),
    ).toEqual(["microsoft/vscode#10121", "microsoft/vscode#82249"]);
    expect(floating.confident).toBe(true);
    const pasted = await search(store(), "API Error: Rate limit reached", { limit: 20 });
    expect(pasted.results.filter((r) => r.sameError)).toHaveLength(9);
    const inRepo = await search(store(), "rate limit", {
      repo: { host: "github.com", owner: "microsoft", repo: "vscode" },
      limit: 5,
    });
    expect(inRepo.results.every((r) => r.ref.startsWith("microsoft/vscode#"))).toBe(true);
  });
});

describe("similar with the answer key's errors as the extractor", () => {
  // Checks the signatures alone, whatever the extractor of the day finds.
  const known = new Map(answers.errors.map((e) => [e.thread, e.error]));
  let store: Store;
  beforeAll(async () => {
    store = await importedStore("answer-key", (t) => known.get(key(t)) ?? null);
  });
  afterAll(() => store.close());

  it.each(answers.error_clusters.map((c) => [c.anchor, c]))("cluster %s is exact", async (_a, cluster) => {
    const c = cluster as (typeof answers.error_clusters)[number];
    const flagged = new Set(
      (await similar(store, parse(c.anchor), { limit: 500 })).results.filter((r) => r.sameError).map((r) => r.ref),
    );
    expect([...flagged].sort()).toEqual([...c.same].sort());
  });
});

describe("similar and search on an empty store", () => {
  it("similar: the thread is not found; search: no confident match", async () => {
    const store = await openStore({ kind: "sqlite", path: root.file("empty", "issuegraph.db") });
    await expect(similar(store, parse("o/r#1"), { limit: 5 })).rejects.toThrow(/o\/r#1 is not in the store/);
    expect(await search(store, "anything at all", { limit: 5 })).toEqual({
      results: [],
      confident: false,
      message: "No confident match: nothing in the store resembles it.",
    });
    await store.close();
  });
});

// The same answer key on PostgreSQL: the same ranking code, with IDF from its term_stats table.
const pgUrl = testDatabaseUrl();
describe.skipIf(!/^postgres(ql)?:\/\//.test(pgUrl))(
  `similar on the dev fixtures, PostgreSQL${pgUrl ? "" : " (skipped: set DATABASE_URL to run)"}`,
  () => {
    const schema = `simtest_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    let store: Store;
    beforeAll(async () => {
      store = await openStore({ kind: "postgres", url: pgUrl, schema });
      await importFixtures({ store, files, now });
    });
    afterAll(async () => {
      await store.close();
      const pg = (await import("pg")).default;
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    });

    it("recall@5 over the unmarked duplicates is at least 0.95, as on SQLite", async () => {
      const implicit = answers.duplicates.filter((d) => !d.explicit);
      let hits = 0;
      for (const d of implicit) {
        if ((await similar(store, parse(d.query), { limit: 5 })).results.some((r) => r.ref === d.canonical)) hits++;
      }
      expect(hits / implicit.length).toBeGreaterThanOrEqual(0.95);
    });

    it("the same-error clusters are exact", async () => {
      for (const c of answers.error_clusters) {
        const answer = await similar(store, parse(c.anchor), { limit: 500 });
        const flagged = new Set(answer.results.filter((r) => r.sameError).map((r) => r.ref));
        expect([...flagged].sort()).toEqual([...c.same].sort());
      }
    });
  },
);
