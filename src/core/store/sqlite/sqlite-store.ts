// The embedded backend: one SQLite file through better-sqlite3, WAL mode, FTS5 for search.
// better-sqlite3 is synchronous; an async mutex keeps a transaction's awaited steps from
// interleaving with other callers on the same connection.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { StoreError } from "../../errors.js";
import { capitalise } from "../../text/format.js";
import type { Driver, SearchDialect, SearchDoc, SqlExecutor } from "../driver.js";
import { migrate } from "../migrate.js";
import { SqlStore } from "../sql-store.js";
import { TermStatsRefresh } from "../term-stats.js";
import type { Posting, Store, TermRef, TermStat } from "../types.js";
import { sqliteMigrations } from "./migrations.js";

export type SqliteOptions = {
  /** Open without writing (no migration, no WAL switch); writes fail with a StoreError. */
  readonly?: boolean;
  /** Cap the file at this many pages (SQLite's max_page_count): a quota, and how tests simulate a full disk. */
  maxPages?: number;
  now?: () => Date;
};

export async function openSqliteStore(path: string, options: SqliteOptions = {}): Promise<Store> {
  const where = path === ":memory:" ? "the in-memory database" : `the database at ${path}`;
  if (path !== ":memory:" && !options.readonly) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw new StoreError(
        `Cannot create the folder for ${where}: ${fsReason(e)}`,
        "Pass --db with a path in a writable folder (or set ISSUEGRAPH_DB).",
        { cause: e },
      );
    }
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (e) {
    throw sqliteError(e, where);
  }
  const driver = new SqliteDriver(db, where);
  try {
    db.pragma("busy_timeout = 5000");
    if (!options.readonly) {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
    }
    if (options.maxPages) db.pragma(`max_page_count = ${Math.floor(options.maxPages)}`);
    if (!options.readonly) {
      await migrate(driver, sqliteMigrations, {
        describe: where,
        foreignTables: async (tx) =>
          (
            await tx.all<{ name: string }>(
              "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'",
            )
          ).map((r) => r.name),
      });
    } else {
      db.prepare("SELECT COUNT(*) FROM sqlite_master").get();
    }
  } catch (e) {
    db.close();
    throw e instanceof StoreError ? e : sqliteError(e, where);
  }
  return new SqlStore(driver, driver, false, { now: options.now });
}

class SqliteDriver implements Driver {
  readonly backend = "sqlite" as const;
  readonly search: SearchDialect = new Fts5Dialect();

  inList(values: readonly unknown[]) {
    return paddedIn(values);
  }

  private queue: Promise<unknown> = Promise.resolve();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly direct: SqlExecutor;

  constructor(
    private readonly db: Database.Database,
    private readonly where: string,
  ) {
    this.direct = {
      all: async <T>(sql: string, params: readonly unknown[] = []) =>
        this.sync(() => this.exec(sql, params, "all")) as T[],
      get: async <T>(sql: string, params: readonly unknown[] = []) =>
        this.sync(() => this.exec(sql, params, "get")) as T | undefined,
      run: async (sql: string, params: readonly unknown[] = []) =>
        this.sync(() => this.exec(sql, params, "run")) as { changes: number },
    };
  }

  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.exclusive(() => this.direct.all<T>(sql, params));
  }
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined> {
    return this.exclusive(() => this.direct.get<T>(sql, params));
  }
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }> {
    return this.exclusive(() => this.direct.run(sql, params));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.sync(() => this.db.exec("BEGIN IMMEDIATE"));
      try {
        const result = await fn(this.direct);
        this.sync(() => this.db.exec("COMMIT"));
        return result;
      } catch (e) {
        // SQLite may already have rolled back (e.g. on SQLITE_FULL); never leave a transaction open.
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.db.open) this.db.close();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private exec(sql: string, params: readonly unknown[], mode: "all" | "get" | "run"): unknown {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    const args = params.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p === undefined ? null : p));
    if (mode === "run" || !stmt.reader) {
      const r = stmt.run(...args);
      return mode === "run" ? { changes: r.changes } : mode === "all" ? [] : undefined;
    }
    return mode === "all" ? stmt.all(...args) : stmt.get(...args);
  }

  private sync<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw sqliteError(e, this.where);
    }
  }
}

// Column weights for bm25: title, body, error, comments.
const BM25 = "bm25(thread_fts, 4.0, 1.0, 2.0, 0.5)";
const matchExpr = (terms: readonly string[]) => terms.map((t) => `"${t}"`).join(" OR ");

const TOKENIZER = "porter unicode61 remove_diacritics 2";
/** Words whose term is remembered (the tokenizer never changes, so the mapping never goes stale). */
const MAX_REMEMBERED_WORDS = 50_000;

/** Terms the statistics table counts fewer than this are counted live (term-stats.ts). */
const LIVE_COUNT_BELOW = 50;
const MATCH_IDS = "SELECT rowid AS id FROM thread_fts WHERE thread_fts MATCH ?";
/**
 * The same, with each thread's repository from the narrow (id, repo_key) index (a lookup in the
 * table itself reads a page of wide rows per thread), at most `?` of them.
 */
const MATCH_IDS_WITH_REPO =
  "SELECT f.rowid AS id, t.repo_key FROM thread_fts f JOIN threads t INDEXED BY threads_id_repo ON t.id = f.rowid WHERE thread_fts MATCH ? LIMIT ?";

/**
 * `IN (?, ?, …)` with the list padded (its last value repeated) to a power of two: a handful of
 * statement texts for any length, so the cache of prepared statements stays small. (A JSON array
 * through json_each made one text, but cost SQLite twice the time of the candidates query.)
 */
function paddedIn(values: readonly unknown[]): { sql: string; params: unknown[] } {
  const size = values.length <= 8 ? values.length : 2 ** Math.ceil(Math.log2(values.length));
  const params = [...values];
  while (params.length < size) params.push(values[values.length - 1]);
  return { sql: `IN (${params.map(() => "?").join(", ")})`, params };
}
/** The strong fields (title, error) as an FTS5 column filter. */
const STRONG = "{title error}";

class Fts5Dialect implements SearchDialect {
  private readonly termOf = new Map<string, string | null>();
  private tokenizerReady = false;
  private readonly refresh = new TermStatsRefresh(async (tx) => {
    await tx.run("DELETE FROM term_stats");
    await tx.run(
      "INSERT INTO term_stats (term, docs) SELECT term, doc FROM thread_vocab UNION ALL SELECT '', COUNT(*) FROM threads",
    );
  });

  afterWrite(driver: Driver, docs: number): Promise<void> {
    return this.refresh.afterWrite(driver, docs);
  }

  async indexDoc(db: SqlExecutor, id: number, doc: SearchDoc): Promise<void> {
    await db.run("DELETE FROM thread_fts WHERE rowid = ?", [id]);
    await db.run("INSERT INTO thread_fts (rowid, title, body, error, comments) VALUES (?, ?, ?, ?, ?)", [
      id,
      doc.title,
      doc.body,
      doc.error,
      doc.comments,
    ]);
  }

  async setDocError(db: SqlExecutor, id: number, error: string): Promise<void> {
    await db.run("UPDATE thread_fts SET error = ? WHERE rowid = ?", [error, id]);
  }

  async search(db: SqlExecutor, terms: readonly string[], { repoKey, limit }: { repoKey?: string; limit: number }) {
    const rows = await db.all<{ id: number; score: number }>(
      repoKey
        ? `SELECT thread_fts.rowid AS id, -${BM25} AS score FROM thread_fts JOIN threads t ON t.id = thread_fts.rowid
           WHERE thread_fts MATCH ? AND t.repo_key = ? ORDER BY score DESC LIMIT ?`
        : `SELECT rowid AS id, -${BM25} AS score FROM thread_fts WHERE thread_fts MATCH ? ORDER BY score DESC LIMIT ?`,
      repoKey ? [matchExpr(terms), repoKey, limit] : [matchExpr(terms), limit],
    );
    return rows.map((r) => ({ id: r.id, rank: r.score }));
  }

  async rank(db: SqlExecutor, terms: readonly string[], ids: readonly number[]) {
    if (!ids.length) return [];
    const rows = await db.all<{ id: number; score: number }>(
      `SELECT rowid AS id, -${BM25} AS score FROM thread_fts WHERE thread_fts MATCH ? AND rowid IN (${ids.map(() => "?").join(", ")})`,
      [matchExpr(terms), ...ids],
    );
    return rows.map((r) => ({ id: r.id, rank: r.score }));
  }

  async termStats(db: SqlExecutor, words: readonly string[]) {
    const mapped = await this.terms(db, words);
    const distinct = [...new Set([...mapped.values()].filter((t): t is string => t !== null))];
    const docsOf = new Map<string, number>();
    for (const part of chunks(distinct, 500)) {
      const known = await db.all<{ term: string; docs: number }>(
        `SELECT term, docs FROM term_stats WHERE term IN (${part.map(() => "?").join(", ")})`,
        part,
      );
      for (const r of known) docsOf.set(r.term, Number(r.docs));
      // Rare terms (and terms written since the last rebuild) are counted in the index itself: cheap
      // for them, and exact where rarity matters most.
      const unknown = part.filter((t) => (docsOf.get(t) ?? 0) < LIVE_COUNT_BELOW);
      if (!unknown.length) continue;
      const counted = await db.all<{ term: string; doc: number }>(
        `SELECT term, doc FROM thread_vocab WHERE term IN (${unknown.map(() => "?").join(", ")})`,
        unknown,
      );
      for (const r of counted) docsOf.set(r.term, Number(r.doc));
    }
    // Threads are never deleted and their rowids are dense, so the largest id counts them in O(1).
    const n = await db.get<{ n: number | null }>("SELECT MAX(id) AS n FROM threads");
    const terms: TermStat[] = [];
    for (const [word, term] of mapped) if (term !== null) terms.push({ word, term, docs: docsOf.get(term) ?? 0 });
    return { docs: Number(n?.n ?? 0), terms };
  }

  async postings(
    db: SqlExecutor,
    terms: readonly TermRef[],
    { maxPostings, withRepo }: { maxPostings: number; withRepo: boolean },
  ) {
    // One MATCH per term (FTS5's fast path: a doclist, no positions), once in every field and once in
    // the strong ones. The word is matched, not the stem: the tokenizer stems it the same way.
    const found: Posting[] = [];
    for (const t of terms) {
      if (found.length >= maxPostings) break;
      const phrase = `"${t.word.replace(/"/g, '""')}"`;
      const room = maxPostings - found.length;
      const rows = withRepo
        ? await db.all<{ id: number; repo_key: string | null }>(MATCH_IDS_WITH_REPO, [phrase, room])
        : (await db.all<{ id: number; repo_key?: undefined }>(MATCH_IDS, [phrase])).slice(0, room);
      const strong = new Set(
        (await db.all<{ id: number }>(MATCH_IDS, [`${STRONG} : ${phrase}`])).map((r) => Number(r.id)),
      );
      for (const r of rows) {
        const id = Number(r.id);
        found.push({ docId: id, term: t.term, strong: strong.has(id), repoKey: r.repo_key ?? null });
      }
    }
    return found;
  }

  /**
   * Each word's term as FTS5 indexes it: the words go through a scratch FTS5 table with the same
   * tokenizer, and its instance vocabulary gives the term at each word's position.
   */
  private async terms(db: SqlExecutor, words: readonly string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    const unknown: string[] = [];
    for (const w of words) {
      const known = this.termOf.get(w);
      if (known !== undefined) out.set(w, known);
      else if (!out.has(w)) {
        out.set(w, null);
        unknown.push(w);
      }
    }
    if (!unknown.length) return out;
    if (!this.tokenizerReady) {
      await db.run(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.word_terms USING fts5 (w, tokenize = '${TOKENIZER}')`);
      await db.run("CREATE VIRTUAL TABLE IF NOT EXISTS temp.word_terms_v USING fts5vocab(temp, word_terms, instance)");
      this.tokenizerReady = true;
    }
    // One row per word (rowid = its index): a word the tokenizer splits keeps its first term.
    for (const part of chunks(unknown, 200)) {
      await db.run(
        `INSERT INTO temp.word_terms (rowid, w) VALUES ${part.map(() => "(?, ?)").join(", ")}`,
        part.flatMap((w, i) => [i + 1, w]),
      );
      const rows = await db.all<{ doc: number; term: string }>(
        "SELECT doc, term FROM temp.word_terms_v WHERE offset = 0",
      );
      await db.run("DELETE FROM temp.word_terms");
      for (const r of rows) {
        const word = part[Number(r.doc) - 1];
        if (word !== undefined) out.set(word, r.term);
      }
      for (const w of part) this.remember(w, out.get(w) ?? null);
    }
    return out;
  }

  private remember(word: string, term: string | null): void {
    if (this.termOf.size >= MAX_REMEMBERED_WORDS) this.termOf.clear();
    this.termOf.set(word, term);
  }
}

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** A better-sqlite3 error as a StoreError with one actionable hint. Non-SQLite errors pass through. */
export function sqliteError(e: unknown, where: string): unknown {
  if (e instanceof StoreError) return e;
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) {
    if (e instanceof TypeError && /directory does not exist/.test(e.message)) {
      return new StoreError(`Cannot open ${where}: its folder does not exist`, "Create the folder or pass --db PATH.", {
        cause: e,
      });
    }
    return e;
  }
  const detail = (e as Error).message;
  const make = (message: string, hint: string) => new StoreError(message, hint, { cause: e });
  if (code === "SQLITE_CANTOPEN")
    return make(
      `Cannot open ${where} (${detail})`,
      "Check that the path is a writable file location, or pass --db PATH.",
    );
  if (code === "SQLITE_NOTADB")
    return make(
      `${capitalise(where)} is not a SQLite database, or it is corrupt`,
      "Move the file away (issuegraph then creates a new one) or pass --db with another path.",
    );
  if (code.startsWith("SQLITE_CORRUPT"))
    return make(
      `${capitalise(where)} is corrupt (${detail})`,
      "Restore it from a backup, or move it away and import again.",
    );
  if (code.startsWith("SQLITE_READONLY") || code === "SQLITE_PERM" || code === "SQLITE_AUTH")
    return make(
      `${capitalise(where)} is read-only (${detail})`,
      "Check the permissions of the file, its -wal/-shm files and its folder, or pass --db PATH.",
    );
  if (code === "SQLITE_FULL")
    return make(
      `${capitalise(where)} is full: the disk has no space left or the file reached its size limit`,
      "Free some space and retry; the failed write was rolled back.",
    );
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
    return make(
      `${capitalise(where)} is locked by another process`,
      "Wait for the other issuegraph process to finish, then retry.",
    );
  if (code.startsWith("SQLITE_IOERR"))
    return make(`Reading or writing ${where} failed (${code})`, "Check the disk and the file system, then retry.");
  return make(
    `${capitalise(where)} refused an operation (${code}: ${detail})`,
    "This is likely a bug; please report it.",
  );
}

function fsReason(e: unknown): string {
  const code = (e as { code?: string })?.code;
  if (code === "ENOTDIR") return "a part of the path is a file, not a folder";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EROFS") return "the file system is read-only";
  if (code === "ENOSPC") return "no space left on the disk";
  return code ?? String(e);
}
