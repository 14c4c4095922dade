// The Store over any Driver: the SQL here is portable between SQLite (3.35+) and PostgreSQL; what is
// not (full-text search, placeholders, connections, error codes) lives in the driver.
import { StoreError, UsageError } from "../errors.js";
import { refKey } from "../refs/parse-ref.js";
import type { Link } from "../thread/link.js";
import type { Report } from "../thread/report.js";
import type { IssueRef, StateReason, Thread, ThreadKind, ThreadState, ThreadSummary } from "../thread/types.js";
import type { Driver, SqlExecutor } from "./driver.js";
import { schemaVersion } from "./migrate.js";
import { queryTerms } from "./query-terms.js";
import { duplicateOf, isoTime, refFromStoredText, refText, repoKeyOf, searchDoc } from "./thread-columns.js";
import type {
  Activity,
  CandidateAnswer,
  CandidateQuery,
  CandidateRow,
  Posting,
  PutThreadMeta,
  RepoRef,
  ReportInputs,
  SearchHit,
  SearchOptions,
  SignatureInput,
  Store,
  StoredReport,
  StoredSignature,
  StoredThread,
  StoreStats,
  TermRef,
  TermStats,
  ThreadRow,
  VoteCounts,
  Watermark,
} from "./types.js";

export type SqlStoreOptions = { now?: () => Date };

/** Documents indexed by an open transaction, reported to the dialect once it commits. */
type WriteCount = { docs: number };

type ThreadRowDb = {
  id: number;
  ref: string;
  kind: ThreadKind;
  title: string;
  state: ThreadState;
  state_reason: StateReason;
  updated_at: string;
  fetched_at: string;
  duplicate_of: string | null;
  error_text: string | null;
  sig_key: string | null;
};

const ROW_SELECT = `SELECT t.id, t.ref, t.kind, t.title, t.state, t.state_reason, t.updated_at, t.fetched_at,
  t.duplicate_of, COALESCE(s.error_text, t.error_message) AS error_text, s.sig_key
  FROM threads t LEFT JOIN error_signatures s ON s.ref_key = t.ref_key`;

const IN_CHUNK = 500;

// A candidate: the thread row, its closing pulls and its newest report's fix (one indexed probe).
// Without the fix, closed_by is not read: SQLite stores an added column after the (large) thread
// JSON, so reading it walks the row's overflow pages. lower(duplicate_of) is the canonical's ref_key.
const CANDIDATE_COLUMNS = `t.id, t.ref, t.kind, t.title, t.state, t.state_reason, t.updated_at, t.fetched_at,
  t.duplicate_of, COALESCE(s.error_text, t.error_message) AS error_text, s.sig_key, s.family, t.closed_by,
  r.fix_status, r.fix_summary, r.workaround`;
const CANDIDATE_COLUMNS_NO_FIX = `t.id, t.ref, t.kind, t.title, t.state, t.state_reason, t.updated_at, t.fetched_at,
  t.duplicate_of, COALESCE(s.error_text, t.error_message) AS error_text, s.sig_key, s.family, NULL AS closed_by,
  NULL AS fix_status, NULL AS fix_summary, NULL AS workaround`;
const CANDIDATE_FROM_NO_FIX = "threads t LEFT JOIN error_signatures s ON s.ref_key = t.ref_key";
const CANDIDATE_FROM = `threads t LEFT JOIN error_signatures s ON s.ref_key = t.ref_key
  LEFT JOIN reports r ON r.id = (SELECT MAX(r2.id) FROM reports r2 WHERE r2.ref_key = t.ref_key)`;
const NO_N = "CAST(NULL AS INTEGER) AS n";
const FIX_ORDER = `CASE WHEN r.fix_status = 'fixed' THEN 0 WHEN r.fix_status = 'fix-open' THEN 1
  WHEN t.state = 'closed' AND t.closed_by IS NOT NULL THEN 2 WHEN t.state = 'closed' AND t.state_reason = 'completed' THEN 3
  WHEN r.workaround IS NOT NULL THEN 4 ELSE 5 END`;

type CandidateRowDb = ThreadRowDb & {
  family: string | null;
  closed_by: string | null;
  fix_status: string | null;
  fix_summary: string | null;
  workaround: string | null;
  n: number | null;
};

export class SqlStore implements Store {
  readonly backend: Store["backend"];
  private readonly now: () => Date;
  private readonly written: WriteCount;

  constructor(
    private readonly driver: Driver,
    private readonly db: SqlExecutor = driver,
    private readonly inTransaction = false,
    options: SqlStoreOptions & { written?: WriteCount } = {},
  ) {
    this.backend = driver.backend;
    this.now = options.now ?? (() => new Date());
    this.written = options.written ?? { docs: 0 };
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    const written: WriteCount = { docs: 0 };
    const result = await this.driver.transaction((tx) =>
      fn(new SqlStore(this.driver, tx, true, { now: this.now, written })),
    );
    await this.committed(written.docs);
    return result;
  }

  /** Several statements that must commit together. */
  private async atomically<T>(fn: (db: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this.db);
    const before = this.written.docs;
    const result = await this.driver.transaction(fn);
    await this.committed(this.written.docs - before);
    this.written.docs = before;
    return result;
  }

  private async committed(docs: number): Promise<void> {
    if (docs > 0) await this.driver.search.afterWrite?.(this.driver, docs);
  }

  // ---- threads ---------------------------------------------------------------------------------

  async putThread(thread: Thread, meta: PutThreadMeta): Promise<void> {
    const key = refKey(thread.ref);
    const canonical = duplicateOf(thread);
    await this.atomically(async (db) => {
      const row = await db.get<{ id: number }>(
        `INSERT INTO threads (ref_key, ref, repo_key, number, kind, state, state_reason, title, updated_at,
           duplicate_of, closed_by, fetched_at, etag, via, error_message, source, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (ref_key) DO UPDATE SET ref = excluded.ref, repo_key = excluded.repo_key,
           number = excluded.number, kind = excluded.kind, state = excluded.state,
           state_reason = excluded.state_reason, title = excluded.title, updated_at = excluded.updated_at,
           duplicate_of = excluded.duplicate_of, closed_by = excluded.closed_by, fetched_at = excluded.fetched_at, etag = excluded.etag,
           via = excluded.via, error_message = excluded.error_message, source = excluded.source,
           data = excluded.data
         RETURNING id`,
        [
          key,
          refText(thread.ref),
          repoKeyOf(thread.ref),
          thread.ref.number,
          thread.kind,
          thread.state,
          thread.stateReason,
          thread.title,
          isoTime(thread.updatedAt),
          canonical ? refText(canonical) : null,
          thread.closedByPulls.length ? thread.closedByPulls.map(refText).join(" ") : null,
          isoTime(meta.fetchedAt),
          meta.etag,
          meta.via,
          meta.errorMessage,
          meta.source ?? null,
          JSON.stringify(thread),
        ],
      );
      if (!row) throw new StoreError(`storing ${key} returned no row`, "This is a bug; please report it.");
      const sig = await db.get<{ error_text: string }>("SELECT error_text FROM error_signatures WHERE ref_key = ?", [
        key,
      ]);
      await this.driver.search.indexDoc(
        db,
        Number(row.id),
        searchDoc(thread, meta.errorMessage ?? sig?.error_text ?? null),
      );
      this.written.docs++;
    });
  }

  async getThread(ref: IssueRef): Promise<StoredThread | null> {
    const row = await this.db.get<{
      data: string;
      fetched_at: string;
      etag: string | null;
      via: StoredThread["via"];
      error_message: string | null;
      source: string | null;
    }>("SELECT data, fetched_at, etag, via, error_message, source FROM threads WHERE ref_key = ?", [refKey(ref)]);
    if (!row) return null;
    return {
      thread: JSON.parse(row.data) as Thread,
      fetchedAt: row.fetched_at,
      etag: row.etag,
      via: row.via,
      errorMessage: row.error_message,
      source: row.source ?? null,
    };
  }

  async putSummaries(summaries: readonly ThreadSummary[], fetchedAt: string): Promise<void> {
    if (!summaries.length) return;
    const at = isoTime(fetchedAt);
    await this.atomically(async (db) => {
      for (const s of summaries) {
        await db.run(
          `INSERT INTO summaries (ref_key, data, fetched_at) VALUES (?, ?, ?)
           ON CONFLICT (ref_key) DO UPDATE SET data = excluded.data, fetched_at = excluded.fetched_at`,
          [refKey(s.ref), JSON.stringify(s), at],
        );
      }
    });
  }

  async getSummaries(refs: readonly IssueRef[]): Promise<Map<string, ThreadSummary>> {
    const out = new Map<string, ThreadSummary>();
    for (const keys of chunks(unique(refs.map(refKey)), IN_CHUNK)) {
      const list = this.driver.inList(keys);
      const rows = await this.db.all<{ ref_key: string; data: string }>(
        `SELECT ref_key, data FROM summaries WHERE ref_key ${list.sql}`,
        list.params,
      );
      for (const r of rows) out.set(r.ref_key, JSON.parse(r.data) as ThreadSummary);
    }
    return out;
  }

  async putLinks(from: IssueRef, links: readonly Link[]): Promise<void> {
    const key = refKey(from);
    await this.atomically(async (db) => {
      await db.run("DELETE FROM links WHERE from_key = ?", [key]);
      let position = 0;
      for (const link of links) {
        await db.run(
          `INSERT INTO links (from_key, to_key, position, data) VALUES (?, ?, ?, ?)
           ON CONFLICT (from_key, to_key) DO UPDATE SET data = excluded.data`,
          [key, refKey(link.target), position++, JSON.stringify(link)],
        );
      }
    });
  }

  async getLinks(from: IssueRef): Promise<Link[]> {
    const rows = await this.db.all<{ data: string }>("SELECT data FROM links WHERE from_key = ? ORDER BY position", [
      refKey(from),
    ]);
    return rows.map((r) => JSON.parse(r.data) as Link);
  }

  // ---- reports ---------------------------------------------------------------------------------

  async putReport(report: Report, inputs?: ReportInputs): Promise<StoredReport> {
    const ref = reportRef(report);
    const key = refKey(ref);
    const storedAt = this.now().toISOString();
    return this.atomically(async (db) => {
      let actual = inputs;
      if (!actual) {
        const t = await db.get<{ etag: string | null }>("SELECT etag FROM threads WHERE ref_key = ?", [key]);
        actual = { etag: t?.etag ?? null, fetchedAt: report.meta.fetchedAt };
      }
      const row = await db.get<{ id: number }>(
        `INSERT INTO reports (ref_key, generated_at, thread_etag, thread_fetched_at, stored_at, data,
           fix_status, fix_summary, workaround)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          key,
          report.meta.generatedAt,
          actual.etag,
          actual.fetchedAt,
          storedAt,
          JSON.stringify(report),
          report.fix.status,
          report.fix.summary,
          reportedWorkaround(report),
        ],
      );
      return { id: Number(row?.id), report, storedAt, inputs: actual };
    });
  }

  async getReport(ref: IssueRef): Promise<StoredReport | null> {
    return (await this.listReports(ref, 1))[0] ?? null;
  }

  async listReports(ref: IssueRef, limit = 20): Promise<StoredReport[]> {
    const rows = await this.db.all<{
      id: number;
      data: string;
      stored_at: string;
      thread_etag: string | null;
      thread_fetched_at: string | null;
    }>(
      `SELECT id, data, stored_at, thread_etag, thread_fetched_at FROM reports WHERE ref_key = ?
       ORDER BY id DESC LIMIT ?`,
      [refKey(ref), positive(limit, "limit")],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      report: JSON.parse(r.data) as Report,
      storedAt: r.stored_at,
      inputs: { etag: r.thread_etag, fetchedAt: r.thread_fetched_at },
    }));
  }

  // ---- error signatures and search -------------------------------------------------------------

  async putSignature(ref: IssueRef, signature: SignatureInput, errorText: string): Promise<void> {
    const key = refKey(ref);
    await this.atomically(async (db) => {
      await db.run(
        `INSERT INTO error_signatures (ref_key, ref, sig_key, family, signature, error_text) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (ref_key) DO UPDATE SET ref = excluded.ref, sig_key = excluded.sig_key,
           family = excluded.family, signature = excluded.signature, error_text = excluded.error_text`,
        [key, refText(ref), signature.key, signature.family, signature.signature, errorText],
      );
      const t = await db.get<{ id: number }>("SELECT id FROM threads WHERE ref_key = ?", [key]);
      if (t) await this.driver.search.setDocError(db, Number(t.id), errorText);
    });
  }

  async getSignature(ref: IssueRef): Promise<StoredSignature | null> {
    const r = await this.db.get<{
      ref: string;
      sig_key: string;
      family: string;
      signature: string;
      error_text: string;
    }>("SELECT ref, sig_key, family, signature, error_text FROM error_signatures WHERE ref_key = ?", [refKey(ref)]);
    return r
      ? {
          ref: refFromStoredText(r.ref),
          key: r.sig_key,
          family: r.family,
          signature: r.signature,
          errorText: r.error_text,
        }
      : null;
  }

  async clearSignature(ref: IssueRef): Promise<void> {
    const key = refKey(ref);
    await this.atomically(async (db) => {
      await db.run("DELETE FROM error_signatures WHERE ref_key = ?", [key]);
      const t = await db.get<{ id: number; error_message: string | null }>(
        "SELECT id, error_message FROM threads WHERE ref_key = ?",
        [key],
      );
      if (t) await this.driver.search.setDocError(db, Number(t.id), t.error_message ?? "");
    });
  }

  async findBySignature(key: string, options: { limit?: number } = {}): Promise<ThreadRow[]> {
    const rows = await this.db.all<ThreadRowDb>(`${ROW_SELECT} WHERE s.sig_key = ? ORDER BY t.ref_key LIMIT ?`, [
      key,
      positive(options.limit ?? 1000, "limit"),
    ]);
    return rows.map(toThreadRow);
  }

  async findByErrorFamily(family: string, options: { limit?: number } = {}): Promise<ThreadRow[]> {
    const rows = await this.db.all<ThreadRowDb>(`${ROW_SELECT} WHERE s.family = ? ORDER BY t.ref_key LIMIT ?`, [
      family,
      positive(options.limit ?? 1000, "limit"),
    ]);
    return rows.map(toThreadRow);
  }

  async search(text: string, options: SearchOptions): Promise<SearchHit[]> {
    const terms = queryTerms(text);
    if (!terms.length) return [];
    const hits = await this.driver.search.search(this.db, terms, {
      repoKey: options.repo ? repoKeyOf(options.repo) : undefined,
      limit: positive(options.limit, "limit"),
    });
    const ranks = new Map(hits.map((h) => [Number(h.id), h.rank]));
    const rows = await this.rowsById([...ranks.keys()]);
    return rows
      .map((r) => ({ ...toThreadRow(r), rank: ranks.get(Number(r.id)) ?? 0 }))
      .sort((a, b) => b.rank - a.rank || refKey(a.ref).localeCompare(refKey(b.ref)));
  }

  async rankText(text: string, refs: readonly IssueRef[]): Promise<Map<string, number>> {
    const out = new Map<string, number>(refs.map((r) => [refKey(r), 0]));
    const terms = queryTerms(text);
    if (!terms.length || !refs.length) return out;
    for (const keys of chunks([...out.keys()], IN_CHUNK)) {
      const list = this.driver.inList(keys);
      const ids = await this.db.all<{ id: number; ref_key: string }>(
        `SELECT id, ref_key FROM threads WHERE ref_key ${list.sql}`,
        list.params,
      );
      const keyOf = new Map(ids.map((r) => [Number(r.id), r.ref_key]));
      for (const h of await this.driver.search.rank(this.db, terms, [...keyOf.keys()])) {
        const key = keyOf.get(Number(h.id));
        if (key) out.set(key, h.rank);
      }
    }
    return out;
  }

  async termStats(words: readonly string[]): Promise<TermStats> {
    const distinct = unique(words.map((w) => w.toLowerCase()).filter((w) => w.length > 0 && w.length <= 60));
    if (!distinct.length) return { docs: 0, terms: [] };
    return this.driver.search.termStats(this.db, distinct);
  }

  async postings(
    terms: readonly TermRef[],
    options: { maxPostings?: number; withRepo?: boolean } = {},
  ): Promise<Posting[]> {
    const seen = new Set<string>();
    const distinct = terms.filter((t) => !seen.has(t.term) && seen.add(t.term));
    if (!distinct.length) return [];
    return this.driver.search.postings(this.db, distinct, {
      maxPostings: positive(options.maxPostings ?? 20_000, "maxPostings"),
      withRepo: options.withRepo ?? false,
    });
  }

  async candidates(query: CandidateQuery): Promise<CandidateAnswer> {
    const ids = unique(query.docIds.map(Number)).slice(0, IN_CHUNK);
    const refs = unique((query.refs ?? []).map(refKey)).slice(0, IN_CHUNK);
    const per = positive(query.perSignature ?? 50, "perSignature");
    const columns = query.withFix ? CANDIDATE_COLUMNS : CANDIDATE_COLUMNS_NO_FIX;
    const from = query.withFix ? CANDIDATE_FROM : CANDIDATE_FROM_NO_FIX;
    const branches: string[] = [];
    const params: unknown[] = [];
    // Separate branches (not one OR) so that each is an index lookup on both backends.
    const branch = (where: string, values: unknown[]) => {
      branches.push(`SELECT ${columns}, ${NO_N} FROM ${from} WHERE ${where}`);
      params.push(...values);
    };
    if (ids.length) {
      const list = this.driver.inList(ids);
      branch(`t.id ${list.sql}`, list.params);
      // The canonicals the best matches are marked duplicates of compete too.
      branch(
        `t.ref_key IN (SELECT lower(c.duplicate_of) FROM threads c WHERE c.id ${list.sql} AND c.duplicate_of IS NOT NULL)`,
        list.params,
      );
    }
    if (refs.length) {
      const list = this.driver.inList(refs);
      branch(`t.ref_key ${list.sql}`, list.params);
    }
    if (query.signatureKey) {
      // Fixed, fix-open, closed by a pull or as completed, with a workaround: the leads come first.
      branches.push(
        `SELECT * FROM (SELECT ${columns}, ${NO_N} FROM ${from} WHERE s.sig_key = ?
           ${query.withFix ? `ORDER BY ${FIX_ORDER}, t.updated_at DESC` : ""} LIMIT ?) k`,
        // The count of every thread with the key, as one row with a null id.
        `SELECT CAST(NULL AS INTEGER)${", NULL".repeat(15)}, CAST(COUNT(*) AS INTEGER) FROM error_signatures WHERE sig_key = ?`,
      );
      params.push(query.signatureKey, per, query.signatureKey);
    }
    if (query.family) {
      // Two ranges of the (family, sig_key) index, skipping the key's own block; ordered by the
      // index so that both backends walk it and stop early (a family's rows often share one key).
      const key = query.signatureKey ?? "";
      branches.push(
        `SELECT * FROM (SELECT ${columns}, ${NO_N} FROM ${from} WHERE s.family = ? AND s.sig_key > ?
           ORDER BY s.family, s.sig_key LIMIT ?) f1`,
        `SELECT * FROM (SELECT ${columns}, ${NO_N} FROM ${from} WHERE s.family = ? AND s.sig_key < ?
           ORDER BY s.family DESC, s.sig_key DESC LIMIT ?) f2`,
      );
      params.push(query.family, key, per, query.family, key, per);
    }
    if (!branches.length) return { rows: [], signatureCount: 0 };
    const rows = await this.db.all<CandidateRowDb>(branches.join(" UNION ALL "), params);
    const byId = new Map<number, CandidateRow>();
    let signatureCount = 0;
    for (const r of rows) {
      if (r.id === null || r.id === undefined) {
        signatureCount = Number(r.n ?? 0);
        continue;
      }
      if (!byId.has(Number(r.id))) byId.set(Number(r.id), toCandidateRow(r));
    }
    return { rows: [...byId.values()], signatureCount };
  }

  private async rowsById(ids: number[]): Promise<ThreadRowDb[]> {
    const out: ThreadRowDb[] = [];
    for (const part of chunks(ids, IN_CHUNK)) {
      const list = this.driver.inList(part);
      out.push(...(await this.db.all<ThreadRowDb>(`${ROW_SELECT} WHERE t.id ${list.sql}`, list.params)));
    }
    return out;
  }

  // ---- sync watermarks -------------------------------------------------------------------------

  async getWatermark(repo: RepoRef): Promise<Watermark | null> {
    const r = await this.db.get<{ since: string | null; list_etag: string | null; cursor: string | null }>(
      "SELECT since, list_etag, cursor FROM watermarks WHERE repo_key = ?",
      [repoKeyOf(repo)],
    );
    return r ? { since: r.since, listEtag: r.list_etag, cursor: r.cursor } : null;
  }

  async setWatermark(repo: RepoRef, wm: Watermark): Promise<void> {
    await this.db.run(
      `INSERT INTO watermarks (repo_key, since, list_etag, cursor, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (repo_key) DO UPDATE SET since = excluded.since, list_etag = excluded.list_etag,
         cursor = excluded.cursor, updated_at = excluded.updated_at`,
      [repoKeyOf(repo), wm.since, wm.listEtag, wm.cursor, this.now().toISOString()],
    );
  }

  // ---- votes and views -------------------------------------------------------------------------

  async castVote(
    ref: IssueRef,
    signal: string,
    voterId: string,
    at: string,
  ): Promise<{ active: boolean; counts: VoteCounts }> {
    if (!signal || !voterId) throw new UsageError("a vote needs a signal and a voter", "Pass both.");
    const key = refKey(ref);
    const when = time(at);
    return this.atomically(async (db) => {
      const removed = await db.run("DELETE FROM votes WHERE ref_key = ? AND signal = ? AND voter_id = ?", [
        key,
        signal,
        voterId,
      ]);
      if (removed.changes === 0) {
        await db.run("INSERT INTO votes (ref_key, ref, signal, voter_id, at) VALUES (?, ?, ?, ?, ?)", [
          key,
          refText(ref),
          signal,
          voterId,
          when,
        ]);
      }
      return { active: removed.changes === 0, counts: await voteCounts(db, key) };
    });
  }

  async getVotes(ref: IssueRef, voterId?: string): Promise<{ counts: VoteCounts; mine: string[] }> {
    const key = refKey(ref);
    const counts = await voteCounts(this.db, key);
    const mine = voterId
      ? (
          await this.db.all<{ signal: string }>(
            "SELECT signal FROM votes WHERE ref_key = ? AND voter_id = ? ORDER BY signal",
            [key, voterId],
          )
        ).map((r) => r.signal)
      : [];
    return { counts, mine };
  }

  async recordView(ref: IssueRef, at: string): Promise<void> {
    await this.db.run("INSERT INTO views (ref_key, ref, at) VALUES (?, ?, ?)", [refKey(ref), refText(ref), time(at)]);
  }

  async activitySince(since: string, options: { limit: number }): Promise<Activity[]> {
    const from = time(since);
    const rows = await this.db.all<{ ref: string; title: string | null; views: number; votes: number }>(
      `SELECT a.ref, t.title, CAST(SUM(a.views) AS INTEGER) AS views, CAST(SUM(a.votes) AS INTEGER) AS votes
       FROM (
         SELECT ref_key, MIN(ref) AS ref, COUNT(*) AS views, 0 AS votes FROM views WHERE at >= ? GROUP BY ref_key
         UNION ALL
         SELECT ref_key, MIN(ref) AS ref, 0 AS views, COUNT(DISTINCT voter_id) AS votes FROM votes WHERE at >= ? GROUP BY ref_key
       ) a LEFT JOIN threads t ON t.ref_key = a.ref_key
       GROUP BY a.ref_key, a.ref, t.title
       ORDER BY SUM(a.views) + SUM(a.votes) DESC, a.ref_key
       LIMIT ?`,
      [from, from, positive(options.limit, "limit")],
    );
    return rows.map((r) => ({
      ref: refFromStoredText(r.ref),
      title: r.title,
      views: Number(r.views),
      votes: Number(r.votes),
    }));
  }

  // ---- listing and stats -----------------------------------------------------------------------

  async findThreads(refs: readonly IssueRef[]): Promise<ThreadRow[]> {
    const out: ThreadRow[] = [];
    for (const keys of chunks(unique(refs.map(refKey)), IN_CHUNK)) {
      const list = this.driver.inList(keys);
      const rows = await this.db.all<ThreadRowDb>(`${ROW_SELECT} WHERE t.ref_key ${list.sql}`, list.params);
      out.push(...rows.map(toThreadRow));
    }
    return out;
  }

  async listThreads(options: { repo?: RepoRef; limit: number; offset?: number }): Promise<ThreadRow[]> {
    const where = options.repo ? "WHERE t.repo_key = ?" : "";
    const params: unknown[] = options.repo ? [repoKeyOf(options.repo)] : [];
    const rows = await this.db.all<ThreadRowDb>(
      `${ROW_SELECT} ${where} ORDER BY t.updated_at DESC, t.ref_key LIMIT ? OFFSET ?`,
      [...params, positive(options.limit, "limit"), Math.max(0, Math.floor(options.offset ?? 0))],
    );
    return rows.map(toThreadRow);
  }

  async stats(): Promise<StoreStats> {
    const count = async (sql: string) => Number((await this.db.get<{ n: number }>(sql))?.n ?? 0);
    return {
      backend: this.backend,
      schemaVersion: await schemaVersion(this.db),
      threads: await count("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM threads"),
      repos: await count("SELECT CAST(COUNT(DISTINCT repo_key) AS INTEGER) AS n FROM threads"),
      reports: await count("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM reports"),
      signatures: await count("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM error_signatures"),
      votes: await count("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM votes"),
      views: await count("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM views"),
    };
  }

  async close(): Promise<void> {
    if (this.inTransaction) throw new UsageError("close() inside a transaction", "Close the outer store instead.");
    await this.driver.close();
  }
}

async function voteCounts(db: SqlExecutor, key: string): Promise<VoteCounts> {
  const rows = await db.all<{ signal: string; n: number }>(
    "SELECT signal, CAST(COUNT(*) AS INTEGER) AS n FROM votes WHERE ref_key = ? GROUP BY signal ORDER BY signal",
    [key],
  );
  return Object.fromEntries(rows.map((r) => [r.signal, Number(r.n)]));
}

function toCandidateRow(r: CandidateRowDb): CandidateRow {
  return {
    ...toThreadRow(r),
    docId: Number(r.id),
    signatureFamily: r.family ?? null,
    fix: {
      status: r.fix_status ?? null,
      summary: r.fix_summary ?? null,
      workaround: r.workaround ?? null,
      closedBy: r.closed_by ? r.closed_by.split(" ").filter(Boolean).map(refFromStoredText) : [],
    },
  };
}

function toThreadRow(r: ThreadRowDb): ThreadRow {
  return {
    ref: refFromStoredText(r.ref),
    kind: r.kind,
    title: r.title,
    state: r.state,
    stateReason: r.state_reason ?? null,
    updatedAt: r.updated_at,
    fetchedAt: r.fetched_at,
    duplicateOf: r.duplicate_of ? refFromStoredText(r.duplicate_of) : null,
    errorText: r.error_text ?? null,
    signatureKey: r.sig_key ?? null,
  };
}

function reportRef(report: Report): IssueRef {
  const m = /^([^/]+)\/([^#]+)#(\d+)$/.exec(report.ref);
  if (!m?.[1] || !m[2] || !m[3])
    throw new UsageError(`report.ref "${report.ref}" is not owner/repo#n`, "Fix the report.");
  return { host: report.host, owner: m[1], repo: m[2], number: Number(m[3]) };
}

function time(value: string): string {
  try {
    return isoTime(value);
  } catch {
    throw new UsageError(`"${value}" is not a timestamp`, "Pass an ISO 8601 time, e.g. 2024-01-31T12:00:00Z.");
  }
}

function positive(n: number, name: string): number {
  if (!Number.isFinite(n) || n < 1) throw new UsageError(`${name} must be at least 1`, `Pass a positive ${name}.`);
  return Math.floor(n);
}

const unique = <T>(xs: T[]) => [...new Set(xs)];
function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** The workaround the same-error part may cite: one reported to work (or to help for now), never a mere proposal. */
function reportedWorkaround(report: Report): string | null {
  return report.workarounds?.find((w) => w.kind === "worked" || w.kind === "temporary")?.text ?? null;
}
