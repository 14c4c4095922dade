// Test-only: store rows and fetch metadata for store tests (threads and reports come from
// core/thread/builders.test-helper.ts).
import type { Thread } from "../thread/types.js";

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
