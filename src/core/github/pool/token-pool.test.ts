// The token pool against the local stand-in: real clients, real rate-limit headers and faults.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateRepo, type Standin, startStandin } from "../../../../standin/index.js";
import { RateLimitedError } from "../../errors.js";
import type { Logger } from "../index.js";
import { createTokenPool, type TokenPoolOptions } from "./token-pool.js";
import { tokensFromEnv } from "./tokens.js";

const A = "ghp_PoolTokenAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const B = "ghp_PoolTokenBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
const repo = { host: "github.com", owner: "octo-org", repo: "pool" };
const generated = generateRepo({ owner: repo.owner, repo: repo.repo, issues: 5 });

let s: Standin;
beforeAll(async () => {
  s = await startStandin({ fixtures: generated.threads, repos: [generated.repo], limits: { authenticated: 10 } });
});
afterAll(() => s.close());
beforeEach(() => s.reset());

const logged: string[] = [];
const logger: Logger = {
  debug: (o, m) => logged.push(JSON.stringify(o) + m),
  info: (o, m) => logged.push(JSON.stringify(o) + m),
  warn: (o, m) => logged.push(JSON.stringify(o) + m),
};
const pool = (over: Partial<TokenPoolOptions> = {}) =>
  createTokenPool({ tokens: [A, B], client: { apiUrl: s.url, retryBaseMs: 1, throttleUnitMs: 1, logger }, ...over });
const list = (p: ReturnType<typeof pool>) => p.listIssuesPage(repo, { perPage: 100 });
const noTokenIn = (text: string) => {
  expect(text).not.toContain(A);
  expect(text).not.toContain(B);
};

describe("token pool", () => {
  it("sends each operation to the token with the most budget left", async () => {
    // Token A has already spent 6 of its 10 requests elsewhere.
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${s.url}/repos/octo-org/pool/issues`, { headers: { authorization: `token ${A}` } });
      expect(res.status).toBe(200);
    }
    const p = pool();
    for (let i = 0; i < 8; i++) await list(p);
    // Round-robin would have left A at 0 and B at 6; budget-first evens them out.
    expect(p.status().map((m) => [m.label, m.core])).toEqual([
      ["token 1", 3],
      ["token 2", 3],
    ]);
    expect(p.budget("core")).toMatchObject({ limit: 20, remaining: 6 });
    expect(p.requests()).toEqual({ rest: 8, graphql: 0 });
  });

  it("rests a token that hits its rate limit and retries the operation on another", async () => {
    const p = pool();
    s.faults.inject({ kind: "primary-rate-limit", path: "/issues$", resetIn: 3600, times: 1 });
    const page = await list(p);
    expect(page.items).toHaveLength(5);
    const [first, second] = p.status();
    expect(first?.restingUntil).not.toBeNull();
    expect(second?.restingUntil).toBeNull();
    // While token 1 rests, everything goes to token 2.
    await list(p);
    expect(p.status().map((m) => m.operations)).toEqual([1, 2]);
    // The tightest budget is core now (2 of 20 spent, against 0 GraphQL points).
    expect(p.budget()).toMatchObject({ resource: "core" });
  });

  it("waits for the earliest reset when every token rests and it is near", async () => {
    let offset = 0;
    const waits: number[] = [];
    const p = pool({
      clock: () => new Date(Date.now() + offset),
      sleep: async (ms) => {
        offset += ms;
      },
      onWait: ({ seconds }) => waits.push(seconds),
    });
    s.faults.inject({ kind: "primary-rate-limit", path: "/issues$", resetIn: 30, times: 2 });
    expect((await list(p)).items).toHaveLength(5);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(25);
  });

  it("throws RateLimitedError with the earliest reset when every token is spent, naming no token", async () => {
    const p = pool();
    for (let i = 0; i < 20; i++) await list(p);
    const error = await list(p).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    const e = error as RateLimitedError;
    expect(e.message).toMatch(/^all 2 GitHub tokens are rate limited until /);
    expect(e.resetAt.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    noTokenIn(`${e.message} ${e.hint} ${e.stack} ${JSON.stringify(p.status())}`);
    noTokenIn(logged.join("\n"));
    expect(logged.length).toBeGreaterThan(0);
  });

  it("fetches threads over GraphQL on the token with the most GraphQL budget", async () => {
    const p = pool();
    const ref = { ...repo, number: 1 };
    const got = await p.fetchThread(ref);
    expect(got.thread?.ref.number).toBe(1);
    await p.fetchThread(ref);
    expect(p.status().map((m) => m.operations)).toEqual([1, 1]);
    // Only GraphQL has been used: the pooled budget is both tokens' GraphQL points.
    const [a = 0, b = 0] = p.status().map((m) => m.graphql ?? 0);
    expect(a < 5000 && b < 5000).toBe(true);
    expect(p.budget()).toMatchObject({ resource: "graphql", limit: 10_000, remaining: a + b });
  });
});

describe("tokensFromEnv", () => {
  it("reads GITHUB_TOKENS, numbered GITHUB_TOKEN_n, GITHUB_TOKEN and GH_TOKEN, without blanks or repeats", () => {
    expect(
      tokensFromEnv({
        GITHUB_TOKENS: " t1, t2\nt3 ,,",
        GITHUB_TOKEN_10: "t10",
        GITHUB_TOKEN_2: "t2",
        GITHUB_TOKEN_1: "n1",
        GITHUB_TOKEN: "t1",
        GH_TOKEN: "gh",
      }),
    ).toEqual(["t1", "t2", "t3", "n1", "t10", "gh"]);
    expect(tokensFromEnv({})).toEqual([]);
  });
});
