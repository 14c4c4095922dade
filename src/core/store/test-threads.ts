// Small domain values for store tests (imported by tests only).
import type { Report } from "../thread/report.js";
import { REPORT_SCHEMA_VERSION } from "../thread/report.js";
import type { IssueRef, Thread, ThreadSummary } from "../thread/types.js";
import { emptyReactions } from "../thread/types.js";

/** A thread row as schema version 1 wrote it (for upgrade tests that build an old database by hand). */
export const V1_THREAD_INSERT = `INSERT INTO threads (ref_key, ref, repo_key, number, kind, state, state_reason, title,
  updated_at, duplicate_of, fetched_at, etag, via, error_message, data)
  VALUES (?, ?, ?, ?, 'issue', 'open', NULL, ?, '2024-01-02T00:00:00.000Z', NULL, '2024-02-01T00:00:00.000Z', NULL, 'graphql', NULL, ?)`;

export function v1ThreadParams(t: Thread): unknown[] {
  const { host, owner, repo, number } = t.ref;
  return [
    `${host}/${owner}/${repo}#${number}`.toLowerCase(),
    `${host}/${owner}/${repo}#${number}`,
    `${host}/${owner}/${repo}`.toLowerCase(),
    number,
    t.title,
    JSON.stringify(t),
  ];
}

export const ref = (owner: string, repo: string, number: number, host = "github.com"): IssueRef => ({
  host,
  owner,
  repo,
  number,
});

export function makeThread(r: IssueRef, overrides: Partial<Thread> = {}): Thread {
  const url = `https://${r.host}/${r.owner}/${r.repo}/issues/${r.number}`;
  return {
    ref: r,
    kind: "issue",
    url,
    title: `Thread ${r.number}`,
    body: "",
    author: { login: "ann", association: "NONE", isBot: false },
    state: "open",
    stateReason: null,
    labels: [],
    locked: false,
    activeLockReason: null,
    createdAt: "2024-01-01T00:00:00Z",
    updatedAt: "2024-01-02T00:00:00Z",
    closedAt: null,
    reactions: emptyReactions(),
    pull: null,
    comments: [],
    events: [],
    closedByPulls: [],
    movedFrom: null,
    ...overrides,
  };
}

export const fetched = (
  at = "2024-02-01T00:00:00.000Z",
  etag: string | null = null,
  errorMessage: string | null = null,
) => ({
  fetchedAt: at,
  via: "graphql" as const,
  requests: { rest: 0, graphql: 1 },
  etag,
  errorMessage,
});

export function summaryOf(t: Thread): ThreadSummary {
  return {
    ref: t.ref,
    kind: t.kind,
    url: t.url,
    title: t.title,
    state: t.state,
    stateReason: t.stateReason,
    merged: null,
    mergedAt: null,
    draft: null,
  };
}

export function makeReport(t: Thread, generatedAt: string, fetchedAt = "2024-02-01T00:00:00.000Z"): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
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
    transferredFrom: null,
    stats: { comments: 0, participants: 1, timelineEvents: 0, reactions: 0 },
    timelineTop: [],
    errorMessage: null,
    body: t.body,
    links: [],
    commits: [],
    fix: { status: "none", summary: "No fix known.", pulls: [] },
    sections: {
      tldr: [],
      guidance: [],
      example: null,
      notes: [],
      recommendation: { text: "Wait.", citations: [] },
    },
    meta: {
      fetchedAt,
      generatedAt,
      via: "graphql",
      apiRequests: { rest: 0, graphql: 1 },
      depth: 1,
      analyzer: "deterministic",
    },
  };
}
