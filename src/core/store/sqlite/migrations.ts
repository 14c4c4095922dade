// SQLite schema, as ordered steps. Never edit a released step: add a new one.
import type { Migration } from "../migrate.js";
import { coreTables, voteTables } from "../shared-tables.js";

export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "threads, summaries, links, reports, signatures, watermarks, full-text index",
    statements: [
      ...coreTables("integer PRIMARY KEY"),
      // rowid = threads.id. Porter stemming so "windows" finds "window".
      `CREATE VIRTUAL TABLE thread_fts USING fts5 (
        title, body, error, comments, tokenize = 'porter unicode61 remove_diacritics 2'
      )`,
    ],
  },
  {
    version: 2,
    name: "votes and page views",
    statements: [...voteTables("integer PRIMARY KEY")],
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
