// Test-only: the one set of builders for small inline domain values (refs, threads, comments, events,
// summaries, links, reports), everything defaulted and overridable. Every test builds its threads and
// reports here, so a change to a domain type is made once.
import { threadUrl } from "../refs/parse-ref.js";
import type { Evidence, LinkedThread, Relation } from "./link.js";
import { REPORT_SCHEMA_VERSION, type Report } from "./report.js";
import type { AuthorAssociation, Comment, IssueRef, Thread, ThreadSummary, TimelineEvent } from "./types.js";
import { emptyReactions } from "./types.js";

/** "acme/widget#number" on github.com unless told otherwise. */
export const ref = (number: number, owner = "acme", repo = "widget", host = "github.com"): IssueRef => ({
  host,
  owner,
  repo,
  number,
});

/** The default thread's ref and URL. */
export const REF: IssueRef = ref(7);
export const URL7 = threadUrl(REF);

/** A thread with everything defaulted; its URL follows its ref and kind, a pull gets an unmerged PullInfo. */
export function makeThread(over: Partial<Thread> = {}): Thread {
  const r = over.ref ?? REF;
  const kind = over.kind ?? "issue";
  return {
    ref: r,
    kind,
    url: threadUrl(r, kind),
    title: "Widget crashes on start",
    body: "",
    author: { login: "alice", association: "NONE", isBot: false },
    state: "open",
    stateReason: null,
    labels: [],
    locked: false,
    activeLockReason: null,
    createdAt: "2024-01-01T10:00:00Z",
    updatedAt: "2024-01-02T10:00:00Z",
    closedAt: null,
    reactions: emptyReactions(),
    pull:
      kind === "pull" ? { merged: false, mergedAt: null, draft: false, mergeCommitSha: null, baseRef: "main" } : null,
    comments: [],
    events: [],
    closedByPulls: [],
    movedFrom: null,
    ...over,
  };
}

export type CommentOptions = {
  association?: AuthorAssociation;
  plusOnes?: number;
  id?: number;
  /** When it was written (and last edited). */
  at?: string;
  /** The thread it is on (for its URL); the default thread unless told. */
  on?: Pick<Thread, "url">;
};

let nextId = 1000;
/** A comment by `login`; a login ending in "[bot]" is a bot. */
export function comment(login: string, body: string, opts: CommentOptions = {}): Comment {
  const id = opts.id ?? nextId++;
  const at = opts.at ?? "2024-01-01T12:00:00Z";
  return {
    id,
    url: `${opts.on?.url ?? URL7}#issuecomment-${id}`,
    author: { login, association: opts.association ?? "NONE", isBot: login.endsWith("[bot]") },
    createdAt: at,
    updatedAt: at,
    body,
    reactions: { ...emptyReactions(), "+1": opts.plusOnes ?? 0 },
  };
}

export const labeled = (label: string, actor = "maintainer"): TimelineEvent => ({
  type: "labeled",
  label,
  actor,
  createdAt: "2024-01-01T13:00:00Z",
});

export const crossRef = (
  source: ThreadSummary,
  willCloseTarget: boolean | null = null,
  at = "2024-01-03T00:00:00Z",
): TimelineEvent => ({ type: "cross-referenced", actor: "referrer", createdAt: at, source, willCloseTarget });

/** A summary of `target` (a number in the default repository, or a ref), titled "Thread n". */
export function summary(target: number | IssueRef, over: Partial<ThreadSummary> = {}): ThreadSummary {
  const kind = over.kind ?? "issue";
  const r = typeof target === "number" ? { ...REF, number: target } : target;
  return {
    ref: r,
    kind,
    url: threadUrl(r, kind),
    title: `Thread ${r.number}`,
    state: "open",
    stateReason: null,
    merged: kind === "pull" ? false : null,
    mergedAt: null,
    draft: kind === "pull" ? false : null,
    ...over,
  };
}

/** A linked thread found through a cross-reference, at `depth`. */
export function linked(s: ThreadSummary | null, relations: Relation[], number?: number, depth = 1): LinkedThread {
  const target = s?.ref ?? { ...REF, number: number ?? 1 };
  const evidence: Evidence = {
    source: "timeline",
    url: s?.url ?? threadUrl(target),
    event: "cross-referenced",
    actor: "bob",
    at: "2024-01-01T14:00:00Z",
    excerpt: null,
  };
  return { target, relations, evidence: [evidence], summary: s, depth };
}

/** The report fields a thread decides. */
function threadFields(t: Thread): Partial<Report> {
  return {
    ref: `${t.ref.owner}/${t.ref.repo}#${t.ref.number}`,
    host: t.ref.host,
    url: t.url,
    kind: t.kind,
    title: t.title,
    state: t.state,
    stateReason: t.stateReason,
    labels: t.labels,
    locked: t.locked,
    author: t.author?.login ?? null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    closedAt: t.closedAt,
    body: t.body,
  };
}

/**
 * A small, complete Report (so tests of votes, tools, trending, the store and the server do not depend on
 * the analysis engine). `from`: take the thread's own fields (ref, title, state, ...) before `overrides`.
 */
export function makeReport(overrides: Partial<Report> = {}, from?: Thread): Report {
  const base = { ...(from ? threadFields(from) : {}), ...overrides };
  const ref = base.ref ?? "acme/widget#7";
  const [ownerRepo, num] = ref.split("#");
  const url = base.url ?? `https://github.com/${ownerRepo}/issues/${num}`;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    ref,
    host: "github.com",
    url,
    kind: "issue",
    title: "Widget crashes on start",
    state: "open",
    stateReason: null,
    labels: [],
    locked: false,
    author: "alice",
    createdAt: "2026-04-01T10:00:00Z",
    updatedAt: "2026-04-02T10:00:00Z",
    closedAt: null,
    transferredFrom: null,
    stats: { comments: 3, participants: 2, timelineEvents: 5, reactions: 1 },
    timelineTop: [
      { type: "commented", count: 3 },
      { type: "labeled", count: 2 },
    ],
    errorMessage: "TypeError: cannot read properties of undefined (reading 'x')",
    body: "It crashes.\n\n```\nTypeError: cannot read properties of undefined (reading 'x')\n```",
    links: [],
    commits: [],
    fix: { status: "none", summary: "No fix is known.", pulls: [] },
    sections: {
      tldr: [{ text: "The widget crashes on start.", citations: [{ label: "issue", url }] }],
      guidance: [],
      example: null,
      notes: [],
      recommendation: { text: "Wait for a fix.", citations: [{ label: "issue", url }] },
    },
    meta: {
      fetchedAt: "2026-04-02T11:00:00Z",
      generatedAt: "2026-04-02T11:00:00Z",
      via: "graphql",
      apiRequests: { rest: 0, graphql: 3 },
      depth: 1,
      analyzer: "deterministic",
    },
    ...base,
  };
}

/** A report's meta with these times (the rest defaulted). */
export const reportMeta = (generatedAt: string, fetchedAt = "2024-02-01T00:00:00.000Z"): Report["meta"] => ({
  ...makeReport().meta,
  generatedAt,
  fetchedAt,
});
