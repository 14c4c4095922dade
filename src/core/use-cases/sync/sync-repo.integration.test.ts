// syncRepo with the real GitHub client (and token pool) against the local stand-in.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateRepo, type Standin, startStandin } from "../../../../standin/index.js";
import { tempFolder } from "../../../../test/support/node.test-helper.js";
import { NotFoundError, RateLimitedError } from "../../errors.js";
import { createGitHubClient, type GitHubClientOptions } from "../../github/index.js";
import { createTokenPool } from "../../github/pool/token-pool.js";
import { openStore } from "../../store/open-store.js";
import type { RepoRef, Store } from "../../store/types.js";
import { dumpRepo } from "./canonical-dump.js";
import { isShallow } from "./shallow.js";
import { type SyncClient, syncRepo } from "./sync-repo.js";

const TOKEN = "ghp_SyncIntegrationToken0123456789";
const repo: RepoRef = { host: "github.com", owner: "octo-org", repo: "synced" };
const empty: RepoRef = { host: "github.com", owner: "octo-org", repo: "empty" };
const generated = generateRepo({ owner: repo.owner, repo: repo.repo, issues: 150, seed: 3, maxComments: 3 });

const root = tempFolder("sync-int");
let s: Standin;
beforeAll(async () => {
  s = await startStandin({
    fixtures: generated.threads,
    repos: [generated.repo, { owner: empty.owner, repo: empty.repo }],
    validate: true,
    limits: { graphqlPoints: 100_000 },
  });
});
afterAll(async () => {
  await s.close();
  root.remove();
});
beforeEach(() => s.reset());
afterEach(() => s.assertNoValidationFailures());

let n = 0;
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((x) => x.close()));
});
async function freshStore() {
  const store = await openStore({ kind: "sqlite", path: root.file(`s${++n}.db`) });
  stores.push(store);
  return store;
}

const fast = { retryBaseMs: 1, throttleUnitMs: 1, timeoutMs: 15_000 } satisfies GitHubClientOptions;
const client = (opts: GitHubClientOptions = {}) =>
  createGitHubClient({ ...fast, apiUrl: s.url, token: TOKEN, ...opts });
const deps = (c: SyncClient, store: Store) => ({ client: c, store, now: () => new Date() });

describe("sync against the stand-in: listing", { timeout: 180_000 }, () => {
  it("a shallow sync lists the repository in a few requests; a deep one fills in every thread", async () => {
    const store = await freshStore();
    const gh = client();
    const shallow = await syncRepo({ repo, deep: false }, deps(gh, store));
    // 150 threads: pages since=null (100), since=<100th> (51), and the closing probe; no GraphQL.
    expect(shallow).toMatchObject({ pages: 3, threads: 150, fetched: 0, requests: 3, requestsBy: { graphql: 0 } });
    const some = await store.getThread({ ...repo, number: 7 });
    expect(some && isShallow(some)).toBe(true);
    expect(some?.thread.comments).toEqual([]);

    const deep = await syncRepo({ repo, deep: true }, deps(gh, store));
    expect(deep).toMatchObject({ threads: 150, fetched: 150, requestsBy: { rest: 3, graphql: 150 } });
    const dump = await dumpRepo(store, repo);
    expect(dump.threads.some((t) => t.etag !== null && isShallow({ etag: t.etag }))).toBe(false);
    const withComments = generated.threads.filter((t) => t.comments.length > 0).length;
    expect(dump.threads.filter((t) => t.thread.comments.length > 0)).toHaveLength(withComments);

    s.clearRequests();
    const again = await syncRepo({ repo, deep: true }, deps(gh, store));
    expect(again).toMatchObject({ notModified: true, requests: 1, threads: 0 });
    expect(s.requests.map((r) => r.status)).toEqual([304]);
  });

  it("fails with a clear NotFoundError for an unknown repository", async () => {
    const store = await freshStore();
    const error = await syncRepo({ repo: { ...repo, repo: "nope" }, deep: false }, deps(client(), store)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toBe("issues of octo-org/nope was not found on GitHub");
    expect(await store.getWatermark({ ...repo, repo: "nope" })).toBeNull();
  });

  it("syncs an empty repository: no threads, a watermark, and a 304 next time", async () => {
    const store = await freshStore();
    expect(await syncRepo({ repo: empty, deep: true }, deps(client(), store))).toMatchObject({ threads: 0, pages: 1 });
    expect(await store.getWatermark(empty)).toMatchObject({ since: null, listEtag: expect.stringMatching(/^"/) });
    expect(await syncRepo({ repo: empty, deep: true }, deps(client(), store))).toMatchObject({ notModified: true });
  });
});

describe("sync against the stand-in: rate limits", { timeout: 180_000 }, () => {
  it("stops at a primary rate limit keeping its progress, and resumes to the same store", async () => {
    const reference = await freshStore();
    await syncRepo({ repo, deep: true }, deps(client(), reference));
    const expected = await dumpRepo(reference, repo);

    s.reset();
    const store = await freshStore();
    s.faults.inject({ kind: "primary-rate-limit", path: "graphql", resetIn: 3600, times: Number.POSITIVE_INFINITY });
    // Let 40 thread fetches through first.
    const fault = s.faults.pending()[0];
    if (fault) fault.remaining = 0;
    let fetched = 0;
    const gh = client();
    const counting: SyncClient = {
      apiUrl: gh.apiUrl,
      listIssuesPage: (r, o) => gh.listIssuesPage(r, o),
      requests: () => gh.requests(),
      fetchThread: async (ref, o) => {
        if (++fetched === 41 && fault) fault.remaining = Number.POSITIVE_INFINITY;
        return gh.fetchThread(ref, o);
      },
    };
    const error = await syncRepo({ repo, deep: true }, deps(counting, store)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).hint).toMatch(
      /^Run the same command after .* UTC to continue where it stopped\.$/,
    );
    expect((await dumpRepo(store, repo)).threads).toHaveLength(40);

    s.faults.clear();
    const rest = await syncRepo({ repo, deep: true }, deps(client(), store));
    expect(rest.fetched).toBe(110);
    expect(await dumpRepo(store, repo)).toEqual(expected);
  });

  it("waits out a short secondary rate limit and carries on", async () => {
    const store = await freshStore();
    const waits: number[] = [];
    s.faults.inject({ kind: "secondary-rate-limit", path: "graphql", retryAfter: 1, times: 1 });
    const result = await syncRepo(
      { repo, deep: true },
      deps(client({ onRateLimitWait: (w) => waits.push(w.seconds) }), store),
    );
    expect(result.threads).toBe(150);
    expect(waits).toEqual([1]);
  });

  it("spreads a deep sync over a token pool when one token's budget is not enough", async () => {
    await s.close();
    s = await startStandin({
      fixtures: generated.threads,
      repos: [generated.repo, { owner: empty.owner, repo: empty.repo }],
      validate: true,
      limits: { graphqlPoints: 200 },
    });
    const store = await freshStore();
    const pool = createTokenPool({
      tokens: [`${TOKEN}A`, `${TOKEN}B`],
      client: { ...fast, apiUrl: s.url },
    });
    const result = await syncRepo({ repo, deep: true }, deps(pool, store));
    expect(result.threads).toBe(150);
    const ops = pool.status().map((m) => m.operations);
    expect(ops.every((o) => o > 50)).toBe(true);
    // Alone, either token would have run out (a thread costs 2 GraphQL points here).
    const single = await syncRepo({ repo, deep: true }, deps(client({ token: `${TOKEN}C` }), await freshStore())).catch(
      (e: unknown) => e,
    );
    expect(single).toBeInstanceOf(RateLimitedError);
  });
});
