// GraphQL shapes -> domain types. The REST twin is rest/to-domain.ts; both must agree on every
// field REST can know (restVisible() + the stand-in equality test hold them together).
import type { Comment, IssueRef, Thread, ThreadSummary, TimelineEvent } from "../../thread/types.js";
import {
  actor,
  actorLogin,
  committedEvent,
  graphqlReactionCounts,
  lockReason,
  refFromNameWithOwner,
  restEventName,
  reviewedEvent,
  stateReason,
  threadState,
} from "../domain-maps.js";
import type { GqlComment, GqlSummary, GqlThread, GqlTimelineItem } from "../schema.js";

export function summaryFromGraphql(node: GqlSummary, host: string, withMergeCommit = false): ThreadSummary {
  const isPull = node.__typename === "PullRequest";
  const summary: ThreadSummary = {
    ref: refFromNameWithOwner(host, node.repository.nameWithOwner, node.number),
    kind: isPull ? "pull" : "issue",
    url: node.url,
    title: node.title,
    state: threadState(node.pullState ?? node.state ?? ""),
    stateReason: isPull ? null : stateReason(node.stateReason),
    merged: isPull ? (node.merged ?? false) : null,
    mergedAt: isPull ? (node.mergedAt ?? null) : null,
    draft: isPull ? (node.isDraft ?? false) : null,
  };
  if (withMergeCommit && isPull) summary.mergeCommitSha = node.mergeCommit?.oid ?? null;
  return summary;
}

export function commentFromGraphql(c: GqlComment): Comment {
  return {
    id: Number(c.fullDatabaseId),
    url: c.url,
    author: actor(c.author, c.authorAssociation),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    body: c.body,
    reactions: graphqlReactionCounts(c.reactionGroups),
  };
}

const refOf = (n: { number: number; repository: { nameWithOwner: string } } | null | undefined, host: string) =>
  n ? refFromNameWithOwner(host, n.repository.nameWithOwner, n.number) : null;

/** GraphQL's names of an event and its undoing -> the domain's event types. */
const PAIRED = {
  ConnectedEvent: "connected",
  DisconnectedEvent: "disconnected",
  MarkedAsDuplicateEvent: "marked_as_duplicate",
  UnmarkedAsDuplicateEvent: "unmarked_as_duplicate",
  LabeledEvent: "labeled",
  UnlabeledEvent: "unlabeled",
} as const;

/** One timeline item; null for kinds that are not events (comments and review threads). */
export function eventFromGraphql(item: GqlTimelineItem, host: string): TimelineEvent | null {
  const base = { actor: actorLogin(item.actor), createdAt: item.createdAt ?? "" };
  switch (item.__typename) {
    case "CrossReferencedEvent":
      if (!item.source) return null; // a source the viewer cannot see
      return {
        ...base,
        type: "cross-referenced",
        source: summaryFromGraphql(item.source, host),
        willCloseTarget: item.willCloseTarget ?? null,
      };
    case "ConnectedEvent":
    case "DisconnectedEvent":
      return { ...base, type: PAIRED[item.__typename], subject: refOf(item.subject, host) };
    case "MarkedAsDuplicateEvent":
    case "UnmarkedAsDuplicateEvent":
      return { ...base, type: PAIRED[item.__typename], canonical: refOf(item.canonical, host) };
    case "ClosedEvent": {
      const c = item.closer;
      let closer: Extract<TimelineEvent, { type: "closed" }>["closer"] = null;
      if (c?.__typename === "PullRequest" && c.number !== undefined && c.repository) {
        closer = {
          kind: "pull",
          ref: refFromNameWithOwner(host, c.repository.nameWithOwner, c.number),
          mergeCommitSha: c.mergeCommit?.oid ?? null,
        };
      } else if (c?.__typename === "Commit" && c.oid) {
        closer = { kind: "commit", sha: c.oid, url: c.url ?? null };
      }
      return { ...base, type: "closed", stateReason: stateReason(item.stateReason), closer };
    }
    case "ReopenedEvent":
      return { ...base, type: "reopened", stateReason: stateReason(item.stateReason) };
    case "ReferencedEvent":
      return { ...base, type: "referenced", commitSha: item.commit?.oid ?? "", commitUrl: item.commit?.url ?? null };
    case "LabeledEvent":
    case "UnlabeledEvent":
      return { ...base, type: PAIRED[item.__typename], label: item.label?.name ?? "" };
    case "RenamedTitleEvent":
      return { ...base, type: "renamed", from: item.previousTitle ?? "", to: item.currentTitle ?? "" };
    case "TransferredEvent":
      return { ...base, type: "transferred", fromRepo: item.fromRepository?.nameWithOwner ?? null };
    case "MergedEvent":
      return { ...base, type: "merged", commitSha: item.commit?.oid ?? null };
    case "PullRequestReview":
      return reviewedEvent(
        actorLogin(item.author),
        item.submittedAt ?? item.createdAt ?? "",
        item.reviewState,
        item.body,
      );
    case "PullRequestCommit":
      return committedEvent(item.pullCommit?.committedDate);
    case "IssueComment":
    case "PullRequestReviewThread":
    case "PullRequestCommitCommentThread":
    case "PullRequestRevisionMarker":
      return null;
    case "AssignedEvent":
    case "UnassignedEvent": {
      const who = item.assignee?.login ? { login: item.assignee.login, __typename: item.assignee.__typename } : null;
      return { ...base, type: "other", name: restEventName(item.__typename), details: { assignee: actorLogin(who) } };
    }
    case "LockedEvent":
      return { ...base, type: "other", name: "locked", details: { lock_reason: lockReason(item.lockReason) } };
    default:
      return { ...base, type: "other", name: restEventName(item.__typename) };
  }
}

export const eventsFromGraphql = (items: GqlTimelineItem[], host: string): TimelineEvent[] =>
  items.flatMap((item) => eventFromGraphql(item, host) ?? []);

/** The thread with the comments and events of the first page; the caller appends the rest. */
export function threadFromGraphql(node: GqlThread, host: string): Thread {
  const summary = summaryFromGraphql(node, host);
  const isPull = summary.kind === "pull";
  return {
    ref: summary.ref,
    kind: summary.kind,
    url: node.url,
    title: node.title,
    body: node.body,
    author: actor(node.author, node.authorAssociation),
    state: summary.state,
    stateReason: summary.stateReason,
    labels: (node.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
    locked: node.locked,
    activeLockReason: lockReason(node.activeLockReason),
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    closedAt: node.closedAt,
    reactions: graphqlReactionCounts(node.reactionGroups),
    pull: isPull
      ? {
          merged: node.merged ?? false,
          mergedAt: node.mergedAt ?? null,
          draft: node.isDraft ?? false,
          mergeCommitSha: node.mergeCommit?.oid ?? null,
          baseRef: node.baseRefName ?? null,
        }
      : null,
    comments: node.comments.nodes.map(commentFromGraphql),
    events: eventsFromGraphql(node.timelineItems.nodes, host),
    closedByPulls: (node.closedByPullRequestsReferences?.nodes ?? []).flatMap((n): IssueRef[] =>
      n ? [refFromNameWithOwner(host, n.repository.nameWithOwner, n.number)] : [],
    ),
    movedFrom: null,
  };
}
