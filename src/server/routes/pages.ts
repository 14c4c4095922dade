// The HTML pages. Thin: parse the request, ask the services, render a view. Pages that are the same
// for every reader (an issue, a repository, home) are rendered once per version and served from
// the render cache with an ETag and precompressed bodies; per-reader parts are not in them.
import type { Context, Hono } from "hono";
import { NotFoundError, UsageError } from "../../core/errors.js";
import { parseRefText } from "../../core/refs/names.js";
import { refKey } from "../../core/refs/parse-ref.js";
import { isSignal, SIGNAL_LABELS } from "../../core/votes/signals.js";
import type { AppEnv, ServerContext } from "../context.js";
import { UnsupportedMediaTypeError } from "../http-errors.js";
import { homeLists } from "../services/home-lists.js";
import { buildIssueModel } from "../services/issue-model.js";
import { prepareResponse, type Rendered } from "../services/render-cache.js";
import { buildRepoModel, repoFromPath, repoNotStored } from "../services/repo-model.js";
import type { Lookup } from "../services/report-service.js";
import { issuePath } from "../views/format.js";
import { homePage } from "../views/home.js";
import { issuePage } from "../views/issue.js";
import { repoPage } from "../views/repo.js";
import { searchPage } from "../views/search.js";
import { loadingPage } from "../views/status.js";

const PRIVATE = { "cache-control": "private, no-cache" };
/** Shared pages: any cache may keep them, and must ask again (a 304 when unchanged) before reuse. */
export const SHARED_CACHE = "public, no-cache";
const HTML = "text/html; charset=utf-8";

/** Answers with a kept version: a 304 when the client has it, else the best encoding it accepts. */
export function sendRendered(c: Context, r: Rendered, headers: Record<string, string> = {}): Response {
  const prepared = prepareResponse(
    r,
    { ifNoneMatch: c.req.header("if-none-match"), acceptEncoding: c.req.header("accept-encoding") },
    { "cache-control": SHARED_CACHE, ...headers },
  );
  for (const [name, value] of Object.entries(prepared.headers)) c.header(name, value);
  if (prepared.status === 304 || !prepared.body) return c.body(null, 304);
  return c.body(prepared.body, 200);
}

export function pageRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const { deps } = ctx;

  app.get("/", async (c) => {
    const r = await ctx.rendered.get("site|home", async () => {
      const lists = await homeLists(ctx);
      return { body: homePage(lists), contentType: HTML };
    });
    if (!r) throw new Error("the home page could not be rendered");
    return sendRendered(c, r);
  });

  app.get("/robots.txt", (c) =>
    c.body(
      [
        "User-agent: *",
        // Search results, downloads, votes and the API are not pages to index.
        "Disallow: /search",
        "Disallow: /go",
        "Disallow: /api/",
        "Disallow: /*/votes",
        "Disallow: /*.md$",
        "Allow: /",
        "",
      ].join("\n"),
      200,
      { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=86400" },
    ),
  );

  // The home form: an issue goes to its page, anything else to search. A URL on a host that is
  // not configured is refused here, before anything is fetched.
  app.get("/go", (c) => {
    const q = (c.req.query("q") ?? "").trim();
    if (!q) return c.redirect("/", 303);
    try {
      return c.redirect(issuePath(ctx.refFromInput(q)), 303);
    } catch (e) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(q) || parseRefText(q)) throw e;
      return c.redirect(`/search?q=${encodeURIComponent(q.slice(0, 500))}`, 303);
    }
  });

  app.get("/search", async (c) => {
    const query = (c.req.query("q") ?? "").trim().slice(0, 500);
    const answer = query ? await ctx.search(query, 30) : null;
    return c.html(searchPage({ query, answer }), 200, PRIVATE);
  });

  app.get("/:owner/:repo/pull/:num{[0-9]+}", (c) => {
    const ref = ctx.refFromPath(c.req.param("owner"), c.req.param("repo"), c.req.param("num"));
    return c.redirect(issuePath(ref), 301);
  });

  app.get("/:owner/:repo/issues/:file{[0-9]+\\.md}", async (c) => {
    const num = c.req.param("file").replace(/\.md$/, "");
    const ref = ctx.refFromPath(c.req.param("owner"), c.req.param("repo"), num);
    const { stored } = await ctx.reports.get(ref, () => ctx.admitAnalysis(c));
    const filename = `${ref.owner}-${ref.repo}-${ref.number}.md`;
    return c.body(deps.renderMarkdown(stored.report), 200, {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-cache",
    });
  });

  app.get("/:owner/:repo/issues/:num{[0-9]+}", async (c) => {
    const ref = ctx.refFromPath(c.req.param("owner"), c.req.param("repo"), c.req.param("num"));
    const actual = ctx.reports.actual(ref);
    if (issuePath(actual) !== issuePath(ref)) return c.redirect(issuePath(actual), 301);
    // No cookie is minted here (a voter id is made on the first vote, at most NEW_VOTERS_PER_HOUR
    // per address), so the page's response is the same for everyone and any cache may keep it.
    const voterId = await ctx.voter(c);
    const voted = c.req.query("voted");
    if (isSignal(voted)) {
      // After a form vote (no JavaScript): this reader's own page, with the vote confirmed.
      const look = await ctx.reports.lookup(ref, () => ctx.admitAnalysis(c));
      if (look.kind !== "ready") return c.redirect(issuePath(ref), 303);
      const flash = `Your “${SIGNAL_LABELS[voted]}” vote was ${c.req.query("active") === "1" ? "counted" : "taken back"}.`;
      const model = await buildIssueModel(ctx, { ref, ...look, voterId, flash });
      return c.html(issuePage(model), 200, { "cache-control": "private, no-store" });
    }
    let looked: Lookup | null = null;
    const page = await ctx.rendered.get(`${refKey(ref)}|page`, async () => {
      const look = await ctx.reports.lookup(ref, () => ctx.admitAnalysis(c));
      looked = look;
      if (look.kind !== "ready") return null;
      const model = await buildIssueModel(ctx, { ref, ...look, voterId: null, flash: null });
      // A report that turns stale must be looked up again then (which starts its refresh).
      const fetched = Date.parse(look.stored.report.meta.fetchedAt);
      const validUntil = look.stale || !Number.isFinite(fetched) ? undefined : fetched + deps.freshnessMs + 1;
      return { body: issuePage(model), contentType: HTML, validUntil };
    });
    if (!page) {
      // This request's own lookup when it built, else (it shared another's build) a new one.
      const look: Lookup = (looked as Lookup | null) ?? (await ctx.reports.lookup(ref, () => ctx.admitAnalysis(c)));
      if (look.kind === "failed") throw look.error;
      if (look.kind === "pending") {
        return c.html(loadingPage(look.job, issuePath(ref), deps.now()), 202, { "cache-control": "no-store" });
      }
      // Stored between the two lookups: render it for this reader.
      const model = await buildIssueModel(ctx, { ref, ...look, voterId: null, flash: null });
      return c.html(issuePage(model), 200, PRIVATE);
    }
    if (ctx.countView(ctx.viewerKey(c, voterId), ref)) {
      await deps.store.recordView(ref, deps.now().toISOString()).catch((e: unknown) => {
        deps.logger.warn({ err: e instanceof Error ? e.name : "error" }, "could not record a page view");
      });
    }
    return sendRendered(c, page);
  });

  // Voting without JavaScript: a form post, answered with a redirect back. No per-page token: the
  // browser must say the post comes from this site (Origin / Sec-Fetch-Site), and the voter cookie
  // is SameSite=Lax, so another site's form carries none.
  app.post("/:owner/:repo/issues/:num{[0-9]+}/votes", async (c) => {
    ctx.requireSameOrigin(c, { browserForm: true });
    const type = c.req.header("content-type") ?? "";
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
      throw new UnsupportedMediaTypeError("Votes from the page are form posts.", "Use the vote buttons on the page.");
    }
    const ref = ctx.refFromPath(c.req.param("owner"), c.req.param("repo"), c.req.param("num"));
    const form = await c.req.parseBody();
    const signal = form.signal;
    if (!isSignal(signal)) throw new UsageError("Unknown signal.", "Use the vote buttons on the page.");
    const voterId = await ctx.ensureVoter(c);
    ctx.limitVote(c, voterId);
    if (!(await deps.store.getReport(ref))) {
      throw new NotFoundError("This issue has not been analysed yet.", "Open its page first.");
    }
    const { active } = await deps.store.castVote(ref, signal, voterId, deps.now().toISOString());
    ctx.rendered.invalidate(`${refKey(ref)}|page`);
    return c.redirect(`${issuePath(ref)}?voted=${signal}&active=${active ? 1 : 0}#votes`, 303);
  });

  // A repository's page: its error clusters, open likely duplicates, fixes shipped, trending.
  app.get("/:owner/:repo", async (c) => {
    const repo = repoFromPath(ctx, c.req.param("owner"), c.req.param("repo"));
    const r = await ctx.rendered.get(`repo:${repo.host}/${repo.owner}/${repo.repo}|page`.toLowerCase(), async () => {
      const model = await buildRepoModel(ctx, repo);
      return model ? { body: repoPage(model), contentType: HTML } : null;
    });
    if (!r) {
      throw repoNotStored(repo);
    }
    return sendRendered(c, r);
  });
}
