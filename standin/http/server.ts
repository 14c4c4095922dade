// The HTTP layer, a Hono app served by @hono/node-server: the control API, then for every other
// request recording and route faults, GraphQL, and the REST routes (rest/router.ts, at / and at
// /api/v3) with ETag/304, rate limits and (test mode) validation. Faults that act on the
// connection reach the node socket through the node-server bindings.
import { getRequestListener, type HttpBindings } from "@hono/node-server";
import { type Context, Hono } from "hono";
import type { FaultController, RouteFaultSpec } from "../faults.js";
import { handleGraphQL } from "../graphql/handler.js";
import { callerOf, type RateLimits, rateLimitHeaders } from "../rate-limits.js";
import { notFound, restRouter } from "../rest/router.js";
import type { ResponseValidator, ValidationFailure } from "../validation.js";
import type { World } from "../world.js";
import { controlRoutes } from "./control.js";
import { faultOutcome } from "./fault-replies.js";
import { baseHeaders, type Exchange, type Reply, toResponse } from "./replies.js";
import { checkedFault, commentWriteReply, restEnv, restReply } from "./rest-replies.js";

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

type AppEnv = { Bindings: HttpBindings; Variables: { exchange: Exchange } };

const GRAPHQL_PATHS = ["/graphql", "/api/graphql"];

export function createRequestHandler(state: ServerState) {
  return getRequestListener(createApp(state).fetch);
}

export function createApp(state: ServerState): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route("/__control", controlRoutes(state));
  let seq = 0;
  app.use(
    "*",
    exchange(state, () => ++seq),
  );
  for (const path of GRAPHQL_PATHS) app.post(path, (c) => graphql(state, c.var.exchange));
  const rest = restRouter({
    env: (c) => restEnv(state, exchangeOf(c)),
    reply: (c, result) => toResponse(restReply(state, exchangeOf(c), result)),
    write: (c) => toResponse(commentWriteReply(state, exchangeOf(c))),
  });
  app.route("/api/v3", rest);
  app.route("/", rest);
  app.notFound((c) => toResponse(restReply(state, exchangeOf(c), notFound())));
  app.onError(
    (error) =>
      new Response(JSON.stringify({ message: `stand-in error: ${error.message}` }), {
        status: 500,
        headers: { "content-type": "application/json; charset=utf-8" },
      }),
  );
  return app;
}

const exchangeOf = (c: Context): Exchange => (c as Context<AppEnv>).var.exchange;

/** Records every request, and lets a pending route fault answer (or break) it before any route does. */
function exchange(state: ServerState, nextSeq: () => number) {
  return async (c: Context<AppEnv>, next: () => Promise<void>): Promise<Response | undefined> => {
    const startedAt = performance.now();
    const ex = await begin(state, c, nextSeq());
    c.set("exchange", ex);
    const recorded = () => {
      ex.record.durationMs = performance.now() - startedAt;
      state.requests.push(ex.record);
    };
    const isGraphQL = ex.record.api === "graphql";
    const fault = state.faults.take(ex.method, ex.url.pathname, ex.record.operationName);
    const outcome = fault ? await faultOutcome(state, fault, ex, isGraphQL) : null;
    if (fault) ex.record.fault = fault.kind;
    if (outcome === "dropped") {
      recorded();
      c.env.incoming.socket.destroy();
      return new Response(null);
    }
    if (outcome !== null && outcome !== "mid-body") {
      c.res = toResponse(isGraphQL ? outcome : checkedFault(state, ex, outcome));
    } else await next();
    ex.record.status = c.res.status;
    const stall = outcome === "mid-body" && ex.method !== "HEAD" ? (fault?.delayMs ?? 0) : 0;
    if (stall > 0 && c.res.body) c.res = await stalledMidBody(c.res, stall, recorded);
    else recorded();
    return undefined;
  };
}

async function begin(state: ServerState, c: Context<AppEnv>, seq: number): Promise<Exchange> {
  const url = new URL(c.req.url);
  const method = c.req.method.toUpperCase();
  const raw = method === "POST" || method === "PUT" || method === "PATCH" ? await c.req.text() : "";
  const isGraphQL = method === "POST" && GRAPHQL_PATHS.includes(url.pathname);
  const address = c.env.incoming.socket.remoteAddress ?? "127.0.0.1";
  const caller = callerOf(c.req.header("authorization"), address);
  const record: RecordedRequest = {
    seq,
    at: state.clock(),
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    api: isGraphQL ? "graphql" : "rest",
    authenticated: caller.authenticated,
    ifNoneMatch: c.req.header("if-none-match") ?? null,
    status: 0,
    operationName: isGraphQL ? peekOperationName(raw) : null,
    fault: null,
    durationMs: 0,
  };
  return { record, caller, method, url, raw, address, header: (name) => c.req.header(name) };
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

/** The same answer, its first half sent at once and the rest after `delayMs`. */
async function stalledMidBody(res: Response, delayMs: number, done: () => void): Promise<Response> {
  const text = await res.text();
  const half = Math.floor(text.length / 2);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const encoder = new TextEncoder();
      controller.enqueue(encoder.encode(text.slice(0, half)));
      timer = setTimeout(() => {
        controller.enqueue(encoder.encode(text.slice(half)));
        controller.close();
        done();
      }, delayMs);
    },
    // The client gave up (its timeout) and the socket closed: the rest is never sent.
    cancel() {
      clearTimeout(timer);
      done();
    },
  });
  return new Response(body, { status: res.status, headers: res.headers });
}

async function graphql(state: ServerState, ex: Exchange): Promise<Response> {
  const result = await handleGraphQL(ex.raw, {
    world: state.world,
    htmlBase: state.htmlBase,
    caller: ex.caller,
    rates: state.rates,
    clock: state.clock,
  });
  ex.record.operationName = result.operationName;
  const headers = { ...baseHeaders(ex.record), ...(result.rate ? rateLimitHeaders(result.rate) : {}) };
  const reply: Reply = { status: result.status, headers, body: JSON.stringify(result.body) };
  return toResponse(reply);
}
