// The domain types every module shares. Both GitHub APIs (REST and GraphQL), the store and the
// fixture importer map into these; analysis and rendering read only these.

/** One issue or pull request on one GitHub host. `host` is the web host, e.g. "github.com". */
export type IssueRef = { host: string; owner: string; repo: string; number: number };

/** GitHub's author associations (REST `author_association`, GraphQL `CommentAuthorAssociation`). */
export const AUTHOR_ASSOCIATIONS = [
  "OWNER",
  "MEMBER",
  "COLLABORATOR",
  "CONTRIBUTOR",
  "FIRST_TIME_CONTRIBUTOR",
  "FIRST_TIMER",
  "MANNEQUIN",
  "NONE",
] as const;

export type AuthorAssociation = (typeof AUTHOR_ASSOCIATIONS)[number];

/** The login GitHub gives a deleted account; the domain says `null` instead of an Actor. */
export const GHOST_LOGIN = "ghost";

/** A user. `null` where GitHub shows the deleted "ghost" user. */
export type Actor = { login: string; association: AuthorAssociation; isBot: boolean };

/** GitHub's reaction contents, in GitHub's order. */
export const REACTION_KEYS = ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"] as const;
export type ReactionKey = (typeof REACTION_KEYS)[number];
export type ReactionCounts = Record<ReactionKey, number>;

export const THREAD_KINDS = ["issue", "pull"] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];
export const THREAD_STATES = ["open", "closed"] as const;
export type ThreadState = (typeof THREAD_STATES)[number];
/** GitHub's `state_reason` values; null where GitHub gives none. */
export const STATE_REASONS = ["completed", "not_planned", "duplicate", "reopened"] as const;
export type StateReason = (typeof STATE_REASONS)[number] | null;

export type Comment = {
  id: number;
  /** html URL of the comment: https://github.com/o/r/issues/1#issuecomment-ID */
  url: string;
  author: Actor | null;
  createdAt: string;
  updatedAt: string;
  body: string;
  reactions: ReactionCounts;
};

/** What is known of another thread without fetching it whole. */
export type ThreadSummary = {
  ref: IssueRef;
  kind: ThreadKind;
  url: string;
  title: string;
  state: ThreadState;
  stateReason: StateReason;
  /** null for issues; for pulls whether merged. */
  merged: boolean | null;
  mergedAt: string | null;
  draft: boolean | null;
  /** For merged pulls, when known: the commit that landed on the base branch (for release lookup). */
  mergeCommitSha?: string | null;
};

/**
 * A pull's mergeCommitSha (GraphQL only, when merged) is the commit REST reports on the same closed
 * event, and what a release lookup needs.
 */
export type Closer =
  | { kind: "pull"; ref: IssueRef; mergeCommitSha?: string | null }
  | { kind: "commit"; sha: string; url: string | null };

type EventBase = { actor: string | null; createdAt: string };

/**
 * Timeline events other than comments (comments live in Thread.comments and count as "commented").
 * Fields that only GraphQL can tell (connected subject, duplicate canonical, closing pull request,
 * willCloseTarget) are null when the thread came over REST.
 */
export type TimelineEvent =
  | (EventBase & { type: "cross-referenced"; source: ThreadSummary; willCloseTarget: boolean | null })
  | (EventBase & { type: "connected" | "disconnected"; subject: IssueRef | null })
  | (EventBase & { type: "marked_as_duplicate" | "unmarked_as_duplicate"; canonical: IssueRef | null })
  | (EventBase & { type: "closed"; stateReason: StateReason; closer: Closer | null })
  | (EventBase & { type: "reopened"; stateReason: StateReason })
  | (EventBase & { type: "referenced"; commitSha: string; commitUrl: string | null })
  | (EventBase & { type: "labeled" | "unlabeled"; label: string })
  | (EventBase & { type: "renamed"; from: string; to: string })
  | (EventBase & { type: "transferred"; fromRepo: string | null })
  | (EventBase & { type: "merged"; commitSha: string | null })
  | (EventBase & { type: "reviewed"; state: string; body: string })
  /** Any other GitHub event, kept by its GitHub name (assigned, locked, milestoned, …). */
  | (EventBase & {
      type: "other";
      name: string;
      /** The event's own fields when known (e.g. assignee, lock_reason), so archives lose nothing. */
      details?: Record<string, string | null>;
    });

export type PullInfo = {
  merged: boolean;
  mergedAt: string | null;
  draft: boolean;
  mergeCommitSha: string | null;
  baseRef: string | null;
};

export type Thread = {
  ref: IssueRef;
  kind: ThreadKind;
  url: string;
  title: string;
  body: string;
  author: Actor | null;
  state: ThreadState;
  stateReason: StateReason;
  labels: string[];
  locked: boolean;
  activeLockReason: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  reactions: ReactionCounts;
  pull: PullInfo | null;
  comments: Comment[];
  /** Oldest first, comments excluded. */
  events: TimelineEvent[];
  /**
   * Pull requests that GitHub says close this issue (GraphQL closedByPullRequestsReferences with
   * closed PRs included). REST cannot tell: always [] there.
   */
  closedByPulls: IssueRef[];
  /** Set when the requested ref was transferred and the fetch followed it. */
  movedFrom: IssueRef | null;
};

/** How a thread was obtained, and at what cost. */
export type FetchMeta = {
  fetchedAt: string;
  via: "graphql" | "rest" | "store";
  requests: { rest: number; graphql: number };
};

export const emptyReactions = (): ReactionCounts => ({
  "+1": 0,
  "-1": 0,
  laugh: 0,
  hooray: 0,
  confused: 0,
  heart: 0,
  rocket: 0,
  eyes: 0,
});

export const reactionTotal = (r: ReactionCounts): number =>
  r["+1"] + r["-1"] + r.laugh + r.hooray + r.confused + r.heart + r.rocket + r.eyes;
