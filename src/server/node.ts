// The web face's composition root: the only server module that touches ports, files and the
// process. `serveCommand(config)` builds the real deps from already-parsed config and listens;
// `startServer` listens for any app (tests use it with fakes).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { pino } from "pino";
import { UsageError } from "../core/errors.js";
import { createGitHubClient, webHostForApiUrl } from "../core/github/index.js";
import { renderMarkdown } from "../core/render/markdown.js";
import { openStore } from "../core/store/open-store.js";
import type { StoreLocation } from "../core/store/types.js";
import { parseCatalog, type Tool } from "../core/tools/catalog.js";
import { syncRepo } from "../core/use-cases/sync/sync-repo.js";
import { projectPath } from "../project-paths.js";
import { createApp, type IssuegraphApp } from "./app.js";
import { createMarkdownPool } from "./html/markdown-pool.js";
import { clientAddress, trustedProxies } from "./security/admission.js";

export type RunningServer = { url: string; close(): Promise<void> };

/**
 * Listens on host:port (0 = any free port) and resolves once it accepts connections. A request the
 * app can answer from its render cache (`serveCached`) is written at once; the rest go through Hono.
 */
export async function startServer(opts: {
  app: Pick<IssuegraphApp, "fetch"> & Partial<Pick<IssuegraphApp, "idle" | "serveCached">>;
  port: number;
  host: string;
}): Promise<RunningServer> {
  const throughHono = getRequestListener(opts.app.fetch, { hostname: opts.host });
  const serveCached = opts.app.serveCached;
  const server = createServer((req, res) => {
    let cached: ReturnType<NonNullable<typeof serveCached>> = null;
    try {
      cached = serveCached?.(req, res) ?? null;
    } catch {
      cached = null; // the app answers it, and reports any error its own way
    }
    if (!cached) {
      void throughHono(req, res);
      return;
    }
    res.writeHead(cached.status, cached.headers);
    res.end(cached.body ?? undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open for their idle timeout.
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      await opts.app.idle?.();
    },
  };
}

/** Everything `issuegraph serve` needs, already parsed and checked by the CLI. */
export type ServeConfig = {
  port: number;
  host: string;
  /** REST base URL of GitHub (or the stand-in). */
  apiUrl: string;
  githubToken: string | null;
  store: StoreLocation;
  /** Enables the admin endpoints; null disables them. */
  adminToken: string | null;
  /** Signs voter cookies and CSRF tokens; null: a random one per process (votes survive, cookies do not). */
  secret: string | null;
  /** --catalog FILE; null: the bundled catalog/tools.json. */
  catalogPath: string | null;
  /** Default 10 minutes. */
  freshnessMs?: number;
  /** Default 1. */
  depth?: number;
  logLevel?: "silent" | "error" | "warn" | "info" | "debug";
  /** Public origin(s) when behind a reverse proxy, e.g. ["https://issuegraph.example"]. */
  publicOrigins?: string[];
  /** Reverse proxies (addresses, CIDR ranges) whose X-Forwarded-For names the client. */
  trustProxies?: string[];
  /**
   * The admin sync endpoint (`POST /api/v1/admin/sync`, with the admin token) syncs the repository's
   * issue list into the store; with `syncDeep` it also fetches every changed thread whole.
   */
  syncDeep?: boolean;
};

export const DEFAULT_FRESHNESS_MS = 10 * 60_000;
// From the project root, so this works from source and from the bundled dist/ alike.
const DEFAULT_CATALOG = () => projectPath("catalog", "tools.json");
const API_DOCS = () => projectPath("src", "server", "API.md");

/**
 * Opens the store, builds the GitHub client and the app, and listens. Resolves with the URL and a
 * close() that stops listening, waits for running analyses and closes the store.
 */
export async function serveCommand(config: ServeConfig): Promise<RunningServer> {
  const logger = pino(
    {
      level: config.logLevel ?? "warn",
      base: undefined,
      redact: {
        paths: ["token", "*.token", "secret", "*.secret", "headers.authorization", "*.headers.authorization"],
        censor: "[redacted]",
      },
    },
    pino.destination(2),
  );
  const catalog = loadCatalogFile(config.catalogPath);
  const store = await openStore(config.store);
  try {
    const client = createGitHubClient({ apiUrl: config.apiUrl, token: config.githubToken, logger });
    const markdownBody = createMarkdownPool();
    const proxies = config.trustProxies?.length ? trustedProxies(config.trustProxies) : null;
    const app = createApp({
      markdownBody,
      store,
      reportSource: client,
      allowedHosts: [webHostForApiUrl(config.apiUrl)],
      now: () => new Date(),
      secret: config.secret ?? randomBytes(32).toString("base64url"),
      adminToken: config.adminToken,
      catalog,
      freshnessMs: config.freshnessMs ?? DEFAULT_FRESHNESS_MS,
      logger,
      renderMarkdown,
      runSync: async (repo) => {
        const r = await syncRepo({ repo, deep: config.syncDeep ?? false }, { client, store, now: () => new Date() });
        return {
          listed: r.listed,
          threads: r.threads,
          fetched: r.fetched,
          unchanged: r.unchanged,
          requests: r.requests,
        };
      },
      reportOptions: { depth: config.depth ?? 1 },
      clientIp: (c) => clientAddress(getConnInfo(c).remote.address, c.req.header("x-forwarded-for"), proxies),
      publicOrigins: config.publicOrigins,
      apiDocs: readOptional(API_DOCS()),
    });
    const running = await startServer({ app, port: config.port, host: config.host });
    logger.info({ url: running.url }, "listening");
    return {
      url: running.url,
      close: async () => {
        await running.close();
        await markdownBody.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** Reads and validates a catalog file (the bundled one when `path` is null). */
export function loadCatalogFile(path: string | null): Tool[] {
  const file = path ?? DEFAULT_CATALOG();
  const name = path ?? "catalog/tools.json";
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UsageError(`Cannot read the catalog ${name} (${code})`, "Pass --catalog with the path of a JSON file.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${name} is not valid JSON: ${(e as Error).message}`, "Fix the JSON syntax of the catalog.");
  }
  return parseCatalog(json, name);
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
