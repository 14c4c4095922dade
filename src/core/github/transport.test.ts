import { afterEach, describe, expect, it } from "vitest";
import { inspectDeep } from "../../../test/support/node.test-helper.js";
import { AuthError, GoneError, IssuegraphError, RateLimitedError, UpstreamError } from "../errors.js";
import type { IssueRef } from "../thread/types.js";
import { gqlIssue, gqlThreadData, restIssue } from "./api-shapes.test-helper.js";
import { createGitHubClient, type GitHubClientOptions } from "./client.js";
import { type Stub, type StubFetch, stubFetch } from "./stub-fetch.test-helper.js";
import type { RateLimitWait } from "./transport.js";

const ref: IssueRef = { host: "github.com", owner: "o", repo: "r", number: 1 };
const TOKEN = "ghp_Sup3rS3cretTok3nValue0123456789abcd";
const fast = { retryBaseMs: 1, throttleUnitMs: 1, timeoutMs: 100, clock: () => new Date("2024-06-01T00:00:00Z") };
const okThread = { path: "/graphql", operation: "IssueThread", body: gqlThreadData(gqlIssue()) } satisfies Stub;
const epoch = (secondsFromNow: number) => String(Math.floor(Date.now() / 1000) + secondsFromNow);

let stub: StubFetch | null = null;
afterEach(() => {
  stub?.verify();
  stub = null;
});
const client = (stubs: Stub[], opts: GitHubClientOptions = {}) => {
  stub = stubFetch(stubs);
  return createGitHubClient({ ...fast, token: TOKEN, ...opts, fetch: stub.fetch });
};
const failure = (gh: ReturnType<typeof client>) =>
  gh.fetchThread(ref).then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as IssuegraphError,
  );

describe("retries (plugin-retry)", () => {
  it("retries 500/502/503 and succeeds, counting every attempt", async () => {
    const gh = client([
      { ...okThread, status: 500, body: { message: "Server Error" } },
      { ...okThread, status: 502, body: { message: "Bad Gateway" } },
      { ...okThread, status: 503, body: { message: "Unavailable" } },
      okThread,
    ]);
    const res = await gh.fetchThread(ref);
    expect(res.meta.requests).toEqual({ rest: 0, graphql: 4 });
    expect(gh.requests()).toEqual({ rest: 0, graphql: 4 });
  });

  it("gives up after `retries` with an UpstreamError carrying the status", async () => {
    const gh = client(
      Array.from({ length: 3 }, () => ({ ...okThread, status: 502, body: { message: "Bad Gateway" } })),
      { retries: 2 },
    );
    const err = await failure(gh);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).status).toBe(502);
    expect(err.hint).toMatch(/try again/);
  });

  it("retries a dropped connection", async () => {
    const gh = client([{ ...okThread, fail: "reset" }, okThread]);
    expect((await gh.fetchThread(ref)).meta.requests.graphql).toBe(2);
  });

  it("times out a slow response, retries, then fails with a network UpstreamError (status null)", async () => {
    const gh = client([{ ...okThread, fail: "hang" }, okThread], { timeoutMs: 30 });
    expect((await gh.fetchThread(ref)).meta.requests.graphql).toBe(2);
    stub?.verify();
    const gh2 = client(
      [
        { ...okThread, fail: "hang" },
        { ...okThread, fail: "hang" },
      ],
      { timeoutMs: 30, retries: 1 },
    );
    const err = await failure(gh2);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).status).toBeNull();
    expect(err.message).toMatch(/no response within 30 ms/);
  });

  it("retries GraphQL's transient 'Something went wrong'", async () => {
    const gh = client([
      {
        ...okThread,
        body: {
          data: null,
          errors: [{ message: "Something went wrong while executing your query. Please try again later." }],
        },
      },
      okThread,
    ]);
    expect((await gh.fetchThread(ref)).meta.requests.graphql).toBe(2);
  });

  it("does not retry 401, 404 or 410", async () => {
    expect(await failure(client([{ ...okThread, status: 401, body: { message: "Bad credentials" } }]))).toBeInstanceOf(
      AuthError,
    );
    stub?.verify();
    const gone = client([{ path: "/repos/o/r/issues/1", status: 410, body: { message: "This issue was deleted" } }], {
      token: null,
    });
    expect(await failure(gone)).toBeInstanceOf(GoneError);
  });
});

describe("rate limits (plugin-throttling)", () => {
  const primary = (resetIn: number): Stub => ({
    path: "/repos/o/r/issues/1",
    status: 403,
    body: { message: "API rate limit exceeded for 203.0.113.7." },
    headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": epoch(resetIn), "x-ratelimit-limit": "60" },
  });
  const restOk: Stub[] = [
    { path: "/repos/o/r/issues/1", body: restIssue() },
    { path: "/repos/o/r/issues/1/comments?per_page=100", body: [] },
    { path: "/repos/o/r/issues/1/timeline?per_page=100&exclude=commented", body: [] },
  ];

  it("primary limit resetting soon: tells onRateLimitWait, waits, retries", async () => {
    const waits: RateLimitWait[] = [];
    const gh = client([primary(2), ...restOk], { token: null, onRateLimitWait: (w) => waits.push(w) });
    const res = await gh.fetchThread(ref);
    expect(res.meta.requests.rest).toBe(4);
    expect(waits).toHaveLength(1);
    expect(waits[0]?.kind).toBe("primary");
    expect(waits[0]?.seconds).toBeGreaterThanOrEqual(2);
    expect(waits[0]?.seconds).toBeLessThanOrEqual(4);
  });

  it("primary limit resetting later than maxRateLimitWaitSeconds: RateLimitedError at the reset, no retry", async () => {
    const waits: RateLimitWait[] = [];
    const reset = epoch(3600);
    const gh = client([{ ...primary(3600), headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset } }], {
      token: null,
      maxRateLimitWaitSeconds: 60,
      onRateLimitWait: (w) => waits.push(w),
    });
    const err = await failure(gh);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).resetAt.getTime()).toBe(Number(reset) * 1000);
    expect(err.message).toMatch(/primary rate limit is used up until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(err.hint).toMatch(/GITHUB_TOKEN/);
    expect(waits).toEqual([]);
  });

  it("GraphQL RATE_LIMITED (HTTP 200) far from reset: RateLimitedError", async () => {
    const gh = client([
      {
        ...okThread,
        body: { data: null, errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for user ID 1." }] },
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": epoch(3000) },
      },
    ]);
    expect(await failure(gh)).toBeInstanceOf(RateLimitedError);
  });

  it("secondary limit: honours retry-after and retries", async () => {
    const waits: RateLimitWait[] = [];
    const gh = client(
      [
        {
          ...okThread,
          status: 403,
          body: {
            message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          },
          headers: { "retry-after": "3" },
        },
        okThread,
      ],
      { onRateLimitWait: (w) => waits.push(w) },
    );
    expect((await gh.fetchThread(ref)).meta.requests.graphql).toBe(2);
    expect(waits).toEqual([{ kind: "secondary", seconds: 3, resetAt: new Date("2024-06-01T00:00:03Z") }]);
  });

  it("secondary limit that persists (or asks too long a wait): RateLimitedError", async () => {
    const secondary = {
      ...okThread,
      status: 429,
      body: { message: "You have exceeded a secondary rate limit." },
      headers: { "retry-after": "120" },
    };
    const err = await failure(client([secondary], { maxRateLimitWaitSeconds: 60 }));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).resetAt).toEqual(new Date("2024-06-01T00:02:00Z"));
  });
});

describe("endpoints", () => {
  it("GitHub Enterprise: REST under /api/v3, GraphQL at /api/graphql, refs on the GHES host", async () => {
    stub = stubFetch([{ path: "/api/graphql", operation: "IssueThread", body: gqlThreadData(gqlIssue()) }]);
    const gh = createGitHubClient({
      ...fast,
      apiUrl: "https://ghe.example.com/api/v3",
      token: TOKEN,
      fetch: stub.fetch,
    });
    expect(gh.webHost).toBe("ghe.example.com");
    const res = await gh.fetchThread({ ...ref, host: "ghe.example.com" });
    expect(res.thread?.ref.host).toBe("ghe.example.com");
    expect(stub.requests[0]?.url).toBe("https://ghe.example.com/api/graphql");
  });

  it("sends the API version and a user agent", async () => {
    const gh = client([{ path: "/repos/o/r/issues/1", status: 404, body: { message: "Not Found" } }], {
      token: null,
      userAgent: "issuegraph-test",
    });
    await failure(gh);
    expect(stub?.requests[0]?.headers["x-github-api-version"]).toBe("2022-11-28");
    expect(stub?.requests[0]?.headers["user-agent"]).toMatch(/^issuegraph-test/);
  });
});

describe("the token never leaks", () => {
  const logs: unknown[] = [];
  const logger = {
    debug: (o: object, m: string) => logs.push(["debug", o, m]),
    info: (o: object, m: string) => logs.push(["info", o, m]),
    warn: (o: object, m: string) => logs.push(["warn", o, m]),
  };
  const scenarios: [string, Stub[]][] = [
    ["401", [{ ...okThread, status: 401, body: { message: `Bad credentials for token ${TOKEN}` } }]],
    ["403", [{ ...okThread, status: 403, body: { message: "Resource not accessible" } }]],
    ["500s", Array.from({ length: 4 }, () => ({ ...okThread, status: 500, body: { message: `boom ${TOKEN}` } }))],
    ["resets", Array.from({ length: 4 }, () => ({ ...okThread, fail: "reset" as const }))],
    [
      "primary",
      [
        {
          ...okThread,
          status: 403,
          body: { message: "API rate limit exceeded" },
          headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": epoch(9999) },
        },
      ],
    ],
    [
      "bad shape",
      [{ ...okThread, body: { data: { repository: { issueOrPullRequest: { __typename: "Issue", title: TOKEN } } } } }],
    ],
    [
      "graphql error",
      [{ ...okThread, body: { data: null, errors: [{ message: `Field 'x' doesn't exist ${TOKEN}` }] } }],
    ],
  ];

  it.each(scenarios)("%s: not in message, stack, hint, JSON, inspect or logs", async (_name, stubs) => {
    logs.length = 0;
    const err = await failure(client(stubs, { logger }));
    expect(err).toBeInstanceOf(IssuegraphError);
    const dump = [err.message, err.stack, err.hint, JSON.stringify(err), inspectDeep(err)].join("\n");
    expect(dump).not.toContain(TOKEN);
    expect(dump).not.toMatch(/authorization/i);
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
    expect(logs.length).toBeGreaterThan(0);
  });
});
