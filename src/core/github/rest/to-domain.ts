// REST shapes -> domain types. Fields REST cannot know (connected subject, duplicate canonical,
// closing pull request, willCloseTarget, closedByPulls, transfer origin) come out null / [].
import type { Comment, IssueRef, PullInfo, Thread, ThreadSummary, TimelineEvent } from "../../thread/types.js";
import {
  actor,
  actorLogin,
  commitPageUrl,
  committedEvent,
  refFromRepositoryUrl,
  restReactionCounts,
  reviewedEvent,
  stateReason,
  threadState,
} from "../domain-maps.js";
import type { RestComment, RestIssue, RestIssueSummary, RestPull, RestTimelineEvent } from "../schema.js";

export function refOfRestIssue(issue: RestIssueSummary, host: string): IssueRef {
  return refFromRepositoryUrl(host, issue.repository_url, issue.number);
}

/** An issue object says pull vs issue; a pull's merged comes from pull_request.merged_at. */
export function summaryFromRest(issue: RestIssueSummary, host: string): ThreadSummary {
  const pr = issue.pull_request;
  return {
    ref: refOfRestIssue(issue, host),
    kind: pr ? "pull" : "issue",
    url: issue.html_url,
    title: issue.title,
    state: threadState(issue.state),
    stateReason: pr ? null : stateReason(issue.state_reason),
    merged: pr ? Boolean(pr.merged_at) : null,
    mergedAt: pr ? (pr.merged_at ?? null) : null,
    draft: pr ? (issue.draft ?? false) : null,
  };
}

export function commentFromRest(c: RestComment): Comment {
  return {
    id: c.id,
    url: c.html_url,
    author: actor(c.user, c.author_association),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    body: c.body ?? "",
    reactions: restReactionCounts(c.reactions),
  };
}

/** Timeline kinds that are comments, not events: they come from the comments endpoint (or not at all). */
const NOT_EVENTS = new Set(["commented", "line-commented", "commit-commented"]);

export function eventFromRest(e: RestTimelineEvent, host: string): TimelineEvent | null {
  if (NOT_EVENTS.has(e.event)) return null;
  const base = { actor: actorLogin(e.actor), createdAt: e.created_at ?? "" };
  switch (e.event) {
    case "cross-referenced":
      if (!e.source?.issue) return null;
      return {
        ...base,
        type: "cross-referenced",
        source: summaryFromRest(e.source.issue, host),
        willCloseTarget: null,
      };
    case "connected":
    case "disconnected":
      return { ...base, type: e.event, subject: null };
    case "marked_as_duplicate":
    case "unmarked_as_duplicate":
      return { ...base, type: e.event, canonical: null };
    case "closed":
      return {
        ...base,
        type: "closed",
        stateReason: stateReason(e.state_reason),
        closer: e.commit_id
          ? { kind: "commit", sha: e.commit_id, url: commitPageUrl(host, e.commit_url, e.commit_id) }
          : null,
      };
    case "reopened":
      return { ...base, type: "reopened", stateReason: stateReason(e.state_reason) };
    case "referenced":
      return {
        ...base,
        type: "referenced",
        commitSha: e.commit_id ?? "",
        commitUrl: e.commit_id ? commitPageUrl(host, e.commit_url, e.commit_id) : null,
      };
    case "labeled":
    case "unlabeled":
      return { ...base, type: e.event, label: e.label?.name ?? "" };
    case "renamed":
      return { ...base, type: "renamed", from: e.rename?.from ?? "", to: e.rename?.to ?? "" };
    case "transferred":
      return { ...base, type: "transferred", fromRepo: null };
    case "merged":
      return { ...base, type: "merged", commitSha: e.commit_id ?? null };
    case "reviewed":
      return reviewedEvent(actorLogin(e.user), e.submitted_at ?? e.created_at ?? "", e.state, e.body);
    case "committed":
      return committedEvent(e.committer?.date);
    // The same details the fixture archives keep (assignee, lock_reason).
    case "assigned":
    case "unassigned":
      return { ...base, type: "other", name: e.event, details: { assignee: actorLogin(e.assignee) } };
    case "locked":
      return { ...base, type: "other", name: "locked", details: { lock_reason: e.lock_reason ?? null } };
    default:
      return { ...base, type: "other", name: e.event };
  }
}

export function pullFromRest(p: RestPull): PullInfo {
  return {
    merged: p.merged,
    mergedAt: p.merged_at,
    draft: p.draft ?? false,
    // REST also names a test-merge commit for open pulls; only a merged pull's counts.
    mergeCommitSha: p.merged ? (p.merge_commit_sha ?? null) : null,
    baseRef: p.base?.ref ?? null,
  };
}

/** What a thread and an issue-list item both take from a REST issue, beyond its summary. */
export type IssueFields = Pick<
  Thread,
  "body" | "author" | "labels" | "locked" | "activeLockReason" | "createdAt" | "updatedAt" | "closedAt" | "reactions"
>;

export function issueFields(issue: RestIssue): IssueFields {
  return {
    body: issue.body ?? "",
    author: actor(issue.user, issue.author_association),
    labels: issue.labels.map((l) => (typeof l === "string" ? l : l.name)),
    locked: issue.locked,
    activeLockReason: issue.active_lock_reason ?? null,
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    closedAt: issue.closed_at,
    reactions: restReactionCounts(issue.reactions),
  };
}

export function threadFromRest(parts: {
  issue: RestIssue;
  pull: RestPull | null;
  comments: RestComment[];
  events: RestTimelineEvent[];
  host: string;
  movedFrom: IssueRef | null;
}): Thread {
  const { issue, host } = parts;
  const summary = summaryFromRest(issue, host);
  return {
    ref: summary.ref,
    kind: summary.kind,
    url: issue.html_url,
    title: issue.title,
    state: summary.state,
    stateReason: summary.stateReason,
    ...issueFields(issue),
    pull: parts.pull ? pullFromRest(parts.pull) : null,
    comments: parts.comments.map(commentFromRest).sort((a, b) => a.id - b.id),
    events: parts.events.flatMap((e) => eventFromRest(e, host) ?? []),
    closedByPulls: [],
    movedFrom: parts.movedFrom,
  };
}
