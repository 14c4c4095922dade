// Response shapes, validated at the boundary. Permissive on purpose: only the fields we use are
// declared (unknown ones are dropped), enums are plain strings mapped later so a new GitHub value
// degrades to a default instead of failing the whole fetch.
import { z } from "zod";
import { badShape, type Scrub } from "./map-error.js";

const str = z.string();
const count = z.number().int().nonnegative();

/** Parses or throws an UpstreamError that names the first bad field (never echoes values). */
export function parseWith<T>(schema: z.ZodType<T>, data: unknown, what: string, scrub: Scrub): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid";
  throw badShape(what, where, scrub);
}

// ---------------------------------------------------------------------------------------------
// REST

const restUser = z.object({ login: str, type: str.optional() }).nullable();

export const restReactions = z
  .object({
    "+1": count,
    "-1": count,
    laugh: count,
    hooray: count,
    confused: count,
    heart: count,
    rocket: count,
    eyes: count,
  })
  .partial();

/** What cross-reference sources and summaries need from an issue object. */
export const restIssueSummary = z.object({
  number: z.number().int(),
  title: str,
  html_url: str,
  repository_url: str,
  state: str,
  state_reason: str.nullish(),
  pull_request: z.object({ url: str.optional(), merged_at: str.nullish() }).optional(),
  draft: z.boolean().optional(),
});

export const restIssue = restIssueSummary.extend({
  body: str.nullish(),
  comments_url: str,
  timeline_url: str.optional(),
  user: restUser,
  author_association: str.optional(),
  labels: z.array(z.union([str, z.object({ name: str })])),
  locked: z.boolean(),
  active_lock_reason: str.nullish(),
  created_at: str,
  updated_at: str,
  closed_at: str.nullable(),
  comments: count,
  reactions: restReactions.optional(),
});
export type RestIssue = z.infer<typeof restIssue>;
export type RestIssueSummary = z.infer<typeof restIssueSummary>;

export const restPull = z.object({
  merged: z.boolean(),
  merged_at: str.nullable(),
  draft: z.boolean().optional(),
  merge_commit_sha: str.nullish(),
  base: z.object({ ref: str }).optional(),
});
export type RestPull = z.infer<typeof restPull>;

export const restComment = z.object({
  id: z.number().int(),
  html_url: str,
  user: restUser,
  author_association: str.optional(),
  created_at: str,
  updated_at: str,
  body: str.nullish(),
  reactions: restReactions.optional(),
});
export type RestComment = z.infer<typeof restComment>;

/** Timeline items share no required field but `event`; each kind reads its own. */
export const restTimelineEvent = z.object({
  event: str,
  actor: z.object({ login: str, type: str.optional() }).nullish(),
  user: z.object({ login: str, type: str.optional() }).nullish(),
  created_at: str.optional(),
  submitted_at: str.nullish(),
  state_reason: str.nullish(),
  commit_id: str.nullish(),
  commit_url: str.nullish(),
  label: z.object({ name: str }).optional(),
  rename: z.object({ from: str, to: str }).optional(),
  source: z.object({ issue: restIssueSummary.optional() }).optional(),
  state: str.optional(),
  body: str.nullish(),
  committer: z.object({ date: str.optional() }).optional(),
  assignee: z.object({ login: str, type: str.optional() }).nullish(),
  lock_reason: str.nullish(),
});
export type RestTimelineEvent = z.infer<typeof restTimelineEvent>;

export const restRelease = z.object({ tag_name: str, published_at: str.nullable(), draft: z.boolean().optional() });
export const restCompare = z.object({ status: str });

// ---------------------------------------------------------------------------------------------
// GraphQL

const gqlActor = z.object({ __typename: str.optional(), login: str }).nullable();
const gqlRepo = z.object({ nameWithOwner: str });
const gqlReactionGroups = z.array(z.object({ content: str, reactors: z.object({ totalCount: count }) })).nullish();
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: str.nullable() });

/** A connection page; GitHub may put null in `nodes` for items the viewer cannot see. */
const connection = <T extends z.ZodType>(node: T) =>
  z.object({ pageInfo, nodes: z.array(node.nullable()).transform((xs) => xs.filter((x) => x !== null)) });

/** Issue or pull request, summary fields (fragments IssueSummary + PullSummary). */
export const gqlSummary = z.object({
  __typename: str,
  number: z.number().int(),
  title: str,
  url: str,
  /** Issue state (OPEN|CLOSED); pulls answer in pullState (OPEN|CLOSED|MERGED). */
  state: str.optional(),
  pullState: str.optional(),
  stateReason: str.nullish(),
  merged: z.boolean().optional(),
  mergedAt: str.nullish(),
  isDraft: z.boolean().optional(),
  mergeCommit: z.object({ oid: str }).nullish(),
  repository: gqlRepo,
});
export type GqlSummary = z.infer<typeof gqlSummary>;

const gqlRefNode = z.object({ __typename: str.optional(), number: z.number().int(), repository: gqlRepo });

export const gqlComment = z.object({
  fullDatabaseId: z.union([str, z.number()]),
  url: str,
  body: str,
  createdAt: str,
  updatedAt: str,
  author: gqlActor,
  authorAssociation: str,
  reactionGroups: gqlReactionGroups,
});
export type GqlComment = z.infer<typeof gqlComment>;

/** Every timeline item kind, flattened: each field is present only on the kinds that select it. */
export const gqlTimelineItem = z.object({
  __typename: str,
  actor: gqlActor.optional(),
  author: gqlActor.optional(),
  createdAt: str.optional(),
  submittedAt: str.nullish(),
  source: gqlSummary.nullish(),
  willCloseTarget: z.boolean().optional(),
  subject: gqlRefNode.nullish(),
  canonical: gqlRefNode.nullish(),
  closer: z
    .object({
      __typename: str,
      oid: str.optional(),
      url: str.optional(),
      number: z.number().int().optional(),
      repository: gqlRepo.optional(),
      mergeCommit: z.object({ oid: str }).nullish(),
    })
    .nullish(),
  stateReason: str.nullish(),
  commit: z.object({ oid: str, url: str.optional() }).nullish(),
  pullCommit: z.object({ oid: str, committedDate: str }).nullish(),
  label: z.object({ name: str }).optional(),
  previousTitle: str.optional(),
  currentTitle: str.optional(),
  fromRepository: gqlRepo.nullish(),
  reviewState: str.optional(),
  assignee: z.object({ __typename: str.optional(), login: str.optional() }).nullish(),
  lockReason: str.nullish(),
  body: str.optional(),
});
export type GqlTimelineItem = z.infer<typeof gqlTimelineItem>;

export const gqlCommentPage = connection(gqlComment);
export const gqlTimelinePage = connection(gqlTimelineItem);
export type GqlPage<T> = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] };

export const gqlThread = gqlSummary.extend({
  body: str,
  locked: z.boolean(),
  activeLockReason: str.nullish(),
  createdAt: str,
  updatedAt: str,
  closedAt: str.nullable(),
  author: gqlActor,
  authorAssociation: str,
  labels: z.object({ nodes: z.array(z.object({ name: str }).nullable()) }).nullish(),
  reactionGroups: gqlReactionGroups,
  baseRefName: str.optional(),
  closedByPullRequestsReferences: z.object({ nodes: z.array(gqlRefNode.nullable()) }).nullish(),
  comments: gqlCommentPage,
  timelineItems: gqlTimelinePage,
});
export type GqlThread = z.infer<typeof gqlThread>;
