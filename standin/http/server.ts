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
  clock: () => number;
  htmlBase: string;
  baseUrl: () => string;
  /** Everything back to the loaded fixtures. */
  reset: () => void;
};

type Reply = { status: number; headers: Record<string, string>; body: string | null };

const baseHeaders = (seq: number): Record<string, string> => ({
  "content-type": "application/json; charset=utf-8",
  "x-github-media-type": "github.v3; format=json",
  "x-github-api-version-selected": "2022-11-28",
  "x-github-request-id": `5TAND:${seq.toString(16).toUpperCase().padStart(6, "0")}`,
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
      else if (faulted !== null) return finish(faulted);
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
      const headers = { ...baseHeaders(record.seq), ...(result.rate ? rateLimitHeaders(result.rate) : {}) };
      return finish({ status: result.status, headers, body: JSON.stringify(result.body) }, midBodyDelay);
    }
    const restPath = url.pathname.startsWith("/api/v3/") ? url.pathname.slice("/api/v3".length) : url.pathname;
    if (isCommentWrite(method, restPath)) return finish(writeComments(url, restPath, method, raw, caller, record, req));
    return finish(rest(url, method, caller, record, req), midBodyDelay);
  }

  /** POST/PATCH of issue comments (rest/comment-writes.ts): validated and rate-limited like reads, never 304. */
  function writeComments(
    url: URL,
    path: string,
    method: string,
    raw: string,
    caller: Caller,
    record: RecordedRequest,
    req: IncomingMessage,
  ): Reply {
    const ghes = url.pathname.startsWith("/api/v3/");
    const ctx = {
      world: state.world,
      apiBase: `${state.baseUrl()}${ghes ? "/api/v3" : ""}`,
      htmlBase: state.htmlBase,
      users: new Map(),
    };
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? "")?.[1] ?? null;
    const result = writeComment({ method, path, raw }, caller, token, ctx);
    const headers: Record<string, string> = { ...baseHeaders(record.seq), ...(result.headers ?? {}) };
    if (state.validator) {
      const errors = state.validator.validate(result.schema, result.body);
      if (errors.length > 0) {
        state.validationFailures.push({ method, path: url.pathname, status: result.status, errors });
        return {
          status: 500,
          headers,
          body: JSON.stringify({ message: "stand-in response failed GitHub's OpenAPI schema", errors }),
        };
      }
    }
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

  function rest(url: URL, method: string, caller: Caller, record: RecordedRequest, req: IncomingMessage): Reply {
    const ghes = url.pathname === "/api/v3" || url.pathname.startsWith("/api/v3/");
    const path = ghes ? url.pathname.slice("/api/v3".length) || "/" : url.pathname;
    const linkBase = `${state.baseUrl()}${ghes ? "/api/v3" : ""}`;
    const ctx = { world: state.world, apiBase: linkBase, htmlBase: state.htmlBase, users: new Map() };
    const result = routeRest(
      { method, path, query: url.searchParams },
      { ctx, linkBase, rateLimitBody: () => rateLimitOverview(caller) },
    );
    let status = result.status;
    let json = JSON.stringify(result.body);
    if (state.validator) {
      const errors = state.validator.validate(result.schema, result.body);
      if (errors.length > 0) {
        const failure = { method, path: url.pathname, status, errors };
        state.validationFailures.push(failure);
        console.error(
          `[standin] response failed GitHub's OpenAPI schema: ${method} ${url.pathname}\n  ${errors.join("\n  ")}`,
        );
        status = 500;
        json = JSON.stringify({ message: "stand-in response failed GitHub's OpenAPI schema", ...failure });
      }
    }
    const headers: Record<string, string> = { ...baseHeaders(record.seq), ...(result.headers ?? {}) };
    const etag = `"${sha256Hex(json)}"`;
    if (status === 200) {
      headers.etag = etag;
      headers["cache-control"] = "private, max-age=60, s-maxage=60";
      headers.vary = "Accept, Authorization, Cookie, X-GitHub-OTP";
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
      return {
        status: 403,
        headers: { ...baseHeaders(record.seq), ...rateLimitHeaders({ ...rate, remaining: 0 }) },
        body: JSON.stringify({
          message: primaryLimitMessage(caller, req.socket.remoteAddress ?? "127.0.0.1"),
          documentation_url: PRIMARY_DOCS,
        }),
      };
    }
    return { status, headers: { ...headers, ...rateLimitHeaders(state.rates.state(caller, "core")) }, body: json };
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
    const headers = { ...baseHeaders(env.record.seq), ...(fault.headers ?? {}) };
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
