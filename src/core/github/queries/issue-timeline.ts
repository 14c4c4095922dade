// IssueTimeline: the next page of a thread's timeline events (only that connection).
import type { TimelineEvent } from "../../thread/types.js";
import { eventsFromGraphql } from "../graphql/to-domain.js";
import { type GqlTimelineItem, gqlTimelinePage } from "../schema.js";
import { issueTimelineArgs, pullTimelineArgs } from "./fragments.js";
import { type PageQuery, threadConnectionQuery } from "./paging-types.js";

export const issueTimelineQuery: PageQuery<GqlTimelineItem, TimelineEvent> = threadConnectionQuery({
  name: "IssueTimeline",
  field: "timelineItems",
  onIssue: { args: issueTimelineArgs, fragment: "IssueTimelinePage" },
  onPull: { args: pullTimelineArgs, fragment: "PullTimelinePage" },
  page: gqlTimelinePage,
  toDomain: eventsFromGraphql,
});
