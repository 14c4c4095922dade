// The seam between the generic SQL store and a database: a few statement runners, one
// transaction primitive, and the dialect's full-text search. Generic SQL uses `?` placeholders;
// the PostgreSQL driver rewrites them to $1, $2, ...
import type { Posting, TermRef, TermStats } from "./types.js";

export type Row = Record<string, unknown>;

export interface SqlExecutor {
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
}

/** A full-text document: the searchable text of one thread. */
export type SearchDoc = { title: string; body: string; error: string; comments: string };

/** What differs between SQLite FTS5 and PostgreSQL tsvector. `ids` are threads.id. */
export interface SearchDialect {
  indexDoc(db: SqlExecutor, id: number, doc: SearchDoc): Promise<void>;
  setDocError(db: SqlExecutor, id: number, error: string): Promise<void>;
  /** Thread ids and ranks (higher is better) for any of `terms`, best first. */
  search(
    db: SqlExecutor,
    terms: readonly string[],
    options: { repoKey?: string; limit: number },
  ): Promise<{ id: number; rank: number }[]>;
  rank(db: SqlExecutor, terms: readonly string[], ids: readonly number[]): Promise<{ id: number; rank: number }[]>;
  /** The index's term statistics for these words (each word's own term, as the index tokenizes it). */
  termStats(db: SqlExecutor, words: readonly string[]): Promise<TermStats>;
  /** Threads holding any of these index terms, and whether in their title or error. */
  postings(
    db: SqlExecutor,
    terms: readonly TermRef[],
    options: { maxPostings: number; withRepo: boolean },
  ): Promise<Posting[]>;
  /** After a write that indexed `docs` documents committed (PostgreSQL refreshes its term statistics). */
  afterWrite?(driver: Driver, docs: number): Promise<void>;
}

export interface Driver extends SqlExecutor {
  readonly backend: "sqlite" | "postgres";
  readonly search: SearchDialect;
  /**
   * `column <in> (values)`: SQLite's `IN (?, ?, …)`, PostgreSQL's `= ANY(?)` with one array, so that
   * a statement's text (and PostgreSQL's prepared plan) does not depend on the list's length.
   */
  inList(values: readonly unknown[]): { sql: string; params: unknown[] };
  /** One transaction on one connection; `tx` runs inside it. Rolls back when `fn` throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
