// The one place that talks HTTP: Octokit core with the throttling plugin (rate limits), over a
// fetch wrapper (transport-fetch.ts) that counts every request, enforces a per-request timeout,
// follows redirects itself (same origin only, so the token never travels to another host) and owns
// the one retry policy of REST and GraphQL alike: 5xx answers, dropped connections, timeouts and
// GraphQL's transient "Something went wrong" are retried `retries` times, retry n after
// n² × retryBaseMs (1, 4, 9 s). A refused redirect is not retried: it fails at once with its own
// message. Each Call (transport-call.ts) has its own request counts.
import { Octokit } from "@octokit/core";
import { type ThrottlingOptions, throttling } from "@octokit/plugin-throttling";
import { type ErrorContext, makeScrubber, type Scrub } from "./map-error.js";
import { type CallSettings, makeCall } from "./transport-call.js";
import { callFetch, type FetchSettings } from "./transport-fetch.js";
import { DEFAULT_API_URL, webHostForApiUrl } from "./web-host.js";

export type Logger = {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
};

export type RateLimitWait = { kind: "primary" | "secondary"; resetAt: Date; seconds: number };

export type RequestCounts = { rest: number; graphql: number };

export type TransportOptions = {
  /** REST base URL; default https://api.github.com; GHES: https://HOST/api/v3. */
  apiUrl?: string;
  /** Without a token only REST is used (GraphQL needs authentication). */
  token?: string | null;
  fetch?: typeof fetch;
  userAgent?: string;
  /** Per request (each attempt), headers and body. Default 30 s. */
  timeoutMs?: number;
  /** Retries for 5xx, dropped connections and timeouts. Default 3. */
  retries?: number;
  /** Retry n (1, 2, 3…) waits n² × retryBaseMs. Default 1000. */
  retryBaseMs?: number;
  /** How a retry waits (tests pass a fake clock's sleep). Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds per second of a rate-limit wait (tests pass 1). Default 1000. */
  throttleUnitMs?: number;
  /** Wait for a rate limit to lift when it lifts within this many seconds; else throw. Default 60. */
  maxRateLimitWaitSeconds?: number;
  onRateLimitWait?: (info: RateLimitWait) => void;
  logger?: Logger;
  clock?: () => Date;
};

export type Headers = Record<string, string | undefined>;
export type RestResult = { status: number; data: unknown; headers: Headers; url: string };
export type GraphqlError = { type?: string; message: string; path?: (string | number)[] };
export type GraphqlResult = { data: unknown; errors: GraphqlError[] };
export type GraphqlOperation = { name: string; query: string };

/** One logical operation (a fetchThread, a summaries batch…): its own request counts. */
export type Call = {
  readonly counts: RequestCounts;
  /** GET a route ("GET /repos/{owner}/{repo}/issues/{issue_number}") or an absolute API URL. 304 is returned, not thrown. */
  rest(
    route: string,
    params: Record<string, unknown>,
    opts: { what: string; etag?: string | null },
  ): Promise<RestResult>;
  /** Runs a named operation. Partial errors come back in `errors`; transport failures throw typed errors. */
  graphql(op: GraphqlOperation, variables: Record<string, unknown>, what: string): Promise<GraphqlResult>;
};

export type Transport = {
  readonly apiUrl: string;
  readonly webHost: string;
  readonly hasToken: boolean;
  readonly scrub: Scrub;
  readonly logger: Logger;
  now(): Date;
  call(): Call;
  totals(): RequestCounts;
  /** Is this absolute URL on our API origin (safe to send the token to)? */
  isApiUrl(url: string): boolean;
  errorContext(what: string): ErrorContext;
};

const silent: Logger = { debug() {}, info() {}, warn() {} };

const ThrottledOctokit = Octokit.plugin(throttling);

// The plugin spaces GraphQL requests 1 s apart through its "write" group, which is meant for
// mutations; we only read, so that gate is a pass-through (secondary limits are still honoured).
const passThroughGroup = {
  key: () => ({
    schedule: (_opts: unknown, fn: (...a: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve().then(() => fn(...args)),
  }),
} as unknown as NonNullable<Extract<ThrottlingOptions, { onRateLimit: unknown }>["write"]>;

type Settings = FetchSettings & CallSettings & { apiUrl: string; token: string | null };

export function createTransport(opts: TransportOptions): Transport {
  const s = resolveSettings(opts);
  const octokit = createOctokit(opts, s);
  return {
    apiUrl: s.apiUrl,
    webHost: webHostForApiUrl(s.apiUrl),
    hasToken: s.token !== null,
    scrub: s.scrub,
    logger: s.logger,
    now: s.clock,
    call() {
      const counts: RequestCounts = { rest: 0, graphql: 0 };
      return { counts, ...makeCall(s, octokit, callFetch(s, counts)) };
    },
    totals: () => ({ ...s.totals }),
    isApiUrl: s.isApiUrl,
    errorContext: s.errorContext,
  };
}

/** The options with their defaults, and the helpers every step shares. */
function resolveSettings(opts: TransportOptions): Settings {
  const apiUrl = (opts.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
  const apiOrigin = new URL(apiUrl).origin;
  const token = opts.token || null;
  const clock = opts.clock ?? (() => new Date());
  const scrub = makeScrubber(token);
  return {
    apiUrl,
    apiOrigin,
    token,
    baseFetch: opts.fetch ?? globalThis.fetch,
    timeoutMs: opts.timeoutMs ?? 30_000,
    retries: opts.retries ?? 3,
    retryBaseMs: opts.retryBaseMs ?? 1000,
    sleep: opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    logger: opts.logger ?? silent,
    clock,
    scrub,
    totals: { rest: 0, graphql: 0 },
    isApiUrl: (url: string) => {
      try {
        return new URL(url).origin === apiOrigin;
      } catch {
        return false;
      }
    },
    errorContext: (what: string): ErrorContext => ({ what, hasToken: token !== null, now: clock, scrub }),
  };
}

/** Octokit with the throttling plugin: rate limits are waited out only when they lift soon. */
function createOctokit(opts: TransportOptions, s: Settings): Octokit {
  const maxWait = opts.maxRateLimitWaitSeconds ?? 60;
  const wantWait = (kind: RateLimitWait["kind"], retryAfter: number, retryCount: number, maxTries: number) => {
    if (retryCount >= maxTries || retryAfter > maxWait) return false;
    const info = { kind, seconds: retryAfter, resetAt: new Date(s.clock().getTime() + retryAfter * 1000) };
    s.logger.warn({ kind, seconds: retryAfter }, `GitHub ${kind} rate limit: waiting ${retryAfter}s`);
    opts.onRateLimitWait?.(info);
    return true;
  };
  const log = (level: "debug" | "info" | "warn") => (msg: string) => s.logger[level]({}, s.scrub(String(msg)));
  return new ThrottledOctokit({
    baseUrl: s.apiUrl,
    ...(s.token ? { auth: s.token } : {}),
    userAgent: opts.userAgent ?? "issuegraph",
    request: { fetch: s.baseFetch },
    log: { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("warn") },
    throttle: {
      retryAfterBaseValue: opts.throttleUnitMs ?? 1000,
      fallbackSecondaryRateRetryAfter: 60,
      write: passThroughGroup,
      // Primary: wait once, and only when the reset is near. (retryAfter is computed by the plugin.)
      onRateLimit: (retryAfter: number, _o: unknown, _k: unknown, retryCount: number) =>
        wantWait("primary", retryAfter, retryCount, 1),
      onSecondaryRateLimit: (retryAfter: number, _o: unknown, _k: unknown, retryCount: number) =>
        wantWait("secondary", retryAfter, retryCount, 2),
    },
  });
}
