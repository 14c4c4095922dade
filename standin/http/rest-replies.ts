// A REST result as GitHub sends it: base headers, ETag and Last-Modified on a 200, 304 for a
// matching conditional request (free), the primary rate limit charged otherwise, and (test mode)
// the reply checked against GitHub's OpenAPI description, a violation replacing it with a 500.
import { sha256Hex } from "../ids.js";
import { type Caller, PRIMARY_DOCS, primaryLimitMessage, type RateState, rateLimitHeaders } from "../rate-limits.js";
import { writeComment } from "../rest/comment-writes.js";
import { renderRateLimitItem } from "../rest/render.js";
import type { RestEnv, RestResult } from "../rest/router.js";
import type { ValidationFailure } from "../validation.js";
import { baseHeaders, CACHE_VARY, type Exchange, type Reply, restPath } from "./replies.js";
import type { ServerState } from "./server.js";

/** The render environment of a REST request: links point at this server (with /api/v3 when asked that way). */
export function restEnv(state: ServerState, ex: Exchange): RestEnv {
  const linkBase = `${state.baseUrl()}${restPath(ex.url.pathname).ghes ? "/api/v3" : ""}`;
  const ctx = {
    world: state.world,
    apiBase: linkBase,
    htmlBase: state.htmlBase,
    users: new Map(),
    authenticated: ex.caller.authenticated,
  };
  return { ctx, linkBase, rateLimitBody: () => rateLimitOverview(state, ex.caller) };
}

export function restReply(state: ServerState, ex: Exchange, result: RestResult): Reply {
  const { path } = restPath(ex.url.pathname);
  const violation = checkAgainstSpec(state, ex.method, path, result.status, result.body);
  const status = violation ? 500 : result.status;
  const json = JSON.stringify(violation ?? result.body);
  const headers: Record<string, string> = { ...baseHeaders(ex.record), ...(result.headers ?? {}) };
  const etag = `"${sha256Hex(json)}"`;
  if (status === 200) {
    headers.etag = etag;
    headers["cache-control"] = "private, max-age=60, s-maxage=60";
    headers.vary = CACHE_VARY;
    if (result.lastModified) headers["last-modified"] = new Date(result.lastModified).toUTCString();
  }
  const notModified = status === 200 && isNotModified(ex, etag, result.lastModified);
  // A 304 is free (GitHub: conditional requests answered 304 do not count against the primary limit).
  if (notModified || result.free) {
    const reply = {
      status: notModified ? 304 : status,
      headers: { ...headers, ...rateLimitHeaders(state.rates.state(ex.caller, "core")) },
    };
    return { ...reply, body: notModified ? null : json };
  }
  if (!state.rates.charge(ex.caller, "core")) {
    const body = primaryLimitBody(ex);
    const limited = checkAgainstSpec(state, ex.method, path, 403, body);
    return {
      status: limited ? 500 : 403,
      headers: { ...baseHeaders(ex.record), ...spentHeaders(state, ex.caller) },
      body: JSON.stringify(limited ?? body),
    };
  }
  return { status, headers: { ...headers, ...rateLimitHeaders(state.rates.state(ex.caller, "core")) }, body: json };
}

function isNotModified(ex: Exchange, etag: string, lastModified: string | undefined): boolean {
  const ifNoneMatch = ex.header("if-none-match");
  if (ifNoneMatch) return etagMatches(ifNoneMatch, etag);
  const ifModifiedSince = ex.header("if-modified-since");
  return (
    ifModifiedSince !== undefined &&
    lastModified !== undefined &&
    Date.parse(ifModifiedSince) >= Date.parse(lastModified)
  );
}

function etagMatches(header: string, etag: string): boolean {
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || strip(tag) === strip(etag));
}

const primaryLimitBody = (ex: Exchange) => ({
  message: primaryLimitMessage(ex.caller, ex.address),
  documentation_url: PRIMARY_DOCS,
});

const spentHeaders = (state: ServerState, caller: Caller) =>
  rateLimitHeaders({ ...state.rates.state(caller, "core"), remaining: 0 });

/** POST/PATCH of issue comments (rest/comment-writes.ts): checked against the spec and rate-limited like reads, never 304. */
export function commentWriteReply(state: ServerState, ex: Exchange): Reply {
  const { path } = restPath(ex.url.pathname);
  const token = /^(?:token|bearer)\s+(\S+)$/i.exec(ex.header("authorization")?.trim() ?? "")?.[1] ?? null;
  const result = writeComment({ method: ex.method, path, raw: ex.raw }, ex.caller, token, restEnv(state, ex).ctx);
  const headers: Record<string, string> = { ...baseHeaders(ex.record), ...(result.headers ?? {}) };
  const violation = checkAgainstSpec(state, ex.method, path, result.status, result.body);
  if (violation) return { status: 500, headers, body: JSON.stringify(violation) };
  if (ex.caller.authenticated && !state.rates.charge(ex.caller, "core")) {
    return {
      status: 403,
      headers: { ...headers, ...spentHeaders(state, ex.caller) },
      body: JSON.stringify(primaryLimitBody(ex)),
    };
  }
  return {
    status: result.status,
    headers: { ...headers, ...rateLimitHeaders(state.rates.state(ex.caller, "core")) },
    body: JSON.stringify(result.body),
  };
}

/** A REST fault's reply, checked like any other (a test's custom body may not be what GitHub sends). */
export function checkedFault(state: ServerState, ex: Exchange, reply: Reply): Reply {
  let body: unknown = null;
  try {
    body = reply.body ? JSON.parse(reply.body) : null;
  } catch {}
  const violation = checkAgainstSpec(state, ex.method, restPath(ex.url.pathname).path, reply.status, body);
  return violation ? { ...reply, status: 500, body: JSON.stringify(violation) } : reply;
}

/**
 * Test mode: null when GitHub's OpenAPI description allows this status and body for this route;
 * otherwise the violation is recorded, printed, and becomes the body of a 500 that replaces the reply.
 */
function checkAgainstSpec(
  state: ServerState,
  method: string,
  path: string,
  status: number,
  body: unknown,
): object | null {
  if (!state.validator) return null;
  const { operation, errors } = state.validator.validate(method, path, status, body);
  if (errors.length === 0) {
    state.onChecked(null);
    return null;
  }
  const failure: ValidationFailure = { method, path, status, operation, errors };
  state.validationFailures.push(failure);
  state.onChecked(failure);
  console.error(
    `[standin] response failed GitHub's OpenAPI description: ${method} ${path} ${status}\n  ${errors.join("\n  ")}`,
  );
  return { message: "stand-in response failed GitHub's OpenAPI description", ...failure };
}

/** GET /rate_limit: every resource's budget for this caller. */
function rateLimitOverview(state: ServerState, caller: Caller): unknown {
  const item = (s: RateState) => renderRateLimitItem(s.limit, s.used, s.reset, s.resource);
  const now = Math.ceil(state.clock() / 1000);
  const core = item(state.rates.state(caller, "core"));
  const resources = {
    core,
    graphql: item(state.rates.state(caller, "graphql")),
    search: renderRateLimitItem(caller.authenticated ? 30 : 10, 0, now + 60, "search"),
    code_search: renderRateLimitItem(caller.authenticated ? 10 : 0, 0, now + 60, "code_search"),
    integration_manifest: renderRateLimitItem(5000, 0, now + 3600, "integration_manifest"),
  };
  return { resources, rate: core };
}
