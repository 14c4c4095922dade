// Atom feeds: /{owner}/{repo}/issues/{n}.atom (what changed in an issue's reports) and
// /{owner}/{repo}/feed.atom (a repository's newest reports). Rendered once per version like pages.
// A feed never starts an analysis: an issue not stored yet has no feed (404).
import type { Hono } from "hono";
import { NotFoundError } from "../../core/errors.js";
import { refKey } from "../../core/refs/parse-ref.js";
import type { AppEnv, ServerContext } from "../context.js";
import { atomXml } from "../html/atom.js";
import { issueFeed, repoFeed } from "../services/feeds.js";
import { repoFromPath, repoNotStored } from "../services/repo-model.js";
import { sendRendered } from "./pages.js";

const ATOM = "application/atom+xml; charset=utf-8";

export function feedRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get("/:owner/:repo/issues/:file{[0-9]+\\.atom}", async (c) => {
    const num = c.req.param("file").replace(/\.atom$/, "");
    const ref = ctx.refFromPath(c.req.param("owner"), c.req.param("repo"), num);
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

  app.get("/:owner/:repo/feed.atom", async (c) => {
    const repo = repoFromPath(ctx, c.req.param("owner"), c.req.param("repo"));
    const r = await ctx.rendered.get(`repo:${repo.host}/${repo.owner}/${repo.repo}|feed`.toLowerCase(), async () => {
      const feed = await repoFeed(ctx, repo);
      return feed ? { body: atomXml(feed), contentType: ATOM } : null;
    });
    if (!r) {
      throw repoNotStored(repo);
    }
    return sendRendered(c, r);
  });
}
