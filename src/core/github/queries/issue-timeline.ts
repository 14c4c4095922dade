// IssueTimeline: the next page of a thread's timeline events (only that connection).
import type { TimelineEvent } from "../../thread/types.js";
import { eventsFromGraphql } from "../graphql/to-domain.js";
import { type GqlTimelineItem, gqlTimelinePage, parseWith } from "../schema.js";
import { issueTimelineArgs, pullTimelineArgs, withFragments } from "./fragments.js";
import type { PageQuery } from "./paging-types.js";

export const issueTimelineQuery: PageQuery<GqlTimelineItem, TimelineEvent> = {
  name: "IssueTimeline",
  query: withFragments(`query IssueTimeline($owner: String!, $name: String!, $number: Int!, $cursor: String!) {
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue { timelineItems(${issueTimelineArgs}, after: $cursor) { ...IssueTimelinePage } }
      ... on PullRequest { timelineItems(${pullTimelineArgs}, after: $cursor) { ...PullTimelinePage } }
    }
  }
}`),
  parse(data, what, scrub) {
    const node = (data as { repository?: { issueOrPullRequest?: { timelineItems?: unknown } | null } | null } | null)
      ?.repository?.issueOrPullRequest;
    if (!node) return null;
    return parseWith(gqlTimelinePage, node.timelineItems, what, scrub);
  },
  toDomain(page, host) {
    return { pageInfo: page.pageInfo, nodes: eventsFromGraphql(page.nodes, host) };
  },
};
