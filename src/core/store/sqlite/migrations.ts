// SQLite schema, as ordered steps. Never edit a released step: add a new one.
import type { Migration } from "../migrate.js";

export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "threads, summaries, links, reports, signatures, watermarks, full-text index",
    statements: [
      `CREATE TABLE threads (
        id INTEGER PRIMARY KEY,
        ref_key TEXT NOT NULL UNIQUE,
        ref TEXT NOT NULL,
        repo_key TEXT NOT NULL,
        number INTEGER NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        state_reason TEXT,
        title TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        duplicate_of TEXT,
        fetched_at TEXT NOT NULL,
        etag TEXT,
        via TEXT NOT NULL,
        error_message TEXT,
        data TEXT NOT NULL
      )`,
      "CREATE INDEX threads_repo ON threads (repo_key, number)",
      "CREATE INDEX threads_updated ON threads (updated_at)",
      "CREATE TABLE summaries (ref_key TEXT PRIMARY KEY, data TEXT NOT NULL, fetched_at TEXT NOT NULL)",
      `CREATE TABLE links (
        from_key TEXT NOT NULL, to_key TEXT NOT NULL, position INTEGER NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (from_key, to_key)
      )`,
      `CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        ref_key TEXT NOT NULL,
        generated_at TEXT NOT NULL,
        thread_etag TEXT,
        thread_fetched_at TEXT,
        stored_at TEXT NOT NULL,
        data TEXT NOT NULL
      )`,
      "CREATE INDEX reports_ref ON reports (ref_key, id)",
      `CREATE TABLE error_signatures (
        ref_key TEXT PRIMARY KEY, ref TEXT NOT NULL, sig_key TEXT NOT NULL, family TEXT NOT NULL,
        signature TEXT NOT NULL, error_text TEXT NOT NULL
      )`,
      "CREATE INDEX error_signatures_key ON error_signatures (sig_key)",
      "CREATE INDEX error_signatures_family ON error_signatures (family)",
      `CREATE TABLE watermarks (
        repo_key TEXT PRIMARY KEY, since TEXT, list_etag TEXT, cursor TEXT, updated_at TEXT NOT NULL
      )`,
      // rowid = threads.id. Porter stemming so "windows" finds "window".
      `CREATE VIRTUAL TABLE thread_fts USING fts5 (
        title, body, error, comments, tokenize = 'porter unicode61 remove_diacritics 2'
      )`,
    ],
  },
  {
    version: 2,
    name: "votes and page views",
    statements: [
      `CREATE TABLE votes (
        ref_key TEXT NOT NULL, ref TEXT NOT NULL, signal TEXT NOT NULL, voter_id TEXT NOT NULL, at TEXT NOT NULL,
        PRIMARY KEY (ref_key, signal, voter_id)
      )`,
      "CREATE INDEX votes_at ON votes (at)",
      "CREATE TABLE views (id INTEGER PRIMARY KEY, ref_key TEXT NOT NULL, ref TEXT NOT NULL, at TEXT NOT NULL)",
      "CREATE INDEX views_at ON views (at, ref_key)",
    ],
  },
  {
    version: 3,
    name: "threads.source: the API a thread was fetched from",
    statements: ["ALTER TABLE threads ADD COLUMN source TEXT"],
  },
  {
    version: 4,
    name: "more-like-this: the index's term statistics, duplicate and fix columns",
    statements: [
      // FTS5's own statistics: documents per term.
      "CREATE VIRTUAL TABLE thread_vocab USING fts5vocab(thread_fts, row)",
      // Documents per term, rebuilt from thread_vocab as the index grows (term-stats.ts); '' counts documents.
      "CREATE TABLE term_stats (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID",
      "INSERT INTO term_stats (term, docs) SELECT term, doc FROM thread_vocab UNION ALL SELECT '', COUNT(*) FROM threads",
      // Near-match candidates are a family's threads with another key: found in the index alone.
      "CREATE INDEX error_signatures_family_key ON error_signatures (family, sig_key)",
      "ALTER TABLE threads ADD COLUMN closed_by TEXT",
      `UPDATE threads SET closed_by = (
         SELECT group_concat(json_extract(value, '$.host') || '/' || json_extract(value, '$.owner') || '/' ||
           json_extract(value, '$.repo') || '#' || json_extract(value, '$.number'), ' ')
         FROM json_each(threads.data, '$.closedByPulls'))`,
      "ALTER TABLE reports ADD COLUMN fix_status TEXT",
      "ALTER TABLE reports ADD COLUMN fix_summary TEXT",
      "ALTER TABLE reports ADD COLUMN workaround TEXT",
      `UPDATE reports SET fix_status = json_extract(data, '$.fix.status'), fix_summary = json_extract(data, '$.fix.summary'),
         workaround = CASE WHEN json_extract(data, '$.workarounds[0].kind') IN ('worked', 'temporary')
           THEN json_extract(data, '$.workarounds[0].text') END`,
    ],
  },
  {
    version: 5,
    // PostgreSQL's step 5 adds a narrow postings table (FTS5 reads its doclists without table rows);
    // postings name each thread's repository, read from this narrow index instead of the wide rows.
    name: "postings' repositories: a narrow (id, repo_key) index",
    statements: ["CREATE INDEX threads_id_repo ON threads (id, repo_key)"],
  },
];
