// World records -> GraphQL source objects. Fields are plain values or functions `(args, ctx, info)`
// (graphql's default field resolver calls them); unions and interfaces resolve via `__typename`.
// GraphQL says what REST cannot: ClosedEvent.closer, ConnectedEvent.subject, MarkedAsDuplicateEvent.canonical,
// CrossReferencedEvent.willCloseTarget, closedByPullRequestsReferences, closingIssuesReferences.
import type { GraphQLResolveInfo } from "graphql";
import type { ReactionKey } from "../fixture-schema.js";
import { decodeNodeId, fakeSha, fnv1a, nodeId } from "../ids.js";
import { activeLockReason, assigneesOf, commitDate, commitMessage } from "../rest/render.js";
import type {
  CommentRecord,
  EventRecord,
  IssueListFilter,
  ReactionCounts,
  ReleaseRecord,
  RepoRecord,
  ThreadRecord,
  TimelineEntry,
  World,
} from "../world.js";
import { type ConnectionArgs, connection, githubError } from "./connection.js";

export type RateLimitInfo = {
  cost: number;
  limit: number;
  remaining: number;
  used: number;
  resetAt: string;
  nodeCount: number;
};

export type GraphQLEnv = { world: World; htmlBase: string; rateLimit: () => RateLimitInfo };

type Obj = Record<string, unknown>;
type Resolver<A = Obj> = (args: A, ctx: unknown, info: GraphQLResolveInfo) => unknown;

const reactionContent: Record<ReactionKey, string> = {
  "+1": "THUMBS_UP",
  "-1": "THUMBS_DOWN",
  laugh: "LAUGH",
  hooray: "HOORAY",
  confused: "CONFUSED",
  heart: "HEART",
  rocket: "ROCKET",
  eyes: "EYES",
};

const eventTypenames: Record<string, string> = {
  labeled: "LabeledEvent",
  unlabeled: "UnlabeledEvent",
  "cross-referenced": "CrossReferencedEvent",
  connected: "ConnectedEvent",
  disconnected: "DisconnectedEvent",
  referenced: "ReferencedEvent",
  closed: "ClosedEvent",
  reopened: "ReopenedEvent",
  marked_as_duplicate: "MarkedAsDuplicateEvent",
  unmarked_as_duplicate: "UnmarkedAsDuplicateEvent",
  renamed: "RenamedTitleEvent",
  assigned: "AssignedEvent",
  unassigned: "UnassignedEvent",
  locked: "LockedEvent",
  unlocked: "UnlockedEvent",
  transferred: "TransferredEvent",
  merged: "MergedEvent",
  reviewed: "PullRequestReview",
};
/** Members of PullRequestTimelineItems that IssueTimelineItems lacks. */
const pullOnlyTypenames = new Set(["MergedEvent", "PullRequestReview"]);

/** IssueComment -> ISSUE_COMMENT: the itemTypes enum value of a timeline typename. */
export const itemTypeOf = (typename: string): string => typename.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();

const enumOf = (value: string | null | undefined): string | null =>
  value == null ? null : value.replace(/[- ]/g, "_").toUpperCase();

export function timelineTypename(entry: TimelineEntry): string {
  return entry.kind === "comment" ? "IssueComment" : (eventTypenames[entry.event.data.event] ?? "UnknownEvent");
}

/** Builds (and caches, per request) the GraphQL objects of one query. */
export class GraphQLNodes {
  readonly #env: GraphQLEnv;
  readonly #threads = new Map<ThreadRecord, Obj>();
  readonly #repos = new Map<RepoRecord, Obj>();

  constructor(env: GraphQLEnv) {
    this.#env = env;
  }

  get #world(): World {
    return this.#env.world;
  }

  root(): Obj {
    const world = this.#world;
    return {
      repository: ({ owner, name }: { owner: string; name: string }) => {
        const repo = world.repo(owner, name);
        if (repo === undefined || repo.private)
          throw githubError("NOT_FOUND", `Could not resolve to a Repository with the name '${owner}/${name}'.`);
        return this.repo(repo);
      },
      rateLimit: () => this.#env.rateLimit(),
      viewer: () => this.actor("standin-viewer"),
      node: ({ id }: { id: string }) => this.#byId(id),
      nodes: ({ ids }: { ids: string[] }) => {
        if (ids.length > 100)
          throw githubError("EXCESSIVE_PAGINATION", "You may not request more than 100 node ids at once.");
        return ids.map((id) => this.#byId(id));
      },
    };
  }

  #byId(id: string): Obj | null {
    const decoded = decodeNodeId(id);
    const world = this.#world;
    const notFound = () => githubError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'`);
    if (decoded === null) throw notFound();
    if (decoded.prefix === "R") {
      const repo = world.repoById(Number(decoded.key));
      if (repo === undefined || repo.private) throw notFound();
      return this.repo(repo);
    }
    if (decoded.prefix === "I" || decoded.prefix === "PR") {
      const [repoId, number] = decoded.key.split(":").map(Number) as [number, number];
      const thread = world.repoById(repoId)?.threads.get(number);
      if (thread === undefined || thread.status !== "live" || thread.repo.private) throw notFound();
      return this.thread(thread);
    }
    if (decoded.prefix === "IC") {
      const comment = world.comment(Number(decoded.key));
      if (comment === undefined || comment.thread.status !== "live" || comment.thread.repo.private) throw notFound();
      return this.comment(comment);
    }
    throw notFound();
  }

  // ---- actors, labels, commits, releases ---------------------------------------------------

  actor(login: string | null): Obj {
    const user = this.#world.user(login);
    const isBot = user.type === "Bot";
    // GraphQL names apps without the "[bot]" suffix REST shows.
    const shown = isBot ? user.login.replace(/\[bot\]$/, "") : user.login;
    const path = isBot ? `/apps/${shown}` : `/${shown}`;
    return {
      __typename: user.type,
      id: user.nodeId,
      databaseId: user.id,
      login: shown,
      name: null,
      url: `${this.#env.htmlBase}${path}`,
      resourcePath: path,
      avatarUrl: () => `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      createdAt: "2015-01-01T00:00:00Z",
      updatedAt: "2015-01-01T00:00:00Z",
    };
  }

  /** For fields typed `User` (not `Actor`). */
  #user(login: string): Obj {
    return { ...this.actor(login), __typename: "User", login };
  }

  #label(repo: RepoRecord, name: string): Obj {
    const label = this.#world.label(repo, name);
    const path = `/${repo.fullName}/labels/${encodeURIComponent(name)}`;
    return {
      __typename: "Label",
      id: label.nodeId,
      name,
      color: label.color,
      description: null,
      isDefault: false,
      url: `${this.#env.htmlBase}${path}`,
      resourcePath: path,
      createdAt: null,
      updatedAt: null,
      repository: () => this.repo(repo),
    };
  }

  commit(sha: string, repo: RepoRecord): Obj {
    const world = this.#world;
    const path = `/${repo.fullName}/commit/${sha}`;
    const date = commitDate(sha, repo, world);
    const message = commitMessage(sha, world);
    const pull = world.pullByMergeCommit(sha);
    const login = pull?.data.author.login ?? repo.owner;
    const gitActor = { name: login, email: `${login}@users.noreply.github.com`, date, user: () => this.#user(login) };
    return {
      __typename: "Commit",
      id: nodeId("C", `${repo.id}:${sha}`),
      oid: sha,
      abbreviatedOid: sha.slice(0, 7),
      url: `${this.#env.htmlBase}${path}`,
      commitUrl: `${this.#env.htmlBase}${path}`,
      resourcePath: path,
      commitResourcePath: path,
      message,
      messageHeadline: message,
      messageBody: "",
      committedDate: date,
      authoredDate: date,
      pushedDate: null,
      additions: 0,
      deletions: 0,
      changedFiles: 0,
      author: gitActor,
      committer: { name: "GitHub", email: "noreply@github.com", date, user: null },
      repository: () => this.repo(repo),
      associatedPullRequests: (args: ConnectionArgs, _: unknown, info: GraphQLResolveInfo) =>
        connection(pull && this.#visible(pull) ? [pull] : [], args, info, (t) => this.thread(t)),
    };
  }

  #release(release: ReleaseRecord, repo: RepoRecord): Obj {
    const path = `/${repo.fullName}/releases/tag/${release.tag}`;
    const latest = repo.releases.find((r) => !r.draft && !r.prerelease);
    return {
      __typename: "Release",
      id: release.nodeId,
      databaseId: release.id,
      name: release.name,
      tagName: release.tag,
      description: release.body,
      publishedAt: release.publishedAt,
      createdAt: release.publishedAt,
      updatedAt: release.publishedAt,
      isDraft: release.draft,
      isPrerelease: release.prerelease,
      isLatest: latest === release,
      url: `${this.#env.htmlBase}${path}`,
      resourcePath: path,
      tagCommit: () => this.commit(release.sha, repo),
      tag: {
        __typename: "Ref",
        id: nodeId("C", `${repo.id}:refs/tags/${release.tag}`),
        name: release.tag,
        prefix: "refs/tags/",
      },
      author: () => this.#user(repo.owner),
      repository: () => this.repo(repo),
    };
  }

  // ---- repository ----------------------------------------------------------------------------

  repo(repo: RepoRecord): Obj {
    const cached = this.#repos.get(repo);
    if (cached) return cached;
    const world = this.#world;
    const html = `${this.#env.htmlBase}/${repo.fullName}`;
    const live = (number: number): ThreadRecord | undefined => {
      const thread = repo.threads.get(number);
      return thread?.status === "live" ? thread : undefined;
    };
    const issueOrder = (
      orderBy: { field?: string; direction?: string } | null | undefined,
    ): Pick<IssueListFilter, "sort" | "direction"> => ({
      sort: orderBy?.field === "UPDATED_AT" ? "updated" : orderBy?.field === "COMMENTS" ? "comments" : "created",
      direction: orderBy?.direction === "DESC" ? "desc" : "asc",
    });
    type IssuesArgs = ConnectionArgs & {
      states?: string[] | null;
      labels?: string[] | null;
      orderBy?: { field?: string; direction?: string } | null;
      filterBy?: { since?: string | null; states?: string[] | null; labels?: string[] | null } | null;
    };
    const issues: Resolver<IssuesArgs> = (args, _, info) => {
      const states = args.states ?? args.filterBy?.states ?? null;
      const open = states === null || states.includes("OPEN");
      const closed = states === null || states.includes("CLOSED");
      const since = args.filterBy?.since ? Date.parse(args.filterBy.since) : null;
      let items = world.list(repo, {
        state: open && closed ? "all" : open ? "open" : "closed",
        since,
        pulls: "exclude",
        ...issueOrder(args.orderBy),
      });
      if (open === false && closed === false) items = [];
      const labels = [...(args.labels ?? []), ...(args.filterBy?.labels ?? [])];
      if (labels.length > 0) items = items.filter((t) => labels.some((l) => t.data.labels.includes(l)));
      return connection(items, args, info, (t) => this.thread(t));
    };
    const pullRequests: Resolver<IssuesArgs> = (args, _, info) => {
      let items = world.list(repo, { state: "all", since: null, pulls: "only", ...issueOrder(args.orderBy) });
      if (args.states) items = items.filter((t) => args.states?.includes(pullState(t)));
      return connection(items, args, info, (t) => this.thread(t));
    };
    const releases: Resolver<ConnectionArgs & { orderBy?: { field?: string; direction?: string } | null }> = (
      args,
      _,
      info,
    ) => {
      let items = repo.releases.filter((r) => !r.draft);
      const orderBy = args.orderBy;
      if (orderBy) {
        const sign = orderBy.direction === "ASC" ? 1 : -1;
        const value = (r: ReleaseRecord): string => (orderBy.field === "NAME" ? (r.name ?? r.tag) : r.publishedAt);
        items = [...items].sort((a, b) => sign * (value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0));
      }
      return connection(items, args, info, (r) => this.#release(r, repo));
    };
    const owner = world.user(repo.owner);
    const node: Obj = {
      __typename: "Repository",
      id: repo.nodeId,
      databaseId: repo.id,
      name: repo.name,
      nameWithOwner: repo.fullName,
      owner: {
        __typename: "Organization",
        id: nodeId("O", owner.id),
        login: repo.owner,
        url: `${this.#env.htmlBase}/${repo.owner}`,
        resourcePath: `/${repo.owner}`,
        avatarUrl: () => `https://avatars.githubusercontent.com/u/${owner.id}?v=4`,
      },
      url: html,
      resourcePath: `/${repo.fullName}`,
      description: repo.description,
      isPrivate: repo.private,
      visibility: repo.private ? "PRIVATE" : "PUBLIC",
      isArchived: false,
      isFork: false,
      isDisabled: false,
      isLocked: false,
      isTemplate: false,
      hasIssuesEnabled: true,
      stargazerCount: 0,
      forkCount: 0,
      createdAt: repo.createdAt,
      updatedAt: repo.releases[0]?.publishedAt ?? repo.createdAt,
      pushedAt: repo.releases[0]?.publishedAt ?? repo.createdAt,
      defaultBranchRef: {
        __typename: "Ref",
        id: nodeId("C", `${repo.id}:refs/heads/${repo.defaultBranch}`),
        name: repo.defaultBranch,
        prefix: "refs/heads/",
      },
      issue: ({ number }: { number: number }) => {
        const thread = live(number);
        if (thread === undefined && repo.threads.get(number)?.status === "transferred")
          throw githubError("NOT_FOUND", `Could not resolve to an issue or pull request with the number of ${number}.`);
        if (thread === undefined || thread.isPull)
          throw githubError("NOT_FOUND", `Could not resolve to an Issue with the number of ${number}.`);
        return this.thread(thread);
      },
      pullRequest: ({ number }: { number: number }) => {
        const thread = live(number);
        if (thread === undefined || !thread.isPull)
          throw githubError("NOT_FOUND", `Could not resolve to a PullRequest with the number of ${number}.`);
        return this.thread(thread);
      },
      issueOrPullRequest: ({ number }: { number: number }) => {
        const thread = live(number);
        if (thread === undefined)
          throw githubError("NOT_FOUND", `Could not resolve to an issue or pull request with the number of ${number}.`);
        return this.thread(thread);
      },
      issues,
      pullRequests,
      releases,
      release: ({ tagName }: { tagName: string }) => {
        const release = repo.releases.find((r) => r.tag === tagName);
        return release ? this.#release(release, repo) : null;
      },
      latestRelease: () => {
        const release = repo.releases.find((r) => !r.draft && !r.prerelease);
        return release ? this.#release(release, repo) : null;
      },
      object: ({ oid, expression }: { oid?: string; expression?: string }) => {
        const ref = oid ?? expression ?? "";
        const sha = repo.historyIndex.has(ref) || world.commitRepo(ref) === repo ? ref : null;
        return sha ? this.commit(sha, repo) : null;
      },
    };
    this.#repos.set(repo, node);
    return node;
  }

  // ---- issues and pull requests ----------------------------------------------------------------

  #visible(thread: ThreadRecord): boolean {
    return thread.status === "live" && !thread.repo.private;
  }

  #reactionGroups(counts: ReactionCounts, createdAt: string, subject: () => Obj): Obj[] {
    return (Object.keys(reactionContent) as ReactionKey[]).map((key) => {
      const logins = Array.from({ length: counts[key] }, (_, i) => `reactor-${(i % 997) + 1}`);
      const people: Resolver<ConnectionArgs> = (args, _, info) => connection(logins, args, info, (l) => this.#user(l));
      return {
        __typename: "ReactionGroup",
        content: reactionContent[key],
        createdAt: counts[key] > 0 ? createdAt : null,
        viewerHasReacted: false,
        subject,
        reactors: people,
        users: people,
      };
    });
  }

  #reactions(
    counts: ReactionCounts,
    seed: string,
    createdAt: string,
    subject: () => Obj,
  ): Resolver<ConnectionArgs & { content?: string | null }> {
    return (args, _, info) => {
      const items: { key: ReactionKey; i: number }[] = [];
      for (const key of Object.keys(reactionContent) as ReactionKey[]) {
        if (args.content && reactionContent[key] !== args.content) continue;
        for (let i = 0; i < counts[key]; i++) items.push({ key, i });
      }
      return connection(items, args, info, ({ key, i }) => {
        const id = (fnv1a(`${seed}:${key}:${i}`) % 2_000_000_000) + 10_000;
        return {
          __typename: "Reaction",
          id: nodeId("REA", id),
          databaseId: id,
          content: reactionContent[key],
          createdAt,
          user: this.#user(`reactor-${(i % 997) + 1}`),
          reactable: subject,
        };
      });
    };
  }

  comment(comment: CommentRecord): Obj {
    const thread = comment.thread;
    const path = `/${thread.repo.fullName}/${thread.isPull ? "pull" : "issues"}/${thread.number}#issuecomment-${comment.id}`;
    const self: Obj = {
      __typename: "IssueComment",
      id: comment.nodeId,
      // Real comment ids exceed 32 bits; graphql's Int then fails as GitHub's does: use fullDatabaseId.
      databaseId: comment.id,
      fullDatabaseId: String(comment.id),
      url: `${this.#env.htmlBase}${path}`,
      resourcePath: path,
      body: comment.body,
      bodyText: comment.body,
      author: () => this.actor(comment.author.login),
      authorAssociation: comment.author.association,
      createdAt: comment.createdAt,
      updatedAt: comment.updatedAt,
      publishedAt: comment.createdAt,
      lastEditedAt: comment.updatedAt === comment.createdAt ? null : comment.updatedAt,
      isMinimized: false,
      minimizedReason: null,
      includesCreatedEdit: false,
      createdViaEmail: false,
      viewerDidAuthor: false,
      editor: null,
      issue: () => this.thread(thread),
      pullRequest: () => (thread.isPull ? this.thread(thread) : null),
      repository: () => this.repo(thread.repo),
    };
    self.reactionGroups = this.#reactionGroups(comment.reactions, comment.createdAt, () => self);
    self.reactions = this.#reactions(comment.reactions, `comment:${comment.id}`, comment.createdAt, () => self);
    return self;
  }

  thread(thread: ThreadRecord): Obj {
    const cached = this.#threads.get(thread);
    if (cached) return cached;
    const world = this.#world;
    const data = thread.data;
    const path = `/${thread.repo.fullName}/${thread.isPull ? "pull" : "issues"}/${thread.number}`;
    const self: Obj = {
      __typename: thread.isPull ? "PullRequest" : "Issue",
      id: thread.nodeId,
      databaseId: thread.id,
      fullDatabaseId: String(thread.id),
      number: thread.number,
      title: data.title,
      body: data.body,
      bodyText: data.body,
      url: `${this.#env.htmlBase}${path}`,
      resourcePath: path,
      permalink: `${this.#env.htmlBase}${path}`,
      closed: data.state === "closed",
      closedAt: data.closed_at,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      publishedAt: data.created_at,
      lastEditedAt: null,
      locked: data.locked,
      activeLockReason: enumOf(activeLockReason(thread)),
      author: () => this.actor(data.author.login),
      authorAssociation: data.author.association,
      includesCreatedEdit: false,
      createdViaEmail: false,
      viewerDidAuthor: false,
      isPinned: false,
      milestone: null,
      editor: null,
      repository: () => this.repo(thread.repo),
      labels: ((args, _, info) =>
        connection(data.labels, args, info, (name) => this.#label(thread.repo, name))) as Resolver<ConnectionArgs>,
      assignees: ((args, _, info) =>
        connection(assigneesOf(thread), args, info, (login) => this.#user(login))) as Resolver<ConnectionArgs>,
      participants: ((args, _, info) => {
        const logins = [...new Set([data.author.login, ...thread.comments.map((c) => c.author.login)])];
        return connection(logins, args, info, (login) => this.#user(login));
      }) as Resolver<ConnectionArgs>,
      comments: ((args, _, info) =>
        connection(thread.comments, args, info, (c) => this.comment(c))) as Resolver<ConnectionArgs>,
      timelineItems: this.#timeline(thread),
    };
    self.reactionGroups = this.#reactionGroups(thread.reactions, data.created_at, () => self);
    self.reactions = this.#reactions(thread.reactions, `issue:${thread.key}`, data.created_at, () => self);
    if (thread.isPull) {
      const pull = data.pull;
      Object.assign(self, {
        state: pullState(thread),
        merged: pull?.merged ?? false,
        mergedAt: pull?.merged_at ?? null,
        mergedBy: () => {
          const merged = thread.events.find((e) => e.data.event === "merged");
          return pull?.merged ? this.actor(merged?.data.actor ?? null) : null;
        },
        isDraft: pull?.draft ?? false,
        baseRefName: pull?.base ?? thread.repo.defaultBranch,
        headRefName: `pr-${thread.number}`,
        headRefOid: fakeSha(`head:${thread.key}`),
        isCrossRepository: false,
        maintainerCanModify: false,
        mergeable: "UNKNOWN",
        reviewDecision: null,
        additions: 0,
        deletions: 0,
        changedFiles: 0,
        mergeCommit: () => (pull?.merge_commit_sha ? this.commit(pull.merge_commit_sha, thread.repo) : null),
        baseRepository: () => this.repo(thread.repo),
        headRepository: () => this.repo(thread.repo),
        closingIssuesReferences: ((args, _, info) => {
          let issues = world.closedIssues(thread).filter((t) => this.#visible(t));
          if (args.userLinkedOnly) issues = issues.filter((issue) => world.isManualLink(issue, thread));
          return connection(issues, args, info, (t) => this.thread(t));
        }) as Resolver<ConnectionArgs & { userLinkedOnly?: boolean }>,
      });
    } else {
      Object.assign(self, {
        state: data.state === "open" ? "OPEN" : "CLOSED",
        stateReason: enumOf(data.state_reason),
        duplicateOf: () => {
          if (data.state_reason !== "duplicate") return null;
          const canonical = duplicateTarget(thread, world);
          return canonical && !canonical.isPull && this.#visible(canonical) ? this.thread(canonical) : null;
        },
        closedByPullRequestsReferences: ((args, _, info) => {
          let pulls = world.closingPulls(thread).filter((t) => this.#visible(t));
          if (args.userLinkedOnly) pulls = pulls.filter((pull) => world.isManualLink(thread, pull));
          // Default false: GitHub then lists open pull requests only (closed and merged are left out).
          if (!args.includeClosedPrs) pulls = pulls.filter((pull) => pull.data.state === "open");
          if (args.orderByState) pulls = [...pulls].sort((a, b) => rankState(a) - rankState(b));
          return connection(pulls, args, info, (t) => this.thread(t));
        }) as Resolver<
          ConnectionArgs & { includeClosedPrs?: boolean; userLinkedOnly?: boolean; orderByState?: boolean }
        >,
      });
    }
    this.#threads.set(thread, self);
    return self;
  }

  #timeline(thread: ThreadRecord): Resolver<ConnectionArgs & { itemTypes?: string[] | null; since?: string | null }> {
    return (args, _, info) => {
      const types = args.itemTypes ? new Set(args.itemTypes) : null;
      const since = args.since ? Date.parse(args.since) : null;
      const items = thread.timeline.filter((entry) => {
        const typename = timelineTypename(entry);
        if (!thread.isPull && pullOnlyTypenames.has(typename)) return false;
        if (types !== null && !types.has(itemTypeOf(typename))) return false;
        if (since !== null && Date.parse(entry.at) < since) return false;
        if (entry.kind === "event" && entry.event.data.event === "cross-referenced") {
          const source = this.#world.resolve(entry.event.data.source);
          return source !== undefined && !source.repo.private;
        }
        return true;
      });
      return connection(items, args, info, (entry) => this.#timelineItem(entry, thread), {
        updatedAt: thread.data.updated_at,
      });
    };
  }

  #timelineItem(entry: TimelineEntry, thread: ThreadRecord): Obj {
    if (entry.kind === "comment") return this.comment(entry.comment);
    return this.#event(entry.event, thread);
  }

  #event(event: EventRecord, thread: ThreadRecord): Obj {
    const world = this.#world;
    const data = event.data;
    const typename = eventTypenames[data.event] ?? "UnknownEvent";
    const here = () => this.thread(thread);
    const threadPath = `/${thread.repo.fullName}/${thread.isPull ? "pull" : "issues"}/${thread.number}`;
    const base: Obj = {
      __typename: typename,
      id: event.nodeId,
      actor: () => this.actor(data.actor),
      createdAt: data.created_at,
    };
    const ref = (r: string): Obj | null => {
      const target = world.resolve(r);
      return target && this.#visible(target) ? this.thread(target) : null;
    };
    const crossRepo = (r: string): boolean => world.resolve(r)?.repo !== thread.repo;
    switch (data.event) {
      case "cross-referenced": {
        const source = world.resolve(data.source);
        const resourcePath = `${threadPath}#ref-${source?.isPull ? "pullrequest" : "issue"}-${source?.id ?? 0}`;
        return {
          ...base,
          source: () => ref(data.source),
          target: here,
          referencedAt: data.created_at,
          isCrossRepository: crossRepo(data.source),
          // Set when the source is a pull request whose closing references name this thread.
          willCloseTarget:
            source?.isPull === true && (source.data.pull?.closes ?? []).some((r) => world.resolve(r) === thread),
          url: `${this.#env.htmlBase}${resourcePath}`,
          resourcePath,
        };
      }
      case "connected":
      case "disconnected":
        return { ...base, source: here, subject: () => ref(data.subject), isCrossRepository: crossRepo(data.subject) };
      case "marked_as_duplicate":
      case "unmarked_as_duplicate":
        return {
          ...base,
          canonical: () => ref(data.canonical),
          duplicate: here,
          isCrossRepository: crossRepo(data.canonical),
        };
      case "closed": {
        const resourcePath = `${threadPath}#event-${event.id}`;
        return {
          ...base,
          closable: here,
          closer: () => {
            if (data.closer) {
              const closer = world.resolve(data.closer);
              return closer?.isPull && this.#visible(closer) ? this.thread(closer) : null;
            }
            return data.commit_id ? this.commit(data.commit_id, world.commitRepo(data.commit_id) ?? thread.repo) : null;
          },
          stateReason: enumOf(data.state_reason ?? null),
          duplicateOf: () => {
            if (data.state_reason !== "duplicate") return null;
            const canonical = duplicateTarget(thread, world);
            return canonical && this.#visible(canonical) ? this.thread(canonical) : null;
          },
          url: `${this.#env.htmlBase}${resourcePath}`,
          resourcePath,
        };
      }
      case "reopened":
        return { ...base, closable: here, stateReason: enumOf(data.state_reason ?? null) };
      case "referenced":
        return {
          ...base,
          commit: () => this.commit(data.commit_id, world.commitRepo(data.commit_id) ?? thread.repo),
          commitRepository: () => this.repo(world.commitRepo(data.commit_id) ?? thread.repo),
          isCrossRepository: (world.commitRepo(data.commit_id) ?? thread.repo) !== thread.repo,
          isDirectReference: true,
          subject: here,
        };
      case "labeled":
      case "unlabeled":
        return { ...base, label: () => this.#label(thread.repo, data.label), labelable: here };
      case "renamed":
        return { ...base, previousTitle: data.from, currentTitle: data.to, subject: here };
      case "assigned":
      case "unassigned":
        return {
          ...base,
          assignee: () => this.actor(data.assignee),
          user: () => this.#user(data.assignee),
          assignable: here,
        };
      case "locked":
        return { ...base, lockReason: enumOf(data.lock_reason ?? null), lockable: here };
      case "unlocked":
        return { ...base, lockable: here };
      case "transferred": {
        const [owner, name] = data.from_repo.split("/") as [string, string];
        const from = world.repo(owner, name);
        return { ...base, fromRepository: () => (from && !from.private ? this.repo(from) : null), issue: here };
      }
      case "merged": {
        const sha = data.commit_id ?? thread.data.pull?.merge_commit_sha ?? null;
        const resourcePath = `${threadPath}#event-${event.id}`;
        return {
          ...base,
          commit: () => (sha ? this.commit(sha, thread.repo) : null),
          mergeRefName: thread.data.pull?.base ?? thread.repo.defaultBranch,
          mergeRef: null,
          pullRequest: here,
          url: `${this.#env.htmlBase}${resourcePath}`,
          resourcePath,
        };
      }
      case "reviewed": {
        const resourcePath = `${threadPath}#pullrequestreview-${event.id}`;
        const association =
          data.actor === thread.data.author.login
            ? thread.data.author.association
            : (thread.comments.find((c) => c.author.login === data.actor)?.author.association ?? "NONE");
        const review: Obj = {
          __typename: "PullRequestReview",
          id: nodeId("PRR", event.id),
          databaseId: event.id,
          fullDatabaseId: String(event.id),
          author: () => this.actor(data.actor),
          authorAssociation: association,
          body: data.body ?? "",
          bodyText: data.body ?? "",
          state: enumOf(data.state),
          submittedAt: data.created_at,
          createdAt: data.created_at,
          updatedAt: data.created_at,
          publishedAt: data.created_at,
          lastEditedAt: null,
          includesCreatedEdit: false,
          createdViaEmail: false,
          isMinimized: false,
          minimizedReason: null,
          url: `${this.#env.htmlBase}${resourcePath}`,
          resourcePath,
          pullRequest: here,
          repository: () => this.repo(thread.repo),
          commit: null,
          comments: ((args, _, info) => connection([], args, info, (x) => x)) as Resolver<ConnectionArgs>,
        };
        review.reactionGroups = this.#reactionGroups(
          Object.fromEntries(Object.keys(reactionContent).map((k) => [k, 0])) as ReactionCounts,
          data.created_at,
          () => review,
        );
        return review;
      }
    }
  }
}

export function pullState(thread: ThreadRecord): string {
  if (thread.data.pull?.merged) return "MERGED";
  return thread.data.state === "open" ? "OPEN" : "CLOSED";
}

const rankState = (t: ThreadRecord): number => (t.data.state === "open" ? 0 : t.data.pull?.merged ? 1 : 2);

/** The canonical of the last marked_as_duplicate not undone by a later unmarked_as_duplicate. */
function duplicateTarget(thread: ThreadRecord, world: World): ThreadRecord | undefined {
  let canonical: string | null = null;
  for (const { data } of thread.events) {
    if (data.event === "marked_as_duplicate") canonical = data.canonical;
    if (data.event === "unmarked_as_duplicate" && data.canonical === canonical) canonical = null;
  }
  return canonical === null ? undefined : world.resolve(canonical);
}
