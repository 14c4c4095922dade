// REST renderers: world records -> GitHub's JSON shapes (the fields GitHub's OpenAPI description
// requires, and the optional ones clients read). Pure functions of the world and the base URLs.
// REST says only what GitHub's REST says: no closer, canonical or connected subject.
import type { FixtureEvent, ReactionKey } from "../fixture-schema.js";
import { fakeSha, nodeId } from "../ids.js";
import type {
  CommentRecord,
  EventRecord,
  ReactionCounts,
  ReleaseRecord,
  RepoRecord,
  ThreadRecord,
  TimelineEntry,
  UserRecord,
  World,
} from "../world.js";

export type RenderContext = {
  world: World;
  /** REST base the client used: origin, or origin + "/api/v3". */
  apiBase: string;
  /** Where html_url points: https://github.com by default. */
  htmlBase: string;
  /** Rendered users of this request (the same few people appear on every item of a page). */
  users?: Map<string, Json>;
  /** Whether the caller sent a token: GitHub then tells a repository's `permissions` (a reader's here). */
  authenticated?: boolean;
};

type Json = Record<string, unknown>;

export function renderUser(user: UserRecord, ctx: RenderContext): Json {
  // GitHub percent-encodes bot logins: /users/github-actions%5Bbot%5D.
  const url = `${ctx.apiBase}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.nodeId,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url,
    html_url: `${ctx.htmlBase}/${user.type === "Bot" ? `apps/${user.login.replace(/\[bot\]$/, "")}` : user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}

function userOf(login: string | null, ctx: RenderContext): Json {
  const key = login ?? "ghost";
  let user = ctx.users?.get(key);
  if (user === undefined) {
    user = renderUser(ctx.world.user(login), ctx);
    ctx.users?.set(key, user);
  }
  return user;
}

function renderOwner(repo: RepoRecord, ctx: RenderContext): Json {
  const owner = ctx.world.user(repo.owner);
  return { ...renderUser(owner, ctx), type: "Organization", node_id: nodeId("O", owner.id) };
}

export const repoApiUrl = (repo: RepoRecord, ctx: RenderContext): string =>
  `${ctx.apiBase}/repos/${repo.owner}/${repo.name}`;
export const issueApiUrl = (thread: ThreadRecord, ctx: RenderContext): string =>
  `${repoApiUrl(thread.repo, ctx)}/issues/${thread.number}`;
export const threadHtmlUrl = (thread: ThreadRecord, ctx: RenderContext): string =>
  `${ctx.htmlBase}/${thread.repo.fullName}/${thread.isPull ? "pull" : "issues"}/${thread.number}`;

/** A repository's API URL templates and clone URLs, in GitHub's order. */
function repoLinks(url: string, html: string, fullName: string): Json {
  return {
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://github.com/${fullName}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@github.com:${fullName}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: html,
  };
}

/** `repository` / `full-repository`: one superset object satisfies both schemas. */
export function renderRepository(repo: RepoRecord, ctx: RenderContext): Json {
  const url = repoApiUrl(repo, ctx);
  const html = `${ctx.htmlBase}/${repo.fullName}`;
  const open = [...repo.threads.values()].filter((t) => t.status === "live" && t.data.state === "open").length;
  const pushedAt = repo.releases[0]?.publishedAt ?? repo.createdAt;
  return {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: renderOwner(repo, ctx),
    html_url: html,
    description: repo.description,
    fork: false,
    url,
    ...repoLinks(url, html, repo.fullName),
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: open,
    open_issues: open,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    pushed_at: pushedAt,
    created_at: repo.createdAt,
    updated_at: pushedAt,
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    // Every owner here is an organization, and GitHub names it on the full repository.
    organization: renderOwner(repo, ctx),
    network_count: 0,
    subscribers_count: 0,
    ...(ctx.authenticated
      ? { permissions: { admin: false, maintain: false, push: false, triage: false, pull: true } }
      : {}),
  };
}

export function renderReactionRollup(counts: ReactionCounts, url: string): Json {
  let total = 0;
  for (const value of Object.values(counts)) total += value;
  return { url, total_count: total, ...counts };
}

function renderLabels(thread: ThreadRecord, ctx: RenderContext): Json[] {
  return thread.data.labels.map((name) => {
    const label = ctx.world.label(thread.repo, name);
    return {
      id: label.id,
      node_id: label.nodeId,
      url: `${repoApiUrl(thread.repo, ctx)}/labels/${encodeURIComponent(name)}`,
      name,
      color: label.color,
      default: false,
      description: null,
    };
  });
}

/** Current assignees: replay of assigned/unassigned events. */
export function assigneesOf(thread: ThreadRecord): string[] {
  const out: string[] = [];
  for (const { data } of thread.events) {
    if (data.event === "assigned" && !out.includes(data.assignee)) out.push(data.assignee);
    if (data.event === "unassigned") out.splice(out.indexOf(data.assignee) >>> 0, out.includes(data.assignee) ? 1 : 0);
  }
  return out;
}

/** The reason of the lock in force (from the last locked event), or null. */
export function activeLockReason(thread: ThreadRecord): string | null {
  if (!thread.data.locked) return null;
  for (let i = thread.events.length - 1; i >= 0; i--) {
    const data = thread.events[i]?.data;
    if (data?.event === "locked") return data.lock_reason ?? null;
  }
  return null;
}

function closedBy(thread: ThreadRecord): string | null | undefined {
  if (thread.data.state !== "closed") return undefined;
  for (let i = thread.events.length - 1; i >= 0; i--) {
    const data = thread.events[i]?.data;
    if (data?.event === "closed") return data.actor;
  }
  return undefined;
}

export function renderIssue(
  thread: ThreadRecord,
  ctx: RenderContext,
  options: { withRepository?: boolean } = {},
): Json {
  const url = issueApiUrl(thread, ctx);
  const html = threadHtmlUrl(thread, ctx);
  const assignees = assigneesOf(thread).map((login) => userOf(login, ctx));
  const closer = closedBy(thread);
  const data = thread.data;
  const out: Json = {
    url,
    repository_url: repoApiUrl(thread.repo, ctx),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: thread.id,
    node_id: thread.nodeId,
    number: thread.number,
    title: data.title,
    user: userOf(data.author.login, ctx),
    labels: renderLabels(thread, ctx),
    state: data.state,
    locked: data.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: thread.comments.length,
    created_at: data.created_at,
    updated_at: data.updated_at,
    closed_at: data.closed_at,
    author_association: data.author.association,
    type: null,
    active_lock_reason: activeLockReason(thread),
    body: data.body,
    closed_by: closer === undefined ? null : userOf(closer, ctx),
    reactions: renderReactionRollup(thread.reactions, `${url}/reactions`),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: data.state_reason,
  };
  if (thread.isPull) {
    const pullUrl = `${repoApiUrl(thread.repo, ctx)}/pulls/${thread.number}`;
    out.draft = data.pull?.draft ?? false;
    out.pull_request = {
      url: pullUrl,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: data.pull?.merged_at ?? null,
    };
  }
  if (options.withRepository) out.repository = renderRepository(thread.repo, ctx);
  return out;
}

export function renderComment(comment: CommentRecord, ctx: RenderContext): Json {
  const thread = comment.thread;
  const repoUrl = repoApiUrl(thread.repo, ctx);
  return {
    id: comment.id,
    node_id: comment.nodeId,
    url: `${repoUrl}/issues/comments/${comment.id}`,
    html_url: `${threadHtmlUrl(thread, ctx)}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userOf(comment.author.login, ctx),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: issueApiUrl(thread, ctx),
    author_association: comment.author.association,
    performed_via_github_app: null,
    reactions: renderReactionRollup(comment.reactions, `${repoUrl}/issues/comments/${comment.id}/reactions`),
  };
}

/** The commit GitHub puts on a REST `closed` event: the fixture's, or the closing PR's merge commit. */
export function closedCommit(event: FixtureEvent, world: World): { sha: string; repo: RepoRecord | null } | null {
  if (event.event !== "closed") return null;
  if (event.commit_id) return { sha: event.commit_id, repo: world.commitRepo(event.commit_id) ?? null };
  if (!event.closer) return null;
  const pull = world.resolve(event.closer);
  const sha = pull?.data.pull?.merged ? pull.data.pull.merge_commit_sha : null;
  return pull && sha ? { sha, repo: pull.repo } : null;
}

function commitFields(event: EventRecord, ctx: RenderContext): { commit_id: string | null; commit_url: string | null } {
  const data = event.data;
  let sha: string | null = null;
  let repo = event.thread.repo;
  if (data.event === "closed") {
    const found = closedCommit(data, ctx.world);
    if (found) {
      sha = found.sha;
      repo = found.repo ?? repo;
    }
  } else if (data.event === "referenced" && data.commit_id) {
    sha = data.commit_id;
  } else if (data.event === "merged") {
    // GitHub's REST merged event carries the merge commit, as GraphQL's MergedEvent.commit does.
    sha = data.commit_id ?? event.thread.data.pull?.merge_commit_sha ?? null;
  }
  return { commit_id: sha, commit_url: sha === null ? null : `${repoApiUrl(repo, ctx)}/commits/${sha}` };
}

/** Timeline-only events never appear on the /events endpoint. */
export const timelineOnlyEvents = new Set(["cross-referenced", "reviewed", "commented", "committed"]);

/** An issue event (the /events shape and the non-comment timeline shape). Null when REST shows nothing. */
export function renderEvent(event: EventRecord, ctx: RenderContext): Json | null {
  const data = event.data;
  const thread = event.thread;
  if (data.event === "cross-referenced") {
    const source = ctx.world.resolve(data.source);
    // GitHub hides references from threads the reader cannot see (deleted, private).
    if (source === undefined || source.repo.private) return null;
    return {
      event: "cross-referenced",
      actor: userOf(data.actor, ctx),
      created_at: data.created_at,
      updated_at: data.created_at,
      source: { type: "issue", issue: renderIssue(source, ctx, { withRepository: true }) },
    };
  }
  if (data.event === "reviewed") {
    const html = threadHtmlUrl(thread, ctx);
    const pullUrl = `${repoApiUrl(thread.repo, ctx)}/pulls/${thread.number}`;
    return {
      event: "reviewed",
      id: event.id,
      node_id: nodeId("PRR", event.id),
      user: userOf(data.actor, ctx),
      body: data.body ?? null,
      state: data.state,
      html_url: `${html}#pullrequestreview-${event.id}`,
      pull_request_url: pullUrl,
      author_association: associationOf(thread, data.actor),
      _links: { html: { href: `${html}#pullrequestreview-${event.id}` }, pull_request: { href: pullUrl } },
      submitted_at: data.created_at,
      commit_id: fakeSha(`head:${thread.key}`),
    };
  }
  const out: Json = {
    id: event.id,
    node_id: event.nodeId,
    url: `${repoApiUrl(thread.repo, ctx)}/issues/events/${event.id}`,
    actor: userOf(data.actor, ctx),
    event: data.event,
    ...commitFields(event, ctx),
    created_at: data.created_at,
    performed_via_github_app: null,
  };
  switch (data.event) {
    case "labeled":
    case "unlabeled":
      out.label = { name: data.label, color: ctx.world.label(thread.repo, data.label).color };
      break;
    case "closed":
      out.state_reason = data.state_reason ?? null;
      break;
    case "reopened":
      out.state_reason = data.state_reason ?? null;
      break;
    case "renamed":
      out.rename = { from: data.from, to: data.to };
      break;
    case "assigned":
    case "unassigned":
      out.assignee = userOf(data.assignee, ctx);
      out.assigner = userOf(data.actor, ctx);
      break;
    case "locked":
      out.lock_reason = data.lock_reason ?? null;
      break;
    default:
      // connected, disconnected, (un)marked_as_duplicate, transferred, referenced, merged, unlocked:
      // common fields only. REST does not say which thread they point at.
      break;
  }
  return out;
}

function associationOf(thread: ThreadRecord, login: string | null): string {
  if (login === thread.data.author.login) return thread.data.author.association;
  return thread.comments.find((c) => c.author.login === login)?.author.association ?? "NONE";
}

export function renderTimelineEntry(entry: TimelineEntry, ctx: RenderContext): Json | null {
  if (entry.kind === "event") return renderEvent(entry.event, ctx);
  return { ...renderComment(entry.comment, ctx), event: "commented", actor: userOf(entry.comment.author.login, ctx) };
}

/** Reactions are stored as counts; the list endpoint shows one made-up reactor per count. */
export function renderReactions(
  counts: ReactionCounts,
  seed: string,
  createdAt: string,
  ctx: RenderContext,
  content: string | null,
): Json[] {
  const out: Json[] = [];
  for (const [key, count] of Object.entries(counts) as [ReactionKey, number][]) {
    if (content !== null && key !== content) continue;
    for (let i = 0; i < count; i++) {
      const user = ctx.world.user(`reactor-${(i % 997) + 1}`);
      const id = (Number.parseInt(fakeSha(`${seed}:${key}:${i}`).slice(0, 8), 16) % 2_000_000_000) + 10_000;
      out.push({ id, node_id: nodeId("REA", id), user: renderUser(user, ctx), content: key, created_at: createdAt });
    }
  }
  return out.sort((a, b) => (a.id as number) - (b.id as number));
}

export function renderPull(thread: ThreadRecord, ctx: RenderContext): Json {
  const pull = thread.data.pull;
  const repoUrl = repoApiUrl(thread.repo, ctx);
  const url = `${repoUrl}/pulls/${thread.number}`;
  const html = threadHtmlUrl(thread, ctx);
  const issue = renderIssue(thread, ctx);
  const mergedEvent = thread.events.find((e) => e.data.event === "merged");
  const headRef = `pr-${thread.number}`;
  const side = (ref: string, sha: string, login: string): Json => ({
    label: `${login}:${ref}`,
    ref,
    sha,
    user: userOf(login, ctx),
    repo: renderRepository(thread.repo, ctx),
  });
  return {
    url,
    id: thread.id,
    node_id: thread.nodeId,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApiUrl(thread, ctx),
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl}/pulls/comments{/number}`,
    comments_url: `${issueApiUrl(thread, ctx)}/comments`,
    statuses_url: `${repoUrl}/statuses/${fakeSha(`head:${thread.key}`)}`,
    number: thread.number,
    state: thread.data.state,
    locked: thread.data.locked,
    title: thread.data.title,
    user: issue.user,
    body: thread.data.body,
    labels: issue.labels,
    milestone: null,
    active_lock_reason: issue.active_lock_reason,
    created_at: thread.data.created_at,
    updated_at: thread.data.updated_at,
    closed_at: thread.data.closed_at,
    merged_at: pull?.merged_at ?? null,
    merge_commit_sha: pull?.merge_commit_sha ?? null,
    assignee: issue.assignee,
    assignees: issue.assignees,
    requested_reviewers: [],
    requested_teams: [],
    head: side(headRef, fakeSha(`head:${thread.key}`), thread.data.author.login),
    base: side(pull?.base ?? thread.repo.defaultBranch, fakeSha(`base:${thread.key}`), thread.repo.owner),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueApiUrl(thread, ctx) },
      comments: { href: `${issueApiUrl(thread, ctx)}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoUrl}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${repoUrl}/statuses/${fakeSha(`head:${thread.key}`)}` },
    },
    author_association: thread.data.author.association,
    auto_merge: null,
    draft: pull?.draft ?? false,
    merged: pull?.merged ?? false,
    mergeable: null,
    rebaseable: null,
    mergeable_state: "unknown",
    merged_by: pull?.merged ? userOf(mergedEvent?.data.actor ?? null, ctx) : null,
    comments: thread.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

export function renderRelease(release: ReleaseRecord, repo: RepoRecord, ctx: RenderContext): Json {
  const repoUrl = repoApiUrl(repo, ctx);
  const url = `${repoUrl}/releases/${release.id}`;
  return {
    url,
    html_url: `${ctx.htmlBase}/${repo.fullName}/releases/tag/${release.tag}`,
    assets_url: `${url}/assets`,
    upload_url: `${ctx.apiBase}/uploads/repos/${repo.fullName}/releases/${release.id}/assets{?name,label}`,
    tarball_url: `${repoUrl}/tarball/${release.tag}`,
    zipball_url: `${repoUrl}/zipball/${release.tag}`,
    id: release.id,
    node_id: release.nodeId,
    tag_name: release.tag,
    target_commitish: repo.defaultBranch,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    immutable: false,
    created_at: release.publishedAt,
    published_at: release.publishedAt,
    author: userOf("github-actions[bot]", ctx),
    assets: [],
  };
}

/** A commit date: its PR's merge time, else the nearest later release, else the repo's creation. */
export function commitDate(sha: string, repo: RepoRecord, world: World): string {
  const pull = world.pullByMergeCommit(sha);
  if (pull?.data.pull?.merged_at) return pull.data.pull.merged_at;
  const index = repo.historyIndex.get(sha);
  if (index !== undefined) {
    let best: string | null = null;
    for (const release of repo.releases) {
      const at = repo.historyIndex.get(release.sha);
      if (at !== undefined && at >= index && (best === null || release.publishedAt < best)) best = release.publishedAt;
    }
    if (best !== null) return best;
  }
  return repo.createdAt;
}

export function commitMessage(sha: string, world: World): string {
  const pull = world.pullByMergeCommit(sha);
  return pull ? `${pull.data.title} (#${pull.number})` : `Commit ${sha.slice(0, 7)}`;
}

export function renderCommit(sha: string, repo: RepoRecord, ctx: RenderContext): Json {
  const repoUrl = repoApiUrl(repo, ctx);
  const date = commitDate(sha, repo, ctx.world);
  const index = repo.historyIndex.get(sha);
  const parentSha = index !== undefined && index > 0 ? (repo.history[index - 1] as string) : null;
  const pull = ctx.world.pullByMergeCommit(sha);
  const login = pull?.data.author.login ?? repo.owner;
  const gitUser = { name: login, email: `${login}@users.noreply.github.com`, date };
  const tree = fakeSha(`tree:${sha}`);
  return {
    url: `${repoUrl}/commits/${sha}`,
    sha,
    node_id: nodeId("C", `${repo.id}:${sha}`),
    html_url: `${ctx.htmlBase}/${repo.fullName}/commit/${sha}`,
    comments_url: `${repoUrl}/commits/${sha}/comments`,
    commit: {
      url: `${repoUrl}/git/commits/${sha}`,
      author: gitUser,
      committer: { name: "GitHub", email: "noreply@github.com", date },
      message: commitMessage(sha, ctx.world),
      comment_count: 0,
      tree: { sha: tree, url: `${repoUrl}/git/trees/${tree}` },
      verification: { verified: false, reason: "unsigned", payload: null, signature: null, verified_at: null },
    },
    author: userOf(login, ctx),
    committer: null,
    parents:
      parentSha === null
        ? []
        : [
            {
              sha: parentSha,
              url: `${repoUrl}/commits/${parentSha}`,
              html_url: `${ctx.htmlBase}/${repo.fullName}/commit/${parentSha}`,
            },
          ],
  };
}

export const renderRateLimitItem = (limit: number, used: number, reset: number, resource: string): Json => ({
  limit,
  used,
  remaining: Math.max(0, limit - used),
  reset,
  resource,
});
