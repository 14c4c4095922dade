// Test-only: fixture files (shared/fixtures/FORMAT.md) as the domain types GraphQL would deliver.
// Pure: the caller reads the files (tests may touch the disk, src/core may not) and hands in JSON.
import { threadUrl } from "../refs/parse-ref.js";
import type { LinkedThread } from "../thread/link.js";
import type {
  Actor,
  AuthorAssociation,
  IssueRef,
  ReactionCounts,
  StateReason,
  Thread,
  ThreadSummary,
  TimelineEvent,
} from "../thread/types.js";
import { emptyReactions } from "../thread/types.js";

type FixtureAuthor = { login: string; association: AuthorAssociation } | null;
type FixtureEvent = { event: string; actor: string | null; created_at: string } & Record<string, unknown>;
export type FixtureThread = {
  type: "issue" | "pull";
  number: number;
  title: string;
  body: string;
  author: FixtureAuthor;
  state: "open" | "closed";
  state_reason: StateReason;
  labels: string[];
  locked: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  reactions: Partial<ReactionCounts>;
  pull: {
    merged: boolean;
    merged_at: string | null;
    draft: boolean;
    base: string;
    merge_commit_sha?: string;
    closes?: string[];
  } | null;
  comments: {
    id: number;
    author: FixtureAuthor;
    created_at: string;
    body: string;
    reactions: Partial<ReactionCounts>;
  }[];
  events: FixtureEvent[];
};
export type FixtureRepo = {
  history?: string[];
  releases?: { tag: string; sha: string; published_at: string | null }[];
};

/** One file of a fixture directory: `<owner>/<repo>/<name>` and its parsed JSON. */
export type FixtureFile = { owner: string; repo: string; name: string; json: unknown };

export type FixtureWorld = {
  /** Threads by "owner/repo#n". */
  threads: Map<string, FixtureThread>;
  /** Repository files by "owner/repo". */
  repos: Map<string, FixtureRepo>;
};

const HOST = "github.com";

export function fixtureWorld(files: readonly FixtureFile[]): FixtureWorld {
  const world: FixtureWorld = { threads: new Map(), repos: new Map() };
  for (const f of files) {
    if (f.name === "_repo.json") world.repos.set(`${f.owner}/${f.repo}`, f.json as FixtureRepo);
    const m = /^(\d+)\.json$/.exec(f.name);
    if (m) world.threads.set(`${f.owner}/${f.repo}#${m[1]}`, f.json as FixtureThread);
  }
  return world;
}

export function parseFixtureRef(text: string): IssueRef {
  const m = /^([^/]+)\/([^#]+)#(\d+)$/.exec(text);
  if (!m?.[1] || !m[2]) throw new Error(`bad fixture ref ${text}`);
  return { host: HOST, owner: m[1], repo: m[2], number: Number(m[3]) };
}

const keyOf = (r: IssueRef): string => `${r.owner}/${r.repo}#${r.number}`;

function get(world: FixtureWorld, refText: string): FixtureThread {
  const f = world.threads.get(refText);
  if (!f) throw new Error(`fixture ${refText} missing`);
  return f;
}

export function fixtureSummary(world: FixtureWorld, refText: string): ThreadSummary {
  const ref = parseFixtureRef(refText);
  const f = get(world, refText);
  return {
    ref,
    kind: f.type,
    url: threadUrl(ref, f.type),
    title: f.title,
    state: f.state,
    stateReason: f.state_reason,
    merged: f.pull ? f.pull.merged : null,
    mergedAt: f.pull ? f.pull.merged_at : null,
    draft: f.pull ? f.pull.draft : null,
    mergeCommitSha: f.pull?.merge_commit_sha ?? null,
  };
}

const actor = (a: FixtureAuthor): Actor | null =>
  a ? { login: a.login, association: a.association, isBot: a.login.endsWith("[bot]") } : null;
const reactions = (r: Partial<ReactionCounts> | undefined): ReactionCounts => ({ ...emptyReactions(), ...r });

/** The thread as GraphQL delivers it (closer, canonical, willCloseTarget and closedByPulls filled). */
export function fixtureThread(world: FixtureWorld, refText: string): Thread {
  const ref = parseFixtureRef(refText);
  const f = get(world, refText);
  const url = threadUrl(ref, f.type);
  const closesMe = (source: FixtureThread | undefined) => source?.pull?.closes?.includes(refText) ?? false;
  const refOrNull = (v: unknown) => (typeof v === "string" ? parseFixtureRef(v) : null);

  const events = f.events.map((e): TimelineEvent => {
    const base = { actor: e.actor, createdAt: e.created_at };
    switch (e.event) {
      case "cross-referenced": {
        const source = String(e.source);
        return {
          ...base,
          type: "cross-referenced",
          source: fixtureSummary(world, source),
          willCloseTarget: closesMe(world.threads.get(source)),
        };
      }
      case "connected":
      case "disconnected":
        return { ...base, type: e.event, subject: refOrNull(e.subject) };
      case "marked_as_duplicate":
      case "unmarked_as_duplicate":
        return { ...base, type: e.event, canonical: refOrNull(e.canonical) };
      case "closed": {
        const pull = refOrNull(e.closer);
        const sha = typeof e.commit_id === "string" ? e.commit_id : null;
        return {
          ...base,
          type: "closed",
          stateReason: (e.state_reason as StateReason) ?? null,
          closer: pull ? { kind: "pull", ref: pull } : sha ? { kind: "commit", sha, url: null } : null,
        };
      }
      case "reopened":
        return { ...base, type: "reopened", stateReason: null };
      case "referenced":
        return { ...base, type: "referenced", commitSha: String(e.commit_id), commitUrl: null };
      case "labeled":
      case "unlabeled":
        return { ...base, type: e.event, label: String(e.label) };
      case "renamed":
        return { ...base, type: "renamed", from: String(e.from), to: String(e.to) };
      case "merged":
        return { ...base, type: "merged", commitSha: typeof e.commit_id === "string" ? e.commit_id : null };
      case "reviewed":
        return { ...base, type: "reviewed", state: String(e.state), body: String(e.body ?? "") };
      default:
        return { ...base, type: "other", name: e.event };
    }
  });

  const closedByPulls = [...world.threads.entries()]
    .filter(([, other]) => closesMe(other))
    .map(([k]) => parseFixtureRef(k))
    .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

  return {
    ref,
    kind: f.type,
    url,
    title: f.title,
    body: f.body,
    author: actor(f.author),
    state: f.state,
    stateReason: f.state_reason,
    labels: f.labels,
    locked: f.locked,
    activeLockReason: null,
    createdAt: f.created_at,
    updatedAt: f.updated_at,
    closedAt: f.closed_at,
    reactions: reactions(f.reactions),
    pull: f.pull
      ? {
          merged: f.pull.merged,
          mergedAt: f.pull.merged_at,
          draft: f.pull.draft,
          mergeCommitSha: f.pull.merge_commit_sha ?? null,
          baseRef: f.pull.base,
        }
      : null,
    comments: f.comments.map((c) => ({
      id: c.id,
      url: `${url}#issuecomment-${c.id}`,
      author: actor(c.author),
      createdAt: c.created_at,
      updatedAt: c.created_at,
      body: c.body,
      reactions: reactions(c.reactions),
    })),
    events,
    closedByPulls,
    movedFrom: null,
  };
}

/** What the crawl needs, answered from the fixtures (a ref outside the tree is gone). */
export function fixtureCrawlDeps(world: FixtureWorld) {
  return {
    fetchSummaries: async (refs: IssueRef[]) =>
      new Map(
        refs.map((r) => [
          `${r.host.toLowerCase()}/${r.owner.toLowerCase()}/${r.repo.toLowerCase()}#${r.number}`,
          world.threads.has(keyOf(r)) ? fixtureSummary(world, keyOf(r)) : null,
        ]),
      ),
    fetchThread: async (r: IssueRef) => (world.threads.has(keyOf(r)) ? fixtureThread(world, keyOf(r)) : null),
  };
}

/**
 * The first release containing each merged closing pull's merge commit, as the stand-in's compare
 * would answer from `_repo.json` (a commit is in a release when it stands at or before its sha).
 */
export function fixtureReleases(
  world: FixtureWorld,
  links: readonly LinkedThread[],
): Map<string, { tag: string; publishedAt: string | null } | null> {
  const out = new Map<string, { tag: string; publishedAt: string | null } | null>();
  for (const link of links) {
    const sha = link.summary?.mergeCommitSha;
    if (!link.summary?.merged || !sha || !link.relations.includes("closed-by")) continue;
    const repo = world.repos.get(`${link.target.owner}/${link.target.repo}`);
    const history = repo?.history ?? [];
    const at = history.indexOf(sha);
    const release =
      at < 0
        ? undefined
        : (repo?.releases ?? []).find((r) => history.indexOf(r.sha) >= at && history.indexOf(r.sha) >= 0);
    out.set(keyOf(link.target), release ? { tag: release.tag, publishedAt: release.published_at } : null);
  }
  return out;
}
