// createApp(deps) -> the Hono app: security headers on every response, pages, the JSON API, and
// the one place where errors become statuses. It never listens on a port (node.ts does).
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { UsageError } from "../core/errors.js";
import { type AppEnv, createServerContext } from "./context.js";
import type { ServerDeps } from "./deps.js";
import { errorBody, httpErrorFor } from "./error-map.js";
import { createFastPath, type RawRequest } from "./fast-path.js";
import { apiRoutes } from "./routes/api.js";
import { assetRoutes } from "./routes/assets.js";
import { feedRoutes } from "./routes/feeds.js";
import { pageRoutes } from "./routes/pages.js";
import { SHARED_CACHE } from "./routes/send.js";
import type { PreparedResponse } from "./services/render-cache.js";
import { errorPage, errorTitle } from "./views/status.js";

export type IssuegraphApp = Hono<AppEnv> & {
  /** Resolves when no background analysis is running (tests, graceful shutdown). */
  idle(): Promise<void>;
  /**
   * The answer to a GET whose current version is kept (an issue page, a JSON report), straight from
   * memory; null sends the request through the app. node.ts calls it before the router.
   */
  serveCached(req: RawRequest, outgoing?: unknown): PreparedResponse | null;
};

/** Security headers on every response (hono/secure-headers; the CSP needs no nonce). */
const securityMiddleware = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      // 'self' and no nonce: the one script is a file, so every page is the same bytes for everyone.
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    xFrameOptions: "DENY",
    // "same-origin", not "no-referrer": with no-referrer, browsers send `Origin: null` on form posts,
    // which the vote check must refuse. Other sites still get no referrer.
    referrerPolicy: "same-origin",
    crossOriginOpenerPolicy: "same-origin",
    crossOriginResourcePolicy: "same-origin",
    // A route may set its own (the read-only API allows cross-origin reads).
    overwrite: false,
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
    },
  });

export function createApp(deps: ServerDeps): IssuegraphApp {
  const ctx = createServerContext(deps);
  const app = new Hono<AppEnv>();

  app.use("*", securityMiddleware());
  app.use("*", bodyLimit({ maxSize: 16 * 1024, onError: () => Promise.reject(new HTTPException(413)) }));

  // The read-only API may be read from any site (no credentials: nothing personal is in it).
  // Preflights allow GET and HEAD only, so another site's script can never post a vote.
  app.use("/api/v1/*", cors({ origin: "*", allowMethods: ["GET", "HEAD"], exposeHeaders: ["ETag"], maxAge: 86_400 }));
  app.use("/api/v1/*", async (c, next) => {
    await next();
    if (c.req.method === "GET" || c.req.method === "HEAD")
      c.res.headers.set("cross-origin-resource-policy", "cross-origin");
  });

  app.get("/healthz", (c) => c.json({ ok: true }));
  // With public origins configured, a request for any other Host (DNS rebinding, a forged Host) is refused.
  const publicHosts = new Set((deps.publicOrigins ?? []).map((o) => new URL(o).host.toLowerCase()));
  if (publicHosts.size > 0) {
    app.use("*", async (c, next) => {
      const host = (c.req.header("host") ?? new URL(c.req.url).host).toLowerCase();
      if (!publicHosts.has(host)) {
        throw new UsageError(
          `This site does not answer for the host ${host.slice(0, 100)}.`,
          "Use the site's address.",
        );
      }
      await next();
    });
  }
  assetRoutes(app);
  apiRoutes(app, ctx);
  feedRoutes(app, ctx);
  pageRoutes(app, ctx);

  app.notFound((c) => {
    const message = "There is nothing at this address.";
    const hint = "Issue pages look like /owner/repo/issues/123.";
    if (c.req.path.startsWith("/api/")) return c.json({ error: { code: "not_found", message, hint } }, 404);
    return c.html(errorPage({ status: 404, title: errorTitle(404), message, hint }), 404);
  });

  app.onError((err, c) => {
    const e = httpErrorFor(err, deps.now());
    if (e.unexpected) {
      deps.logger.error(
        {
          err: err instanceof Error ? `${err.name}: ${err.message.slice(0, 300)}` : "non-error thrown",
          path: c.req.path,
        },
        "request failed",
      );
    }
    c.header("cache-control", "no-store");
    if (e.retryAfter !== null) c.header("retry-after", String(e.retryAfter));
    if (e.status === 401) c.header("www-authenticate", 'Bearer realm="issuegraph"');
    if (c.req.path.startsWith("/api/")) return c.json(errorBody(e), e.status);
    const retryPath = e.status >= 500 || e.status === 429 ? c.req.path : undefined;
    return c.html(
      errorPage({ status: e.status, title: errorTitle(e.status), message: e.message, hint: e.hint, retryPath }),
      e.status,
    );
  });

  // The headers the middleware sets, read once from a probe, so the fast path sends the same ones.
  let security: Record<string, string> | null = null;
  const probe = new Hono();
  probe.use("*", securityMiddleware());
  probe.get("/", (c) => c.body(null, 204));
  Promise.resolve(probe.request("/"))
    .then((res) => {
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        headers[name] = value;
      });
      security = headers;
    })
    .catch(() => {
      security = null;
    });
  const serveCached = createFastPath(ctx, { securityHeaders: () => security, sharedCache: SHARED_CACHE });

  return Object.assign(app, { idle: () => ctx.reports.idle(), serveCached });
}
