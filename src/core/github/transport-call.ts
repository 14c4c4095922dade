// One Call: a REST GET or a named GraphQL operation through Octokit, on the call's own counted
// fetch. A 304 is an answer, not an error; GraphQL's partial errors come back in `errors`; every
// other failure leaves as a typed error (our own refusals unwrapped from Octokit's RequestError).
import type { Octokit } from "@octokit/core";
import { IssuegraphError } from "../errors.js";
import { badShape, type ErrorContext, rateLimitOf, type Scrub, toTypedError } from "./map-error.js";
import type { Call, GraphqlError, GraphqlResult, Headers, RestResult } from "./transport.js";

/** What a call needs from its transport. */
export type CallSettings = {
  apiOrigin: string;
  scrub: Scrub;
  clock: () => Date;
  isApiUrl(url: string): boolean;
  errorContext(what: string): ErrorContext;
};

const REST_HEADERS = { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" };

export function makeCall(s: CallSettings, octokit: Octokit, fetchForCall: typeof fetch): Omit<Call, "counts"> {
  return {
    rest: (route, params, opts) => restGet(s, octokit, fetchForCall, route, params, opts),
    graphql: (op, variables, what) => graphqlQuery(s, octokit, fetchForCall, op, variables, what),
  };
}

async function restGet(
  s: CallSettings,
  octokit: Octokit,
  fetchForCall: typeof fetch,
  ...[route, params, { what, etag }]: Parameters<Call["rest"]>
): Promise<RestResult> {
  const headers: Record<string, string> = etag ? { ...REST_HEADERS, "if-none-match": etag } : { ...REST_HEADERS };
  const isAbsolute = /^https?:\/\//.test(route);
  if (isAbsolute && !s.isApiUrl(route)) {
    throw badShape(what, `refusing to follow ${new URL(route).origin}, outside ${s.apiOrigin}`, s.scrub);
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
    throw toTypedError(ownError(err) ?? err, s.errorContext(what));
  }
}

async function graphqlQuery(
  s: CallSettings,
  octokit: Octokit,
  fetchForCall: typeof fetch,
  ...[op, variables, what]: Parameters<Call["graphql"]>
): Promise<GraphqlResult> {
  try {
    const data = await octokit.graphql(op.query, {
      operationName: op.name,
      ...variables,
      request: { fetch: fetchForCall },
    });
    return { data, errors: [] };
  } catch (err) {
    return partialResult(s, err, what);
  }
}

/** A GraphQL answer with errors: the partial data, unless the errors say a limit was hit. */
function partialResult(s: CallSettings, err: unknown, what: string): GraphqlResult {
  if (err instanceof IssuegraphError) throw err;
  const own = ownError(err);
  if (own) throw own;
  const e = err as { name?: string; data?: unknown; errors?: unknown; headers?: Headers };
  if (e.name !== "GraphqlResponseError" || !Array.isArray(e.errors)) throw toTypedError(err, s.errorContext(what));
  const errors = e.errors.map(cleanGraphqlError);
  // A limit reported inside a 200 (the throttling plugin only sees RATE_LIMITED).
  const asResponse = {
    status: 200,
    message: errors.map((x) => x.message).join("; "),
    response: { headers: e.headers ?? {}, data: { errors } },
  };
  if (rateLimitOf(asResponse, s.clock)) throw toTypedError(asResponse, s.errorContext(what));
  return { data: e.data ?? null, errors };
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
