// The real client against the local stand-in (standin/) on 127.0.0.1, over the dev fixtures.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateThread, loadFixtureDir, type Standin, startStandin } from "../../../standin/index.js";
import { EXAMPLES_DIR, inspectDeep } from "../../../test/support/node.test-helper.js";
import {
  AuthError,
  GoneError,
  type IssuegraphError,
  NotFoundError,
  RateLimitedError,
  UpstreamError,
} from "../errors.js";
import { refKey } from "../refs/parse-ref.js";
import type { IssueRef, Thread } from "../thread/types.js";
import { createGitHubClient, type GitHubClientOptions } from "./client.js";
import { restVisible } from "./rest-visible.js";
import type { RateLimitWait } from "./transport.js";

const fixturesDir = EXAMPLES_DIR;
const TOKEN = "ghp_IntegrationTok3n_abcdefghijklmnopqrstuvwxyz";
const flagship: IssueRef = { host: "github.com", owner: "anthropics", repo: "claude-code", number: 45203 };
// A generous timeout: two test workers share two cores, and a cold stand-in answers its first
// GraphQL query slowly; the timeout tests pass their own short one.
const fast = { retryBaseMs: 1, throttleUnitMs: 1, timeoutMs: 15_000 } satisfies GitHubClientOptions;

let s: Standin;
beforeAll(async () => {
  // The anonymous budget is raised so one suite can read every fixture without a token.
  s = await startStandin({ fixturesDir, validate: true, limits: { anonymous: 100_000 } });
});
afterAll(() => s.close());
beforeEach(() => s.reset());
afterEach(() => s.assertNoValidationFailures());

const withToken = (opts: GitHubClientOptions = {}) =>
  createGitHubClient({ ...fast, apiUrl: s.url, token: TOKEN, ...opts });
const anonymous = (opts: GitHubClientOptions = {}) =>
  createGitHubClient({ ...fast, apiUrl: s.url, token: null, ...opts });
const thread = async (p: Promise<{ thread: Thread | null }>) => {
  const t = (await p).thread;
  if (!t) throw new Error("expected a thread");
  return t;
};
const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as IssuegraphError,
  );

describe("the flagship anthropics/claude-code#45203", () => {
  it("with a token: one GraphQL request, no REST; 4 comments, 6 events, 5 cross-referenced sources", async () => {
    const gh = withToken();
    const res = await gh.fetchThread(flagship);
    const t = await thread(Promise.resolve(res));
    expect(res.meta).toMatchObject({ via: "graphql", requests: { rest: 0, graphql: 1 } });
    expect(s.requests.map((r) => [r.api, r.operationName, r.status])).toEqual([["graphql", "IssueThread", 200]]);
    expect(t.comments).toHaveLength(4);
    expect(t.events).toHaveLength(6);
    const sources = t.events.flatMap((e) => (e.type === "cross-referenced" ? [e.source.ref.number] : []));
    expect(sources).toEqual([45204, 45240, 45249, 45252, 45911]);
    expect(t.comments[0]?.author).toEqual({ login: "github-actions[bot]", association: "NONE", isBot: true });
    expect(t.labels).toEqual(["invalid"]);
  });

  it("without a token: REST only (issue, comments, timeline), the same counts", async () => {
    const gh = anonymous();
    const res = await gh.fetchThread(flagship);
    const t = await thread(Promise.resolve(res));
    expect(res.meta).toMatchObject({ via: "rest", requests: { rest: 3, graphql: 0 } });
    expect(s.requests.every((r) => r.api === "rest" && !r.authenticated)).toBe(true);
    expect(s.requests).toHaveLength(3);
    expect(t.comments).toHaveLength(4);
    expect(t.events).toHaveLength(6);
    expect(t.events.filter((e) => e.type === "cross-referenced")).toHaveLength(5);
    expect(res.meta.etag).toMatch(/^(W\/)?".+"$/);
  });

  it("GitHub Enterprise form (/api/v3): REST there, GraphQL at /api/graphql", async () => {
    const gh = createGitHubClient({ ...fast, apiUrl: `${s.url}/api/v3`, token: TOKEN });
    expect(gh.webHost).toBe("github.com");
    await gh.fetchThread(flagship);
    await createGitHubClient({ ...fast, apiUrl: `${s.url}/api/v3`, token: null }).fetchThread(flagship);
    expect(s.requests.map((r) => r.path)).toEqual([
      "/api/graphql",
      "/api/v3/repos/anthropics/claude-code/issues/45203",
      "/api/v3/repos/anthropics/claude-code/issues/45203/comments",
      "/api/v3/repos/anthropics/claude-code/issues/45203/timeline",
    ]);
  });
});

describe("REST and GraphQL agree on every dev fixture thread", () => {
  const { threads } = loadFixtureDir(fixturesDir);
  const refs = threads.map((t) => ({ host: "github.com", owner: t.owner, repo: t.repo, number: t.number }));

  it.each(refs.map((r) => [`${r.owner}/${r.repo}#${r.number}`, r] as const))(
    "%s: restVisible(GraphQL thread) deep-equals the REST thread",
    async (_name, ref) => {
      const viaGraphql = await thread(withToken().fetchThread(ref));
      const viaRest = await thread(anonymous().fetchThread(ref));
      const visible = restVisible(viaGraphql);
      expect(visible).toEqual(viaRest);
    },
  );
});

const issuePath = "^(/api/v3)?/repos/anthropics/claude-code/issues/45203$";

describe("faults", () => {
  it("primary limit resetting soon: waits (onRateLimitWait) and retries", async () => {
    const waits: RateLimitWait[] = [];
    s.faults.inject({ kind: "primary-rate-limit", path: issuePath, resetIn: 2 });
    const res = await anonymous({ onRateLimitWait: (w) => waits.push(w) }).fetchThread(flagship);
    expect(res.thread?.comments).toHaveLength(4);
    expect(res.meta.requests.rest).toBe(4);
    expect(waits.map((w) => w.kind)).toEqual(["primary"]);
    expect(waits[0]?.seconds).toBeGreaterThanOrEqual(2);
  });

  it("primary limit resetting far away: RateLimitedError saying when, without waiting", async () => {
    const waits: RateLimitWait[] = [];
    s.faults.inject({ kind: "primary-rate-limit", path: issuePath, resetIn: 3600 });
    const err = await caught(anonymous({ onRateLimitWait: (w) => waits.push(w) }).fetchThread(flagship));
    expect(err).toBeInstanceOf(RateLimitedError);
    const resetAt = (err as RateLimitedError).resetAt.getTime();
    expect(Math.abs(resetAt - (Date.now() + 3_600_000))).toBeLessThan(10_000);
    expect(waits).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });

  it("GraphQL primary limit (200 RATE_LIMITED) far away: RateLimitedError", async () => {
    s.faults.inject({ kind: "primary-rate-limit", path: "graphql$", resetIn: 3600 });
    expect(await caught(withToken().fetchThread(flagship))).toBeInstanceOf(RateLimitedError);
  });

  it("secondary limit with retry-after: waits that long and retries", async () => {
    const waits: RateLimitWait[] = [];
    s.faults.inject({ kind: "secondary-rate-limit", path: "graphql$", retryAfter: 2 });
    const res = await withToken({ onRateLimitWait: (w) => waits.push(w) }).fetchThread(flagship);
    expect(res.meta.requests.graphql).toBe(2);
    expect(waits.map((w) => [w.kind, w.seconds])).toEqual([["secondary", 2]]);
    expect(s.requests.map((r) => r.fault)).toEqual(["secondary-rate-limit", null]);
  });

  it.each([500, 502, 503])("%i is retried", async (status) => {
    s.faults.inject({ kind: "status", status, path: "/timeline$" });
    const res = await anonymous().fetchThread(flagship);
    expect(res.thread?.events).toHaveLength(6);
    expect(res.meta.requests.rest).toBe(4);
  });

  it("5xx that persists: UpstreamError after the retries", async () => {
    s.faults.inject({ kind: "status", status: 502, path: "graphql$", times: 10 });
    const err = await caught(withToken({ retries: 2 }).fetchThread(flagship));
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).status).toBe(502);
    expect(s.requests).toHaveLength(3);
  });

  it("GraphQL 'Something went wrong' is retried", async () => {
    s.faults.inject({ kind: "graphql-error", path: "graphql$" });
    expect((await withToken().fetchThread(flagship)).meta.requests.graphql).toBe(2);
  });

  it("a dropped connection is retried", async () => {
    s.faults.inject({ kind: "drop", path: "/comments$" });
    const res = await anonymous().fetchThread(flagship);
    expect(res.thread?.comments).toHaveLength(4);
    expect(s.requests.map((r) => r.status)).toContain(0);
  });

  it.each(["headers", "body"] as const)(
    "a slow response (stalled before the %s end) times out and is retried",
    async (stage) => {
      const started = Date.now();
      s.faults.inject({ kind: "slow", path: "graphql$", delayMs: 1_500, stage });
      const res = await withToken({ timeoutMs: 300 }).fetchThread(flagship);
      expect(res.thread?.comments).toHaveLength(4);
      expect(res.meta.requests.graphql).toBe(2);
      expect(Date.now() - started).toBeLessThan(1_500);
      // Let the abandoned request finish on the server so it is not recorded in the next test.
      await new Promise((resolve) => setTimeout(resolve, 1_700 - (Date.now() - started)));
    },
  );
});

describe("faults: transfers, deletions and missing threads", () => {
  it("REST: a transferred issue answers 301; the client follows it and sets movedFrom", async () => {
    s.faults.apply({
      kind: "transfer",
      ref: "anthropics/claude-code#45203",
      to: "anthropics/claude-code-archive",
      number: 7,
    });
    const t = await thread(anonymous().fetchThread(flagship));
    expect(t.ref).toEqual({ host: "github.com", owner: "anthropics", repo: "claude-code-archive", number: 7 });
    expect(t.movedFrom).toEqual(flagship);
    expect(t.comments).toHaveLength(4);
    expect(s.requests[0]?.status).toBe(301);
  });

  it("GraphQL: a transferred issue is NOT_FOUND; one REST GET finds where it went", async () => {
    s.faults.apply({
      kind: "transfer",
      ref: "anthropics/claude-code#45203",
      to: "anthropics/claude-code-archive",
      number: 7,
    });
    const res = await withToken().fetchThread(flagship);
    expect(res.thread?.movedFrom).toEqual(flagship);
    expect(res.thread?.ref.repo).toBe("claude-code-archive");
    expect(res.thread?.comments).toHaveLength(4);
    expect(res.thread?.events.at(-1)).toMatchObject({ type: "transferred", fromRepo: "anthropics/claude-code" });
    expect(s.requests.map((r) => `${r.api} ${r.status}`)).toEqual([
      "graphql 200",
      "rest 301",
      "rest 200",
      "graphql 200",
    ]);
  });

  it("410 (deleted) -> GoneError on both paths", async () => {
    s.faults.apply({ kind: "delete", ref: "anthropics/claude-code#45203" });
    expect(await caught(anonymous().fetchThread(flagship))).toBeInstanceOf(GoneError);
    expect(await caught(withToken().fetchThread(flagship))).toBeInstanceOf(GoneError);
  });

  it("404 -> NotFoundError; without a token the hint says to set GITHUB_TOKEN", async () => {
    const missing = { ...flagship, number: 999_999 };
    const anon = await caught(anonymous().fetchThread(missing));
    expect(anon).toBeInstanceOf(NotFoundError);
    expect(anon.hint).toMatch(/private.*GITHUB_TOKEN/);
    s.faults.inject({ kind: "status", status: 404, path: issuePath });
    const injected = await caught(anonymous().fetchThread(flagship));
    expect(injected).toBeInstanceOf(NotFoundError);
  });

  it("a private repository without access is a 404 (NotFoundError)", async () => {
    s.faults.apply({ kind: "private", repo: "anthropics/claude-code" });
    expect(await caught(anonymous().fetchThread(flagship))).toBeInstanceOf(NotFoundError);
  });

  it("GraphQL NOT_FOUND for a missing number -> NotFoundError (after one REST check)", async () => {
    const err = await caught(withToken().fetchThread({ ...flagship, number: 999_999 }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.hint).toMatch(/token can read/);
    expect(s.requests.map((r) => r.api)).toEqual(["graphql", "rest"]);
  });

  it("401 -> AuthError", async () => {
    s.faults.inject({ kind: "status", status: 401, path: "graphql$" });
    expect(await caught(withToken().fetchThread(flagship))).toBeInstanceOf(AuthError);
  });
});

describe("conditional requests", () => {
  it("REST: the second fetch with the etag answers 304 -> notModified, one request", async () => {
    const gh = anonymous();
    const first = await gh.fetchThread(flagship);
    const etag = first.meta.etag;
    expect(etag).toBeTruthy();
    s.clearRequests();
    const again = await gh.fetchThread(flagship, { etag });
    expect(again).toMatchObject({ notModified: true, thread: null, meta: { requests: { rest: 1, graphql: 0 }, etag } });
    expect(s.requests.map((r) => [r.status, r.ifNoneMatch])).toEqual([[304, etag]]);
  });

  it("with a token and an etag: REST revalidation first; 304 skips GraphQL", async () => {
    const etag = (await anonymous().fetchThread(flagship)).meta.etag;
    s.clearRequests();
    const res = await withToken().fetchThread(flagship, { etag });
    expect(res.notModified).toBe(true);
    expect(s.requests.map((r) => r.api)).toEqual(["rest"]);
  });

  it("listIssuesPage: a page fetched again with its etag answers 304", async () => {
    const gh = anonymous();
    const repo = { host: "github.com", owner: "nodejs", repo: "node" };
    const page = await gh.listIssuesPage(repo, { perPage: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.nextUrl).toBeTruthy();
    const again = await gh.listIssuesPage(repo, { perPage: 3, etag: page.etag });
    expect(again).toMatchObject({ notModified: true, items: [] });
    const next = await gh.listIssuesPage(repo, { url: page.nextUrl ?? "" });
    expect(next.items.length).toBeGreaterThan(0);
    expect((next.items[0]?.updatedAt ?? "") >= (page.items[2]?.updatedAt ?? "")).toBe(true);
  });
});

describe("summaries and releases", () => {
  const linked = [45204, 45240, 45249, 45252, 45911, 45020, 999_999].map((number) => ({ ...flagship, number }));

  it("fetchSummaries: one GraphQL request with a token, one REST GET per ref without; same answers, missing -> null", async () => {
    const gql = withToken();
    const a = await gql.fetchSummaries(linked);
    expect(gql.requests()).toEqual({ rest: 0, graphql: 1 });
    const rest = anonymous();
    const b = await rest.fetchSummaries(linked);
    expect(rest.requests()).toEqual({ rest: 7, graphql: 0 });
    expect(b).toEqual(a);
    expect(a.get(refKey({ ...flagship, number: 999_999 }))).toBeNull();
    expect(a.get(refKey({ ...flagship, number: 45204 }))).toMatchObject({ kind: "issue", title: expect.any(String) });
  });

  it("fetchSummaries: merged pulls carry their merge commit on both paths", async () => {
    const pulls = [45161, 46306, 53523, 60553].map((number) => ({
      host: "github.com",
      owner: "nodejs",
      repo: "node",
      number,
    }));
    const a = await withToken().fetchSummaries(pulls);
    const b = await anonymous().fetchSummaries(pulls);
    expect(b).toEqual(a);
    expect(a.get(refKey(pulls[2] as IssueRef))).toMatchObject({
      merged: true,
      mergeCommitSha: "1f446e661a51eb133c8db0cac6b3ef02af9e2e01",
    });
    expect(a.get(refKey(pulls[3] as IssueRef))).toMatchObject({ merged: false, mergeCommitSha: null });
  });

  it.each([
    ["bee520d0f5800102f219be9892b9078160d544e1", "v19.1.0"],
    ["ab4ba6b05b59d3583d9b39b790ca561af08a6b95", "v19.6.0"],
    ["1f446e661a51eb133c8db0cac6b3ef02af9e2e01", "v22.7.0"],
    ["2eb60946d81c0cecaa5890cdada65e3cc26698b2", "v22.7.0"],
    ["4ee3eb77d90f860eb6f00903e23933c91786aa1a", null],
    ["0000000000000000000000000000000000000000", null],
  ])("findFirstRelease(%s) -> %s", async (sha, tag) => {
    const gh = anonymous();
    const found = await gh.findFirstRelease({ host: "github.com", owner: "nodejs", repo: "node" }, sha);
    expect(found?.tag ?? null).toBe(tag);
    // One releases page and at most 1 + ceil(log2(3)) compares.
    expect(gh.requests().rest).toBeLessThanOrEqual(4);
  });
});

describe("the token never leaks", () => {
  it("is absent from thrown errors and from the logs", async () => {
    const logs: unknown[] = [];
    const logger = {
      debug: (o: object, m: string) => logs.push([o, m]),
      info: (o: object, m: string) => logs.push([o, m]),
      warn: (o: object, m: string) => logs.push([o, m]),
    };
    const errors: IssuegraphError[] = [];
    s.faults.inject({ kind: "status", status: 401, path: "graphql$" });
    errors.push(await caught(withToken({ logger }).fetchThread(flagship)));
    s.faults.inject({ kind: "status", status: 500, path: "graphql$", times: 4 });
    errors.push(await caught(withToken({ logger }).fetchThread(flagship)));
    s.faults.inject({ kind: "primary-rate-limit", path: "graphql$", resetIn: 3600 });
    errors.push(await caught(withToken({ logger }).fetchThread(flagship)));
    errors.push(await caught(withToken({ logger }).fetchThread({ ...flagship, number: 999_999 })));
    s.faults.inject({ kind: "drop", path: "graphql$", times: 4 });
    errors.push(await caught(withToken({ logger }).fetchThread(flagship)));
    expect(errors.map((e) => e.constructor.name)).toEqual([
      "AuthError",
      "UpstreamError",
      "RateLimitedError",
      "NotFoundError",
      "UpstreamError",
    ]);
    for (const e of errors) {
      const dump = [e.message, e.stack, e.hint, JSON.stringify(e), inspectDeep(e)].join("\n");
      expect(dump).not.toContain(TOKEN);
    }
    expect(logs.length).toBeGreaterThan(5);
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
  });
});

describe("a huge thread (5,000 comments, 2,000 events)", () => {
  let big: Standin;
  const ref: IssueRef = { host: "github.com", owner: "octo-org", repo: "big-repo", number: 1 };
  beforeAll(async () => {
    const generated = generateThread({
      owner: "octo-org",
      repo: "big-repo",
      number: 1,
      comments: 5000,
      events: 2000,
      seed: 7,
    });
    big = await startStandin({ fixtures: [generated], validate: true, limits: { anonymous: 100_000 } });
  });
  afterAll(() => big.close());

  it("comes back whole on both paths, and the paths agree", { timeout: 180_000 }, async () => {
    const gql = createGitHubClient({ ...fast, apiUrl: big.url, token: TOKEN, timeoutMs: 30_000 });
    const rest = createGitHubClient({ ...fast, apiUrl: big.url, token: null, timeoutMs: 30_000 });
    const a = await gql.fetchThread(ref);
    const b = await rest.fetchThread(ref);
    expect(a.thread?.comments).toHaveLength(5000);
    expect(a.thread?.events).toHaveLength(2000);
    expect(b.thread?.comments).toHaveLength(5000);
    expect(b.thread?.events).toHaveLength(2000);
    // GraphQL: IssueThread brings the first page of both, then 49 comment + 19 timeline pages.
    // REST: the issue, 50 comment pages, 20 timeline pages (exclude=commented).
    expect(a.meta.requests).toEqual({ rest: 0, graphql: 69 });
    expect(b.meta.requests).toEqual({ rest: 71, graphql: 0 });
    expect(restVisible(a.thread as Thread)).toEqual(b.thread);
    big.assertNoValidationFailures();
  });
});
