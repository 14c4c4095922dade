import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FixtureThread } from "../fixture-schema.js";
import { generateThread } from "../generate.js";
import { type Standin, startStandin } from "../index.js";
import { at, everyEvent, exampleFixtures, gql, type Loose, octokitFor, small } from "../standin.test-helper.js";

const pull = (
  number: number,
  over: Partial<NonNullable<FixtureThread["pull"]>> = {},
  state: "open" | "closed" = "open",
) =>
  small({
    number,
    type: "pull",
    state,
    closed_at: state === "closed" ? at(5) : null,
    pull: { merged: false, merged_at: null, draft: false, base: "main", closes: [], ...over },
  });

const timelineQuery = `
  query Timeline($owner: String!, $name: String!, $number: Int!, $cursor: String) {
    repository(owner: $owner, name: $name) {
      issueOrPullRequest(number: $number) {
        ... on Issue {
          timelineItems(first: 100, after: $cursor) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes {
              __typename
              ... on IssueComment { fullDatabaseId createdAt author { login } }
              ... on CrossReferencedEvent { createdAt willCloseTarget isCrossRepository source { __typename ... on Issue { number } ... on PullRequest { number } } }
              ... on LabeledEvent { createdAt label { name } }
              ... on ClosedEvent { createdAt stateReason closer { __typename ... on PullRequest { number mergeCommit { oid } } } }
              ... on MarkedAsDuplicateEvent { canonical { ... on Issue { number } } }
            }
          }
        }
      }
    }
  }`;

describe("GraphQL over the example fixtures", () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({ fixturesDir: exampleFixtures });
  });
  afterAll(() => standin.close());

  it("serves the flagship timeline with the same 10 items as REST", async () => {
    const { status, body } = await gql(standin.url, timelineQuery, {
      owner: "anthropics",
      name: "claude-code",
      number: 45203,
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const items = body.data.repository.issueOrPullRequest.timelineItems;
    expect(items.totalCount).toBe(10);
    expect(items.nodes.map((n: { __typename: string }) => n.__typename)).toEqual([
      "IssueComment",
      "CrossReferencedEvent",
      "LabeledEvent",
      "IssueComment",
      "CrossReferencedEvent",
      "CrossReferencedEvent",
      "CrossReferencedEvent",
      "IssueComment",
      "IssueComment",
      "CrossReferencedEvent",
    ]);
    expect(items.nodes[0]).toMatchObject({ fullDatabaseId: "2878262550", author: { login: "github-actions" } });
    expect(items.nodes[1]).toMatchObject({ source: { __typename: "Issue", number: 45204 }, willCloseTarget: false });
  });

  it("says what REST cannot: ClosedEvent.closer is PullRequest #45161", async () => {
    const { body } = await gql(standin.url, timelineQuery, { owner: "nodejs", name: "node", number: 45028 });
    const nodes = body.data.repository.issueOrPullRequest.timelineItems.nodes;
    expect(nodes[0]).toMatchObject({
      __typename: "CrossReferencedEvent",
      willCloseTarget: true,
      source: { number: 45161 },
    });
    expect(nodes[1]).toMatchObject({
      __typename: "ClosedEvent",
      stateReason: "COMPLETED",
      closer: {
        __typename: "PullRequest",
        number: 45161,
        mergeCommit: { oid: "bee520d0f5800102f219be9892b9078160d544e1" },
      },
    });
  });

  duplicatesAndBatches(() => standin);
});

/** GraphQL over the example fixtures: duplicates and aliased batches: on the stand-in of the describe above. */
function duplicatesAndBatches(standin: () => Standin): void {
  describe("GraphQL over the example fixtures: duplicates and aliased batches", () => {
    it("MarkedAsDuplicateEvent.canonical and the patched DUPLICATE state reason", async () => {
      const { body } = await gql(
        standin().url,
        `{ repository(owner: "microsoft", name: "vscode") { issue(number: 148982) { stateReason duplicateOf { number }
            timelineItems(first: 10, itemTypes: [MARKED_AS_DUPLICATE_EVENT, CLOSED_EVENT]) { totalCount nodes { __typename
              ... on MarkedAsDuplicateEvent { canonical { ... on Issue { number } } duplicate { ... on Issue { number } } }
              ... on ClosedEvent { stateReason duplicateOf { ... on Issue { number } } } } } } } }`,
      );
      expect(body.errors).toBeUndefined();
      const issue = body.data.repository.issue;
      expect(issue.stateReason).toBe("DUPLICATE");
      expect(issue.duplicateOf.number).toBe(10121);
      expect(issue.timelineItems.totalCount).toBe(2);
      expect(issue.timelineItems.nodes[0]).toEqual({
        __typename: "MarkedAsDuplicateEvent",
        canonical: { number: 10121 },
        duplicate: { number: 148982 },
      });
      expect(issue.timelineItems.nodes[1]).toMatchObject({ stateReason: "DUPLICATE", duplicateOf: { number: 10121 } });
    });

    it("batches with aliases and returns NOT_FOUND partial errors exactly as GitHub does", async () => {
      const { status, body } = await gql(
        standin().url,
        `query Batch { repository(owner: "nodejs", name: "node") {
        i1: issueOrPullRequest(number: 45028) { ... on Issue { title } }
        i2: issueOrPullRequest(number: 99999) { ... on Issue { title } }
        pr: issue(number: 45161) { title }
      }
      nope: repository(owner: "nodejs", name: "nope") { id } }`,
      );
      expect(status).toBe(200);
      expect(body.data.repository.i1.title).toContain("describe");
      expect(body.data.repository.i2).toBeNull();
      expect(body.data.repository.pr).toBeNull();
      expect(body.data.nope).toBeNull();
      expect(body.errors).toEqual([
        {
          type: "NOT_FOUND",
          path: ["repository", "i2"],
          locations: [{ line: 3, column: 9 }],
          message: "Could not resolve to an issue or pull request with the number of 99999.",
        },
        {
          type: "NOT_FOUND",
          path: ["repository", "pr"],
          locations: [{ line: 4, column: 9 }],
          message: "Could not resolve to an Issue with the number of 45161.",
        },
        {
          type: "NOT_FOUND",
          path: ["nope"],
          locations: [{ line: 6, column: 7 }],
          message: "Could not resolve to a Repository with the name 'nodejs/nope'.",
        },
      ]);
      expect(standin().requests.at(-1)).toMatchObject({
        api: "graphql",
        operationName: "Batch",
        status: 200,
        authenticated: true,
      });
    });

    releasesListsAndIds(() => standin());
  });
}

/** GraphQL over the example fixtures: closing PRs, releases, lists and ids: on the stand-in of the describe above. */
function releasesListsAndIds(standin: () => Standin): void {
  describe("GraphQL over the example fixtures: closing PRs, releases, lists and ids", () => {
    it("closedByPullRequestsReferences leaves merged PRs out unless includeClosedPrs", async () => {
      const { body } = await gql(
        standin().url,
        `{ repository(owner: "nodejs", name: "node") { issue(number: 45028) {
          open: closedByPullRequestsReferences(first: 10) { totalCount }
          all: closedByPullRequestsReferences(first: 10, includeClosedPrs: true) { nodes { number state merged } }
        } pullRequest(number: 45161) { closingIssuesReferences(first: 5) { nodes { number } } } } }`,
      );
      expect(body.data.repository.issue.open.totalCount).toBe(0);
      expect(body.data.repository.issue.all.nodes).toEqual([{ number: 45161, state: "MERGED", merged: true }]);
      expect(body.data.repository.pullRequest.closingIssuesReferences.nodes).toEqual([{ number: 45028 }]);
    });

    it("serves releases with their tag commits", async () => {
      const { body } = await gql(
        standin().url,
        `{ repository(owner: "nodejs", name: "node") { releases(first: 2, orderBy: {field: CREATED_AT, direction: ASC}) {
          totalCount nodes { tagName name publishedAt tagCommit { oid } } } } }`,
      );
      expect(body.data.repository.releases).toEqual({
        totalCount: 3,
        nodes: [
          {
            tagName: "v19.1.0",
            name: "v19.1.0",
            publishedAt: "2022-11-14T18:00:00Z",
            tagCommit: { oid: "7457c7f6aec48f729eca5fe53c73dc18ca89c32d" },
          },
          {
            tagName: "v19.6.0",
            name: "v19.6.0",
            publishedAt: "2023-02-02T18:00:00Z",
            tagCommit: { oid: "b9df3902eff0db384b4ebbcbe4ecc6cfcdcae247" },
          },
        ],
      });
    });

    it("lists issues (not pull requests) by state, order and since, and finds nodes by id", async () => {
      const { body } = await gql(
        standin().url,
        `{ repository(owner: "nodejs", name: "node") {
            all: issues(first: 100) { totalCount nodes { number } }
            closed: issues(first: 2, states: [CLOSED], orderBy: { field: CREATED_AT, direction: DESC }) { nodes { number closed } }
            recent: issues(first: 100, filterBy: { since: "2025-01-01T00:00:00Z" }) { nodes { updatedAt } }
            issue(number: 45028) { id } } }`,
      );
      expect(body.errors).toBeUndefined();
      const repo = body.data.repository;
      const numbers = repo.all.nodes.map((n: { number: number }) => n.number);
      expect(numbers).not.toContain(45161);
      expect(repo.all.totalCount).toBe(numbers.length);
      expect(repo.closed.nodes.every((n: { closed: boolean }) => n.closed)).toBe(true);
      expect(repo.recent.nodes.every((n: { updatedAt: string }) => n.updatedAt >= "2025-01-01T00:00:00Z")).toBe(true);
      const node = await gql(standin().url, "query($id: ID!) { node(id: $id) { ... on Issue { number } } }", {
        id: repo.issue.id,
      });
      expect(node.body.data.node).toEqual({ number: 45028 });
    });

    it("databaseId above 2^31 fails like GitHub's Int; fullDatabaseId works", async () => {
      const { body } = await gql(
        standin().url,
        `{ repository(owner: "anthropics", name: "claude-code") { issue(number: 45203) { comments(first: 1) { nodes { databaseId fullDatabaseId } } } } }`,
      );
      expect(body.data.repository.issue.comments.nodes[0]).toEqual({ databaseId: null, fullDatabaseId: "2878262550" });
      expect(body.errors[0].path).toEqual(["repository", "issue", "comments", "nodes", 0, "databaseId"]);
    });
  });
}

describe("GraphQL limits, auth and rate limits", () => {
  let standin: Standin;
  let now = Date.UTC(2025, 0, 1);
  beforeAll(async () => {
    const big = generateThread({ owner: "acme", repo: "big", number: 1, comments: 250, events: 50, seed: 9 });
    standin = await startStandin({ fixtures: [big], clock: () => now, limits: { graphqlPoints: 3 } });
  });
  afterAll(() => standin.close());

  it("requires a token", async () => {
    const { status, body } = await gql(standin.url, "{ rateLimit { limit } }", {}, null);
    expect(status).toBe(401);
    expect(body.message).toBe("This endpoint requires you to be authenticated.");
  });

  it("rejects first: 101 and a missing first, at the connection's path", async () => {
    const excessive = await gql(
      standin.url,
      `{ repository(owner: "acme", name: "big") { issue(number: 1) { comments(first: 101) { nodes { body } } } } }`,
    );
    expect(excessive.body.errors[0]).toMatchObject({
      type: "EXCESSIVE_PAGINATION",
      path: ["repository", "issue", "comments"],
      message: "Requesting 101 records on the `comments` connection exceeds the `first` limit of 100 records.",
    });
    const missing = await gql(
      standin.url,
      `{ repository(owner: "acme", name: "big") { issue(number: 1) { comments { nodes { body } } } } }`,
    );
    expect(missing.body.errors[0]).toMatchObject({
      type: "MISSING_PAGINATION_BOUNDARIES",
      message: "You must provide a `first` or `last` value to properly paginate the `comments` connection.",
    });
    const countOnly = await gql(
      standin.url,
      `{ repository(owner: "acme", name: "big") { issue(number: 1) { comments { totalCount } } } }`,
    );
    expect(countOnly.body.data.repository.issue.comments.totalCount).toBe(250);
  });

  it("rejects queries over 500,000 nodes before running them", async () => {
    const { body } = await gql(
      standin.url,
      `{ repository(owner: "acme", name: "big") { issues(first: 100) { nodes { comments(first: 100) { nodes {
          reactionGroups { reactors(first: 100) { totalCount } } } } } } } }`,
    );
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].type).toBe("MAX_NODE_LIMIT_EXCEEDED");
    expect(body.errors[0].message).toMatch(
      /requesting up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000/,
    );
  });

  it("reports schema errors the way GitHub words them", async () => {
    const { body } = await gql(standin.url, `{ repository(owner: "acme", name: "big") { bogus } }`);
    expect(body.errors[0]).toMatchObject({
      message: "Field 'bogus' doesn't exist on type 'Repository'",
      extensions: { code: "undefinedField", typeName: "Repository", fieldName: "bogus" },
    });
  });

  pagingAndPoints(
    () => standin,
    (ms) => {
      now += ms;
    },
  );
});

/** GraphQL: paging, points and @octokit/core: on the stand-in of the describe above. */
function pagingAndPoints(standin: () => Standin, advanceClock: (ms: number) => void): void {
  describe("GraphQL: paging, points and @octokit/core", () => {
    it("pages a timeline with cursors, filtered by itemTypes", async () => {
      let cursor: string | null = null;
      let count = 0;
      do {
        const { body }: { body: Loose } = await gql(
          standin().url,
          `query($cursor: String) { repository(owner: "acme", name: "big") { issue(number: 1) {
            timelineItems(first: 100, after: $cursor, itemTypes: [ISSUE_COMMENT]) { totalCount pageInfo { hasNextPage endCursor } nodes { __typename } } } } }`,
          { cursor },
          `pager-${count}`,
        );
        const items = body.data.repository.issue.timelineItems;
        expect(items.totalCount).toBe(250);
        expect(items.nodes.every((n: { __typename: string }) => n.__typename === "IssueComment")).toBe(true);
        count += items.nodes.length;
        cursor = items.pageInfo.hasNextPage ? items.pageInfo.endCursor : null;
      } while (cursor);
      expect(count).toBe(250);
    });

    it("charges points per token, reports rateLimit, and answers RATE_LIMITED when spent", async () => {
      const query = "{ rateLimit { cost limit remaining used resetAt nodeCount } }";
      const first = await gql(standin().url, query, {}, "points");
      expect(first.body.data.rateLimit).toEqual({
        cost: 1,
        limit: 3,
        remaining: 2,
        used: 1,
        resetAt: "2025-01-01T01:00:00Z",
        nodeCount: 0,
      });
      expect(first.headers.get("x-ratelimit-resource")).toBe("graphql");
      await gql(standin().url, query, {}, "points");
      await gql(standin().url, query, {}, "points");
      const spent = await gql(standin().url, query, {}, "points");
      expect(spent.status).toBe(200);
      expect(spent.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(spent.body.errors[0].type).toBe("RATE_LIMITED");
      advanceClock(3_600_000);
      const fresh = await gql(standin().url, query, {}, "points");
      expect(fresh.body.data.rateLimit.remaining).toBe(2);
    });

    it("works through @octokit/core's graphql, GHES path included", async () => {
      const { octokit } = octokitFor(`${standin().url}/api/v3`, { auth: "ghes" });
      const data = await octokit.graphql<{ repository: { nameWithOwner: string } }>(
        `query Name { repository(owner: "acme", name: "big") { nameWithOwner } }`,
      );
      expect(data.repository.nameWithOwner).toBe("acme/big");
      expect(standin().requests.at(-1)).toMatchObject({ path: "/api/graphql", operationName: "Name" });
    });
  });
}

describe("GraphQL links that need in-memory fixtures", () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({
      fixtures: [
        small({
          number: 1,
          events: [
            { event: "connected", actor: "bob", created_at: at(2), subject: "acme/app#2" },
            { event: "cross-referenced", actor: "bob", created_at: at(3), source: "acme/app#3" },
            { event: "cross-referenced", actor: "eve", created_at: at(4), source: "other/lib#9" },
          ],
        }),
        pull(2),
        pull(3, { closes: ["acme/app#1"] }),
        pull(4, { closes: ["acme/app#1"], merged: true, merged_at: at(5) }, "closed"),
        small({ number: 9, owner: "other", repo: "lib" }),
        // Same events, pointing at this world's #3 instead of #5.
        JSON.parse(JSON.stringify(everyEvent).replaceAll("acme/app#5", "acme/app#3")) as FixtureThread,
      ],
    });
  });
  afterAll(() => standin.close());

  it("ConnectedEvent.subject, willCloseTarget, isCrossRepository and userLinkedOnly", async () => {
    const { body } = await gql(
      standin.url,
      `{ repository(owner: "acme", name: "app") { issue(number: 1) {
          manual: closedByPullRequestsReferences(first: 10, userLinkedOnly: true) { nodes { number } }
          open: closedByPullRequestsReferences(first: 10) { nodes { number } }
          all: closedByPullRequestsReferences(first: 10, includeClosedPrs: true) { nodes { number } }
          timelineItems(first: 10) { nodes { __typename
            ... on ConnectedEvent { subject { ... on PullRequest { number } } source { ... on Issue { number } } }
            ... on CrossReferencedEvent { willCloseTarget isCrossRepository source { ... on PullRequest { number } ... on Issue { number } } } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const issue = body.data.repository.issue;
    expect(issue.manual.nodes).toEqual([{ number: 2 }]);
    expect(issue.open.nodes).toEqual([{ number: 2 }, { number: 3 }]);
    expect(issue.all.nodes).toEqual([{ number: 2 }, { number: 3 }, { number: 4 }]);
    expect(issue.timelineItems.nodes).toEqual([
      { __typename: "ConnectedEvent", subject: { number: 2 }, source: { number: 1 } },
      { __typename: "CrossReferencedEvent", willCloseTarget: true, isCrossRepository: false, source: { number: 3 } },
      { __typename: "CrossReferencedEvent", willCloseTarget: false, isCrossRepository: true, source: { number: 9 } },
    ]);
  });

  everyEventType(() => standin);
});

/** GraphQL: every fixture event type and transfers: on the stand-in of the describe above. */
function everyEventType(standin: () => Standin): void {
  describe("GraphQL: every fixture event type and transfers", () => {
    it("resolves every fixture event type to its GraphQL timeline type", async () => {
      const { body } = await gql(
        standin().url,
        `{ repository(owner: "acme", name: "app") { pullRequest(number: 6) { state merged mergedBy { login } activeLockReason
            assignees(first: 5) { nodes { login } }
            timelineItems(first: 50) { nodes { __typename
              ... on LabeledEvent { label { name } } ... on UnlabeledEvent { label { name } }
              ... on RenamedTitleEvent { previousTitle currentTitle }
              ... on AssignedEvent { assignee { ... on User { login } } } ... on UnassignedEvent { user { login } }
              ... on ReferencedEvent { commit { oid } commitRepository { nameWithOwner } }
              ... on CrossReferencedEvent { source { ... on PullRequest { number } } }
              ... on ConnectedEvent { subject { ... on PullRequest { number } } }
              ... on DisconnectedEvent { subject { ... on PullRequest { number } } }
              ... on MarkedAsDuplicateEvent { canonical { ... on PullRequest { number } } }
              ... on UnmarkedAsDuplicateEvent { canonical { ... on PullRequest { number } } }
              ... on PullRequestReview { state body author { login } }
              ... on ClosedEvent { closer { __typename } } ... on ReopenedEvent { stateReason }
              ... on LockedEvent { lockReason } ... on UnlockedEvent { actor { login } }
              ... on MergedEvent { commit { oid } mergeRefName } } } } } }`,
      );
      expect(body.errors).toBeUndefined();
      const pr = body.data.repository.pullRequest;
      expect(pr).toMatchObject({
        state: "MERGED",
        merged: true,
        mergedBy: { login: "carol" },
        activeLockReason: "RESOLVED",
      });
      expect(pr.assignees.nodes).toEqual([{ login: "dave" }]);
      const nodes = pr.timelineItems.nodes;
      expect(nodes.map((n: { __typename: string }) => n.__typename)).toEqual([
        "LabeledEvent",
        "UnlabeledEvent",
        "RenamedTitleEvent",
        "AssignedEvent",
        "AssignedEvent",
        "UnassignedEvent",
        "ReferencedEvent",
        "CrossReferencedEvent",
        "ConnectedEvent",
        "DisconnectedEvent",
        "MarkedAsDuplicateEvent",
        "UnmarkedAsDuplicateEvent",
        "PullRequestReview",
        "ClosedEvent",
        "ReopenedEvent",
        "LockedEvent",
        "UnlockedEvent",
        "MergedEvent",
        "LockedEvent",
      ]);
      expect(nodes[12]).toEqual({
        __typename: "PullRequestReview",
        state: "APPROVED",
        body: "LGTM",
        author: { login: "carol" },
      });
      expect(nodes[17]).toEqual({ __typename: "MergedEvent", commit: { oid: "c".repeat(40) }, mergeRefName: "main" });
    });

    it("a transferred issue is NOT_FOUND under its old number; GraphQL does not redirect", async () => {
      const moved = standin().faults.transferIssue("acme/app#1", "acme/new-home");
      const { body } = await gql(
        standin().url,
        `{ old: repository(owner: "acme", name: "app") { issue(number: 1) { number } }
           now: repository(owner: "acme", name: "new-home") { issue(number: ${moved.number}) { number
             timelineItems(last: 1) { nodes { __typename ... on TransferredEvent { fromRepository { nameWithOwner } } } } } } }`,
      );
      expect(body.data.old.issue).toBeNull();
      expect(body.errors[0]).toMatchObject({
        type: "NOT_FOUND",
        path: ["old", "issue"],
        message: "Could not resolve to an issue or pull request with the number of 1.",
      });
      expect(body.data.now.issue.timelineItems.nodes).toEqual([
        { __typename: "TransferredEvent", fromRepository: { nameWithOwner: "acme/app" } },
      ]);
      standin().reset();
    });
  });
}
