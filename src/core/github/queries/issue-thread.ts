// IssueThread: the whole thread in one request when it fits: the issue or pull request with its
// first page of comments and of timeline events. Follow-up pages come from issue-comments.ts and
// issue-timeline.ts, one connection at a time.
import type { Thread } from "../../thread/types.js";
import { threadFromGraphql } from "../graphql/to-domain.js";
import type { Scrub } from "../map-error.js";
import { type GqlThread, gqlThread, parseWith } from "../schema.js";
import {
  CLOSED_BY_PULLS_FIRST,
  issueTimelineArgs,
  LABELS_FIRST,
  PAGE_SIZE,
  pullTimelineArgs,
  withFragments,
} from "./fragments.js";
import type { PageInfo } from "./paging-types.js";

const common = `body locked activeLockReason createdAt updatedAt closedAt
      author { ...ActorFields } authorAssociation
      labels(first: ${LABELS_FIRST}) { nodes { name } }
      reactionGroups { content reactors { totalCount } }
      comments(first: ${PAGE_SIZE}) { ...CommentPage }`;

export const issueThreadQuery = {
  name: "IssueThread",
  query: withFragments(`query IssueThread($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue {
        ...IssueSummary
        ${common}
        closedByPullRequestsReferences(first: ${CLOSED_BY_PULLS_FIRST}, includeClosedPrs: true) { nodes { number repository { nameWithOwner } } }
        timelineItems(${issueTimelineArgs}) { ...IssueTimelinePage }
      }
      ... on PullRequest {
        ...PullSummary
        baseRefName
        ${common}
        timelineItems(${pullTimelineArgs}) { ...PullTimelinePage }
      }
    }
  }
}`),
  /** The thread node, or null when GitHub could not resolve the repository or the number. */
  parse(data: unknown, what: string, scrub: Scrub): GqlThread | null {
    const node = (data as { repository?: { issueOrPullRequest?: unknown } | null } | null)?.repository
      ?.issueOrPullRequest;
    if (node === null || node === undefined) return null;
    return parseWith(gqlThread, node, what, scrub);
  },
  toDomain(node: GqlThread, host: string): { thread: Thread; comments: PageInfo; timeline: PageInfo } {
    return {
      thread: threadFromGraphql(node, host),
      comments: node.comments.pageInfo,
      timeline: node.timelineItems.pageInfo,
    };
  },
};
