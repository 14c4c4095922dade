import { schema, validate } from "@octokit/graphql-schema";
import {
  buildClientSchema,
  type GraphQLEnumType,
  type GraphQLUnionType,
  type IntrospectionQuery,
  parse,
} from "graphql";
import { describe, expect, it } from "vitest";
import { ISSUE_TIMELINE_TYPES, itemTypeOf, PULL_TIMELINE_TYPES } from "./fragments.js";
import { issueCommentsQuery } from "./issue-comments.js";
import { issueThreadQuery } from "./issue-thread.js";
import { issueTimelineQuery } from "./issue-timeline.js";
import { batchRefs, SUMMARY_BATCH, threadSummariesQuery } from "./thread-summaries.js";

const summaries = threadSummariesQuery.query([
  { owner: "a", repo: "b", numbers: [1, 2] },
  { owner: "c", repo: "d", numbers: [3] },
]);

const documents = [
  { name: issueThreadQuery.name, query: issueThreadQuery.query },
  { name: issueCommentsQuery.name, query: issueCommentsQuery.query },
  { name: issueTimelineQuery.name, query: issueTimelineQuery.query },
  { name: threadSummariesQuery.name, query: summaries.query },
];

describe("GraphQL documents", () => {
  it.each(documents)("$name validates against @octokit/graphql-schema", ({ query }) => {
    expect(validate(query).map((e) => e.message)).toEqual([]);
  });

  it.each(documents)("$name is one operation named $name", ({ name, query }) => {
    const ops = parse(query).definitions.filter((d) => d.kind === "OperationDefinition");
    expect(ops.map((o) => o.name?.value)).toEqual([name]);
  });

  it.each(documents)("$name asks for at most 100 items per connection", ({ query }) => {
    const firsts = [...query.matchAll(/first:\s*(\d+)/g)].map((m) => Number(m[1]));
    const connections = [...query.matchAll(/\b(comments|timelineItems|labels|closedByPullRequestsReferences)\(/g)];
    expect(firsts.length).toBe(connections.length);
    for (const n of firsts) expect(n).toBeGreaterThanOrEqual(1);
    for (const n of firsts) expect(n).toBeLessThanOrEqual(100);
  });

  it("fetches every timeline kind GitHub's schema has except comments (issues) and review/comment threads (pulls)", () => {
    const s = buildClientSchema(schema.json as unknown as IntrospectionQuery);
    const issueEnum = (s.getType("IssueTimelineItemsItemType") as GraphQLEnumType).getValues().map((v) => v.name);
    expect([...ISSUE_TIMELINE_TYPES.map(itemTypeOf)].sort()).toEqual(
      issueEnum.filter((v) => v !== "ISSUE_COMMENT").sort(),
    );
    const pullUnion = (s.getType("PullRequestTimelineItems") as GraphQLUnionType).getTypes().map(String);
    const skipped = [
      "IssueComment",
      "PullRequestReviewThread",
      "PullRequestCommitCommentThread",
      "PullRequestRevisionMarker",
    ];
    expect([...PULL_TIMELINE_TYPES].sort()).toEqual(pullUnion.filter((t) => !skipped.includes(t)).sort());
  });

  it("passes summary numbers and names as variables", () => {
    expect(summaries.variables).toEqual({ o0: "a", n0: "b", i0_0: 1, i0_1: 2, o1: "c", n1: "d", i1_0: 3 });
    expect(summaries.query).not.toMatch(/"a"|"b"/);
  });
});

describe("batchRefs", () => {
  const ref = (repo: string, number: number) => ({ host: "github.com", owner: "o", repo, number });
  it("groups by repository and caps a batch at SUMMARY_BATCH items", () => {
    const refs = [ref("x", 1), ref("y", 2), ref("X", 3), ...Array.from({ length: 60 }, (_, i) => ref("z", 100 + i))];
    const batches = batchRefs(refs);
    expect(batches.map((b) => b.batch.reduce((n, r) => n + r.numbers.length, 0))).toEqual([SUMMARY_BATCH, 13]);
    expect(batches[0]?.batch.slice(0, 2)).toEqual([
      { owner: "o", repo: "x", numbers: [1, 3] },
      { owner: "o", repo: "y", numbers: [2] },
    ]);
    expect(batches.flatMap((b) => b.refs.flat())).toHaveLength(63);
  });
});
