// Choosing and opening a store. `storeLocationFrom` is pure (the CLI passes flag and env values in);
// `openStore` loads only the backend it needs.
import { UsageError } from "../errors.js";
import type { Store, StoreLocation } from "./types.js";

export type StoreLocationInput = {
  /** --db PATH (or ISSUEGRAPH_DB): a file path, or a postgres:// URL. Wins over everything. */
  db?: string;
  /** DATABASE_URL: selects PostgreSQL when it is a postgres:// URL. */
  databaseUrl?: string;
  /** XDG_DATA_HOME. */
  xdgDataHome?: string;
  /** The user's home directory. */
  home: string;
};

const isPostgresUrl = (s: string) => /^postgres(?:ql)?:\/\//i.test(s.trim());

/**
 * Where the store lives: `db` if given (a path, or a postgres URL), else DATABASE_URL when it is a
 * postgres URL, else `$XDG_DATA_HOME/issuegraph/issuegraph.db`, else `~/.local/share/issuegraph/issuegraph.db`.
 */
export function storeLocationFrom(input: StoreLocationInput): StoreLocation {
  const db = input.db?.trim();
  if (db) {
    if (isPostgresUrl(db)) return { kind: "postgres", url: db };
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(db)) {
      throw new UsageError(
        `--db "${db.replace(/\/\/[^@/]*@/, "//***@")}" is neither a file path nor a postgres:// URL`,
        dbHint,
      );
    }
    return { kind: "sqlite", path: expandHome(db.replace(/^sqlite:/i, ""), input.home) };
  }
  const url = input.databaseUrl?.trim();
  if (url) {
    if (isPostgresUrl(url)) return { kind: "postgres", url };
    throw new UsageError("DATABASE_URL is set but is not a postgres:// URL", `Unset DATABASE_URL. ${dbHint}`);
  }
  const base = input.xdgDataHome?.trim()
    ? input.xdgDataHome.trim().replace(/\/+$/, "")
    : `${trimSlash(input.home)}/.local/share`;
  return { kind: "sqlite", path: `${base}/issuegraph/issuegraph.db` };
}

const dbHint = "Pass --db with a file path (SQLite) or a postgres://user:pass@host/db URL.";

const trimSlash = (s: string) => s.replace(/\/+$/, "");

function expandHome(path: string, home: string): string {
  if (path === "~") return trimSlash(home);
  if (path.startsWith("~/")) return `${trimSlash(home)}/${path.slice(2)}`;
  return path;
}

export type OpenStoreOptions = {
  now?: () => Date;
  /** PostgreSQL: how long to wait for a connection (default 5 s). */
  connectTimeoutMs?: number;
};

export async function openStore(location: StoreLocation, options: OpenStoreOptions = {}): Promise<Store> {
  if (location.kind === "sqlite") {
    const { openSqliteStore } = await import("./sqlite/sqlite-store.js");
    return openSqliteStore(location.path, { now: options.now });
  }
  const { openPostgresStore } = await import("./postgres/postgres-store.js");
  return openPostgresStore(location.url, {
    schema: location.schema,
    now: options.now,
    connectTimeoutMs: options.connectTimeoutMs,
  });
}
