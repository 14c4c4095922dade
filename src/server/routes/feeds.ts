// Atom feeds: /{owner}/{repo}/issues/{n}.atom (what changed in an issue's reports) and
// /{owner}/{repo}/feed.atom (a repository's newest reports). Rendered once per version like pages.
// A feed never starts an analysis: an issue not stored yet has no feed (404).
import type { Hono } from "hono";
import { NotFoundError } from "../../core/errors.js";
import { refKey } from "../../core/refs/parse-ref.js";
import type { AppEnv, ServerContext } from "../context.js";
import { atomXml } from "../html/atom.js";
import { issueFeed, repoFeed } from "../services/feeds.js";
import { refFromFile, sendRendered, sendRepoPart } from "./send.js";

const ATOM = "application/atom+xml; charset=utf-8";

export function feedRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get("/:owner/:repo/issues/:file{[0-9]+\\.atom}", async (c) => {
    const ref = refFromFile(ctx, c, ".atom");
    const r = await ctx.rendered.get(`${refKey(ref)}|feed`, async () => {
      const feed = await issueFeed(ctx, ref);
      return feed ? { body: atomXml(feed), contentType: ATOM } : null;
    });
    if (!r) {
      throw new NotFoundError(
        "This issue has not been analysed here yet.",
        "Open its page first; the feed starts then.",
      );
    }
    return sendRendered(c, r);
  });

  app.get("/:owner/:repo/feed.atom", (c) =>
    sendRepoPart(ctx, c, "feed", async (repo) => {
      const feed = await repoFeed(ctx, repo);
      return feed ? { body: atomXml(feed), contentType: ATOM } : null;
    }),
  );
}
