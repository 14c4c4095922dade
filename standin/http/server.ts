// The HTTP layer: recording, faults, REST (with ETag/304, rate limits, Link, validation) and GraphQL.
// Plain node:http so faults such as socket.destroy() and mid-body stalls are direct.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultController, RouteFaultSpec } from "../faults.js";
import { handleGraphQL } from "../graphql/handler.js";
import { sha256Hex } from "../ids.js";
import {
  type Caller,
  callerOf,
  PRIMARY_DOCS,
  primaryLimitMessage,
  type RateLimits,
  type RateState,
  rateLimitHeaders,
  SECONDARY_DOCS,
  SECONDARY_MESSAGE,
} from "../rate-limits.js";
import { isCommentWrite, writeComment } from "../rest/comment-writes.js";
import { renderRateLimitItem } from "../rest/render.js";
import { routeRest } from "../rest/router.js";
import type { ResponseValidator, ValidationFailure } from "../validation.js";
import type { World } from "../world.js";
import { handleControl } from "./control.js";

export type RecordedRequest = {
  seq: number;
  /** Stand-in clock, ms. */
  at: number;
  method: string;
  /** Path as requested (with /api/v3 when used), without the query. */
  path: string;
  query: Record<string, string>;
  api: "rest" | "graphql";
  /** Whether an Authorization header carried a token. The token itself is never recorded. */
  authenticated: boolean;
  ifNoneMatch: string | null;
  /** 0 when the connection was dropped. */
  status: number;
  operationName: string | null;
  /** The route fault that hit this request, if any. */
  fault: RouteFaultSpec["kind"] | null;
  durationMs: number;
};

export type ServerState = {
  world: World;
  faults: FaultController;
  rates: RateLimits;
  validator: ResponseValidator | null;
  requests: RecordedRequest[];
  validationFailures: ValidationFailure[];
  /** Hears every checked reply (null when it passed), for the test-mode ledger. */
  onChecked: (failure: ValidationFailure | null) => void;
  clock: () => number;
  htmlBase: string;
  baseUrl: () => string;
  /** Everything back to the loaded fixtures. */
  reset: () => void;
};

type Reply = { status: number; headers: Record<string, string>; body: string | null };

/** What api.github.com sends with every answer (as recorded in @octokit/fixtures), whatever the route. */
const GITHUB_HEADERS: Record<string, string> = {
  server: "GitHub.com",
  "access-control-expose-headers":
    "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset",
  "access-control-allow-origin": "*",
  "strict-transport-security": "max-age=31536000; includeSubdomains; preload",
  "x-frame-options": "deny",
  "x-content-type-options": "nosniff",
  "x-xss-protection": "0",
  "referrer-policy": "origin-when-cross-origin, strict-origin-when-cross-origin",
  "content-security-policy": "default-src 'none'",
  vary: "Accept-Encoding, Accept, X-Requested-With",
};
/** GitHub's second Vary on cacheable answers, sent as one joined header (the same thing in HTTP). */
const CACHE_VARY = "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding, Accept, X-Requested-With";

const baseHeaders = (seq: number, authenticated = false): Record<string, string> => ({
  ...GITHUB_HEADERS,
  "content-type": "application/json; charset=utf-8",
  "x-github-media-type": "github.v3; format=json",
  "x-github-api-version-selected": "2022-11-28",
  // GitHub's form: five colon-separated hex fields.
  "x-github-request-id": `5TAD:${seq.toString(16).toUpperCase().padStart(4, "0")}:0:0:0`,
  // A classic token with the repo scope; issues and pulls accept it.
  ...(authenticated ? { "x-oauth-scopes": "repo", "x-accepted-oauth-scopes": "repo" } : {}),
});

const statusMessages: Record<number, string> = {
  401: "Bad credentials",
  403: "Forbidden",
  404: "Not Found",
  410: "This issue was deleted",
  422: "Validation Failed",
  500: "Server Error",
  502: "Server Error",
  503: "Service Unavailable",
  504: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The operation name a GraphQL request declares, for fault matching before it is parsed properly. */
function peekOperationName(raw: string): string | null {
  try {
    const body = JSON.parse(raw) as { operationName?: unknown; query?: unknown };
    if (typeof body.operationName === "string") return body.operationName;
    if (typeof body.query === "string") return /^\s*(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? null;
  } catch {}
  return null;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || strip(tag) === strip(etag));
}

/** The REST path without a GHES /api/v3 prefix. */
function restPath(pathname: string): { ghes: boolean; path: string } {
  const ghes = pathname === "/api/v3" || pathname.startsWith("/api/v3/");
  return { ghes, path: ghes ? pathname.slice("/api/v3".length) || "/" : pathname };
}

export function createRequestHandler(state: ServerState): (req: IncomingMessage, res: ServerResponse) => void {
  let seq = 0;
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ message: `stand-in error: ${(error as Error).message}` }));
      } else res.destroy();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://standin.invalid");
    const method = (req.method ?? "GET").toUpperCase();
    if (url.pathname.startsWith("/__control/")) return handleControl(req, res, url, await readBody(req), state);

    const startedAt = performance.now();
    const raw = method === "POST" || method === "PUT" || method === "PATCH" ? await readBody(req) : "";
    const isGraphQL = method === "POST" && (url.pathname === "/graphql" || url.pathname === "/api/graphql");
    const caller = callerOf(req.headers.authorization, req.socket.remoteAddress ?? "127.0.0.1");
    const ifNoneMatch = req.headers["if-none-match"] ?? null;
    const record: RecordedRequest = {
      seq: ++seq,
      at: state.clock(),
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      api: isGraphQL ? "graphql" : "rest",
      authenticated: caller.authenticated,
      ifNoneMatch,
      status: 0,
      operationName: isGraphQL ? peekOperationName(raw) : null,
      fault: null,
      durationMs: 0,
    };
    const finish = (reply: Reply, midBodyDelay = 0): void => {
      record.status = reply.status;
      const send = () => {
        record.durationMs = performance.now() - startedAt;
        state.requests.push(record);
      };
      res.writeHead(reply.status, reply.headers);
      if (reply.body === null || method === "HEAD") {
        res.end();
        send();
        return;
      }
      if (midBodyDelay > 0) {
        const half = Math.floor(reply.body.length / 2);
        res.write(reply.body.slice(0, half));
        setTimeout(() => {
          res.end(reply.body?.slice(half));
          send();
        }, midBodyDelay);
        return;
      }
      res.end(reply.body);
      send();
    };

    const fault = state.faults.take(method, url.pathname, record.operationName);
    let midBodyDelay = 0;
    if (fault) {
      record.fault = fault.kind;
      const faulted = await applyFault(fault, { isGraphQL, caller, record, req });
      if (faulted === "dropped") {
        record.durationMs = performance.now() - startedAt;
        state.requests.push(record);
        req.socket.destroy();
        return;
      }
      if (faulted === "mid-body") midBodyDelay = fault.delayMs ?? 0;
      else if (faulted !== null) return finish(isGraphQL ? faulted : checkedFault(method, url.pathname, faulted));
    }

    if (isGraphQL) {
      const result = await handleGraphQL(raw, {
        world: state.world,
        htmlBase: state.htmlBase,
        caller,
        rates: state.rates,
        clock: state.clock,
      });
      record.operationName = result.operationName;
      const headers = {
        ...baseHeaders(record.seq, record.authenticated),
        ...(result.rate ? rateLimitHeaders(result.rate) : {}),
      };
      return finish({ status: result.status, headers, body: JSON.stringify(result.body) }, midBodyDelay);
    }
    if (isCommentWrite(method, restPath(url.pathname).path)) {
      return finish(writeComments(url, method, raw, caller, record, req));
    }
    return finish(rest(url, method, caller, record, req), midBodyDelay);
  }

  /** POST/PATCH of issue comments (rest/comment-writes.ts): checked against the spec and rate-limited like reads, never 304. */
  function writeComments(
    url: URL,
    method: string,
    raw: string,
    caller: Caller,
    record: RecordedRequest,
    req: IncomingMessage,
  ): Reply {
    const { ghes, path } = restPath(url.pathname);
    const ctx = {
      world: state.world,
      apiBase: `${state.baseUrl()}${ghes ? "/api/v3" : ""}`,
      htmlBase: state.htmlBase,
      users: new Map(),
      authenticated: caller.authenticated,
    };
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? "")?.[1] ?? null;
    const result = writeComment({ method, path, raw }, caller, token, ctx);
    const headers: Record<string, string> = {
      ...baseHeaders(record.seq, record.authenticated),
      ...(result.headers ?? {}),
    };
    const violation = checkAgainstSpec(method, path, result.status, result.body);
    if (violation) return { status: 500, headers, body: JSON.stringify(violation) };
    if (caller.authenticated && !state.rates.charge(caller, "core")) {
      const rate = state.rates.state(caller, "core");
      return {
        status: 403,
        headers: { ...headers, ...rateLimitHeaders({ ...rate, remaining: 0 }) },
        body: JSON.stringify({
          message: primaryLimitMessage(caller, req.socket.remoteAddress ?? "127.0.0.1"),
          documentation_url: PRIMARY_DOCS,
        }),
      };
    }
    return {
      status: result.status,
      headers: { ...headers, ...rateLimitHeaders(state.rates.state(caller, "core")) },
      body: JSON.stringify(result.body),
    };
  }

  /** A REST fault's reply, checked like any other (a test's custom body may not be what GitHub sends). */
  function checkedFault(method: string, pathname: string, reply: Reply): Reply {
    let body: unknown = null;
    try {
      body = reply.body ? JSON.parse(reply.body) : null;
    } catch {}
    const violation = checkAgainstSpec(method, restPath(pathname).path, reply.status, body);
    return violation ? { ...reply, status: 500, body: JSON.stringify(violation) } : reply;
  }

  function rest(url: URL, method: string, caller: Caller, record: RecordedRequest, req: IncomingMessage): Reply {
    const { ghes, path } = restPath(url.pathname);
    const linkBase = `${state.baseUrl()}${ghes ? "/api/v3" : ""}`;
    const ctx = {
      world: state.world,
      apiBase: linkBase,
      htmlBase: state.htmlBase,
      users: new Map(),
      authenticated: caller.authenticated,
    };
    const result = routeRest(
      { method, path, query: url.searchParams },
      { ctx, linkBase, rateLimitBody: () => rateLimitOverview(caller) },
    );
    const violation = checkAgainstSpec(method, path, result.status, result.body);
    const status = violation ? 500 : result.status;
    const json = JSON.stringify(violation ?? result.body);
    const headers: Record<string, string> = {
      ...baseHeaders(record.seq, record.authenticated),
      ...(result.headers ?? {}),
    };
    const etag = `"${sha256Hex(json)}"`;
    if (status === 200) {
      headers.etag = etag;
      headers["cache-control"] = "private, max-age=60, s-maxage=60";
      headers.vary = CACHE_VARY;
      if (result.lastModified) headers["last-modified"] = new Date(result.lastModified).toUTCString();
    }
    const ifModifiedSince = req.headers["if-modified-since"];
    const notModified =
      status === 200 &&
      (etagMatches(req.headers["if-none-match"], etag) ||
        (!req.headers["if-none-match"] &&
          ifModifiedSince !== undefined &&
          result.lastModified !== undefined &&
          Date.parse(ifModifiedSince) >= Date.parse(result.lastModified)));
    // A 304 is free (GitHub: conditional requests answered 304 do not count against the primary limit).
    if (notModified || result.free) {
      const reply = {
        status: notModified ? 304 : status,
        headers: { ...headers, ...rateLimitHeaders(state.rates.state(caller, "core")) },
      };
      return { ...reply, body: notModified ? null : json };
    }
    if (!state.rates.charge(caller, "core")) {
      const rate = state.rates.state(caller, "core");
      const body = {
        message: primaryLimitMessage(caller, req.socket.remoteAddress ?? "127.0.0.1"),
        documentation_url: PRIMARY_DOCS,
      };
      const limited = checkAgainstSpec(method, path, 403, body);
      return {
        status: limited ? 500 : 403,
        headers: { ...baseHeaders(record.seq, record.authenticated), ...rateLimitHeaders({ ...rate, remaining: 0 }) },
        body: JSON.stringify(limited ?? body),
      };
    }
    return { status, headers: { ...headers, ...rateLimitHeaders(state.rates.state(caller, "core")) }, body: json };
  }

  /**
   * Test mode: null when GitHub's OpenAPI description allows this status and body for this route;
   * otherwise the violation is recorded, printed, and becomes the body of a 500 that replaces the reply.
   */
  function checkAgainstSpec(method: string, path: string, status: number, body: unknown): object | null {
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

  function rateLimitOverview(caller: Caller): unknown {
    const core = state.rates.state(caller, "core");
    const graphql = state.rates.state(caller, "graphql");
    const item = (s: RateState) => renderRateLimitItem(s.limit, s.used, s.reset, s.resource);
    const reset = Math.ceil(state.clock() / 1000) + 3600;
    const resources = {
      core: item(core),
      graphql: item(graphql),
      search: renderRateLimitItem(caller.authenticated ? 30 : 10, 0, Math.ceil(state.clock() / 1000) + 60, "search"),
      code_search: renderRateLimitItem(
        caller.authenticated ? 10 : 0,
        0,
        Math.ceil(state.clock() / 1000) + 60,
        "code_search",
      ),
      integration_manifest: renderRateLimitItem(5000, 0, reset, "integration_manifest"),
    };
    return { resources, rate: item(core) };
  }

  async function applyFault(
    fault: RouteFaultSpec,
    env: { isGraphQL: boolean; caller: Caller; record: RecordedRequest; req: IncomingMessage },
  ): Promise<Reply | "dropped" | "mid-body" | null> {
    const headers = { ...baseHeaders(env.record.seq, env.record.authenticated), ...(fault.headers ?? {}) };
    const core = state.rates.state(env.caller, env.isGraphQL ? "graphql" : "core");
    switch (fault.kind) {
      case "drop":
        return "dropped";
      case "slow":
        if (fault.stage === "body") return "mid-body";
        await sleep(fault.delayMs ?? 0);
        return null;
      case "primary-rate-limit": {
        const reset = Math.ceil(state.clock() / 1000) + (fault.resetIn ?? 60);
        const rate = rateLimitHeaders({ ...core, remaining: 0, used: core.limit, reset });
        if (env.isGraphQL && fault.status === undefined) {
          const body = {
            errors: [{ type: "RATE_LIMITED", message: `API rate limit exceeded for user ID ${env.caller.userId}.` }],
          };
          return { status: 200, headers: { ...headers, ...rate }, body: JSON.stringify(fault.body ?? body) };
        }
        const message = primaryLimitMessage(env.caller, env.req.socket.remoteAddress ?? "127.0.0.1");
        return {
          status: fault.status ?? 403,
          headers: { ...headers, ...rate },
          body: JSON.stringify(fault.body ?? { message, documentation_url: PRIMARY_DOCS }),
        };
      }
      case "secondary-rate-limit":
        return {
          status: fault.status ?? 403,
          headers: { ...headers, ...rateLimitHeaders(core), "retry-after": String(fault.retryAfter ?? 1) },
          body: JSON.stringify(fault.body ?? { message: SECONDARY_MESSAGE, documentation_url: SECONDARY_DOCS }),
        };
      case "graphql-error":
        return {
          status: fault.status ?? 200,
          headers: { ...headers, ...rateLimitHeaders(core) },
          body: JSON.stringify(
            fault.body ?? {
              data: null,
              errors: [
                {
                  message: `Something went wrong while executing your query. Please include \`5TAND:${env.record.seq}\` when reporting this issue.`,
                },
              ],
            },
          ),
        };
      case "status": {
        const status = fault.status ?? 500;
        const body = fault.body ?? {
          message: statusMessages[status] ?? "Error",
          documentation_url: "https://docs.github.com/rest",
          status: String(status),
        };
        return { status, headers, body: JSON.stringify(body) };
      }
    }
  }
}
