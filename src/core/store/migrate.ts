// Versioned migrations: ordered SQL steps recorded in `schema_migrations`. Opening a database runs
// the steps it has not seen, all in one transaction (so a failure leaves the old schema intact).
import { StoreError } from "../errors.js";
import type { Driver, SqlExecutor } from "./driver.js";

export type Migration = { version: number; name: string; statements: readonly string[] };

export type MigrateOptions = {
  /** Where the database is, for messages. */
  describe: string;
  /** Serialises concurrent migrators (PostgreSQL advisory lock); SQLite's write lock does it already. */
  lock?: (tx: SqlExecutor) => Promise<void>;
  /** Tables present before issuegraph ever migrated here: refuse to take over someone else's database. */
  foreignTables: (db: SqlExecutor) => Promise<string[]>;
  /** Stop at this version (tests of upgrades). */
  upTo?: number;
};

const CREATE_TABLE =
  "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

/** Brings the schema to the latest version; returns the version reached. */
export async function migrate(
  driver: Driver,
  migrations: readonly Migration[],
  options: MigrateOptions,
): Promise<number> {
  const target = options.upTo ?? Math.max(0, ...migrations.map((m) => m.version));
  return driver.transaction(async (tx) => {
    await options.lock?.(tx);
    const foreign = await options.foreignTables(tx);
    if (foreign.length && !foreign.includes("schema_migrations")) {
      throw new StoreError(
        `${options.describe} already holds other tables (${foreign.slice(0, 3).join(", ")}) and is not an issuegraph database`,
        "Point --db (or DATABASE_URL) at a new file or an empty database.",
      );
    }
    await tx.run(CREATE_TABLE);
    const row = await tx.get<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations");
    const current = Number(row?.v ?? 0);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (current > known) {
      throw new StoreError(
        `${options.describe} has schema version ${current}, newer than this issuegraph knows (${known})`,
        "Upgrade issuegraph, or point --db at another database.",
      );
    }
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= current || m.version > target) continue;
      for (const statement of m.statements) await tx.run(statement);
      await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    }
    return Math.max(current, Math.min(target, known));
  });
}

export async function schemaVersion(db: SqlExecutor): Promise<number> {
  const row = await db.get<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations");
  return Number(row?.v ?? 0);
}
