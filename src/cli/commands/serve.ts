// `issuegraph serve`: the web site and JSON API on one port.
import { UsageError } from "../../core/errors.js";
import type { ServeConfig } from "../../server/node.js";
import { commonConfig, type Env, storeLocationOf } from "../config.js";

export type ServeFlags = {
  port?: string;
  host?: string;
  apiUrl?: string;
  db?: string;
  catalog?: string;
  publicOrigin?: string[];
};

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
  return {
    port,
    host: flags.host ?? "127.0.0.1",
    apiUrl: common.apiUrl,
    githubToken: common.token,
    store: storeLocationOf(flags.db, env),
    adminToken: env.ISSUEGRAPH_ADMIN_TOKEN?.trim() || null,
    secret,
    catalogPath: flags.catalog ?? null,
    logLevel: common.logLevel,
    ...(flags.publicOrigin?.length ? { publicOrigins: flags.publicOrigin } : {}),
  };
}
