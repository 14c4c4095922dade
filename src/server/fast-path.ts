// The static-file path: a GET of an issue page or of its JSON report whose current version is in
// the render cache is answered straight from memory, before the request reaches the router and
// middleware (which cost more than the answer itself). Everything else (a miss, an expired entry,
// a query string, a voter cookie not verified yet, another method) returns null and goes through
// the Hono app as usual, which builds the entry for the next request.
//
// The answer is the one the app would give: the same bytes, ETag and 304s, the same cache and
// security headers (taken from the app's own middleware once, see `securityHeaders`), and the
// same view counting.
import type { Context } from "hono";
import { parse as parseCookie } from "hono/utils/cookie";
import { LRUCache } from "lru-cache";
import { refKey } from "../core/refs/parse-ref.js";
import type { IssueRef } from "../core/thread/types.js";
import { type ServerContext, VOTER_COOKIE } from "./context.js";
import {
  chooseEncoding,
  matchesEtag,
  type PreparedResponse,
  prepareResponse,
  type Rendered,
} from "./services/render-cache.js";
import { recordPageView } from "./services/view-counter.js";

/** What the fast path reads of a node:http request (and passes to `clientIp` as the Hono bindings do). */
export type RawRequest = {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
};

const ISSUE_PAGE = /^\/([^/?#]+)\/([^/?#]+)\/issues\/(\d{1,10})$/;
const ISSUE_JSON = /^\/api\/v1\/issues\/([^/?#]+)\/([^/?#]+)\/(\d{1,10})$/;

type Target = { kind: "page" | "json"; ref: IssueRef; key: string };

/** As the CORS middleware answers a simple GET of the API: readable from any site, without credentials. */
const API_READ_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "ETag",
  "cross-origin-resource-policy": "cross-origin",
};

export function createFastPath(
  ctx: ServerContext,
  options: { securityHeaders: () => Record<string, string> | null; sharedCache: string },
): (req: RawRequest, outgoing?: unknown) => PreparedResponse | null {
  // With public origins configured, a request for another Host goes to the app, which refuses it.
  const publicHosts = new Set((ctx.deps.publicOrigins ?? []).map((o) => new URL(o).host.toLowerCase()));
  const targetOf = targetParser(ctx);
  const responseFor = preparedResponses(options.sharedCache);

  return (req, outgoing) => {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const security = options.securityHeaders();
    const url = req.url ?? "";
    if (!security || url.includes("?")) return null;
    if (publicHosts.size > 0 && !publicHosts.has((headerOf(req, "host") ?? "").toLowerCase())) return null;
    const target = targetOf(url);
    if (!target || ctx.reports.hasAlias(target.ref)) return null;
    const rendered = ctx.rendered.peek(target.key);
    if (!rendered) return null;
    if (target.kind === "page" && !countPageView(ctx, req, outgoing, target.ref)) return null;
    const out = responseFor(rendered, target, security, req);
    return req.method === "HEAD" ? { ...out, body: null } : out;
  };
}

/** Per path: what it is (or false: not a path answered here), remembered since parsing costs more than a lookup. */
function targetParser(ctx: ServerContext): (url: string) => Target | false {
  const targets = new LRUCache<string, Target | false>({ max: 20_000 });
  const parse = (url: string): Target | false => {
    const pageMatch = ISSUE_PAGE.exec(url);
    const m = pageMatch ?? ISSUE_JSON.exec(url);
    if (!m) return false;
    try {
      const ref = ctx.refs.fromPath(decodeURIComponent(m[1] ?? ""), decodeURIComponent(m[2] ?? ""), m[3] ?? "");
      const kind = pageMatch ? "page" : "json";
      return { kind, ref, key: `${refKey(ref)}|${kind}` };
    } catch {
      return false;
    }
  };
  return (url) => {
    const known = targets.get(url);
    if (known !== undefined) return known;
    const target = parse(url);
    targets.set(url, target);
    return target;
  };
}

/** Per kept version and answer (encoding or 304): the response's headers, built once. */
function preparedResponses(sharedCache: string) {
  const prepared = new WeakMap<Rendered, Map<string, PreparedResponse>>();
  return (r: Rendered, target: Target, security: Record<string, string>, req: RawRequest): PreparedResponse => {
    const ifNoneMatch = headerOf(req, "if-none-match");
    const acceptEncoding = headerOf(req, "accept-encoding");
    const variant = matchesEtag(ifNoneMatch, r.etag) ? "304" : chooseEncoding(acceptEncoding, r);
    const cacheKey = `${target.kind}|${variant}`;
    let byVariant = prepared.get(r);
    const hit = byVariant?.get(cacheKey);
    if (hit) return hit;
    const extra = target.kind === "json" ? { ...security, ...API_READ_HEADERS } : security;
    const out = prepareResponse(r, { ifNoneMatch, acceptEncoding }, { ...extra, "cache-control": sharedCache });
    if (out.body) out.headers["content-length"] = String(out.body.byteLength);
    if (!byVariant) {
      byVariant = new Map();
      prepared.set(r, byVariant);
    }
    byVariant.set(cacheKey, out);
    return out;
  };
}

/** Counts the view as the page route does; false when the app must see the request (a cookie to verify). */
function countPageView(ctx: ServerContext, req: RawRequest, outgoing: unknown, ref: IssueRef): boolean {
  const raw = cookieValue(headerOf(req, "cookie"), VOTER_COOKIE);
  const voterId = raw === undefined ? null : ctx.voters.known(raw);
  if (raw !== undefined && voterId === null) return false;
  // The same bindings the node adapter gives Hono, so `clientIp` reads the request as usual.
  const c =
    voterId === null
      ? ({
          env: { incoming: req, outgoing },
          req: { header: (name: string) => headerOf(req, name) },
        } as unknown as Context)
      : (null as unknown as Context);
  void recordPageView(ctx.deps, ctx.views, ctx.views.viewerKey(c, voterId), ref);
  return true;
}

function headerOf(req: RawRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

/** One cookie's value from a Cookie header, read as the app's getCookie reads it (hono's parser). */
const cookieValue = (cookieHeader: string | undefined, name: string): string | undefined =>
  cookieHeader ? parseCookie(cookieHeader, name)[name] : undefined;
