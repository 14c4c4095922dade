// Minimal GitHub response shapes for unit tests: REST objects and GraphQL nodes for the same small
// world, written the way GitHub spells them (REST bot logins end in [bot], GraphQL's do not).

export const API = "https://api.github.com";

const repoUrl = (o: string, r: string, api = API) => `${api}/repos/${o}/${r}`;

export function restUser(login: string, type: "User" | "Bot" = login.endsWith("[bot]") ? "Bot" : "User") {
  return { login, id: 1, type, url: `${API}/users/${encodeURIComponent(login)}` };
}

export type IssueOpts = {
  owner?: string;
  repo?: string;
  number?: number;
  title?: string;
  state?: "open" | "closed";
  state_reason?: string | null;
  pull?: { merged_at: string | null } | null;
  draft?: boolean;
  api?: string;
  comments?: number;
};

export function restIssue(o: IssueOpts = {}) {
  const owner = o.owner ?? "o";
  const repo = o.repo ?? "r";
  const number = o.number ?? 1;
  const base = `${repoUrl(owner, repo, o.api)}/issues/${number}`;
  return {
    id: 100 + number,
    node_id: `I_${number}`,
    url: base,
    repository_url: repoUrl(owner, repo, o.api),
    comments_url: `${base}/comments`,
    events_url: `${base}/events`,
    timeline_url: `${base}/timeline`,
    html_url: `https://github.com/${owner}/${repo}/${o.pull ? "pull" : "issues"}/${number}`,
    number,
    title: o.title ?? `Issue ${number}`,
    body: "It breaks.\n\nSee #2.",
    user: restUser("alice"),
    author_association: "CONTRIBUTOR",
    state: o.state ?? "open",
    state_reason: o.state_reason ?? null,
    labels: [{ id: 9, name: "bug", color: "f00" }],
    locked: false,
    active_lock_reason: null,
    comments: o.comments ?? 2,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-03T00:00:00Z",
    closed_at: o.state === "closed" ? "2024-01-03T00:00:00Z" : null,
    reactions: {
      url: `${base}/reactions`,
      total_count: 3,
      "+1": 2,
      "-1": 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 1,
      rocket: 0,
      eyes: 0,
    },
    ...(o.pull !== undefined && o.pull !== null
      ? {
          pull_request: { url: `${repoUrl(owner, repo, o.api)}/pulls/${number}`, merged_at: o.pull.merged_at },
          draft: o.draft ?? false,
        }
      : {}),
  };
}

export function restComment(id: number, login: string, body: string, createdAt: string) {
  return {
    id,
    node_id: `IC_${id}`,
    url: `${API}/repos/o/r/issues/comments/${id}`,
    html_url: `https://github.com/o/r/issues/1#issuecomment-${id}`,
    issue_url: `${API}/repos/o/r/issues/1`,
    user: restUser(login),
    author_association: "NONE",
    created_at: createdAt,
    updated_at: createdAt,
    body,
    reactions: {
      url: "",
      total_count: 1,
      "+1": 0,
      "-1": 0,
      laugh: 1,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
  };
}

export const gqlActor = (login: string) =>
  login.endsWith("[bot]") ? { __typename: "Bot", login: login.slice(0, -5) } : { __typename: "User", login };

export function gqlComment(id: number, login: string, body: string, createdAt: string) {
  return {
    fullDatabaseId: String(id),
    url: `https://github.com/o/r/issues/1#issuecomment-${id}`,
    body,
    createdAt,
    updatedAt: createdAt,
    author: gqlActor(login),
    authorAssociation: "NONE",
    reactionGroups: [
      { content: "LAUGH", reactors: { totalCount: 1 } },
      { content: "HEART", reactors: { totalCount: 0 } },
    ],
  };
}

export const page = <T>(nodes: T[], endCursor: string | null = null) => ({
  pageInfo: { hasNextPage: endCursor !== null, endCursor },
  nodes,
});

export function gqlIssue(
  o: {
    number?: number;
    comments?: unknown[];
    timeline?: unknown[];
    commentsCursor?: string | null;
    timelineCursor?: string | null;
    owner?: string;
    repo?: string;
  } = {},
) {
  const owner = o.owner ?? "o";
  const repo = o.repo ?? "r";
  const number = o.number ?? 1;
  return {
    __typename: "Issue",
    number,
    title: `Issue ${number}`,
    url: `https://github.com/${owner}/${repo}/issues/${number}`,
    state: "OPEN",
    stateReason: null,
    repository: { nameWithOwner: `${owner}/${repo}` },
    body: "It breaks.\n\nSee #2.",
    locked: false,
    activeLockReason: null,
    createdAt: "2024-01-01T00:00:00Z",
    updatedAt: "2024-01-03T00:00:00Z",
    closedAt: null,
    author: gqlActor("alice"),
    authorAssociation: "CONTRIBUTOR",
    labels: { nodes: [{ name: "bug" }] },
    reactionGroups: [
      { content: "THUMBS_UP", reactors: { totalCount: 2 } },
      { content: "HEART", reactors: { totalCount: 1 } },
    ],
    closedByPullRequestsReferences: { nodes: [{ number: 7, repository: { nameWithOwner: "o/r" } }] },
    comments: page(o.comments ?? [], o.commentsCursor ?? null),
    timelineItems: page(o.timeline ?? [], o.timelineCursor ?? null),
  };
}

export const gqlThreadData = (node: unknown) => ({ data: { repository: { issueOrPullRequest: node } } });

export const gqlPullSummary = (number: number, merged: boolean) => ({
  __typename: "PullRequest",
  number,
  title: `Fix ${number}`,
  url: `https://github.com/o/r/pull/${number}`,
  pullState: merged ? "MERGED" : "OPEN",
  merged,
  mergedAt: merged ? "2024-01-02T00:00:00Z" : null,
  isDraft: false,
  mergeCommit: merged ? { oid: "abc123" } : null,
  repository: { nameWithOwner: "o/r" },
});
