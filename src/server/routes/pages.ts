// The HTML pages. Thin: parse the request, ask the services, render a view. Pages that are the same
// for every reader (an issue, a repository, home) are rendered once per version and served from
// the render cache with an ETag and precompressed bodies; per-reader parts are not in them.
import type { Context, Hono } from "hono";
import { NotFoundError, UsageError } from "../../core/errors.js";
import { parseRefText } from "../../core/refs/names.js";
import { refKey } from "../../core/refs/parse-ref.js";
import type { IssueRef } from "../../core/thread/types.js";
import { isSignal, SIGNAL_LABELS, type Signal } from "../../core/votes/signals.js";
import type { AppEnv, ServerContext } from "../context.js";
import { UnsupportedMediaTypeError } from "../http-errors.js";
import { refuseCrossSiteForms } from "../security/same-origin.js";
import { homeLists } from "../services/home-lists.js";
import { buildIssueModel } from "../services/issue-model.js";
import { buildRepoModel } from "../services/repo-model.js";
import type { Lookup } from "../services/report-service.js";
import { recordPageView } from "../services/view-counter.js";
import { issuePath } from "../views/format.js";
import { homePage } from "../views/home.js";
import { issuePage } from "../views/issue.js";
import { repoPage } from "../views/repo.js";
import { searchPage } from "../views/search.js";
import { loadingPage } from "../views/status.js";
import { castVote } from "./api-votes.js";
import { refFromFile, reportValidUntil, sendRendered, sendRepoPart } from "./send.js";

const PRIVATE = { "cache-control": "private, no-cache" };
const HTML = "text/html; charset=utf-8";
const ROBOTS = [
  "User-agent: *",
  // Search results, downloads, votes and the API are not pages to index.
  "Disallow: /search",
  "Disallow: /go",
  "Disallow: /api/",
  "Disallow: /*/votes",
  "Disallow: /*.md$",
  "Allow: /",
  "",
].join("\n");

export function pageRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  siteRoutes(app, ctx);
  issueRoutes(app, ctx);
  formVoteRoute(app, ctx);
  // A repository's page: its error clusters, open likely duplicates, fixes shipped, trending.
  app.get("/:owner/:repo", (c) =>
    sendRepoPart(ctx, c, "page", async (repo) => {
      const model = await buildRepoModel(ctx, repo);
      return model ? { body: repoPage(model), contentType: HTML } : null;
    }),
  );
}

/** Home, robots.txt, the home form's /go, and search. */
function siteRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get("/", async (c) => {
    const r = await ctx.rendered.get("site|home", async () => ({
      body: homePage(await homeLists(ctx)),
      contentType: HTML,
    }));
    if (!r) throw new Error("the home page could not be rendered");
    return sendRendered(c, r);
  });

  app.get("/robots.txt", (c) =>
    c.body(ROBOTS, 200, { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=86400" }),
  );

  // The home form: an issue goes to its page, anything else to search. A URL on a host that is
  // not configured is refused here, before anything is fetched.
  app.get("/go", (c) => {
    const q = (c.req.query("q") ?? "").trim();
    if (!q) return c.redirect("/", 303);
    try {
      return c.redirect(issuePath(ctx.refs.fromInput(q)), 303);
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
}

/** An issue's page (a pull request's path redirects to it) and its Markdown download. */
function issueRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const refOf = (c: Context) =>
    ctx.refs.fromPath(c.req.param("owner") ?? "", c.req.param("repo") ?? "", c.req.param("num") ?? "");

  app.get("/:owner/:repo/pull/:num{[0-9]+}", (c) => c.redirect(issuePath(refOf(c)), 301));

  app.get("/:owner/:repo/issues/:file{[0-9]+\\.md}", async (c) => {
    const ref = refFromFile(ctx, c, ".md");
    const { stored } = await ctx.reports.get(ref, () => ctx.limits.analysis(c));
    const filename = `${ref.owner}-${ref.repo}-${ref.number}.md`;
    return c.body(ctx.deps.renderMarkdown(stored.report), 200, {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-cache",
    });
  });

  app.get("/:owner/:repo/issues/:num{[0-9]+}", async (c) => {
    const ref = refOf(c);
    const actual = ctx.reports.actual(ref);
    if (issuePath(actual) !== issuePath(ref)) return c.redirect(issuePath(actual), 301);
    // No cookie is minted here (a voter id is made on the first vote, at most NEW_VOTERS_PER_HOUR
    // per address), so the page's response is the same for everyone and any cache may keep it.
    const voterId = await ctx.voters.current(c);
    const voted = c.req.query("voted");
    if (isSignal(voted)) return votedPage(ctx, c, ref, voted, voterId);
    return sharedIssuePage(ctx, c, ref, voterId);
  });
}

/** After a form vote (no JavaScript): this reader's own page, with the vote confirmed. */
async function votedPage(ctx: ServerContext, c: Context, ref: IssueRef, voted: Signal, voterId: string | null) {
  const look = await ctx.reports.lookup(ref, () => ctx.limits.analysis(c));
  if (look.kind !== "ready") return c.redirect(issuePath(ref), 303);
  const flash = `Your “${SIGNAL_LABELS[voted]}” vote was ${c.req.query("active") === "1" ? "counted" : "taken back"}.`;
  const model = await buildIssueModel(ctx, { ref, ...look, voterId, flash });
  return c.html(issuePage(model), 200, { "cache-control": "private, no-store" });
}

/** The page everyone shares, kept in the render cache; the loading page while the issue is analysed. */
async function sharedIssuePage(ctx: ServerContext, c: Context, ref: IssueRef, voterId: string | null) {
  const lookup = () => ctx.reports.lookup(ref, () => ctx.limits.analysis(c));
  let looked: Lookup | null = null;
  const page = await ctx.rendered.get(`${refKey(ref)}|page`, async () => {
    const look = await lookup();
    looked = look;
    if (look.kind !== "ready") return null;
    const model = await buildIssueModel(ctx, { ref, ...look, voterId: null, flash: null });
    // A report that turns stale must be looked up again then (which starts its refresh).
    const validUntil = reportValidUntil(look.stored.report, look.stale, ctx.deps.freshnessMs);
    return { body: issuePage(model), contentType: HTML, validUntil };
  });
  if (!page) {
    // This request's own lookup when it built, else (it shared another's build) a new one.
    const look: Lookup = (looked as Lookup | null) ?? (await lookup());
    if (look.kind === "failed") throw look.error;
    if (look.kind === "pending") {
      return c.html(loadingPage(look.job, issuePath(ref), ctx.deps.now()), 202, { "cache-control": "no-store" });
    }
    // Stored between the two lookups: render it for this reader.
    const model = await buildIssueModel(ctx, { ref, ...look, voterId: null, flash: null });
    return c.html(issuePage(model), 200, PRIVATE);
  }
  await recordPageView(ctx.deps, ctx.views, ctx.views.viewerKey(c, voterId), ref);
  return sendRendered(c, page);
}

// Voting without JavaScript: a form post, answered with a redirect back. No per-page token:
// hono/csrf refuses a post the browser does not say comes from this site (Origin / Sec-Fetch-Site),
// and the voter cookie is SameSite=Lax, so another site's form carries none.
function formVoteRoute(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.post("/:owner/:repo/issues/:num{[0-9]+}/votes", refuseCrossSiteForms(ctx.sameSite), async (c) => {
    const type = c.req.header("content-type") ?? "";
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
      throw new UnsupportedMediaTypeError("Votes from the page are form posts.", "Use the vote buttons on the page.");
    }
    const ref = ctx.refs.fromPath(c.req.param("owner"), c.req.param("repo"), c.req.param("num"));
    const { signal } = await c.req.parseBody();
    if (!isSignal(signal)) throw new UsageError("Unknown signal.", "Use the vote buttons on the page.");
    const { active } = await castVote(ctx, c, ref, signal, () => {
      return new NotFoundError("This issue has not been analysed yet.", "Open its page first.");
    });
    return c.redirect(`${issuePath(ref)}?voted=${signal}&active=${active ? 1 : 0}#votes`, 303);
  });
}
