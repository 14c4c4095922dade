// The in-memory world: repositories, threads, comments and timeline events in one canonical form.
// REST and GraphQL both render from it, so the two APIs always agree. Built from fixture-shaped
// objects (a directory is only one way to get them); indexed by repo and number so requests never
// scan more than they return, except the cached issue-list orderings.
import {
  type FixtureEvent,
  type FixtureRepo,
  type FixtureThread,
  fixtureRefPattern,
  type ParsedRepo,
  type ParsedThread,
  parseRepo,
  parseThread,
  type ReactionKey,
  reactionKeys,
} from "./fixture-schema.js";
import { fnv1a, IdAllocator, nodeId } from "./ids.js";

export type UserRecord = { id: number; nodeId: string; login: string; type: "User" | "Bot" };
export type LabelRecord = { id: number; nodeId: string; name: string; color: string };
export type ReactionCounts = Record<ReactionKey, number>;

export type ReleaseRecord = {
  id: number;
  nodeId: string;
  tag: string;
  sha: string;
  name: string | null;
  body: string | null;
  publishedAt: string;
  draft: boolean;
  prerelease: boolean;
};

export type RepoRecord = {
  id: number;
  nodeId: string;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  description: string | null;
  createdAt: string;
  /** The default branch, oldest first (linear history). */
  history: string[];
  historyIndex: Map<string, number>;
  /** Newest first, as GitHub lists them. */
  releases: ReleaseRecord[];
  threads: Map<number, ThreadRecord>;
};

export type CommentRecord = {
  id: number;
  nodeId: string;
  thread: ThreadRecord;
  author: { login: string; association: string };
  body: string;
  createdAt: string;
  updatedAt: string;
  reactions: ReactionCounts;
};

export type EventRecord = { id: number; nodeId: string; thread: ThreadRecord; data: FixtureEvent; index: number };

export type TimelineEntry =
  | { kind: "comment"; at: string; comment: CommentRecord }
  | { kind: "event"; at: string; event: EventRecord };

export type ThreadStatus = "live" | "deleted" | "transferred";

export type ThreadRecord = {
  /** "owner/repo#n" as first loaded (a transfer makes a new record). */
  key: string;
  repo: RepoRecord;
  number: number;
  id: number;
  nodeId: string;
  isPull: boolean;
  data: ParsedThread;
  createdMs: number;
  updatedMs: number;
  comments: CommentRecord[];
  events: EventRecord[];
  /** Comments and events interleaved by time (comments first on a tie); computed on first use. */
  readonly timeline: TimelineEntry[];
  status: ThreadStatus;
  transferredTo: ThreadRecord | null;
  reactions: ReactionCounts;
};

export type WorldInput = { threads: readonly FixtureThread[]; repos?: readonly FixtureRepo[] };
export type IssueListFilter = {
  state: "open" | "closed" | "all";
  sort: "created" | "updated" | "comments";
  direction: "asc" | "desc";
  since: number | null;
  /** REST lists pull requests too; GraphQL `issues` does not. */
  pulls: "include" | "exclude" | "only";
};

/** "owner/repo#n" as the fixtures (and the control API) write a thread. */
function parseRef(ref: string): { owner: string; repo: string; number: number } | null {
  const match = fixtureRefPattern.exec(ref);
  if (match === null) return null;
  return { owner: match[1] as string, repo: match[2] as string, number: Number(match[3]) };
}

const noReactions: ReactionCounts = Object.freeze(
  Object.fromEntries(reactionKeys.map((key) => [key, 0])) as ReactionCounts,
);

/** All eight counts; threads and comments without reactions share one frozen object (memory for big worlds). */
export function reactionCounts(partial: Partial<Record<ReactionKey, number>> | undefined): ReactionCounts {
  if (partial === undefined || reactionKeys.every((key) => !partial[key])) return noReactions;
  const out = {} as ReactionCounts;
  for (const key of reactionKeys) out[key] = partial[key] ?? 0;
  return out;
}

const isBot = (login: string): boolean => login.endsWith("[bot]");

export class World {
  readonly #input: WorldInput;
  readonly #clock: () => number;
  #ids = new IdAllocator();
  #repos = new Map<string, RepoRecord>();
  #reposById = new Map<number, RepoRecord>();
  #comments = new Map<number, CommentRecord>();
  #users = new Map<string, UserRecord>();
  #closingPulls = new Map<ThreadRecord, ThreadRecord[]>();
  #manualLinks = new Set<string>();
  #pullsByMergeCommit = new Map<string, ThreadRecord>();
  #knownCommits = new Map<string, RepoRecord>();
  #listCache = new Map<string, ThreadRecord[]>();
  /** Bumped on every change so caches keyed on it (ETags included) stay honest. */
  version = 0;

  constructor(input: WorldInput, options: { clock?: () => number } = {}) {
    this.#input = input;
    this.#clock = options.clock ?? Date.now;
    this.#load();
  }

  /** Back to the state the fixtures describe (undoes transfers, deletions and privacy changes). */
  reset(): void {
    this.#ids = new IdAllocator();
    this.#repos = new Map();
    this.#reposById = new Map();
    this.#comments = new Map();
    this.#users = new Map();
    this.#load();
    this.version++;
  }

  #load(): void {
    const repoFiles = new Map<string, ParsedRepo>();
    for (const [i, repo] of (this.#input.repos ?? []).entries()) {
      repoFiles.set(
        `${repo.owner}/${repo.repo}`.toLowerCase(),
        parseRepo(repo, `${repo.owner}/${repo.repo}/_repo.json (#${i})`),
      );
      if (repo.id !== undefined) this.#ids.claim(repo.id);
    }
    const parsed = this.#input.threads.map((thread, i) => ({
      owner: thread.owner,
      repo: thread.repo,
      data: parseThread(thread, `${thread.owner}/${thread.repo}/${thread.number}.json (#${i})`),
    }));
    const repoNames = new Set<string>();
    for (const repo of this.#input.repos ?? []) repoNames.add(`${repo.owner}/${repo.repo}`);
    for (const thread of parsed) repoNames.add(`${thread.owner}/${thread.repo}`);
    for (const fullName of [...repoNames].sort()) {
      const [owner, name] = fullName.split("/") as [string, string];
      this.#addRepo(owner, name, repoFiles.get(fullName.toLowerCase()));
    }
    parsed.sort((a, b) =>
      a.owner === b.owner
        ? a.repo === b.repo
          ? a.data.number - b.data.number
          : a.repo < b.repo
            ? -1
            : 1
        : a.owner < b.owner
          ? -1
          : 1,
    );
    for (const { owner, repo, data } of parsed) {
      const record = this.repo(owner, repo) as RepoRecord;
      if (record.threads.has(data.number)) throw new Error(`duplicate thread fixture ${owner}/${repo}#${data.number}`);
      this.#addThread(record, data);
    }
    this.#checkReferences();
    this.#reindex();
  }

  #addRepo(owner: string, name: string, file: ParsedRepo | undefined): RepoRecord {
    const fullName = `${owner}/${name}`;
    const id = file?.id ?? this.#ids.alloc(`repo:${fullName.toLowerCase()}`);
    const history = file?.history ?? [];
    const historyIndex = new Map(history.map((sha, i) => [sha, i]));
    const repo: RepoRecord = {
      id,
      nodeId: nodeId("R", id),
      owner,
      name,
      fullName,
      private: file?.private ?? false,
      defaultBranch: file?.default_branch ?? "main",
      description: file?.description ?? null,
      createdAt: file?.created_at ?? "2015-01-01T00:00:00Z",
      history,
      historyIndex,
      releases: [],
      threads: new Map(),
    };
    for (const release of file?.releases ?? []) {
      if (history.length > 0 && !historyIndex.has(release.sha))
        throw new Error(
          `malformed repository fixture ${fullName}/_repo.json: release ${release.tag} sha is not in history`,
        );
      const releaseId = this.#ids.alloc(`release:${fullName}:${release.tag}`);
      repo.releases.push({
        id: releaseId,
        nodeId: nodeId("RE", releaseId),
        tag: release.tag,
        sha: release.sha,
        name: release.name ?? release.tag,
        body: release.body ?? null,
        publishedAt: release.published_at,
        draft: release.draft ?? false,
        prerelease: release.prerelease ?? false,
      });
    }
    repo.releases.sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0));
    this.#repos.set(fullName.toLowerCase(), repo);
    this.#reposById.set(id, repo);
    return repo;
  }

  #addThread(repo: RepoRecord, data: ParsedThread, id?: number): ThreadRecord {
    const key = `${repo.fullName}#${data.number}`;
    const isPull = data.type === "pull";
    const threadId = id ?? this.#ids.alloc(`issue:${key}`);
    let timeline: TimelineEntry[] | null = null;
    let timelineOf = 0;
    const thread: ThreadRecord = {
      key,
      repo,
      number: data.number,
      id: threadId,
      nodeId: nodeId(isPull ? "PR" : "I", `${repo.id}:${data.number}`),
      isPull,
      data,
      createdMs: Date.parse(data.created_at),
      updatedMs: Date.parse(data.updated_at),
      comments: [],
      events: [],
      get timeline() {
        // Recomputed when a comment was posted through the API (addComment).
        if (timeline === null || timelineOf !== this.comments.length) {
          timeline = interleave(this.comments, this.events);
          timelineOf = this.comments.length;
        }
        return timeline;
      },
      status: "live",
      transferredTo: null,
      reactions: reactionCounts(data.reactions),
    };
    for (const c of data.comments) {
      const comment: CommentRecord = {
        id: c.id,
        nodeId: nodeId("IC", c.id),
        thread,
        author: c.author,
        body: c.body,
        createdAt: c.created_at,
        updatedAt: c.updated_at ?? c.created_at,
        reactions: reactionCounts(c.reactions),
      };
      if (this.#comments.has(c.id)) throw new Error(`duplicate comment id ${c.id} in ${key}`);
      this.#comments.set(c.id, comment);
      thread.comments.push(comment);
    }
    thread.events = data.events.map((event, index) => {
      const eventId = (fnv1a(`event:${key}:${index}`) % 2_000_000_000) + 10_000;
      return { id: eventId, nodeId: nodeId("EV", `${repo.id}:${data.number}:${index}`), thread, data: event, index };
    });
    repo.threads.set(data.number, thread);
    return thread;
  }

  #checkReferences(): void {
    for (const repo of this.#repos.values()) {
      for (const thread of repo.threads.values()) {
        const where = `${thread.key} (${repo.fullName}/${thread.number}.json)`;
        const refs: string[] = [...(thread.data.pull?.closes ?? [])];
        for (const { data } of thread.events) {
          if ("source" in data) refs.push(data.source);
          if ("subject" in data) refs.push(data.subject);
          if ("canonical" in data) refs.push(data.canonical);
          if ("closer" in data && data.closer) refs.push(data.closer);
        }
        for (const ref of refs)
          if (this.lookup(ref) === undefined) throw new Error(`fixture ${where} names ${ref}, which has no fixture`);
        if (!thread.isPull && thread.data.pull !== null) throw new Error(`fixture ${where}: an issue has "pull" data`);
        if (thread.isPull && thread.data.pull === null)
          throw new Error(`fixture ${where}: a pull request needs "pull"`);
      }
    }
  }

  #reindex(): void {
    this.#closingPulls = new Map();
    this.#manualLinks = new Set();
    this.#pullsByMergeCommit = new Map();
    this.#knownCommits = new Map();
    this.#listCache = new Map();
    for (const repo of this.#repos.values()) {
      for (const sha of repo.history) this.#knownCommits.set(sha, repo);
    }
    for (const repo of this.#repos.values()) {
      for (const thread of repo.threads.values()) {
        if (thread.status !== "live") continue;
        const pull = thread.data.pull;
        if (pull) {
          for (const ref of pull.closes) {
            const issue = this.resolve(ref);
            if (issue === undefined) continue;
            const list = this.#closingPulls.get(issue) ?? [];
            if (!list.includes(thread)) list.push(thread);
            this.#closingPulls.set(issue, list);
          }
          if (pull.merge_commit_sha) {
            this.#pullsByMergeCommit.set(pull.merge_commit_sha, thread);
            if (!this.#knownCommits.has(pull.merge_commit_sha)) this.#knownCommits.set(pull.merge_commit_sha, repo);
          }
        }
        for (const { data } of thread.events) {
          if ("commit_id" in data && data.commit_id && !this.#knownCommits.has(data.commit_id))
            this.#knownCommits.set(data.commit_id, repo);
          if (data.event !== "connected" && data.event !== "disconnected") continue;
          const other = this.resolve(data.subject);
          if (other === undefined) continue;
          const [issue, pr] = thread.isPull ? [other, thread] : [thread, other];
          const link = `${issue.key}|${pr.key}`;
          if (data.event === "connected") this.#manualLinks.add(link);
          else this.#manualLinks.delete(link);
        }
      }
    }
    // Manual (sidebar) links count as closing links too.
    for (const link of this.#manualLinks) {
      const [issueKey, prKey] = link.split("|") as [string, string];
      const issue = this.resolve(issueKey);
      const pr = this.resolve(prKey);
      if (!pr?.isPull || !issue || issue.isPull) continue;
      const list = this.#closingPulls.get(issue) ?? [];
      if (!list.includes(pr)) list.push(pr);
      this.#closingPulls.set(issue, list);
    }
    for (const list of this.#closingPulls.values())
      list.sort((a, b) => a.createdMs - b.createdMs || a.number - b.number);
  }

  // ---- lookups ------------------------------------------------------------------------------

  repos(): RepoRecord[] {
    return [...this.#repos.values()];
  }

  /** Owner and name are case-insensitive, as on GitHub. */
  repo(owner: string, name: string): RepoRecord | undefined {
    return this.#repos.get(`${owner}/${name}`.toLowerCase());
  }

  repoById(id: number): RepoRecord | undefined {
    return this.#reposById.get(id);
  }

  /** The record stored under a ref, whatever its status. */
  lookup(ref: string): ThreadRecord | undefined {
    const parsed = parseRef(ref);
    if (parsed === null) return undefined;
    return this.repo(parsed.owner, parsed.repo)?.threads.get(parsed.number);
  }

  /** The thread a ref names as it is now: follows transfers; undefined when deleted or missing. */
  resolve(ref: string | ThreadRecord): ThreadRecord | undefined {
    let thread = typeof ref === "string" ? this.lookup(ref) : ref;
    while (thread?.status === "transferred") thread = thread.transferredTo ?? undefined;
    return thread?.status === "live" ? thread : undefined;
  }

  comment(id: number): CommentRecord | undefined {
    return this.#comments.get(id);
  }

  user(login: string | null): UserRecord {
    const name = login ?? "ghost";
    let user = this.#users.get(name);
    if (user === undefined) {
      // Pure function of the login, so ids do not depend on request order.
      const id = (fnv1a(`user:${name}`) % 200_000_000) + 1_000;
      const type = isBot(name) ? "Bot" : "User";
      user = { id, nodeId: nodeId(type === "Bot" ? "BOT" : "U", id), login: name, type };
      this.#users.set(name, user);
    }
    return user;
  }

  label(repo: RepoRecord, name: string): LabelRecord {
    const id = (fnv1a(`label:${repo.fullName}:${name}`) % 2_000_000_000) + 10_000;
    const color = (fnv1a(`color:${name}`) & 0xffffff).toString(16).padStart(6, "0");
    return { id, nodeId: nodeId("LA", id), name, color };
  }

  /** Pull requests that close this issue: closing keywords/`closes` plus manual sidebar links. */
  closingPulls(issue: ThreadRecord): readonly ThreadRecord[] {
    return this.#closingPulls.get(issue) ?? [];
  }

  isManualLink(issue: ThreadRecord, pull: ThreadRecord): boolean {
    return this.#manualLinks.has(`${issue.key}|${pull.key}`);
  }

  /** Issues a pull request closes, in `closes` order, plus manual links. */
  closedIssues(pull: ThreadRecord): ThreadRecord[] {
    const out: ThreadRecord[] = [];
    for (const ref of pull.data.pull?.closes ?? []) {
      const issue = this.resolve(ref);
      if (issue && !out.includes(issue)) out.push(issue);
    }
    for (const link of this.#manualLinks) {
      const [issueKey, prKey] = link.split("|") as [string, string];
      if (prKey !== pull.key) continue;
      const issue = this.resolve(issueKey);
      if (issue && !out.includes(issue)) out.push(issue);
    }
    return out;
  }

  pullByMergeCommit(sha: string): ThreadRecord | undefined {
    return this.#pullsByMergeCommit.get(sha);
  }

  /** The repository a commit is known in (history, merge commits, events), or undefined. */
  commitRepo(sha: string): RepoRecord | undefined {
    return this.#knownCommits.get(sha);
  }

  /** Issues (and pulls) of a repo in list order; cached per filter until the world changes. */
  list(repo: RepoRecord, filter: IssueListFilter): readonly ThreadRecord[] {
    const key = `${repo.id}|${filter.state}|${filter.sort}|${filter.direction}|${filter.since}|${filter.pulls}`;
    const cached = this.#listCache.get(key);
    if (cached) return cached;
    const out: ThreadRecord[] = [];
    for (const thread of repo.threads.values()) {
      if (thread.status !== "live") continue;
      if (filter.pulls === "exclude" && thread.isPull) continue;
      if (filter.pulls === "only" && !thread.isPull) continue;
      if (filter.state !== "all" && thread.data.state !== filter.state) continue;
      if (filter.since !== null && thread.updatedMs < filter.since) continue;
      out.push(thread);
    }
    const value = (t: ThreadRecord): number =>
      filter.sort === "created" ? t.createdMs : filter.sort === "updated" ? t.updatedMs : t.comments.length;
    const sign = filter.direction === "asc" ? 1 : -1;
    out.sort((a, b) => sign * (value(a) - value(b) || a.number - b.number));
    if (this.#listCache.size > 64) this.#listCache.clear();
    this.#listCache.set(key, out);
    return out;
  }

  // ---- state changes (they persist until reset) ----------------------------------------------

  /** Moves an issue to another repository (created if needed); the old number then answers 301/404. */
  /** A comment posted through the API (POST .../issues/{n}/comments): kept until reset. */
  addComment(thread: ThreadRecord, author: { login: string; association: string }, body: string): CommentRecord {
    const at = new Date(this.#clock()).toISOString().replace(/\.\d{3}Z$/, "Z");
    const id = this.#ids.alloc(`posted-comment:${thread.key}:${thread.comments.length}:${at}`);
    const comment: CommentRecord = {
      id,
      nodeId: nodeId("IC", id),
      thread,
      author,
      body,
      createdAt: at,
      updatedAt: at,
      reactions: reactionCounts(undefined),
    };
    this.#comments.set(id, comment);
    thread.comments.push(comment);
    this.#touch(thread, at);
    return comment;
  }

  /** A comment edited through the API (PATCH .../issues/comments/{id}). */
  editComment(comment: CommentRecord, body: string): CommentRecord {
    const at = new Date(this.#clock()).toISOString().replace(/\.\d{3}Z$/, "Z");
    comment.body = body;
    comment.updatedAt = at;
    this.#touch(comment.thread, at);
    return comment;
  }

  #touch(thread: ThreadRecord, at: string): void {
    (thread.data as { updated_at: string }).updated_at = at;
    thread.updatedMs = Date.parse(at);
    this.#listCache = new Map();
    this.version++;
  }

  transferIssue(ref: string, toRepo: string, options: { number?: number; actor?: string } = {}): ThreadRecord {
    const thread = this.resolve(ref);
    if (thread === undefined) throw new Error(`cannot transfer ${ref}: no such live thread`);
    if (thread.isPull) throw new Error(`cannot transfer ${ref}: pull requests cannot be transferred`);
    const [owner, name] = toRepo.split("/");
    if (!owner || !name) throw new Error(`cannot transfer to ${toRepo}: expected owner/repo`);
    const target = this.repo(owner, name) ?? this.#addRepo(owner, name, undefined);
    if (target === thread.repo) throw new Error(`cannot transfer ${ref} to its own repository`);
    const number = options.number ?? Math.max(0, ...target.threads.keys()) + 1;
    if (target.threads.has(number)) throw new Error(`cannot transfer to ${target.fullName}#${number}: number in use`);
    const at = new Date(this.#clock()).toISOString().replace(/\.\d{3}Z$/, "Z");
    const data: ParsedThread = {
      ...thread.data,
      number,
      updated_at: at,
      events: [
        ...thread.data.events,
        {
          event: "transferred",
          actor: options.actor ?? thread.data.author.login,
          created_at: at,
          from_repo: thread.repo.fullName,
        },
      ],
    };
    for (const comment of thread.comments) this.#comments.delete(comment.id);
    const moved = this.#addThread(target, data, thread.id);
    thread.status = "transferred";
    thread.transferredTo = moved;
    this.#changed();
    return moved;
  }

  /** Deletes an issue: REST then answers 410, GraphQL NOT_FOUND. */
  deleteIssue(ref: string): void {
    const thread = this.resolve(ref);
    if (thread === undefined) throw new Error(`cannot delete ${ref}: no such live thread`);
    thread.status = "deleted";
    this.#changed();
  }

  /** A private repository answers 404 (REST) and NOT_FOUND (GraphQL) to a reader without access. */
  setRepoPrivate(fullName: string, isPrivate = true): void {
    const [owner, name] = fullName.split("/");
    const repo = owner && name ? this.repo(owner, name) : undefined;
    if (repo === undefined) throw new Error(`no repository ${fullName}`);
    repo.private = isPrivate;
    this.#changed();
  }

  #changed(): void {
    this.version++;
    this.#reindex();
  }
}

/** Merges comments and events (each already oldest first in the fixture) by time, stably. */
export function interleave(comments: readonly CommentRecord[], events: readonly EventRecord[]): TimelineEntry[] {
  const entries: { at: number; rank: number; seq: number; entry: TimelineEntry }[] = [];
  for (const [seq, comment] of comments.entries()) {
    const entry: TimelineEntry = { kind: "comment", at: comment.createdAt, comment };
    entries.push({ at: Date.parse(comment.createdAt), rank: 0, seq, entry });
  }
  for (const [seq, event] of events.entries()) {
    const entry: TimelineEntry = { kind: "event", at: event.data.created_at, event };
    entries.push({ at: Date.parse(event.data.created_at), rank: 1, seq, entry });
  }
  entries.sort((a, b) => a.at - b.at || a.rank - b.rank || a.seq - b.seq);
  return entries.map((e) => e.entry);
}
