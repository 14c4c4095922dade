// One retry policy for REST and GraphQL (retry n after n² × base: 1, 4, 9 s), checked with a fake
// clock; a malformed GraphQL answer is an upstream failure; a refused redirect is not retried.
import { describe, expect, it } from "vitest";
import { exitCodeFor } from "../../cli/exit-codes.js";
import { type IssuegraphError, UpstreamError } from "../errors.js";
import type { IssueRef } from "../thread/types.js";
import { gqlIssue, gqlThreadData, restIssue } from "./api-shapes.test-helper.js";
import { createGitHubClient, type GitHubClientOptions } from "./client.js";
import { type Stub, stubFetch } from "./stub-fetch.test-helper.js";

const ref: IssueRef = { host: "github.com", owner: "o", repo: "r", number: 1 };
const TOKEN = "ghp_Sup3rS3cretTok3nValue0123456789abcd";
const API = "https://api.github.com";

/** A fake clock whose sleep records each wait and moves time on at once. */
function fakeClock() {
  let now = Date.parse("2026-01-01T00:00:00Z");
  const waits: number[] = [];
  return {
    waits,
    clock: () => new Date(now),
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
}

function setup(stubs: Stub[], opts: GitHubClientOptions = {}) {
  const time = fakeClock();
  const stub = stubFetch(stubs);
  const gh = createGitHubClient({
    token: TOKEN,
    timeoutMs: 1_000,
    clock: time.clock,
    sleep: time.sleep,
    ...opts,
    fetch: stub.fetch,
  });
  return { gh, stub, waits: time.waits };
}

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as IssuegraphError,
  );

const okGraphql = { path: "/graphql", operation: "IssueThread", body: gqlThreadData(gqlIssue()) } satisfies Stub;
const restOk = [
  { path: "/repos/o/r/issues/1", body: restIssue() },
  { path: "/repos/o/r/issues/1/comments?per_page=100", body: [] },
  { path: "/repos/o/r/issues/1/timeline?per_page=100&exclude=commented", body: [] },
] satisfies Stub[];

describe("one retry policy for REST and GraphQL", () => {
  it("GraphQL: 502, 502, 502 then 200 waits 1 s, 4 s, 9 s", async () => {
    const bad = { ...okGraphql, status: 502, body: { message: "Bad Gateway" } };
    const { gh, stub, waits } = setup([bad, bad, bad, okGraphql]);
    await gh.fetchThread(ref);
    expect(waits).toEqual([1_000, 4_000, 9_000]);
    stub.verify();
  });

  it("GraphQL's transient 'Something went wrong' follows the same schedule", async () => {
    const transient = {
      ...okGraphql,
      body: { data: null, errors: [{ message: "Something went wrong while executing your query." }] },
    };
    const { gh, waits } = setup([transient, transient, okGraphql]);
    await gh.fetchThread(ref);
    expect(waits).toEqual([1_000, 4_000]);
  });

  it("REST: the same schedule for 5xx and dropped connections", async () => {
    const issue: Stub = { path: "/repos/o/r/issues/1", body: restIssue() };
    const rest = restOk.slice(1);
    const { gh, stub, waits } = setup(
      [
        { ...issue, status: 503, body: { message: "Unavailable" } },
        { ...issue, fail: "reset" },
        { ...issue, status: 500, body: { message: "Server Error" } },
        issue,
        ...rest,
      ],
      { token: null },
    );
    await gh.fetchThread(ref);
    expect(waits).toEqual([1_000, 4_000, 9_000]);
    stub.verify();
  });

  it("gives up after the retries: exit 7", async () => {
    const bad = { ...okGraphql, status: 500, body: { message: "Server Error" } };
    const { gh, waits } = setup([bad, bad, bad, bad]);
    const err = await failureOf(gh.fetchThread(ref));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(exitCodeFor(err)).toBe(7);
    expect(waits).toEqual([1_000, 4_000, 9_000]);
  });
});

describe("a redirect off the API host", () => {
  it("is refused at once, never retried, with its own message", async () => {
    const { gh, stub, waits } = setup(
      [{ path: "/repos/o/r/issues/1", status: 301, headers: { location: "https://evil.example/repos/o/r/issues/1" } }],
      { token: null },
    );
    const err = await failureOf(gh.fetchThread(ref));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toMatch(/redirected .*outside https:\/\/api\.github\.com \(to https:\/\/evil\.example\)/);
    expect(err.message).not.toMatch(/did not answer|network/i);
    expect(err.hint).toMatch(/--api-url/);
    expect(stub.requests.map((r) => r.url)).toEqual([`${API}/repos/o/r/issues/1`]);
    expect(waits).toEqual([]);
  });
});

describe("a malformed GraphQL answer", () => {
  it.each([
    ["no repository", { data: {} }],
    ["a null node without errors", { data: { repository: { issueOrPullRequest: null } } }],
    ["data null without errors", { data: null }],
    ["a node of the wrong shape", { data: { repository: { issueOrPullRequest: { number: "x" } } } }],
  ])("%s is an upstream failure (exit 7), not 'not found'", async (_what, body) => {
    const { gh, stub } = setup([{ ...okGraphql, body }]);
    const err = await failureOf(gh.fetchThread(ref));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(exitCodeFor(err)).toBe(7);
    expect(err.message).toMatch(/unexpected response/);
    stub.verify();
  });
});
