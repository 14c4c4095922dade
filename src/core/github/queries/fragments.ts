// Shared GraphQL fragments and the timeline selections. Every document is validated against
// @octokit/graphql-schema in queries.test.ts, so a typo or a field GitHub lacks fails there.

/** Page sizes: GitHub's maximum, to keep request counts low; node counts stay in the hundreds. */
export const PAGE_SIZE = 100;
export const CLOSED_BY_PULLS_FIRST = 50;
export const LABELS_FIRST = 100;

// Aliases (pullState, reviewState, pullCommit) keep same-named fields of different types apart,
// as GraphQL requires when they meet in one selection.

/** Timeline kinds we map to a specific domain event, with the fields each needs. */
const HANDLED: Record<string, string> = {
  CrossReferencedEvent:
    "actor { ...ActorFields } createdAt willCloseTarget source { __typename ...IssueSummary ...PullSummary }",
  ConnectedEvent: "actor { ...ActorFields } createdAt subject { __typename ...IssueSummary ...PullSummary }",
  DisconnectedEvent: "actor { ...ActorFields } createdAt subject { __typename ...IssueSummary ...PullSummary }",
  MarkedAsDuplicateEvent: "actor { ...ActorFields } createdAt canonical { __typename ...IssueSummary ...PullSummary }",
  UnmarkedAsDuplicateEvent:
    "actor { ...ActorFields } createdAt canonical { __typename ...IssueSummary ...PullSummary }",
  ClosedEvent:
    "actor { ...ActorFields } createdAt stateReason closer { __typename ... on PullRequest { number repository { nameWithOwner } mergeCommit { oid } } ... on Commit { oid url } }",
  ReopenedEvent: "actor { ...ActorFields } createdAt stateReason",
  ReferencedEvent: "actor { ...ActorFields } createdAt commit { oid url }",
  LabeledEvent: "actor { ...ActorFields } createdAt label { name }",
  UnlabeledEvent: "actor { ...ActorFields } createdAt label { name }",
  RenamedTitleEvent: "actor { ...ActorFields } createdAt previousTitle currentTitle",
  TransferredEvent: "actor { ...ActorFields } createdAt fromRepository { nameWithOwner }",
  MergedEvent: "actor { ...ActorFields } createdAt commit { oid }",
  PullRequestReview: "author { ...ActorFields } createdAt submittedAt reviewState: state body",
  PullRequestCommit: "pullCommit: commit { oid committedDate }",
  AssignedEvent: "actor { ...ActorFields } createdAt assignee { ... on Actor { ...ActorFields } }",
  UnassignedEvent: "actor { ...ActorFields } createdAt assignee { ... on Actor { ...ActorFields } }",
  LockedEvent: "actor { ...ActorFields } createdAt lockReason",
};

/** Issue timeline kinds we fetch: everything but comments (those come from `comments`). */
export const ISSUE_TIMELINE_TYPES = [
  "AddedToProjectEvent",
  "AssignedEvent",
  "ClosedEvent",
  "CommentDeletedEvent",
  "ConnectedEvent",
  "ConvertedNoteToIssueEvent",
  "ConvertedToDiscussionEvent",
  "CrossReferencedEvent",
  "DemilestonedEvent",
  "DisconnectedEvent",
  "LabeledEvent",
  "LockedEvent",
  "MarkedAsDuplicateEvent",
  "MentionedEvent",
  "MilestonedEvent",
  "MovedColumnsInProjectEvent",
  "PinnedEvent",
  "ReferencedEvent",
  "RemovedFromProjectEvent",
  "RenamedTitleEvent",
  "ReopenedEvent",
  "SubscribedEvent",
  "TransferredEvent",
  "UnassignedEvent",
  "UnlabeledEvent",
  "UnlockedEvent",
  "UnmarkedAsDuplicateEvent",
  "UnpinnedEvent",
  "UnsubscribedEvent",
  "UserBlockedEvent",
] as const;

/**
 * Pull request timeline kinds: the issue kinds plus the pull-only ones that REST's timeline also
 * lists. Review threads, commit-comment threads and revision markers are left out: REST shows them
 * as line/commit comments (not events) or not at all.
 */
export const PULL_TIMELINE_TYPES = [
  ...ISSUE_TIMELINE_TYPES,
  "AddedToMergeQueueEvent",
  "AutoMergeDisabledEvent",
  "AutoMergeEnabledEvent",
  "AutoRebaseEnabledEvent",
  "AutoSquashEnabledEvent",
  "AutomaticBaseChangeFailedEvent",
  "AutomaticBaseChangeSucceededEvent",
  "BaseRefChangedEvent",
  "BaseRefDeletedEvent",
  "BaseRefForcePushedEvent",
  "ConvertToDraftEvent",
  "DeployedEvent",
  "DeploymentEnvironmentChangedEvent",
  "HeadRefDeletedEvent",
  "HeadRefForcePushedEvent",
  "HeadRefRestoredEvent",
  "MergedEvent",
  "PullRequestCommit",
  "PullRequestReview",
  "ReadyForReviewEvent",
  "RemovedFromMergeQueueEvent",
  "ReviewDismissedEvent",
  "ReviewRequestRemovedEvent",
  "ReviewRequestedEvent",
] as const;

/** AddedToProjectEvent -> ADDED_TO_PROJECT_EVENT (the itemTypes enum value). */
export const itemTypeOf = (typename: string): string => typename.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

const itemSelection = (types: readonly string[]) =>
  ["__typename", ...types.map((t) => `... on ${t} { ${HANDLED[t] ?? "actor { ...ActorFields } createdAt"} }`)].join(
    "\n",
  );

export const issueTimelineArgs = `first: ${PAGE_SIZE}, itemTypes: [${ISSUE_TIMELINE_TYPES.map(itemTypeOf).join(", ")}]`;
export const pullTimelineArgs = `first: ${PAGE_SIZE}, itemTypes: [${PULL_TIMELINE_TYPES.map(itemTypeOf).join(", ")}]`;

const FRAGMENTS: Record<string, string> = {
  ActorFields: "fragment ActorFields on Actor { __typename login }",
  IssueSummary: "fragment IssueSummary on Issue { number title url state stateReason repository { nameWithOwner } }",
  PullSummary:
    "fragment PullSummary on PullRequest { number title url pullState: state merged mergedAt isDraft mergeCommit { oid } repository { nameWithOwner } }",
  CommentPage: `fragment CommentPage on IssueCommentConnection {
  pageInfo { hasNextPage endCursor }
  nodes { fullDatabaseId url body createdAt updatedAt author { ...ActorFields } authorAssociation reactionGroups { content reactors { totalCount } } }
}`,
  IssueTimelinePage: `fragment IssueTimelinePage on IssueTimelineItemsConnection {
  pageInfo { hasNextPage endCursor }
  nodes { ${itemSelection(ISSUE_TIMELINE_TYPES)} }
}`,
  PullTimelinePage: `fragment PullTimelinePage on PullRequestTimelineItemsConnection {
  pageInfo { hasNextPage endCursor }
  nodes { ${itemSelection(PULL_TIMELINE_TYPES)} }
}`,
};

/** Appends exactly the fragments a document spreads (GraphQL rejects unused ones). */
export function withFragments(operation: string): string {
  const used = new Set<string>();
  const visit = (text: string) => {
    for (const m of text.matchAll(/\.\.\.([A-Z]\w*)/g)) {
      const name = m[1] as string;
      const def = FRAGMENTS[name];
      if (def && !used.has(name)) {
        used.add(name);
        visit(def);
      }
    }
  };
  visit(operation);
  return [operation, ...[...used].map((n) => FRAGMENTS[n])].join("\n");
}
