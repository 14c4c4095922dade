import { afterEach, describe, expect, it } from "vitest";
import { refKey } from "../refs/parse-ref.js";
import type { IssueRef } from "../thread/types.js";
import { gqlPullSummary, restIssue } from "./api-shapes.test-helper.js";
import { createGitHubClient } from "./client.js";
import { type Stub, type StubFetch, stubFetch } from "./stub-fetch.test-helper.js";

const r = (repo: string, number: number, host = "github.com"): IssueRef => ({ host, owner: "o", repo, number });
let stub: StubFetch | null = null;
afterEach(() => {
  stub?.verify();
  stub = null;
});
const client = (stubs: Stub[], token: string | null) => {
  stub = stubFetch(stubs);
  return createGitHubClient({ retryBaseMs: 1, token, fetch: stub.fetch });
};

describe("fetchSummaries over GraphQL", () => {
  it("one aliased request per 50 refs; NOT_FOUND items are null; foreign hosts are null without a request", async () => {
    const gh = client(
      [
        {
          path: "/graphql",
          operation: "ThreadSummaries",
          when: (q) => q.json?.variables?.n0 === "r" && q.json.variables.i0_1 === 9 && q.json.variables.n1 === "s",
          body: {
            data: {
              r0: {
                i0: gqlPullSummary(7, true),
                i1: null,
              },
              r1: {
                i0: {
                  __typename: "Issue",
                  number: 3,
                  title: "T",
                  url: "https://github.com/o/s/issues/3",
                  state: "CLOSED",
                  stateReason: "NOT_PLANNED",
                  repository: { nameWithOwner: "o/s" },
                },
              },
            },
            errors: [
              {
                type: "NOT_FOUND",
                path: ["r0", "i1"],
                message: "Could not resolve to an issue or pull request with the number of 9.",
              },
            ],
          },
        },
      ],
      "ghp_x",
    );
    const out = await gh.fetchSummaries([r("r", 7), r("r", 9), r("s", 3), r("r", 7), r("x", 1, "ghe.example.com")]);
    expect(out.size).toBe(4);
    expect(out.get(refKey(r("r", 7)))).toEqual({
      ref: r("r", 7),
      kind: "pull",
      url: "https://github.com/o/r/pull/7",
      title: "Fix 7",
      state: "closed",
      stateReason: null,
      merged: true,
      mergedAt: "2024-01-02T00:00:00Z",
      draft: false,
      mergeCommitSha: "abc123",
    });
    expect(out.get(refKey(r("r", 9)))).toBeNull();
    expect(out.get(refKey(r("s", 3)))).toMatchObject({
      kind: "issue",
      state: "closed",
      stateReason: "not_planned",
      merged: null,
    });
    expect(out.get(refKey(r("x", 1, "ghe.example.com")))).toBeNull();
  });

  it("splits more than 50 refs into several requests", async () => {
    const refs = Array.from({ length: 51 }, (_, i) => r("r", i + 1));
    const gh = client(
      [
        {
          path: "/graphql",
          operation: "ThreadSummaries",
          when: (q) => Object.keys(q.json?.variables ?? {}).length === 52,
          body: { data: { r0: {} } },
        },
        {
          path: "/graphql",
          operation: "ThreadSummaries",
          when: (q) => q.json?.variables?.i0_0 === 51,
          body: { data: { r0: {} } },
        },
      ],
      "ghp_x",
    );
    const out = await gh.fetchSummaries(refs);
    expect([...out.values()].every((v) => v === null)).toBe(true);
    expect(gh.requests()).toEqual({ rest: 0, graphql: 2 });
  });
});

describe("fetchSummaries over REST", () => {
  it("GET issue per ref; the pull only for merged pulls (merge commit); 404/410 are null", async () => {
    const gh = client(
      [
        {
          path: "/repos/o/r/issues/7",
          body: restIssue({ number: 7, state: "closed", pull: { merged_at: "2024-01-02T00:00:00Z" } }),
        },
        {
          path: "/repos/o/r/pulls/7",
          body: { merged: true, merged_at: "2024-01-02T00:00:00Z", merge_commit_sha: "abc123" },
        },
        { path: "/repos/o/r/issues/8", body: restIssue({ number: 8, pull: { merged_at: null }, draft: true }) },
        { path: "/repos/o/r/issues/9", status: 404, body: { message: "Not Found" } },
        { path: "/repos/o/r/issues/10", status: 410, body: { message: "This issue was deleted" } },
      ],
      null,
    );
    const out = await gh.fetchSummaries([r("r", 7), r("r", 8), r("r", 9), r("r", 10)]);
    expect(out.get(refKey(r("r", 7)))).toMatchObject({
      kind: "pull",
      merged: true,
      mergeCommitSha: "abc123",
      state: "closed",
    });
    expect(out.get(refKey(r("r", 8)))).toMatchObject({
      kind: "pull",
      merged: false,
      draft: true,
      mergeCommitSha: null,
    });
    expect(out.get(refKey(r("r", 9)))).toBeNull();
    expect(out.get(refKey(r("r", 10)))).toBeNull();
  });
});
