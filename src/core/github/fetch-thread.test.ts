import { afterEach, describe, expect, it } from "vitest";
import { GoneError, NotFoundError } from "../errors.js";
import type { IssueRef } from "../thread/types.js";
import {
  API,
  gqlActor,
  gqlComment,
  gqlIssue,
  gqlPullSummary,
  gqlThreadData,
  page,
  restComment,
  restIssue,
  restUser,
} from "./api-shapes.test-helper.js";
import { createGitHubClient } from "./client.js";
import { restVisible } from "./rest-visible.js";
import { type Stub, type StubFetch, stubFetch } from "./stub-fetch.test-helper.js";

const ref: IssueRef = { host: "github.com", owner: "o", repo: "r", number: 1 };
const fast = { retryBaseMs: 1, throttleUnitMs: 1, timeoutMs: 200, clock: () => new Date("2024-06-01T00:00:00Z") };

let stub: StubFetch | null = null;
afterEach(() => {
  stub?.verify();
  stub = null;
});
const client = (stubs: Stub[], token: string | null = "ghp_unit", extra: { retries?: number } = {}) => {
  stub = stubFetch(stubs);
  return createGitHubClient({ ...fast, ...extra, token, fetch: stub.fetch });
};

// One issue told by both APIs: the same comments and events, GraphQL knowing more.
const comments = [
  ["github-actions[bot]", "Possible duplicate of #3", "2024-01-01T01:00:00Z", 11],
  ["bob", "Same here", "2024-01-01T02:00:00Z", 12],
] as const;

const gqlTimeline = [
  {
    __typename: "CrossReferencedEvent",
    actor: gqlActor("carol"),
    createdAt: "2024-01-01T03:00:00Z",
    willCloseTarget: true,
    source: gqlPullSummary(7, true),
  },
  {
    __typename: "LabeledEvent",
    actor: gqlActor("github-actions[bot]"),
    createdAt: "2024-01-01T04:00:00Z",
    label: { name: "bug" },
  },
  {
    __typename: "ConnectedEvent",
    actor: gqlActor("carol"),
    createdAt: "2024-01-01T05:00:00Z",
    subject: gqlPullSummary(7, true),
  },
  {
    __typename: "MarkedAsDuplicateEvent",
    actor: gqlActor("dave"),
    createdAt: "2024-01-01T06:00:00Z",
    canonical: {
      __typename: "Issue",
      number: 3,
      title: "x",
      url: "u",
      state: "OPEN",
      repository: { nameWithOwner: "o/r" },
    },
  },
  {
    __typename: "ClosedEvent",
    actor: gqlActor("carol"),
    createdAt: "2024-01-02T00:00:00Z",
    stateReason: "COMPLETED",
    closer: {
      __typename: "PullRequest",
      number: 7,
      repository: { nameWithOwner: "o/r" },
      mergeCommit: { oid: "abc123" },
    },
  },
  { __typename: "ReopenedEvent", actor: gqlActor("alice"), createdAt: "2024-01-02T01:00:00Z", stateReason: "REOPENED" },
  {
    __typename: "RenamedTitleEvent",
    actor: gqlActor("alice"),
    createdAt: "2024-01-02T02:00:00Z",
    previousTitle: "old",
    currentTitle: "Issue 1",
  },
  {
    __typename: "ReferencedEvent",
    actor: gqlActor("carol"),
    createdAt: "2024-01-02T03:00:00Z",
    commit: { oid: "def456", url: "https://github.com/o/r/commit/def456" },
  },
  {
    __typename: "AssignedEvent",
    actor: gqlActor("alice"),
    createdAt: "2024-01-02T04:00:00Z",
    assignee: gqlActor("dependabot[bot]"),
  },
  { __typename: "LockedEvent", actor: gqlActor("alice"), createdAt: "2024-01-02T05:00:00Z", lockReason: "TOO_HEATED" },
];

const restTimeline = [
  { event: "commented", id: 11, actor: restUser("github-actions[bot]"), created_at: "2024-01-01T01:00:00Z", body: "x" },
  {
    event: "cross-referenced",
    actor: restUser("carol"),
    created_at: "2024-01-01T03:00:00Z",
    source: {
      type: "issue",
      issue: restIssue({ number: 7, title: "Fix 7", state: "closed", pull: { merged_at: "2024-01-02T00:00:00Z" } }),
    },
  },
  {
    event: "labeled",
    actor: restUser("github-actions[bot]"),
    created_at: "2024-01-01T04:00:00Z",
    label: { name: "bug", color: "f00" },
  },
  { event: "connected", actor: restUser("carol"), created_at: "2024-01-01T05:00:00Z", commit_id: null },
  { event: "marked_as_duplicate", actor: restUser("dave"), created_at: "2024-01-01T06:00:00Z" },
  {
    event: "closed",
    actor: restUser("carol"),
    created_at: "2024-01-02T00:00:00Z",
    state_reason: "completed",
    commit_id: "abc123",
    commit_url: `${API}/repos/o/r/commits/abc123`,
  },
  { event: "reopened", actor: restUser("alice"), created_at: "2024-01-02T01:00:00Z", state_reason: "reopened" },
  {
    event: "renamed",
    actor: restUser("alice"),
    created_at: "2024-01-02T02:00:00Z",
    rename: { from: "old", to: "Issue 1" },
  },
  {
    event: "referenced",
    actor: restUser("carol"),
    created_at: "2024-01-02T03:00:00Z",
    commit_id: "def456",
    commit_url: `${API}/repos/o/r/commits/def456`,
  },
  {
    event: "assigned",
    actor: restUser("alice"),
    created_at: "2024-01-02T04:00:00Z",
    assignee: restUser("dependabot[bot]"),
  },
  { event: "locked", actor: restUser("alice"), created_at: "2024-01-02T05:00:00Z", lock_reason: "too heated" },
];

const gqlNode = () =>
  gqlIssue({
    comments: comments.map(([login, body, at, id]) => gqlComment(id, login, body, at)),
    timeline: gqlTimeline,
  });

const restStubs = (): Stub[] => [
  { path: "/repos/o/r/issues/1", body: restIssue() },
  {
    path: "/repos/o/r/issues/1/comments?per_page=100",
    body: comments.map(([login, body, at, id]) => restComment(id, login, body, at)),
  },
  { path: "/repos/o/r/issues/1/timeline?per_page=100&exclude=commented", body: restTimeline },
];

describe("fetchThread over GraphQL (token)", () => {
  it("takes exactly one IssueThread request when the thread fits one page", async () => {
    const gh = client([{ path: "/graphql", operation: "IssueThread", body: gqlThreadData(gqlNode()) }]);
    const res = await gh.fetchThread(ref);
    if (res.notModified) throw new Error("unexpected 304");
    expect(res.meta).toEqual({
      fetchedAt: "2024-06-01T00:00:00.000Z",
      via: "graphql",
      requests: { rest: 0, graphql: 1 },
      etag: null,
    });
    const t = res.thread;
    expect(t.comments.map((c) => c.id)).toEqual([11, 12]);
    expect(t.comments[0]?.author).toEqual({ login: "github-actions[bot]", association: "NONE", isBot: true });
    expect(t.events.map((e) => e.type)).toEqual([
      "cross-referenced",
      "labeled",
      "connected",
      "marked_as_duplicate",
      "closed",
      "reopened",
      "renamed",
      "referenced",
      "other",
      "other",
    ]);
    expect(t.events[0]).toMatchObject({
      willCloseTarget: true,
      source: { kind: "pull", merged: true, ref: { number: 7 } },
    });
    expect(t.events[2]).toMatchObject({ subject: { owner: "o", repo: "r", number: 7 } });
    expect(t.events[3]).toMatchObject({ canonical: { number: 3 } });
    expect(t.events[4]).toMatchObject({ closer: { kind: "pull", ref: { number: 7 }, mergeCommitSha: "abc123" } });
    expect(t.events[8]).toEqual({
      type: "other",
      name: "assigned",
      actor: "alice",
      createdAt: "2024-01-02T04:00:00Z",
      details: { assignee: "dependabot[bot]" },
    });
    expect(t.events[9]).toMatchObject({ name: "locked", details: { lock_reason: "too heated" } });
    expect(t.closedByPulls).toEqual([{ host: "github.com", owner: "o", repo: "r", number: 7 }]);
    expect(t.reactions).toMatchObject({ "+1": 2, heart: 1, laugh: 0 });
    expect(stub?.requests[0]?.headers.authorization).toBe("token ghp_unit");
    expect(gh.requests()).toEqual({ rest: 0, graphql: 1 });
  });

  it("pages only the connections that have more, with their cursors", async () => {
    const first = gqlIssue({
      comments: [gqlComment(1, "a", "1", "2024-01-01T00:00:01Z")],
      commentsCursor: "C1",
      timeline: [gqlTimeline[1]],
      timelineCursor: "T1",
    });
    const commentsPage = (nodes: unknown[], cursor: string | null) =>
      gqlThreadData({ __typename: "Issue", comments: page(nodes, cursor) });
    const gh = client([
      { path: "/graphql", operation: "IssueThread", body: gqlThreadData(first) },
      {
        path: "/graphql",
        operation: "IssueComments",
        when: (r) => r.json?.variables?.cursor === "C1",
        body: commentsPage([gqlComment(2, "a", "2", "2024-01-01T00:00:02Z")], "C2"),
      },
      {
        path: "/graphql",
        operation: "IssueComments",
        when: (r) => r.json?.variables?.cursor === "C2",
        body: commentsPage([gqlComment(3, "a", "3", "2024-01-01T00:00:03Z")], null),
      },
      {
        path: "/graphql",
        operation: "IssueTimeline",
        when: (r) => r.json?.variables?.cursor === "T1" && r.json.variables.number === 1,
        body: gqlThreadData({ __typename: "Issue", timelineItems: page([gqlTimeline[5]], null) }),
      },
    ]);
    const res = await gh.fetchThread(ref);
    expect(res.thread?.comments.map((c) => c.body)).toEqual(["1", "2", "3"]);
    expect(res.thread?.events.map((e) => e.type)).toEqual(["labeled", "reopened"]);
    expect(res.meta.requests).toEqual({ rest: 0, graphql: 4 });
  });

  it("fails loudly when a cursor does not advance instead of looping", async () => {
    const first = gqlIssue({ commentsCursor: "C1" });
    const gh = client([
      { path: "/graphql", operation: "IssueThread", body: gqlThreadData(first) },
      {
        path: "/graphql",
        operation: "IssueComments",
        body: gqlThreadData({ __typename: "Issue", comments: page([], "C1") }),
      },
    ]);
    await expect(gh.fetchThread(ref)).rejects.toThrow(/paging did not advance/);
  });
});

describe("fetchThread over GraphQL (token): NOT_FOUND, etags and hosts", () => {
  const notFound = {
    data: { repository: { issueOrPullRequest: null } },
    errors: [
      {
        type: "NOT_FOUND",
        path: ["repository", "issueOrPullRequest"],
        message: "Could not resolve to an issue or pull request with the number of 1.",
      },
    ],
  };

  it("NOT_FOUND, then REST 404: NotFoundError with the token hint", async () => {
    const gh = client([
      { path: "/graphql", operation: "IssueThread", body: notFound },
      { path: "/repos/o/r/issues/1", status: 404, body: { message: "Not Found" } },
    ]);
    const err = await gh.fetchThread(ref).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).message).toBe("o/r#1 was not found on GitHub");
    expect((err as NotFoundError).hint).toMatch(/token can read/);
  });

  it("NOT_FOUND, then REST 410: GoneError", async () => {
    const gh = client([
      { path: "/graphql", operation: "IssueThread", body: notFound },
      { path: "/repos/o/r/issues/1", status: 410, body: { message: "This issue was deleted" } },
    ]);
    await expect(gh.fetchThread(ref)).rejects.toBeInstanceOf(GoneError);
  });

  it("NOT_FOUND, then REST shows a transfer: fetches the new ref over GraphQL and sets movedFrom", async () => {
    const gh = client([
      { path: "/graphql", operation: "IssueThread", when: (r) => r.json?.variables?.name === "r", body: notFound },
      {
        path: "/repos/o/r/issues/1",
        status: 301,
        headers: { location: `${API}/repositories/42/issues/9` },
      },
      { path: "/repositories/42/issues/9", body: restIssue({ owner: "o", repo: "new", number: 9 }) },
      {
        path: "/graphql",
        operation: "IssueThread",
        when: (r) => r.json?.variables?.name === "new" && r.json.variables.number === 9,
        body: gqlThreadData(gqlIssue({ owner: "o", repo: "new", number: 9 })),
      },
    ]);
    const res = await gh.fetchThread(ref);
    expect(res.thread?.ref).toEqual({ host: "github.com", owner: "o", repo: "new", number: 9 });
    expect(res.thread?.movedFrom).toEqual(ref);
    // The redirect hop counts as a request of its own.
    expect(res.meta.requests).toEqual({ rest: 2, graphql: 2 });
  });

  it("with an etag, revalidates over REST first and answers notModified on 304", async () => {
    const gh = client([
      {
        path: "/repos/o/r/issues/1",
        status: 304,
        headers: { etag: '"e1"' },
        when: (r) => r.headers["if-none-match"] === '"e1"',
      },
    ]);
    const res = await gh.fetchThread(ref, { etag: '"e1"' });
    expect(res).toMatchObject({
      notModified: true,
      thread: null,
      meta: { via: "rest", etag: '"e1"', requests: { rest: 1, graphql: 0 } },
    });
  });

  it("refuses a ref on another host than the API serves", async () => {
    const gh = client([]);
    await expect(gh.fetchThread({ ...ref, host: "ghe.example.com" })).rejects.toThrow(/ghe.example.com/);
  });
});

describe("fetchThread over REST (no token)", () => {
  it("issue + comments + timeline pages; restVisible(GraphQL thread) equals the REST thread", async () => {
    const rest = client(restStubs(), null);
    const r = await rest.fetchThread(ref);
    expect(r.meta).toMatchObject({ via: "rest", requests: { rest: 3, graphql: 0 } });
    expect(stub?.requests.every((q) => q.headers.authorization === undefined)).toBe(true);
    stub?.verify();
    const gql = client([{ path: "/graphql", operation: "IssueThread", body: gqlThreadData(gqlNode()) }]);
    const g = await gql.fetchThread(ref);
    if (!g.thread || !r.thread) throw new Error("missing thread");
    expect(r.thread.events.find((e) => e.type === "connected")).toMatchObject({ subject: null });
    expect(r.thread.events.find((e) => e.type === "closed")).toMatchObject({
      closer: { kind: "commit", sha: "abc123", url: "https://github.com/o/r/commit/abc123" },
    });
    expect(restVisible(g.thread)).toEqual(r.thread);
    expect(g.thread).not.toEqual(r.thread);
  });

  it("follows Link headers verbatim (other path forms included) and keeps comments in id order", async () => {
    const next = `${API}/repositories/5/issues/1/comments?per_page=100&page=2`;
    const gh = client(
      [
        { path: "/repos/o/r/issues/1", body: restIssue() },
        {
          path: "/repos/o/r/issues/1/comments?per_page=100",
          body: [restComment(20, "b", "second", "2024-01-01T02:00:00Z")],
          headers: { link: `<${next}>; rel="next", <${next}>; rel="last"` },
        },
        {
          path: "/repositories/5/issues/1/comments?per_page=100&page=2",
          body: [restComment(10, "a", "first", "2024-01-01T01:00:00Z")],
        },
        { path: "/repos/o/r/issues/1/timeline?per_page=100&exclude=commented", body: [] },
      ],
      null,
    );
    const res = await gh.fetchThread(ref);
    expect(res.thread?.comments.map((c) => c.id)).toEqual([10, 20]);
    expect(res.meta.requests.rest).toBe(4);
  });

  it("fetches the pull for a pull request (merged, draft, merge commit, base)", async () => {
    const gh = client(
      [
        {
          path: "/repos/o/r/issues/1",
          body: restIssue({ pull: { merged_at: "2024-01-02T00:00:00Z" }, state: "closed" }),
        },
        {
          path: "/repos/o/r/pulls/1",
          body: {
            merged: true,
            merged_at: "2024-01-02T00:00:00Z",
            draft: false,
            merge_commit_sha: "abc",
            base: { ref: "main" },
          },
        },
        { path: "/repos/o/r/issues/1/comments?per_page=100", body: [] },
        { path: "/repos/o/r/issues/1/timeline?per_page=100&exclude=commented", body: [] },
      ],
      null,
    );
    const res = await gh.fetchThread(ref);
    expect(res.thread?.kind).toBe("pull");
    expect(res.thread?.pull).toEqual({
      merged: true,
      mergedAt: "2024-01-02T00:00:00Z",
      draft: false,
      mergeCommitSha: "abc",
      baseRef: "main",
    });
  });
});

describe("fetchThread over REST (no token): transfers, redirects, etags and 404", () => {
  it("a transferred issue: follows the 301, re-bases comments and timeline on the new issue, sets movedFrom", async () => {
    const moved = restIssue({ owner: "p", repo: "q", number: 5 });
    const gh = client(
      [
        { path: "/repos/o/r/issues/1", status: 301, headers: { location: `${API}/repositories/77/issues/5` } },
        { path: "/repositories/77/issues/5", body: moved },
        { path: "/repos/p/q/issues/5/comments?per_page=100", body: [] },
        { path: "/repos/p/q/issues/5/timeline?per_page=100&exclude=commented", body: [] },
      ],
      null,
    );
    const res = await gh.fetchThread(ref);
    expect(res.thread?.ref).toEqual({ host: "github.com", owner: "p", repo: "q", number: 5 });
    expect(res.thread?.movedFrom).toEqual(ref);
  });

  it("never follows a redirect to another origin (the token would go with it)", async () => {
    const gh = client(
      [{ path: "/repos/o/r/issues/1", status: 301, headers: { location: "https://evil.example/x" } }],
      null,
      { retries: 0 },
    );
    await expect(gh.fetchThread(ref)).rejects.toThrow(/redirected a request outside/);
    expect(stub?.requests.map((r) => r.url)).toEqual([`${API}/repos/o/r/issues/1`]);
  });

  it("sends if-none-match and reports notModified on 304; returns the new etag otherwise", async () => {
    const gh = client(
      [
        { path: "/repos/o/r/issues/1", status: 304, when: (r) => r.headers["if-none-match"] === '"old"' },
        {
          path: "/repos/o/r/issues/1",
          body: restIssue(),
          headers: { etag: '"new"' },
          when: (r) => r.headers["if-none-match"] === '"stale"',
        },
        { path: "/repos/o/r/issues/1/comments?per_page=100", body: [] },
        { path: "/repos/o/r/issues/1/timeline?per_page=100&exclude=commented", body: [] },
      ],
      null,
    );
    expect(await gh.fetchThread(ref, { etag: '"old"' })).toMatchObject({
      notModified: true,
      meta: { etag: '"old"', requests: { rest: 1 } },
    });
    expect(await gh.fetchThread(ref, { etag: '"stale"' })).toMatchObject({
      notModified: false,
      meta: { etag: '"new"' },
    });
  });

  it("404 without a token hints at GITHUB_TOKEN", async () => {
    const gh = client([{ path: "/repos/o/r/issues/1", status: 404, body: { message: "Not Found" } }], null);
    const err = await gh.fetchThread(ref).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).hint).toMatch(/set GITHUB_TOKEN/);
  });
});
