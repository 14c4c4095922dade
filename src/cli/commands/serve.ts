// `issuegraph serve`: the web site and JSON API on one port.
import { UsageError } from "../../core/errors.js";
import type { ServeConfig } from "../../server/node.js";
import { isProxyEntry } from "../../server/security/admission.js";
import { commonConfig, type Env, storeLocationOf } from "../config.js";

export type ServeFlags = {
  port?: string;
  host?: string;
  apiUrl?: string;
  db?: string;
  catalog?: string;
  publicOrigin?: string[];
  trustProxy?: string[];
};

/** What an Authorization: Bearer header can carry (RFC 6750 b64token), as hono/bearer-auth reads it. */
const BEARER_TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;

/** The shortest admin token accepted: a guessable one would open the admin endpoints. */
const MIN_ADMIN_TOKEN_CHARS = 32;

/** argv + env -> the server's config. Pure. */
export function parseServeCommand(flags: ServeFlags, env: Env): ServeConfig {
  const common = commonConfig(flags, env);
  const port = Number(flags.port ?? env.PORT ?? "3000");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `--port ${flags.port} is not a port`,
      "Use a whole number from 0 to 65535 (0: any free port).",
    );
  }
  const secret = env.ISSUEGRAPH_SECRET?.trim() || null;
  if (secret && secret.length < 32) {
    throw new UsageError(
      "ISSUEGRAPH_SECRET is too short",
      "Use at least 32 random characters (openssl rand -base64 32).",
    );
  }
  const adminToken = env.ISSUEGRAPH_ADMIN_TOKEN?.trim() || null;
  if (adminToken && adminToken.length < MIN_ADMIN_TOKEN_CHARS) {
    throw new UsageError(
      `ISSUEGRAPH_ADMIN_TOKEN is too short (${adminToken.length} characters)`,
      `Use at least ${MIN_ADMIN_TOKEN_CHARS} random characters (openssl rand -base64 32).`,
    );
  }
  if (adminToken && !BEARER_TOKEN.test(adminToken)) {
    throw new UsageError(
      "ISSUEGRAPH_ADMIN_TOKEN has characters a Bearer token cannot carry",
      "Use letters, digits and - . _ ~ + / (then = at the end), e.g. openssl rand -base64 32.",
    );
  }
  const trustProxy = (flags.trustProxy ?? [])
    .flatMap((p) => p.split(","))
    .map((p) => p.trim())
    .filter(Boolean);
  for (const entry of trustProxy) {
    if (!isProxyEntry(entry)) {
      throw new UsageError(
        `--trust-proxy ${entry} is not an IP address or CIDR range`,
        "List the reverse proxies' addresses, e.g. --trust-proxy 127.0.0.1 10.0.0.0/8.",
      );
    }
  }
  for (const origin of flags.publicOrigin ?? []) checkPublicOrigin(origin);
  return {
    port,
    host: flags.host ?? "127.0.0.1",
    apiUrl: common.apiUrl,
    githubToken: common.token,
    store: storeLocationOf(flags.db, env),
    adminToken,
    secret,
    catalogPath: flags.catalog ?? null,
    logLevel: common.logLevel,
    ...(flags.publicOrigin?.length ? { publicOrigins: flags.publicOrigin.map((o) => new URL(o).origin) } : {}),
    ...(trustProxy.length ? { trustProxies: trustProxy } : {}),
  };
}

function checkPublicOrigin(origin: string): void {
  let url: URL | null = null;
  try {
    url = new URL(origin);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.origin !== origin.replace(/\/$/, "")) {
    throw new UsageError(
      `--public-origin ${origin} is not an origin`,
      "Give scheme, host and port only, e.g. --public-origin https://issuegraph.example.",
    );
  }
}
