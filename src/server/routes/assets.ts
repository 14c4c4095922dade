// The stylesheet and the script, from memory, with an ETag so browsers revalidate cheaply.
import { createHash } from "node:crypto";
import type { Hono } from "hono";
import { APP_CSS } from "../assets/app-css.js";
import { APP_JS } from "../assets/app-js.js";
import type { AppEnv } from "../context.js";

const etag = (s: string) => `"${createHash("sha256").update(s).digest("base64url").slice(0, 22)}"`;

export function assetRoutes(app: Hono<AppEnv>): void {
  const assets: [string, string, string][] = [
    ["/assets/app.css", APP_CSS, "text/css; charset=utf-8"],
    ["/assets/app.js", APP_JS, "text/javascript; charset=utf-8"],
  ];
  // Browsers ask for it on every site; an empty answer keeps 404 pages out of their logs.
  app.get("/favicon.ico", (c) => c.body(null, 204, { "cache-control": "public, max-age=86400" }));
  for (const [path, body, type] of assets) {
    const tag = etag(body);
    app.get(path, (c) => {
      const headers = { "content-type": type, etag: tag, "cache-control": "public, max-age=300" };
      if (c.req.header("if-none-match") === tag) return c.body(null, 304, headers);
      return c.body(body, 200, headers);
    });
  }
}
