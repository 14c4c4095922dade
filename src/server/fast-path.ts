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
import { refKey } from "../core/refs/parse-ref.js";
import type { IssueRef } from "../core/thread/types.js";
import { type ServerContext, VOTER_COOKIE } from "./context.js";
import { type PreparedResponse, prepareResponse } from "./services/render-cache.js";

/** What the fast path reads of a node:http request (and passes to `clientIp` as the Hono bindings do). */
export type RawRequest = {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
};

const ISSUE_PAGE = /^\/([^/?#]+)\/([^/?#]+)\/issues\/(\d{1,10})$/;
const ISSUE_JSON = /^\/api\/v1\/issues\/([^/?#]+)\/([^/?#]+)\/(\d{1,10})$/;

export function createFastPath(
  ctx: ServerContext,
  options: { securityHeaders: () => Record<string, string> | null; sharedCache: string },
): (req: RawRequest, outgoing?: unknown) => PreparedResponse | null {
  const { deps } = ctx;
  return (req, outgoing) => {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const security = options.securityHeaders();
    const url = req.url ?? "";
    if (!security || url.includes("?")) return null;
    const pageMatch = ISSUE_PAGE.exec(url);
    const m = pageMatch ?? ISSUE_JSON.exec(url);
    const kind = pageMatch ? "page" : "json";
    if (!m) return null;
    let ref: IssueRef;
    try {
      ref = ctx.refFromPath(decodeURIComponent(m[1] ?? ""), decodeURIComponent(m[2] ?? ""), m[3] ?? "");
    } catch {
      return null;
    }
    if (refKey(ctx.reports.actual(ref)) !== refKey(ref)) return null;
    const rendered = ctx.rendered.peek(`${refKey(ref)}|${kind}`);
    if (!rendered) return null;
    const header = (name: string): string | undefined => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(", ") : v;
    };
    if (kind === "page") {
      const raw = cookieValue(header("cookie"), VOTER_COOKIE);
      const voterId = raw === undefined ? null : ctx.knownVoter(raw);
      // A cookie not verified yet: the app verifies it (an HMAC) and remembers it.
      if (raw !== undefined && voterId === null) return null;
      // The same bindings the node adapter gives Hono, so `clientIp` reads the request as usual.
      const c = { env: { incoming: req, outgoing }, req: { header } } as unknown as Context;
      if (ctx.countView(ctx.viewerKey(c, voterId), ref)) {
        deps.store.recordView(ref, deps.now().toISOString()).catch((e: unknown) => {
          deps.logger.warn({ err: e instanceof Error ? e.name : "error" }, "could not record a page view");
        });
      }
    }
    const prepared = prepareResponse(
      rendered,
      { ifNoneMatch: header("if-none-match"), acceptEncoding: header("accept-encoding") },
      { ...security, "cache-control": options.sharedCache },
    );
    if (kind === "json") {
      // As the CORS middleware answers a simple GET: readable from any site, without credentials.
      prepared.headers["access-control-allow-origin"] = "*";
      prepared.headers["access-control-expose-headers"] = "ETag";
      prepared.headers["cross-origin-resource-policy"] = "cross-origin";
    }
    if (prepared.body) prepared.headers["content-length"] = String(prepared.body.byteLength);
    if (req.method === "HEAD") return { ...prepared, body: null };
    return prepared;
  };
}

/** One cookie's raw value from a Cookie header. */
export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const v = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);
      } catch {
        return v;
      }
    }
  }
  return undefined;
}
