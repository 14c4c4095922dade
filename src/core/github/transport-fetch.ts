// The fetch under Octokit: every attempt is counted, has its own timeout (headers and body) and
// follows redirects itself, same origin only, so the token never travels to another host. Above
// it, the one retry policy of REST and GraphQL alike (5xx, dropped connections, timeouts and
// GraphQL's transient "Something went wrong"): retry n waits n² × retryBaseMs.
import { IssuegraphError, UpstreamError } from "../errors.js";
import type { Scrub } from "./map-error.js";
import type { Logger, RequestCounts } from "./transport.js";

/** What the fetch steps need, resolved once by createTransport. */
export type FetchSettings = {
  apiOrigin: string;
  baseFetch: typeof fetch;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
  clock: () => Date;
  scrub: Scrub;
  /** Counts over the transport's whole life, next to each call's own counts. */
  totals: RequestCounts;
  isApiUrl(url: string): boolean;
};

type Kind = keyof RequestCounts;
/** One hop of a request: redirects change the URL, and a 303 the method and body. */
type Hop = { url: string; method: string; body: RequestInit["body"] };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const TRANSIENT_GRAPHQL = /Something went wrong while executing your query/;

const urlOf = (input: Parameters<typeof fetch>[0]): string =>
  typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
const kindOf = (url: string): Kind => (/\/graphql$/.test(new URL(url).pathname) ? "graphql" : "rest");

/** The one retry schedule: retry n (1-based) waits n² × base. */
const retryDelayMs = (retry: number, baseMs: number): number => retry * retry * baseMs;

/** The fetch one Call hands to Octokit: counted attempts, retried by the one policy. */
export function callFetch(s: FetchSettings, counts: RequestCounts): typeof fetch {
  return retrying(s, countedAttempt(s, counts));
}

function retrying(s: FetchSettings, once: typeof fetch): typeof fetch {
  return async (input, init) => {
    const kind = kindOf(urlOf(input));
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await once(input, init);
      } catch (err) {
        // Our own refusals (a redirect off the API host) are final; network failures are retried.
        if (err instanceof IssuegraphError || attempt >= s.retries) throw err;
        await waitToRetry(s, attempt + 1, kind, String(err));
        continue;
      }
      if (attempt >= s.retries || !(await isTransient(res, kind))) return res;
      await waitToRetry(s, attempt + 1, kind, `HTTP ${res.status}`);
    }
  };
}

async function waitToRetry(s: FetchSettings, retry: number, kind: Kind, why: string): Promise<void> {
  const ms = retryDelayMs(retry, s.retryBaseMs);
  s.logger.warn({ kind, retry, ms, why: s.scrub(why) }, "retrying a GitHub request");
  await s.sleep(ms);
}

/** Whether an answer is worth another try: a 5xx, or GraphQL's transient error inside a 200. */
async function isTransient(res: Response, kind: Kind): Promise<boolean> {
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

/** One attempt: each hop of it counted, redirects on the API origin followed. */
function countedAttempt(s: FetchSettings, counts: RequestCounts): typeof fetch {
  return async (input, init) => {
    let hop: Hop = { url: urlOf(input), method: init?.method ?? "GET", body: init?.body };
    for (let n = 0; ; n++) {
      const kind = kindOf(hop.url);
      counts[kind]++;
      s.totals[kind]++;
      const out = await timedHop(s, init, hop, n);
      if (out instanceof Response) return out;
      hop = out;
    }
  };
}

/** One HTTP exchange under the timeout: the buffered answer, or the next hop of a redirect. */
async function timedHop(s: FetchSettings, init: RequestInit | undefined, hop: Hop, n: number): Promise<Response | Hop> {
  const started = s.clock().getTime();
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), s.timeoutMs);
  try {
    const { url, method, body } = hop;
    const res = await s.baseFetch(url, { ...init, method, body, redirect: "manual", signal: abort.signal });
    const location = res.headers.get("location");
    if (REDIRECTS.has(res.status) && location) return await redirectHop(s, res, hop, location, n);
    // Read the body inside the timeout: a response that stalls mid-body counts as slow too.
    const buffer = res.status === 204 || res.status === 304 ? null : await res.arrayBuffer();
    s.logger.debug(
      { method, url: s.scrub(url), status: res.status, ms: s.clock().getTime() - started },
      "github request",
    );
    const out = new Response(buffer, { status: res.status, statusText: res.statusText, headers: res.headers });
    Object.defineProperty(out, "url", { value: url });
    return out;
  } catch (err) {
    throw failedHop(s, err, hop, abort.signal.aborted);
  } finally {
    clearTimeout(timer);
  }
}

async function redirectHop(s: FetchSettings, res: Response, hop: Hop, location: string, n: number): Promise<Hop> {
  await res.body?.cancel().catch(() => {});
  const next = new URL(location, hop.url).href;
  s.logger.debug({ status: res.status, from: s.scrub(hop.url), to: s.scrub(next) }, "redirect");
  if (!s.isApiUrl(next)) {
    throw new UpstreamError(
      `GitHub redirected a request outside ${s.apiOrigin} (to ${s.scrub(new URL(next).origin)}); not followed`,
      "The token is only sent to the configured API host. If the repository moved to another host, pass that host's --api-url.",
      res.status,
    );
  }
  if (n >= MAX_REDIRECTS) throw new Error("too many redirects");
  return res.status === 303 ? { url: next, method: "GET", body: undefined } : { ...hop, url: next };
}

/** What a failed hop throws: our typed errors as they are, a timeout as a plain (retryable) Error. */
function failedHop(s: FetchSettings, err: unknown, hop: Hop, timedOut: boolean): unknown {
  if (err instanceof IssuegraphError) return err;
  const { method, url } = hop;
  if (timedOut) {
    s.logger.warn({ method, url: s.scrub(url), ms: s.timeoutMs }, "github request timed out");
    // Not an AbortError: Octokit turns this into a retryable RequestError (status 500).
    return new Error(`no response within ${s.timeoutMs} ms`);
  }
  s.logger.warn({ method, url: s.scrub(url), error: s.scrub(String(err)) }, "github request failed");
  return err;
}
