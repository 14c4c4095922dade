// The shared backend: PostgreSQL through a `pg` pool, tables in their own schema ("issuegraph" by
// default) so a shared database stays tidy, tsvector + GIN for search.
import pg from "pg";
import { StoreError } from "../../errors.js";
import type { Driver, SearchDialect, SearchDoc, SqlExecutor } from "../driver.js";
import { migrate } from "../migrate.js";
import { SqlStore } from "../sql-store.js";
import { indexedDocs, TermStatsRefresh } from "../term-stats.js";
import type { Posting, Store, TermRef } from "../types.js";
import { POSTED_UPTO, postgresMigrations } from "./migrations.js";

export type PostgresOptions = {
  /** Schema holding the tables; created when missing. */
  schema?: string;
  connectTimeoutMs?: number;
  maxConnections?: number;
  now?: () => Date;
};

export const DEFAULT_SCHEMA = "issuegraph";

export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const where = describeUrl(url);
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreError(`"${schema}" is not a usable schema name`, "Use lowercase letters, digits and underscores.");
  }
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const driver = new PostgresDriver(pool, where);
  try {
    await createSchema(driver, schema);
    await migrate(driver, postgresMigrations, {
      describe: where,
      lock: async (tx) => {
        await tx.get("SELECT pg_advisory_xact_lock(hashtext('issuegraph-migrate:' || current_schema()))");
      },
      foreignTables: async (tx) =>
        (
          await tx.all<{ name: string }>(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
          )
        ).map((r) => r.name),
    });
  } catch (e) {
    await pool.end().catch(() => {});
    throw e instanceof StoreError ? e : pgError(e, where);
  }
  return new SqlStore(driver, driver, false, { now: options.now });
}

async function createSchema(driver: Driver, schema: string): Promise<void> {
  try {
    await driver.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (e) {
    // Two processes creating the schema at once: the loser sees a unique violation; the schema exists.
    if ((e as StoreError).cause && ((e as StoreError).cause as { code?: string }).code === "23505") return;
    throw e;
  }
}

class PostgresDriver implements Driver {
  readonly backend = "postgres" as const;
  readonly search: SearchDialect = new TsvectorDialect();

  inList(values: readonly unknown[]) {
    return { sql: "= ANY(?)", params: [values] };
  }

  constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
  ) {}

  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return query<T>(this.pool, this.where, sql, params).then((r) => r.rows);
  }
  async get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined> {
    return (await query<T>(this.pool, this.where, sql, params)).rows[0];
  }
  async run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }> {
    return { changes: (await query(this.pool, this.where, sql, params)).rowCount ?? 0 };
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw pgError(e, this.where);
    }
    const tx: SqlExecutor = {
      all: async <R>(sql: string, params?: readonly unknown[]) =>
        (await query<R>(client, this.where, sql, params)).rows,
      get: async <R>(sql: string, params?: readonly unknown[]) =>
        (await query<R>(client, this.where, sql, params)).rows[0],
      run: async (sql: string, params?: readonly unknown[]) => ({
        changes: (await query(client, this.where, sql, params)).rowCount ?? 0,
      }),
    };
    let broken: Error | undefined;
    try {
      await tx.run("BEGIN");
      const result = await fn(tx);
      await tx.run("COMMIT");
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw e;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function query<T>(
  on: pg.Pool | pg.PoolClient,
  where: string,
  sql: string,
  params: readonly unknown[] = [],
): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  try {
    const text = numbered(sql);
    // A statement with parameters is prepared once per connection and planned from then on from
    // its cached plan: planning the candidates' union costs more than running it.
    if (params.length)
      return await on.query<T & pg.QueryResultRow>({ name: statementName(text), text, values: params as unknown[] });
    return await on.query<T & pg.QueryResultRow>(text);
  } catch (e) {
    throw pgError(e, where);
  }
}

/**
 * One name per statement text, the same in every connection of the process. Texts do not depend on
 * data (lists are `= ANY(?)`), so they are few; past MAX_PREPARED a statement runs unprepared, so
 * a connection's prepared plans stay bounded whatever runs.
 */
const MAX_PREPARED = 300;
const names = new Map<string, string>();
function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED) {
    name = `issuegraph_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/** `?` placeholders (the generic SQL's) to PostgreSQL's `$1, $2, ...`. The SQL holds no literal `?`. */
const cache = new Map<string, string>();
function numbered(sql: string): string {
  let out = cache.get(sql);
  if (out === undefined) {
    let i = 0;
    out = sql.replace(/\?/g, () => `$${++i}`);
    cache.set(sql, out);
  }
  return out;
}

const WEIGHTS = "'{0.125, 0.25, 0.5, 1.0}'::float4[]";

/** A lexeme as a tsquery operand. */
const lexemeQuery = () => "quote_literal(q.term)::tsquery";

/**
 * Lexemes term_stats does not know yet, or counts in at most LIVE_COUNT_UPTO documents (a thread's
 * own words look unique to it until the next rebuild), are counted live in term_postings (which holds
 * every thread of such a lexeme), up to UNKNOWN_COUNT_CAP documents.
 */
const LIVE_COUNT_UPTO = 2;
const UNKNOWN_COUNT_CAP = 200;

class TsvectorDialect implements SearchDialect {
  private readonly refresh = new TermStatsRefresh(rebuildTermStats);

  async indexDoc(db: SqlExecutor, id: number, doc: SearchDoc): Promise<void> {
    await db.run(
      `INSERT INTO search_docs (thread_id, title, body, error, comments) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (thread_id) DO UPDATE SET title = excluded.title, body = excluded.body, error = excluded.error,
         comments = excluded.comments`,
      [id, clean(doc.title), clean(doc.body), clean(doc.error), clean(doc.comments)],
    );
  }

  async setDocError(db: SqlExecutor, id: number, error: string): Promise<void> {
    await db.run("UPDATE search_docs SET error = ? WHERE thread_id = ?", [clean(error), id]);
  }

  async search(db: SqlExecutor, terms: readonly string[], { repoKey, limit }: { repoKey?: string; limit: number }) {
    const rows = await db.all<{ id: number; score: number }>(
      `SELECT d.thread_id AS id, ts_rank(${WEIGHTS}, d.tsv, q, 1) AS score
       FROM search_docs d ${repoKey ? "JOIN threads t ON t.id = d.thread_id" : ""}, to_tsquery('english', ?) q
       WHERE d.tsv @@ q ${repoKey ? "AND t.repo_key = ?" : ""}
       ORDER BY score DESC, d.thread_id LIMIT ?`,
      repoKey ? [terms.join(" | "), repoKey, limit] : [terms.join(" | "), limit],
    );
    return rows.map((r) => ({ id: Number(r.id), rank: Number(r.score) }));
  }

  async rank(db: SqlExecutor, terms: readonly string[], ids: readonly number[]) {
    if (!ids.length) return [];
    const rows = await db.all<{ id: number; score: number }>(
      `SELECT d.thread_id AS id, ts_rank(${WEIGHTS}, d.tsv, q, 1) AS score
       FROM search_docs d, to_tsquery('english', ?) q
       WHERE d.tsv @@ q AND d.thread_id = ANY(?)`,
      [terms.join(" | "), ids],
    );
    return rows.map((r) => ({ id: Number(r.id), rank: Number(r.score) }));
  }

  async termStats(db: SqlExecutor, words: readonly string[]) {
    const rows = await db.all<{ word: string; term: string | null; docs: number | null; total: number | null }>(
      `SELECT w.word, l.lexeme AS term,
         (CASE WHEN s.docs > ${LIVE_COUNT_UPTO} THEN s.docs
               ELSE (SELECT COUNT(*) FROM (SELECT 1 FROM term_postings p WHERE p.term = l.lexeme
                                           LIMIT ${UNKNOWN_COUNT_CAP}) x) END)::integer AS docs,
         (SELECT docs FROM term_stats WHERE term = '') AS total
       FROM unnest(?::text[]) AS w(word)
       LEFT JOIN LATERAL (SELECT lexeme FROM unnest(to_tsvector('english', w.word)) LIMIT 1) l ON true
       LEFT JOIN term_stats s ON s.term = l.lexeme`,
      [words.map(clean)],
    );
    let total = 0;
    const terms = [];
    for (const r of rows) {
      total = Math.max(total, Number(r.total ?? 0));
      if (r.term) terms.push({ word: r.word, term: r.term, docs: Number(r.docs ?? 0) });
    }
    if (!rows.length) total = await indexedDocs(db);
    return { docs: Math.max(total, ...terms.map((t) => t.docs)), terms };
  }

  /**
   * Terms in the order given (rarest first from more-like-this), so the limit cuts the commonest. A
   * term term_stats counts in at most POSTED_UPTO threads is read from term_postings by an
   * index-only scan (no heap row per posting); a commoner one from the GIN index and its rows.
   */
  async postings(
    db: SqlExecutor,
    terms: readonly TermRef[],
    { maxPostings }: { maxPostings: number; withRepo: boolean },
  ): Promise<Posting[]> {
    // The repository is in term_postings' index: given whether asked for or not.
    if (!terms.length) return [];
    // Rows come back as Posting objects (about a thousand a query: no second copy).
    return db.all<Posting>(
      `SELECT x.doc AS "docId", q.term, x.strong, x.repo_key AS "repoKey"
       FROM unnest(?::text[]) WITH ORDINALITY AS q(term, i)
       LEFT JOIN term_stats s ON s.term = q.term
       CROSS JOIN LATERAL (
         SELECT p.thread_id AS doc, p.strong, p.repo_key FROM term_postings p
         WHERE p.term = q.term AND coalesce(s.docs, 0) <= ${POSTED_UPTO}
         UNION ALL
         SELECT d.thread_id, d.strong @@ ${lexemeQuery()}, t.repo_key FROM search_docs d
         JOIN threads t ON t.id = d.thread_id
         WHERE s.docs > ${POSTED_UPTO} AND d.tsv @@ ${lexemeQuery()}
       ) x
       ORDER BY q.i
       LIMIT ?`,
      [terms.map((t) => t.term), maxPostings],
    );
  }

  afterWrite(driver: Driver, docs: number): Promise<void> {
    return this.refresh.afterWrite(driver, docs);
  }
}

/** Rebuilds term_stats in one transaction (readers keep the old rows until it commits); one rebuilder at a time. */
async function rebuildTermStats(tx: SqlExecutor): Promise<void> {
  const got = await tx.get<{ ok: boolean }>(
    "SELECT pg_try_advisory_xact_lock(hashtext('issuegraph-term-stats:' || current_schema())) AS ok",
  );
  if (!got?.ok) return;
  // The same upkeep for the GIN index: merge its pending list, which every search scans.
  await tx.get("SELECT gin_clean_pending_list('search_docs_tsv'::regclass)");
  await tx.run(
    `CREATE TEMP TABLE common_terms ON COMMIT DROP AS SELECT term FROM term_stats WHERE docs > ${POSTED_UPTO}`,
  );
  await tx.run("DELETE FROM term_stats");
  await tx.run(
    `INSERT INTO term_stats (term, docs) SELECT word, ndoc FROM ts_stat('SELECT tsv FROM search_docs')
     UNION ALL SELECT '', COUNT(*)::integer FROM search_docs`,
  );
  // Terms now too common to be posted: their rows are never read again (postings takes them from GIN).
  await tx.run(`DELETE FROM term_postings p USING term_stats s WHERE s.term = p.term AND s.docs > ${POSTED_UPTO}`);
  // Terms rare again (threads deleted or rewritten): posted anew, all their threads.
  await tx.run(
    `INSERT INTO term_postings (term, thread_id, strong, repo_key)
     SELECT u.lexeme, d.thread_id, u.weights && '{A,B}'::text[], t.repo_key
     FROM (SELECT s.term FROM common_terms c JOIN term_stats s ON s.term = c.term
           WHERE s.docs <= ${POSTED_UPTO}) r
     JOIN search_docs d ON d.tsv @@ quote_literal(r.term)::tsquery
     JOIN threads t ON t.id = d.thread_id
     CROSS JOIN LATERAL unnest(d.tsv) u
     WHERE u.lexeme = r.term
     ON CONFLICT DO NOTHING`,
  );
}

/** PostgreSQL text cannot hold NUL characters. */
const clean = (s: string) => s.replace(/\0/g, "");

/** "PostgreSQL at host:port/db", never with the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") throw new Error("not postgres");
    return `PostgreSQL at ${u.hostname || "localhost"}:${u.port || "5432"}${u.pathname || ""}`;
  } catch {
    throw new StoreError(
      "The database URL is not a valid postgres:// URL",
      "Write it as postgres://user:password@host:5432/database.",
    );
  }
}

/** A pg or network error as a StoreError with one actionable hint. */
export function pgError(e: unknown, where: string): unknown {
  if (e instanceof StoreError) return e;
  const err = e as { code?: string; message?: string };
  const code = err?.code ?? "";
  const msg = err?.message ?? String(e);
  const make = (message: string, hint: string) => new StoreError(message, hint, { cause: e });
  if (code === "ECONNREFUSED")
    return make(
      `Cannot connect to ${where}: connection refused`,
      "Check that the server is running and the URL's host and port.",
    );
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return make(`Cannot connect to ${where}: the host name does not resolve`, "Check the host in DATABASE_URL.");
  if (code === "ETIMEDOUT" || code === "EHOSTUNREACH" || code === "ENETUNREACH" || /timeout/i.test(msg))
    return make(`Cannot connect to ${where}: timed out`, "Check the host, port and firewall; is the server reachable?");
  if (code === "ECONNRESET" || code.startsWith("08") || /Connection terminated/i.test(msg))
    return make(`The connection to ${where} was lost`, "Retry; if it persists, check the server's logs.");
  if (code === "28P01" || code === "28000")
    return make(`${where} refused the login`, "Check the user name and password in DATABASE_URL.");
  if (code === "3D000") return make(`${where}: the database does not exist`, "Create it (createdb) or fix the URL.");
  if (code === "42501")
    return make(
      `${where}: permission denied (${msg})`,
      "Grant the user CREATE on the database, or use another schema.",
    );
  if (code === "25006") return make(`${where} is read-only (a standby?)`, "Point DATABASE_URL at the primary server.");
  if (code === "53100")
    return make(`${where} is out of disk space`, "Free space on the server; the failed write was rolled back.");
  if (code === "53300") return make(`${where} has too many connections`, "Retry later, or raise max_connections.");
  if (code.startsWith("57P")) return make(`${where} is shutting down or starting up`, "Retry in a moment.");
  if (/^[0-9A-Z]{5}$/.test(code))
    return make(`${where} refused an operation (${code}: ${msg})`, "This is likely a bug; please report it.");
  if (code.startsWith("E")) return make(`Cannot reach ${where} (${code})`, "Check the URL and the network.");
  return e;
}
