import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FixtureThread } from "./fixture-schema.js";
import { type Standin, startStandin } from "./index.js";
import { getJson, gql, octokitFor } from "./standin.test-helper.js";

const thread = (number: number): FixtureThread => ({
  owner: "acme",
  repo: "app",
  type: "issue",
  number,
  title: `Thread ${number}`,
  body: "",
  author: { login: "alice", association: "NONE" },
  state: "open",
  state_reason: null,
  labels: [],
  locked: false,
  created_at: "2024-01-01T00:00:00Z",
  updated_at: "2024-01-01T00:00:00Z",
  closed_at: null,
  reactions: {},
  pull: null,
  comments: [],
  events: [],
});

const issueRoute = "GET /repos/{owner}/{repo}/issues/{issue_number}" as const;
const params = { owner: "acme", repo: "app", issue_number: 1 };

describe("route faults", () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({ fixtures: [thread(1), thread(2)], validate: true });
  });
  beforeEach(() => standin.reset());
  afterAll(() => standin.close());

  it("secondary rate limit: retry-after and GitHub's message; octokit waits and retries", async () => {
    standin.faults.inject({ kind: "secondary-rate-limit", path: "/issues/1$", retryAfter: 2, times: 2 });
    const raw = await getJson(`${standin.url}/repos/acme/app/issues/1`);
    expect(raw.status).toBe(403);
    expect(raw.headers.get("retry-after")).toBe("2");
    expect(raw.body.message).toBe(
      "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    );
    const { octokit, seen } = octokitFor(standin.url);
    const res = await octokit.request(issueRoute, params);
    expect(res.status).toBe(200);
    expect(seen.secondary).toBe(1);
    expect(standin.requests.map((r) => [r.status, r.fault])).toEqual([
      [403, "secondary-rate-limit"],
      [403, "secondary-rate-limit"],
      [200, null],
    ]);
  });

  it("primary rate limit: 403/429 with remaining 0 and a reset time; octokit asks onRateLimit", async () => {
    standin.faults.inject({ kind: "primary-rate-limit", path: "/issues/1$", resetIn: 0 });
    const { octokit, seen } = octokitFor(standin.url);
    const res = await octokit.request(issueRoute, params);
    expect(res.status).toBe(200);
    expect(seen.rateLimit).toBe(1);
    expect(standin.requests.map((r) => r.status)).toEqual([403, 200]);
    standin.faults.inject({ kind: "primary-rate-limit", path: "/issues/1$", resetIn: 120, status: 429 });
    const raw = await getJson(`${standin.url}/repos/acme/app/issues/1`);
    expect(raw.status).toBe(429);
    expect(raw.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(raw.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 119);
    expect(raw.body.message).toMatch(/^API rate limit exceeded for user ID \d+\.$/);
  });

  it("5xx: octokit's retry plugin retries a 502 and a 503, then succeeds", async () => {
    standin.faults.inject({ kind: "status", status: 502, path: "/issues/1$" });
    standin.faults.inject({ kind: "status", status: 503, path: "/issues/1$" });
    const { octokit } = octokitFor(standin.url);
    const res = await octokit.request(issueRoute, params);
    expect(res.status).toBe(200);
    expect(standin.requests.map((r) => r.status)).toEqual([502, 503, 200]);
    standin.faults.inject({
      kind: "status",
      status: 500,
      path: "/issues/2$",
      method: "GET",
      times: Number.POSITIVE_INFINITY,
    });
    const failing = octokitFor(standin.url, { retries: 1 }).octokit;
    await expect(failing.request(issueRoute, { ...params, issue_number: 2 })).rejects.toMatchObject({ status: 500 });
  });

  connectionAndMatchingFaults(() => standin);
});

/** Dropped and slow connections, fault matching and GraphQL faults, on the stand-in of "route faults". */
function connectionAndMatchingFaults(standin: () => Standin): void {
  describe("route faults: dropped and slow connections, matching, GraphQL", () => {
    it("a dropped connection fails the request; the next one succeeds", async () => {
      standin().faults.inject({ kind: "drop", path: "/issues/1$" });
      await expect(fetch(`${standin().url}/repos/acme/app/issues/1`)).rejects.toThrow();
      expect((await fetch(`${standin().url}/repos/acme/app/issues/1`)).status).toBe(200);
      expect(standin().requests[0]).toMatchObject({ status: 0, fault: "drop" });
    });

    it("slow responses, before the headers or in the middle of the body", async () => {
      standin().faults.inject({ kind: "slow", path: "/issues/1$", delayMs: 150 });
      standin().faults.inject({ kind: "slow", path: "/issues/1$", delayMs: 150, stage: "body" });
      for (let i = 0; i < 2; i++) {
        const started = performance.now();
        const res = await fetch(`${standin().url}/repos/acme/app/issues/1`);
        expect(((await res.json()) as { number: number }).number).toBe(1);
        expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      }
    });

    it("faults match method, path and GraphQL operation name; they hit only the next N requests", async () => {
      standin().faults.inject({ kind: "status", status: 502, path: "^/graphql$", operationName: "Flaky" });
      const other = await gql(standin().url, "query Fine { rateLimit { limit } }");
      expect(other.status).toBe(200);
      const hit = await fetch(`${standin().url}/graphql`, {
        method: "POST",
        headers: { authorization: "bearer t" },
        body: JSON.stringify({ query: "query Flaky { rateLimit { limit } }" }),
      });
      expect(hit.status).toBe(502);
      expect(standin().faults.pending()).toHaveLength(0);
      expect((await gql(standin().url, "query Flaky { rateLimit { limit } }")).status).toBe(200);
    });

    it("GraphQL primary limit and transient errors look like GitHub's to octokit", async () => {
      standin().faults.inject({ kind: "graphql-error", path: "graphql$" });
      const { octokit } = octokitFor(standin().url);
      const data = await octokit.graphql<{ rateLimit: { limit: number } }>("{ rateLimit { limit } }");
      expect(data.rateLimit.limit).toBe(5000);
      expect(standin().requests.map((r) => r.fault)).toEqual(["graphql-error", null]);
      standin().faults.inject({ kind: "primary-rate-limit", path: "graphql$", resetIn: 0 });
      const limited = await gql(standin().url, "{ rateLimit { limit } }");
      expect(limited.status).toBe(200);
      expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(limited.body.errors[0].type).toBe("RATE_LIMITED");
    });
  });
}

describe("control API over HTTP", () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({ fixtures: [thread(1), thread(2)] });
  });
  afterAll(() => standin.close());

  const control = (path: string, method = "GET", body?: unknown) =>
    fetch(`${standin.url}/__control/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("injects faults and world changes, lists requests without tokens, and resets", async () => {
    const injected = await control("faults", "POST", [
      { kind: "status", status: 503, path: "/issues/2$", times: 1 },
      { kind: "transfer", ref: "acme/app#1", to: "acme/moved" },
    ]);
    expect(injected.status).toBe(201);
    expect(
      (await fetch(`${standin.url}/repos/acme/app/issues/2`, { headers: { authorization: "token secret-token" } }))
        .status,
    ).toBe(503);
    const moved = await fetch(`${standin.url}/repos/acme/app/issues/1`, { redirect: "manual" });
    expect(moved.status).toBe(301);
    const requests = (await (await control("requests")).json()) as { path: string; authenticated: boolean }[];
    expect(requests.map((r) => [r.path, r.authenticated])).toEqual([
      ["/repos/acme/app/issues/2", true],
      ["/repos/acme/app/issues/1", false],
    ]);
    expect(JSON.stringify(requests)).not.toContain("secret-token");
    expect((await control("reset", "POST")).status).toBe(200);
    expect((await fetch(`${standin.url}/repos/acme/app/issues/1`)).status).toBe(200);
    expect((await control("faults", "POST", { kind: "nonsense", path: "x" })).status).toBe(400);
  });
});
