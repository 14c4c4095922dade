// The one place that talks HTTP: Octokit core with the throttling plugin (rate limits), over a
// fetch wrapper that counts every request, enforces a per-request timeout, follows redirects itself
// (same origin only, so the token never travels to another host) and owns the one retry policy of
// REST and GraphQL alike: 5xx answers, dropped connections, timeouts and GraphQL's transient
// "Something went wrong" are retried `retries` times, retry n after n² × retryBaseMs (1, 4, 9 s).
// A refused redirect is not retried: it fails at once with its own message.
import { Octokit } from "@octokit/core";
import { type ThrottlingOptions, throttling } from "@octokit/plugin-throttling";
import { IssuegraphError, UpstreamError } from "../errors.js";
import { badShape, type ErrorContext, makeScrubber, rateLimitOf, type Scrub, toTypedError } from "./map-error.js";
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
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

const ThrottledOctokit = Octokit.plugin(throttling);

/** The one retry schedule: retry n (1-based) waits n² × base. */
const retryDelayMs = (retry: number, baseMs: number): number => retry * retry * baseMs;

const TRANSIENT_GRAPHQL = /Something went wrong while executing your query/;

/** Whether an answer is worth another try: a 5xx, or GraphQL's transient error inside a 200. */
async function isTransient(res: Response, kind: keyof RequestCounts): Promise<boolean> {
  if (res.status >= 500 && res.status <= 599) return true;
  if (kind !== "graphql" || res.status !== 200) return false;
  try {
    const body = (await res.clone().json()) as { errors?: { message?: unknown }[] } | null;
    const first = body?.errors?.[0]?.message;
    return typeof first === "string" && TRANSIENT_GRAPHQL.test(first);
  } catch {
    return false;
  }
}

// The plugin spaces GraphQL requests 1 s apart through its "write" group, which is meant for
// mutations; we only read, so that gate is a pass-through (secondary limits are still honoured).
const passThroughGroup = {
  key: () => ({
    schedule: (_opts: unknown, fn: (...a: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve().then(() => fn(...args)),
  }),
} as unknown as NonNullable<Extract<ThrottlingOptions, { onRateLimit: unknown }>["write"]>;

export function createTransport(opts: TransportOptions): Transport {
  const apiUrl = (opts.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
  const apiOrigin = new URL(apiUrl).origin;
  const token = opts.token || null;
  const baseFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxWait = opts.maxRateLimitWaitSeconds ?? 60;
  const logger = opts.logger ?? silent;
  const clock = opts.clock ?? (() => new Date());
  const scrub = makeScrubber(token);
  const totals: RequestCounts = { rest: 0, graphql: 0 };
  const retries = opts.retries ?? 3;
  const retryBaseMs = opts.retryBaseMs ?? 1000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const wantWait = (kind: RateLimitWait["kind"], retryAfter: number, retryCount: number, maxTries: number) => {
    if (retryCount >= maxTries || retryAfter > maxWait) return false;
    const info = { kind, seconds: retryAfter, resetAt: new Date(clock().getTime() + retryAfter * 1000) };
    logger.warn({ kind, seconds: retryAfter }, `GitHub ${kind} rate limit: waiting ${retryAfter}s`);
    opts.onRateLimitWait?.(info);
    return true;
  };

  const octokit = new ThrottledOctokit({
    baseUrl: apiUrl,
    ...(token ? { auth: token } : {}),
    userAgent: opts.userAgent ?? "issuegraph",
    request: { fetch: baseFetch },
    log: {
      debug: (msg: string) => logger.debug({}, scrub(String(msg))),
      info: (msg: string) => logger.info({}, scrub(String(msg))),
      warn: (msg: string) => logger.warn({}, scrub(String(msg))),
      error: (msg: string) => logger.warn({}, scrub(String(msg))),
    },
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

  const isApiUrl = (url: string) => {
    try {
      return new URL(url).origin === apiOrigin;
    } catch {
      return false;
    }
  };

  const errorContext = (what: string): ErrorContext => ({ what, hasToken: token !== null, now: clock, scrub });

  function instrumentedFetch(counts: RequestCounts): typeof fetch {
    const once = attemptFetch(counts);
    return async (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const kind: keyof RequestCounts = /\/graphql$/.test(new URL(url).pathname) ? "graphql" : "rest";
      for (let attempt = 0; ; attempt++) {
        let res: Response;
        try {
          res = await once(input, init);
        } catch (err) {
          // Our own refusals (a redirect off the API host) are final; network failures are retried.
          if (err instanceof IssuegraphError || attempt >= retries) throw err;
          await wait(attempt + 1, kind, String(err));
          continue;
        }
        if (attempt >= retries || !(await isTransient(res, kind))) return res;
        await wait(attempt + 1, kind, `HTTP ${res.status}`);
      }
    };
  }

  async function wait(retry: number, kind: keyof RequestCounts, why: string): Promise<void> {
    const ms = retryDelayMs(retry, retryBaseMs);
    logger.warn({ kind, retry, ms, why: scrub(why) }, "retrying a GitHub request");
    await sleep(ms);
  }

  function attemptFetch(counts: RequestCounts): typeof fetch {
    return async (input, init) => {
      let url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      let method = init?.method ?? "GET";
      let body = init?.body;
      for (let hop = 0; ; hop++) {
        const kind: keyof RequestCounts = /\/graphql$/.test(new URL(url).pathname) ? "graphql" : "rest";
        counts[kind]++;
        totals[kind]++;
        const started = clock().getTime();
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), timeoutMs);
        try {
          const res = await baseFetch(url, { ...init, method, body, redirect: "manual", signal: abort.signal });
          const location = res.headers.get("location");
          if (REDIRECTS.has(res.status) && location) {
            await res.body?.cancel().catch(() => {});
            const next = new URL(location, url).href;
            logger.debug({ status: res.status, from: scrub(url), to: scrub(next) }, "redirect");
            if (!isApiUrl(next)) {
              throw new UpstreamError(
                `GitHub redirected a request outside ${apiOrigin} (to ${scrub(new URL(next).origin)}); not followed`,
                "The token is only sent to the configured API host. If the repository moved to another host, pass that host's --api-url.",
                res.status,
              );
            }
            if (hop >= MAX_REDIRECTS) throw new Error("too many redirects");
            if (res.status === 303) {
              method = "GET";
              body = undefined;
            }
            url = next;
            continue;
          }
          // Read the body inside the timeout: a response that stalls mid-body counts as slow too.
          const buffer = res.status === 204 || res.status === 304 ? null : await res.arrayBuffer();
          logger.debug(
            { method, url: scrub(url), status: res.status, ms: clock().getTime() - started },
            "github request",
          );
          const out = new Response(buffer, { status: res.status, statusText: res.statusText, headers: res.headers });
          Object.defineProperty(out, "url", { value: url });
          return out;
        } catch (err) {
          if (err instanceof IssuegraphError) throw err;
          if (abort.signal.aborted) {
            logger.warn({ method, url: scrub(url), ms: timeoutMs }, "github request timed out");
            // Not an AbortError: Octokit turns this into a retryable RequestError (status 500).
            throw new Error(`no response within ${timeoutMs} ms`);
          }
          logger.warn({ method, url: scrub(url), error: scrub(String(err)) }, "github request failed");
          throw err;
        } finally {
          clearTimeout(timer);
        }
      }
    };
  }

  function call(): Call {
    const counts: RequestCounts = { rest: 0, graphql: 0 };
    const fetchForCall = instrumentedFetch(counts);
    return {
      counts,
      async rest(route, params, { what, etag }) {
        const headers: Record<string, string> = {
          accept: "application/vnd.github+json",
          "x-github-api-version": "2022-11-28",
        };
        if (etag) headers["if-none-match"] = etag;
        const isAbsolute = /^https?:\/\//.test(route);
        if (isAbsolute && !isApiUrl(route)) {
          throw badShape(what, `refusing to follow ${new URL(route).origin}, outside ${apiOrigin}`, scrub);
        }
        try {
          const res = await octokit.request(isAbsolute ? `GET ${route}` : route, {
            ...params,
            headers,
            request: { fetch: fetchForCall },
          });
          return { status: res.status, data: res.data, headers: res.headers as Headers, url: res.url };
        } catch (err) {
          const e = err as { status?: unknown; response?: { headers?: Headers; url?: string } };
          if (e.status === 304 && e.response) {
            return { status: 304, data: null, headers: e.response.headers ?? {}, url: e.response.url ?? "" };
          }
          throw toTypedError(ownError(err) ?? err, errorContext(what));
        }
      },
      async graphql(op, variables, what) {
        try {
          const data = await octokit.graphql(op.query, {
            operationName: op.name,
            ...variables,
            request: { fetch: fetchForCall },
          });
          return { data, errors: [] };
        } catch (err) {
          if (err instanceof IssuegraphError) throw err;
          const own = ownError(err);
          if (own) throw own;
          const e = err as { name?: string; data?: unknown; errors?: unknown; headers?: Headers };
          if (e.name !== "GraphqlResponseError" || !Array.isArray(e.errors))
            throw toTypedError(err, errorContext(what));
          const errors = e.errors.map(cleanGraphqlError);
          // A limit reported inside a 200 (the throttling plugin only sees RATE_LIMITED).
          const fake = {
            status: 200,
            message: errors.map((x) => x.message).join("; "),
            response: { headers: e.headers ?? {}, data: { errors } },
          };
          if (rateLimitOf(fake, clock)) throw toTypedError(fake, errorContext(what));
          return { data: e.data ?? null, errors };
        }
      },
    };
  }

  return {
    apiUrl,
    webHost: webHostForApiUrl(apiUrl),
    hasToken: token !== null,
    scrub,
    logger,
    now: clock,
    call,
    totals: () => ({ ...totals }),
    isApiUrl,
    errorContext,
  };
}

/** Octokit wraps what our fetch throws in a RequestError; our typed errors come back out. */
function ownError(err: unknown): IssuegraphError | null {
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause instanceof IssuegraphError ? cause : null;
}

function cleanGraphqlError(raw: unknown): GraphqlError {
  const e = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    ...(typeof e.type === "string" ? { type: e.type } : {}),
    message: typeof e.message === "string" ? e.message : "unknown GraphQL error",
    ...(Array.isArray(e.path) ? { path: e.path as (string | number)[] } : {}),
  };
}
