// Test-only: turns fixture files (shared/fixtures/FORMAT.md) into Threads the way each API would
// deliver them. "graphql" fills what only GraphQL can tell (closer, canonical, subject,
// willCloseTarget, closedByPulls); "rest" leaves those null/empty, as GitHub's REST API does.
import { threadUrl } from "../refs/parse-ref.js";
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
export type Fixture = {
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

export type Api = "graphql" | "rest";
/** Fixtures by "owner/repo#number". */
export type FixtureWorld = Map<string, Fixture>;

const HOST = "github.com";

export function parseFixtureRef(text: string): IssueRef {
  const m = /^([^/]+)\/([^#]+)#(\d+)$/.exec(text);
  if (!m?.[1] || !m[2]) throw new Error(`bad fixture ref ${text}`);
  return { host: HOST, owner: m[1], repo: m[2], number: Number(m[3]) };
}

const key = (r: IssueRef) => `${r.owner}/${r.repo}#${r.number}`;

export function fixtureSummary(world: FixtureWorld, refText: string): ThreadSummary {
  const ref = parseFixtureRef(refText);
  const f = world.get(refText);
  if (!f) throw new Error(`fixture ${refText} missing`);
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
const reactions = (r: Partial<ReactionCounts>): ReactionCounts => ({ ...emptyReactions(), ...r });

export function fixtureThread(world: FixtureWorld, refText: string, api: Api): Thread {
  const ref = parseFixtureRef(refText);
  const f = world.get(refText);
  if (!f) throw new Error(`fixture ${refText} missing`);
  const url = threadUrl(ref, f.type);
  const gql = api === "graphql";
  const closesMe = (source: Fixture | undefined) => source?.pull?.closes?.includes(refText) ?? false;
  const refOrNull = (v: unknown) => (gql && typeof v === "string" ? parseFixtureRef(v) : null);

  const events = f.events.map((e): TimelineEvent => {
    const base = { actor: e.actor, createdAt: e.created_at };
    switch (e.event) {
      case "cross-referenced": {
        const source = String(e.source);
        return {
          ...base,
          type: "cross-referenced",
          source: fixtureSummary(world, source),
          willCloseTarget: gql ? closesMe(world.get(source)) : null,
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
      case "referenced":
        return { ...base, type: "referenced", commitSha: String(e.commit_id), commitUrl: null };
      case "labeled":
      case "unlabeled":
        return { ...base, type: e.event, label: String(e.label) };
      case "merged":
        return { ...base, type: "merged", commitSha: typeof e.commit_id === "string" ? e.commit_id : null };
      default:
        return { ...base, type: "other", name: e.event };
    }
  });

  const closedByPulls = gql
    ? [...world.entries()].filter(([, other]) => closesMe(other)).map(([k]) => parseFixtureRef(k))
    : [];

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
    closedByPulls: closedByPulls.sort((a, b) => key(a).localeCompare(key(b))),
    movedFrom: null,
  };
}
