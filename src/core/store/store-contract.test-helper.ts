// The Store contract: one suite, registered once per backend (sqlite-store.test.ts always,
// postgres-store.test.ts when a PostgreSQL URL is set). A backend is correct when it passes this.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError, UsageError } from "../errors.js";
import { summaryOf } from "../graph/summary.js";
import { refKey } from "../refs/parse-ref.js";
import { makeReport, makeThread, ref, reportMeta } from "../thread/builders.test-helper.js";
import type { Link } from "../thread/link.js";
import { fetched } from "./store-rows.test-helper.js";
import { repoKeyOf } from "./thread-columns.js";
import type { Store } from "./types.js";

// Set before each case of the suite being run (one suite at a time in a file).
let store: Store;

const a1 = ref(1, "acme", "app");
const a2 = ref(2, "acme", "app");
const a3 = ref(3, "acme", "app");
const b1 = ref(1, "other", "lib");

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    threadCases();
    threadRowCases();
    reportCases();
    signatureCases();
    searchCases();
    searchEdgeCases();
    moreLikeThisPostingCases();
    moreLikeThisCandidateCases();
    watermarkCases();
    voteCases();
    statsCases();
  });
}

/** Putting, finding and listing threads. */
function threadCases(): void {
  describe("threads", () => {
    it("returns null for a thread it does not hold", async () => {
      expect(await store.getThread(a1)).toBeNull();
    });

    it("stores a thread with its fetch meta and returns it equal", async () => {
      const t = makeThread({
        ref: a1,
        title: "Crash on start 💥",
        body: "Stack:\n```\nTypeError: x\n```",
        labels: ["bug"],
        comments: [
          {
            id: 10,
            url: `${makeThread({ ref: a1 }).url}#issuecomment-10`,
            author: null,
            createdAt: "2024-01-01T01:00:00Z",
            updatedAt: "2024-01-01T01:00:00Z",
            body: "same",
            reactions: { ...makeThread({ ref: a1 }).reactions, "+1": 3 },
          },
        ],
      });
      await store.putThread(t, {
        ...fetched("2024-02-01T00:00:00.000Z", 'W/"abc"', "TypeError: x"),
        source: "https://api.github.com",
      });
      expect(await store.getThread(a1)).toEqual({
        thread: t,
        fetchedAt: "2024-02-01T00:00:00.000Z",
        etag: 'W/"abc"',
        via: "graphql",
        errorMessage: "TypeError: x",
        source: "https://api.github.com",
      });
      await store.putThread(t, fetched());
      expect((await store.getThread(a1))?.source).toBeNull();
    });

    it("finds a thread whatever the case of owner and repo, and replaces it on a second put", async () => {
      await store.putThread(makeThread({ ref: a1, title: "old" }), fetched());
      await store.putThread(
        makeThread({ ref: ref(1, "ACME", "App"), title: "new" }),
        fetched("2024-03-01T00:00:00.000Z"),
      );
      const got = await store.getThread(ref(1, "Acme", "APP"));
      expect(got?.thread.title).toBe("new");
      expect(got?.fetchedAt).toBe("2024-03-01T00:00:00.000Z");
      expect((await store.stats()).threads).toBe(1);
    });

    it("lists threads most recently updated first, by repository, with paging", async () => {
      await store.putThread(makeThread({ ref: a1, updatedAt: "2024-01-01T00:00:00Z" }), fetched());
      await store.putThread(makeThread({ ref: a2, updatedAt: "2024-03-01T00:00:00Z" }), fetched());
      await store.putThread(makeThread({ ref: b1, updatedAt: "2024-02-01T00:00:00Z" }), fetched());
      const all = await store.listThreads({ limit: 10 });
      expect(all.map((r) => refKey(r.ref))).toEqual([refKey(a2), refKey(b1), refKey(a1)]);
      const inRepo = await store.listThreads({
        repo: { host: "github.com", owner: "acme", repo: "app" },
        limit: 1,
        offset: 1,
      });
      expect(inRepo.map((r) => r.ref.number)).toEqual([1]);
      expect(inRepo[0]).toMatchObject({
        ref: a1,
        kind: "issue",
        state: "open",
        stateReason: null,
        title: "Widget crashes on start",
      });
    });
  });
}

/** Thread rows, duplicate marks, summaries and links. */
function threadRowCases(): void {
  describe("thread rows, duplicates, summaries and links", () => {
    it("finds the rows of given threads, ignoring the ones it does not hold", async () => {
      await store.putThread(makeThread({ ref: a1 }), fetched());
      await store.putThread(makeThread({ ref: b1, title: "B" }), fetched());
      const rows = await store.findThreads([ref(1, "OTHER", "lib"), a3, a1]);
      expect(rows.map((r) => refKey(r.ref)).sort()).toEqual([refKey(a1), refKey(b1)].sort());
      expect(rows.find((r) => r.ref.owner === "other")?.title).toBe("B");
      expect(await store.findThreads([])).toEqual([]);
    });

    it("records which thread a duplicate points to, and forgets it when unmarked", async () => {
      const mark = {
        actor: "m",
        createdAt: "2024-01-03T00:00:00Z",
        type: "marked_as_duplicate" as const,
        canonical: a1,
      };
      await store.putThread(makeThread({ ref: a2, events: [mark] }), fetched());
      expect((await store.listThreads({ limit: 5 }))[0]?.duplicateOf).toEqual(a1);
      const unmark = { ...mark, type: "unmarked_as_duplicate" as const, createdAt: "2024-01-04T00:00:00Z" };
      await store.putThread(makeThread({ ref: a2, events: [mark, unmark] }), fetched());
      expect((await store.listThreads({ limit: 5 }))[0]?.duplicateOf).toBeNull();
    });

    it("keeps summaries and links", async () => {
      const t2 = makeThread({ ref: a2, title: "Linked", state: "closed", stateReason: "completed" });
      await store.putSummaries([summaryOf(t2), summaryOf(makeThread({ ref: b1 }))], "2024-02-01T00:00:00Z");
      const got = await store.getSummaries([a2, ref(2, "ACME", "app"), a3]);
      expect([...got.keys()]).toEqual([refKey(a2)]);
      expect(got.get(refKey(a2))).toEqual(summaryOf(t2));

      const link = (target: typeof a1, relation: Link["relations"][number]): Link => ({
        target,
        relations: [relation],
        evidence: [
          {
            source: "body",
            url: "https://github.com/acme/app/issues/1",
            event: null,
            actor: null,
            at: null,
            excerpt: "#2",
          },
        ],
      });
      await store.putLinks(a1, [link(a3, "mentions"), link(a2, "closed-by")]);
      expect((await store.getLinks(a1)).map((l) => l.target.number)).toEqual([3, 2]);
      await store.putLinks(a1, [link(b1, "mentions")]);
      expect(await store.getLinks(a1)).toEqual([link(b1, "mentions")]);
      expect(await store.getLinks(a2)).toEqual([]);
    });
  });
}

/** Reports and their versions. */
function reportCases(): void {
  describe("reports", () => {
    it("keeps every report with its inputs' versions; the latest is returned", async () => {
      const t = makeThread({ ref: a1 });
      await store.putThread(t, fetched("2024-02-01T00:00:00.000Z", '"v1"'));
      const first = await store.putReport(makeReport({ meta: reportMeta("2024-02-01T00:01:00Z") }, t));
      expect(first.inputs).toEqual({ etag: '"v1"', fetchedAt: "2024-02-01T00:00:00.000Z" });
      await store.putThread(t, fetched("2024-02-02T00:00:00.000Z", '"v2"'));
      await store.putReport(makeReport({ meta: reportMeta("2024-02-02T00:01:00Z", "2024-02-02T00:00:00.000Z") }, t));
      await store.putReport(makeReport({ meta: reportMeta("2024-02-03T00:01:00Z") }, t), {
        etag: '"v3"',
        fetchedAt: "2024-02-03T00:00:00Z",
      });

      const latest = await store.getReport(a1);
      expect(latest?.report.meta.generatedAt).toBe("2024-02-03T00:01:00Z");
      expect(latest?.inputs).toEqual({ etag: '"v3"', fetchedAt: "2024-02-03T00:00:00Z" });
      const history = await store.listReports(a1, 10);
      expect(history.map((r) => r.report.meta.generatedAt)).toEqual([
        "2024-02-03T00:01:00Z",
        "2024-02-02T00:01:00Z",
        "2024-02-01T00:01:00Z",
      ]);
      expect(history[1]?.inputs.etag).toBe('"v2"');
      expect(history[0]?.report).toEqual(makeReport({ meta: reportMeta("2024-02-03T00:01:00Z") }, t));
      expect(await store.listReports(a1, 1)).toHaveLength(1);
      expect(await store.getReport(a2)).toBeNull();
    });
  });
}

/** Error signatures. */
function signatureCases(): void {
  describe("error signatures", () => {
    it("stores one signature per thread and finds threads by key and by family", async () => {
      await store.putThread(makeThread({ ref: a1, title: "A" }), fetched());
      await store.putThread(makeThread({ ref: a2, title: "B", state: "closed", stateReason: "duplicate" }), fetched());
      await store.putThread(makeThread({ ref: b1, title: "C" }), fetched());
      await store.putSignature(a1, { key: "k1", family: "you are out", signature: "s1" }, "You are out of usage");
      await store.putSignature(
        a2,
        { key: "k1", family: "you are out", signature: "s1" },
        "Error: you are out of usage",
      );
      await store.putSignature(b1, { key: "k2", family: "you are out", signature: "s2" }, "You are out…");

      expect(await store.getSignature(a1)).toEqual({
        ref: a1,
        key: "k1",
        family: "you are out",
        signature: "s1",
        errorText: "You are out of usage",
      });
      const byKey = await store.findBySignature("k1");
      expect(byKey.map((r) => refKey(r.ref))).toEqual([refKey(a1), refKey(a2)]);
      expect(byKey[1]).toMatchObject({ title: "B", state: "closed", stateReason: "duplicate", signatureKey: "k1" });
      expect(byKey[1]?.errorText).toBe("Error: you are out of usage");
      expect((await store.findByErrorFamily("you are out")).map((r) => r.ref.number)).toHaveLength(3);

      await store.putSignature(a1, { key: "k3", family: "other", signature: "s3" }, "Other");
      expect((await store.findBySignature("k1")).map((r) => refKey(r.ref))).toEqual([refKey(a2)]);
      expect(await store.findBySignature("nope")).toEqual([]);

      await store.clearSignature(a2);
      expect(await store.getSignature(a2)).toBeNull();
      expect(await store.findBySignature("k1")).toEqual([]);
      expect((await store.listThreads({ limit: 5 })).find((r) => r.ref.number === 2)?.errorText).toBeNull();
    });
  });
}

/** Four threads, two of them about floating windows, for the search cases. */
async function seedSearchThreads(): Promise<void> {
  await store.putThread(
    makeThread({ ref: a1, title: "Allow for floating windows", body: "Tear tabs off into their own window." }),
    fetched(),
  );
  await store.putThread(makeThread({ ref: a2, title: "Minimap required", body: "Sublime has a minimap." }), fetched());
  await store.putThread(
    makeThread({ ref: a3, title: "Terminal crashes", body: "It crashes when I open it." }),
    fetched(),
  );
  await store.putThread(makeThread({ ref: b1, title: "Floating window support", body: "" }), fetched());
}

/** Full-text search. */
function searchCases(): void {
  describe("search", () => {
    beforeEach(seedSearchThreads);

    it("ranks threads by relevance, title words first, with stemming", async () => {
      const hits = await store.search("floating window", { limit: 10 });
      expect(hits.map((h) => refKey(h.ref)).sort()).toEqual([refKey(a1), refKey(b1)].sort());
      expect(hits[0]?.rank).toBeGreaterThan(0);
      expect(hits[0]?.rank).toBeGreaterThanOrEqual(hits[1]?.rank ?? 0);
      expect(hits[0]).toMatchObject({ kind: "issue", state: "open" });
    });

    it("limits to one repository when asked", async () => {
      const hits = await store.search("floating windows", {
        repo: { host: "github.com", owner: "Acme", repo: "APP" },
        limit: 10,
      });
      expect(hits.map((h) => refKey(h.ref))).toEqual([refKey(a1)]);
    });

    it("finds words of the body, comments and the error text", async () => {
      expect((await store.search("sublime", { limit: 5 })).map((h) => h.ref.number)).toEqual([2]);
      await store.putSignature(a3, { key: "k", family: "f", signature: "s" }, "ECONNRESET socket hang up");
      expect((await store.search("econnreset", { limit: 5 })).map((h) => h.ref.number)).toEqual([3]);
      const withComment = makeThread({
        ref: a2,
        title: "Minimap required",
        comments: [
          {
            id: 1,
            url: "u",
            author: { login: "bob", association: "NONE", isBot: false },
            createdAt: "2024-01-01T00:00:00Z",
            updatedAt: "2024-01-01T00:00:00Z",
            body: "a codelens overview would help",
            reactions: makeThread({ ref: a1 }).reactions,
          },
        ],
      });
      await store.putThread(withComment, fetched());
      expect((await store.search("codelens", { limit: 5 })).map((h) => h.ref.number)).toEqual([2]);
      // re-putting the thread keeps the error text indexed
      await store.putThread(makeThread({ ref: a3, title: "Terminal crashes" }), fetched());
      expect((await store.search("econnreset", { limit: 5 })).map((h) => h.ref.number)).toEqual([3]);
      await store.clearSignature(a3);
      expect(await store.search("econnreset", { limit: 5 })).toEqual([]);
    });
  });
}

/** Search edge cases and ranking given threads. */
function searchEdgeCases(): void {
  describe("search: no words, given threads, bad limits", () => {
    beforeEach(seedSearchThreads);

    it("returns nothing for text without searchable words, and survives query syntax", async () => {
      expect(await store.search("the and of", { limit: 5 })).toEqual([]);
      expect(await store.search('"unbalanced AND (NEAR OR* -x:y', { limit: 5 })).toEqual([]);
      expect(await store.search("", { limit: 5 })).toEqual([]);
    });

    it("ranks given threads against a text on the search scale, 0 when nothing matches", async () => {
      const ranks = await store.rankText("floating window", [a1, a2, ref(9, "nobody", "x")]);
      const hits = await store.search("floating window", { limit: 10 });
      expect(ranks.get(refKey(a1))).toBeCloseTo(
        hits.find((h) => h.ref.number === 1 && h.ref.owner === "acme")?.rank ?? -1,
        6,
      );
      expect(ranks.get(refKey(a2))).toBe(0);
      expect(ranks.get(refKey(ref(9, "nobody", "x")))).toBe(0);
    });

    it("refuses a limit below 1", async () => {
      await expect(store.search("floating", { limit: 0 })).rejects.toBeInstanceOf(UsageError);
    });
  });
}

/** Four threads, three of them about floating windows, for the more-like-this cases. */
async function seedSimilarThreads(): Promise<void> {
  await store.putThread(
    makeThread({ ref: a1, title: "Allow floating windows", body: "Tear tabs off into their own windows." }),
    fetched(),
  );
  await store.putThread(
    makeThread({ ref: a2, title: "Minimap required", body: "Sublime has a floating minimap." }),
    fetched(),
  );
  await store.putThread(makeThread({ ref: a3, title: "Terminal crashes", body: "It crashes." }), fetched());
  await store.putThread(makeThread({ ref: b1, title: "Floating window support", body: "" }), fetched());
}

/** Term statistics and postings. */
function moreLikeThisPostingCases(): void {
  describe("more-like-this: term statistics and postings", () => {
    beforeEach(seedSimilarThreads);

    it("gives each word its index term (stemmed alike) and how many threads hold it", async () => {
      const stats = await store.termStats(["Floating", "windows", "window", "minimap", "zzzqqq", "the"]);
      expect(stats.docs).toBe(4);
      const of = (w: string) => stats.terms.find((t) => t.word.toLowerCase() === w);
      expect(of("floating")?.docs).toBe(3);
      expect(of("windows")?.term).toBe(of("window")?.term);
      expect(of("window")?.docs).toBe(2);
      expect(of("minimap")?.docs).toBe(1);
      expect(of("zzzqqq")?.docs ?? 0).toBe(0);
      expect(await store.termStats([])).toEqual({ docs: 0, terms: [] });
    });

    it("lists the threads holding each term, and whether in their title or error text", async () => {
      const stats = await store.termStats(["floating", "minimap"]);
      const terms = stats.terms.map((t) => ({ term: t.term, word: t.word }));
      const postings = await store.postings(terms, { withRepo: true });
      const floating = stats.terms.find((t) => t.word === "floating")?.term;
      const byDoc = (term: string | undefined) =>
        postings
          .filter((p) => p.term === term)
          .map((p) => p.strong)
          .sort();
      expect(byDoc(floating)).toEqual([false, true, true]);
      // Each posting names its thread's repository (a1 and a2 in acme/app, b1 in other/lib).
      expect(
        postings
          .filter((p) => p.term === floating)
          .map((p) => p.repoKey)
          .sort(),
      ).toEqual([repoKeyOf(a1), repoKeyOf(a1), repoKeyOf(b1)].sort());
      expect(postings.filter((p) => p.term !== floating)).toHaveLength(1);
      expect((await store.postings(terms, { maxPostings: 2 })).length).toBeLessThanOrEqual(2);
      await store.putSignature(a3, { key: "k", family: "f", signature: "s" }, "floating point exception");
      const again = await store.postings(terms);
      expect(again.filter((p) => p.term === floating && p.strong)).toHaveLength(3);
    });
  });
}

/** Candidates for more-like-this. */
function moreLikeThisCandidateCases(): void {
  describe("more-like-this: candidates", () => {
    beforeEach(seedSimilarThreads);

    it("fetches candidates by id, with their canonical, signature (counted) and family, in one call", async () => {
      await store.putThread(
        makeThread({
          ref: a2,
          title: "Minimap required",
          state: "closed",
          stateReason: "duplicate",
          events: [{ type: "marked_as_duplicate", actor: "m", createdAt: "2024-01-02T00:00:00Z", canonical: b1 }],
        }),
        fetched(),
      );
      await store.putSignature(a3, { key: "k1", family: "f", signature: "s" }, "boom one");
      await store.putSignature(b1, { key: "k1", family: "f", signature: "s" }, "boom one");
      await store.putSignature(a1, { key: "k2", family: "f", signature: "s2" }, "boom two");
      const ids = (await store.postings((await store.termStats(["minimap"])).terms)).map((p) => p.docId);
      const answer = await store.candidates({ docIds: ids, signatureKey: "k1", family: "f", perSignature: 1 });
      const numbers = answer.rows.map((r) => `${r.ref.owner}#${r.ref.number}`).sort();
      // a2 by id, its canonical b1, one of the two k1 threads, and a1 by family
      expect(numbers).toEqual(expect.arrayContaining(["acme#2", "other#1", "acme#1"]));
      expect(answer.signatureCount).toBe(2);
      const a2Row = answer.rows.find((r) => r.ref.number === 2 && r.ref.owner === "acme");
      expect(a2Row?.duplicateOf).toEqual(b1);
      expect(a2Row?.fix).toEqual({ status: null, summary: null, workaround: null, closedBy: [] });
      expect((await store.candidates({ docIds: [] })).rows).toEqual([]);
    });

    it("joins each candidate's fix: its newest report and the pulls that closed it", async () => {
      const pull = ref(50, "acme", "app");
      await store.putThread(
        makeThread({
          ref: a3,
          title: "Terminal crashes",
          state: "closed",
          stateReason: "completed",
          closedByPulls: [pull],
        }),
        fetched(),
      );
      await store.putSignature(a3, { key: "k9", family: "f9", signature: "s" }, "boom");
      const older = makeReport({ meta: reportMeta("2024-02-02T00:00:00.000Z") }, makeThread({ ref: a3 }));
      await store.putReport(older);
      await store.putReport({ ...older, fix: { status: "fixed", summary: "by #50", pulls: [] } });
      const answer = await store.candidates({ docIds: [], signatureKey: "k9", withFix: true });
      expect(answer.rows[0]?.fix).toEqual({ status: "fixed", summary: "by #50", workaround: null, closedBy: [pull] });
    });
  });
}

/** Watermarks and transactions. */
function watermarkCases(): void {
  describe("watermarks and transactions", () => {
    const repo = { host: "github.com", owner: "acme", repo: "app" };

    it("keeps a watermark per repository", async () => {
      expect(await store.getWatermark(repo)).toBeNull();
      await store.setWatermark(repo, { since: "2024-01-01T00:00:00Z", listEtag: '"e"', cursor: null });
      await store.setWatermark(repo, { since: "2024-02-01T00:00:00Z", listEtag: '"f"', cursor: "c2" });
      expect(await store.getWatermark({ ...repo, owner: "ACME" })).toEqual({
        since: "2024-02-01T00:00:00Z",
        listEtag: '"f"',
        cursor: "c2",
      });
      expect(await store.getWatermark({ ...repo, repo: "other" })).toBeNull();
    });

    it("commits a thread and its watermark together", async () => {
      await store.transaction(async (tx) => {
        await tx.putThread(makeThread({ ref: a1 }), fetched());
        await tx.setWatermark(repo, { since: "2024-01-02T00:00:00Z", listEtag: null, cursor: null });
      });
      expect(await store.getThread(a1)).not.toBeNull();
      expect((await store.getWatermark(repo))?.since).toBe("2024-01-02T00:00:00Z");
    });

    it("rolls back everything when the transaction fails", async () => {
      await store.putThread(makeThread({ ref: a1, title: "original" }), fetched());
      await expect(
        store.transaction(async (tx) => {
          await tx.putThread(makeThread({ ref: a1, title: "replacement" }), fetched());
          await tx.putThread(makeThread({ ref: a2 }), fetched());
          await tx.putSignature(a2, { key: "k", family: "f", signature: "s" }, "boom");
          await tx.setWatermark(repo, { since: "2024-05-01T00:00:00Z", listEtag: null, cursor: null });
          throw new Error("sync failed half way");
        }),
      ).rejects.toThrow("sync failed half way");
      expect((await store.getThread(a1))?.thread.title).toBe("original");
      expect(await store.getThread(a2)).toBeNull();
      expect(await store.getSignature(a2)).toBeNull();
      expect(await store.getWatermark(repo)).toBeNull();
      expect(await store.search("original", { limit: 5 })).toHaveLength(1);
      expect(await store.search("replacement", { limit: 5 })).toHaveLength(0);
    });

    it("does not let other callers' writes into a transaction that rolls back", async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const tx = store.transaction(async (t) => {
        await t.putThread(makeThread({ ref: a1 }), fetched());
        await gate;
        throw new Error("abort");
      });
      const outside = store.putThread(makeThread({ ref: a2 }), fetched());
      release();
      await expect(tx).rejects.toThrow("abort");
      await outside;
      expect(await store.getThread(a1)).toBeNull();
      expect(await store.getThread(a2)).not.toBeNull();
    });

    it("nests: a transaction inside a transaction joins it", async () => {
      await store.transaction(async (tx) => {
        await tx.transaction(async (inner) => inner.putThread(makeThread({ ref: a1 }), fetched()));
      });
      expect(await store.getThread(a1)).not.toBeNull();
    });
  });
}

/** Votes and page views. */
function voteCases(): void {
  describe("votes and views", () => {
    it("toggles a vote and counts per signal", async () => {
      const at = "2024-05-01T00:00:00Z";
      expect(await store.castVote(a1, "helpful", "u1", at)).toEqual({ active: true, counts: { helpful: 1 } });
      expect(await store.castVote(a1, "helpful", "u2", at)).toEqual({ active: true, counts: { helpful: 2 } });
      expect(await store.castVote(a1, "same-here", "u1", at)).toEqual({
        active: true,
        counts: { helpful: 2, "same-here": 1 },
      });
      expect(await store.castVote(a1, "helpful", "u1", at)).toEqual({
        active: false,
        counts: { helpful: 1, "same-here": 1 },
      });
      expect(await store.getVotes(a1, "u1")).toEqual({ counts: { helpful: 1, "same-here": 1 }, mine: ["same-here"] });
      expect(await store.getVotes(a1)).toEqual({ counts: { helpful: 1, "same-here": 1 }, mine: [] });
      expect(await store.getVotes(a2, "u1")).toEqual({ counts: {}, mine: [] });
    });

    it("counts recent views and votes per thread for trending", async () => {
      await store.putThread(makeThread({ ref: a1, title: "Hot" }), fetched());
      for (const at of ["2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z", "2024-05-02T00:00:00Z"]) {
        await store.recordView(a1, at);
      }
      await store.recordView(a2, "2024-05-01T12:00:00Z");
      await store.recordView(a2, "2024-04-01T12:00:00Z");
      await store.castVote(a2, "helpful", "u1", "2024-05-01T12:00:00Z");
      await store.castVote(a2, "helpful", "u2", "2024-05-01T12:00:00Z");
      await store.castVote(a3, "helpful", "u1", "2024-04-01T00:00:00Z");
      const activity = await store.activitySince("2024-05-01T00:00:00+00:00", { limit: 10 });
      expect(activity).toEqual([
        { ref: a1, title: "Hot", views: 3, votes: 0 },
        { ref: a2, title: null, views: 1, votes: 2 },
      ]);
      expect(await store.activitySince("2024-05-01T00:00:00Z", { limit: 1 })).toHaveLength(1);
      await expect(store.recordView(a1, "yesterday")).rejects.toBeInstanceOf(UsageError);
    });
  });
}

/** Stats, closing, and the errors a store throws. */
function statsCases(): void {
  describe("stats and closing", () => {
    it("counts what it holds and reports its schema version", async () => {
      await store.putThread(makeThread({ ref: a1 }), fetched());
      await store.putThread(makeThread({ ref: b1 }), fetched());
      await store.putReport(makeReport({ meta: reportMeta("2024-01-01T00:00:00Z") }, makeThread({ ref: a1 })));
      await store.putSignature(a1, { key: "k", family: "f", signature: "s" }, "e");
      await store.recordView(a1, "2024-01-01T00:00:00Z");
      await store.castVote(a1, "helpful", "u", "2024-01-01T00:00:00Z");
      const s = await store.stats();
      expect(s).toMatchObject({ threads: 2, repos: 2, reports: 1, signatures: 1, votes: 1, views: 1 });
      expect(s.schemaVersion).toBeGreaterThanOrEqual(2);
      expect(s.backend).toBe(store.backend);
    });

    it("errors from the store are StoreErrors or UsageErrors, never raw driver errors", async () => {
      const err = await store.listThreads({ limit: -1 }).catch((e: unknown) => e);
      expect(err instanceof UsageError || err instanceof StoreError).toBe(true);
    });
  });
}
