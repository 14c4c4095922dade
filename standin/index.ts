// The stand-in's in-process API: start a local GitHub (REST + GraphQL) over fixtures on 127.0.0.1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createFaultController, type FaultController } from "./faults.js";
import type { FixtureRepo, FixtureThread } from "./fixture-schema.js";
import { createRequestHandler, type RecordedRequest, type ServerState } from "./http/server.js";
import { loadFixtureDir } from "./load-fixtures.js";
import { type Limits, RateLimits } from "./rate-limits.js";
import { isTestMode, recordChecked } from "./spec-audit.js";
import { ResponseValidator, type ValidationFailure } from "./validation.js";
import { World, type WorldInput } from "./world.js";

export type { ActiveFault, FaultController, FaultSpec, RouteFaultSpec, WorldFaultSpec } from "./faults.js";
export type { FixtureRepo, FixtureThread, RepoFile, ThreadFile } from "./fixture-schema.js";
export type { GenerateRepoOptions, GenerateThreadOptions } from "./generate.js";
export { generateRepo, generateThread } from "./generate.js";
export type { RecordedRequest } from "./http/server.js";
export { loadFixtureDir } from "./load-fixtures.js";
export type { Limits } from "./rate-limits.js";
export { isTestMode, type SpecAudit, takeSpecAudit } from "./spec-audit.js";
export { ResponseValidator, type ValidationFailure } from "./validation.js";
export { World } from "./world.js";

export type StandinOptions = {
  /** A fixture directory (<dir>/<owner>/<repo>/<n>.json). */
  fixturesDir?: string;
  /** In-memory threads (the file JSON plus owner and repo); added to the directory's. */
  fixtures?: readonly FixtureThread[];
  /** In-memory repository descriptions (`_repo.json` plus owner and repo). */
  repos?: readonly FixtureRepo[];
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Check every REST reply against GitHub's official OpenAPI description (@octokit/openapi), by route,
   * method and status; a violation answers 500 with the schema errors and is kept in
   * `validationFailures`. Default: on in test mode (under vitest, or STANDIN_VALIDATE=1). A
   * ResponseValidator may be passed instead (e.g. over another spec).
   */
  validate?: boolean | ResponseValidator;
  /**
   * Count this stand-in's checks and violations in the test-mode ledger that the test setup asserts
   * empty after each file. Default true; only a test that provokes a violation on purpose turns it off.
   */
  audit?: boolean;
  /** Host (or origin) of html_url and GraphQL url fields; default https://github.com. */
  htmlHost?: string;
  /** Milliseconds since the epoch; drives rate-limit windows and recorded times. */
  clock?: () => number;
  limits?: Partial<Limits>;
};

export type Standin = {
  /** Base URL, e.g. http://127.0.0.1:43127 (REST at /, /api/v3; GraphQL at /graphql, /api/graphql). */
  url: string;
  close(): Promise<void>;
  /** Live list of recorded requests (control requests excluded). */
  requests: RecordedRequest[];
  clearRequests(): void;
  faults: FaultController;
  world: World;
  rateLimits: RateLimits;
  /** Test mode: every response that failed schema validation. */
  validationFailures: ValidationFailure[];
  /** Throws with the details when any response failed validation. */
  assertNoValidationFailures(): void;
  /** Faults, requests, rate limits and world back to the loaded state. */
  reset(): void;
};

export function htmlBaseOf(htmlHost: string | undefined): string {
  if (htmlHost === undefined) return "https://github.com";
  return (htmlHost.includes("://") ? htmlHost : `https://${htmlHost}`).replace(/\/+$/, "");
}

export function worldInput(options: Pick<StandinOptions, "fixturesDir" | "fixtures" | "repos">): WorldInput {
  const fromDir = options.fixturesDir ? loadFixtureDir(options.fixturesDir) : { threads: [], repos: [] };
  return {
    threads: [...fromDir.threads, ...(options.fixtures ?? [])],
    repos: [...(fromDir.repos ?? []), ...(options.repos ?? [])],
  };
}

const validatorFor = (validate: boolean | ResponseValidator): ResponseValidator | null =>
  validate === true ? new ResponseValidator() : validate || null;

export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const clock = options.clock ?? Date.now;
  const world = new World(worldInput(options), { clock });
  const faults = createFaultController(world);
  const rates = new RateLimits(options.limits, clock);
  const requests: RecordedRequest[] = [];
  const validationFailures: ValidationFailure[] = [];
  let url = "";
  const reset = () => {
    faults.clear();
    requests.length = 0;
    validationFailures.length = 0;
    rates.reset();
    world.reset();
  };
  const state: ServerState = {
    world,
    faults,
    rates,
    validator: validatorFor(options.validate ?? isTestMode()),
    onChecked: options.audit === false ? () => {} : recordChecked,
    requests,
    validationFailures,
    clock,
    htmlBase: htmlBaseOf(options.htmlHost),
    baseUrl: () => url,
    reset,
  };
  const server = createServer(createRequestHandler(state));
  // Keep-alive sockets would hold close() open; tests start and stop many servers.
  server.keepAliveTimeout = 1_000;
  await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    faults,
    world,
    rateLimits: rates,
    validationFailures,
    assertNoValidationFailures() {
      if (validationFailures.length === 0) return;
      const lines = validationFailures.map((f) => `${f.method} ${f.path}: ${f.errors.join("; ")}`);
      throw new Error(`stand-in responses failed GitHub's OpenAPI schema:\n${lines.join("\n")}`);
    },
    reset,
  };
}

/** How long a requested port may stay taken before the stand-in gives up on it. */
const PORT_WAIT_MS = 3_000;

/**
 * Listens on `port` (0: any free one). A requested port can be held for a moment by another
 * process's outgoing connection (ports picked at random from the ephemeral range collide with
 * those), so EADDRINUSE is retried for a few seconds before it is final.
 */
async function listen(server: Server, port: number, host: string): Promise<void> {
  const deadline = Date.now() + PORT_WAIT_MS;
  for (;;) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve();
        });
      });
      return;
    } catch (error) {
      const taken = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
      if (!taken || port === 0 || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
