// Flags + environment -> the settings every command shares. Pure: main.ts passes process.env in.
import { dirname } from "node:path";
import { UsageError } from "../core/errors.js";
import { storeLocationFrom } from "../core/store/open-store.js";
import type { StoreLocation } from "../core/store/types.js";

export type Env = Readonly<Record<string, string | undefined>>;

export type CommonConfig = {
  apiUrl: string;
  /** null without a token: REST only, 60 requests an hour. */
  token: string | null;
  logLevel: "silent" | "error" | "warn" | "info" | "debug";
};

export const DEFAULT_API_URL = "https://api.github.com";

/** Where main.ts puts the token `gh auth token` printed (asked only when no token variable is set). */
export const GH_CLI_TOKEN_ENV = "ISSUEGRAPH_GH_CLI_TOKEN";

export function commonConfig(flags: { apiUrl?: string }, env: Env): CommonConfig {
  const apiUrl = normaliseApiUrl(flags.apiUrl ?? env.GITHUB_API_URL ?? apiUrlForGhHost(env.GH_HOST) ?? DEFAULT_API_URL);
  const token = tokenFor(apiUrl, env);
  const level = (env.ISSUEGRAPH_LOG ?? "warn").toLowerCase();
  const logLevel = (["silent", "error", "warn", "info", "debug"] as const).find((l) => l === level) ?? "warn";
  return { apiUrl, token, logLevel };
}

/** GH_HOST as gh reads it: github.com -> api.github.com, any other host -> its Enterprise Server API. */
export function apiUrlForGhHost(raw: string | undefined): string | null {
  const host = raw
    ?.trim()
    .replace(/^https?:\/\//, "")
    .replace(/\/+$/, "");
  if (!host) return null;
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(host)) {
    throw new UsageError(`GH_HOST "${raw}" is not a host name`, "Use e.g. GH_HOST=github.example.com.");
  }
  return host.toLowerCase() === "github.com" ? DEFAULT_API_URL : `https://${host}/api/v3`;
}

/** Whether the API serves an Enterprise Server host (gh then reads GH_ENTERPRISE_TOKEN first). */
export function isEnterpriseApi(apiUrl: string): boolean {
  const host = new URL(apiUrl).hostname.toLowerCase();
  return host !== "api.github.com" && /^\/api\/v3\/?$/.test(new URL(apiUrl).pathname);
}

/**
 * gh's order: GH_TOKEN, then GITHUB_TOKEN (github.com); GH_ENTERPRISE_TOKEN, then
 * GITHUB_ENTERPRISE_TOKEN first for an Enterprise host; then the token `gh auth token` gave.
 */
export function tokenFor(apiUrl: string, env: Env): string | null {
  const names = [
    ...(isEnterpriseApi(apiUrl) ? ["GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"] : []),
    "GH_TOKEN",
    "GITHUB_TOKEN",
    GH_CLI_TOKEN_ENV,
  ];
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return null;
}

export function normaliseApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `--api-url "${raw}" is not a URL`,
      "Use https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UsageError(`--api-url must be http(s), not ${url.protocol}`, "Use https://HOST/api/v3.");
  }
  if (url.username || url.password) {
    throw new UsageError("--api-url must not carry credentials", "Pass the token in GITHUB_TOKEN instead.");
  }
  // A query (?access_token=…) would ride along on every request and into logs; a fragment means nothing.
  if (url.search || url.hash || /[?#]/.test(raw)) {
    throw new UsageError(
      "--api-url must not have a query string or fragment",
      "Give only the base URL, e.g. https://HOST/api/v3; pass the token in GITHUB_TOKEN.",
    );
  }
  return url.toString().replace(/\/+$/, "");
}

export function parseDepth(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const depth = Number(raw);
  if (!Number.isInteger(depth) || depth < 1 || depth > 3) {
    throw new UsageError(`--depth ${raw} is out of range`, "Use a whole number from 1 to 3.");
  }
  return depth;
}

export type ReportFormat = "md" | "json";

export function parseFormat(raw: string | undefined): ReportFormat {
  const format = (raw ?? "md").toLowerCase();
  if (format === "md" || format === "markdown") return "md";
  if (format === "json") return "json";
  throw new UsageError(`--format ${raw} is not known`, "Use --format md or --format json.");
}

/** --db, else ISSUEGRAPH_DB, else DATABASE_URL, else the default file; ISSUEGRAPH_PG_SCHEMA picks the PostgreSQL schema. */
export function storeLocationOf(db: string | undefined, env: Env): StoreLocation {
  const location = storeLocationFrom({
    db: db ?? env.ISSUEGRAPH_DB,
    databaseUrl: env.DATABASE_URL,
    xdgDataHome: env.XDG_DATA_HOME,
    home: env.HOME ?? env.USERPROFILE ?? ".",
  });
  const schema = env.ISSUEGRAPH_PG_SCHEMA?.trim();
  if (location.kind === "postgres" && schema) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new UsageError(
        `ISSUEGRAPH_PG_SCHEMA "${schema}" is not a plain schema name`,
        "Use lowercase letters, digits and _.",
      );
    }
    return { ...location, schema };
  }
  return location;
}

/**
 * The SQLite file's folder must exist when the path was given (--db or ISSUEGRAPH_DB): a typo there
 * would otherwise start an empty store silently. The default XDG location is created as needed.
 */
export function explicitSqliteFolder(db: string | undefined, env: Env, location: StoreLocation): string | null {
  const given = (db ?? env.ISSUEGRAPH_DB)?.trim();
  if (!given || location.kind !== "sqlite" || location.path === ":memory:") return null;
  return dirname(location.path);
}
