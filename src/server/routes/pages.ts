// The HTML pages. Thin: parse the request, ask the services, render a view.
import type { Context, Hono } from "hono";
import { NotFoundError, UsageError } from "../../core/errors.js";
import { isSignal, SIGNAL_LABELS } from "../../core/signals/signals.js";
import type { AppEnv, ServerContext } from "../context.js";
import { ForbiddenError, UnsupportedMediaTypeError } from "../http-errors.js";
import { checkCsrfToken } from "../security/tokens.js";
import { buildIssueModel } from "../services/issue-model.js";
import { issuePath } from "../views/format.js";
import { homePage, type RecentIssue } from "../views/home.js";
import { issuePage } from "../views/issue.js";
import { searchPage } from "../views/search.js";
import { loadingPage } from "../views/status.js";

const PRIVATE = { "cache-control": "private, no-cache" };

export const nonceOf = (c: Context<AppEnv>) => c.get("secureHeadersNonce") ?? "";

export function pageRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const { deps } = ctx;

  app.get("/", async (c) => {
    const [trending, recent] = await Promise.all([ctx.trending().catch(() => []), recentlyAnalysed().catch(() => [])]);
    return c.html(homePage({ trending, recent, now: deps.now() }, nonceOf(c)), 200, PRIVATE);
  });

  /** Stored issues that have a report (imported or synced threads without one are not "analysed"). */
  async function recentlyAnalysed(): Promise<RecentIssue[]> {
    const rows = (await deps.store.listThreads({ limit: 100 }))
      .filter((r) => r.kind === "issue")
      .sort((a, b) => (a.fetchedAt < b.fetchedAt ? 1 : a.fetchedAt > b.fetchedAt ? -1 : 0));
    const out: RecentIssue[] = [];
    for (const row of rows) {
      const stored = await deps.store.getReport(row.ref);
      if (stored) out.push({ ...row, analysedAt: stored.storedAt });
      if (out.length === 10) break;
    }
    return out.sort((a, b) => (a.analysedAt < b.analysedAt ? 1 : a.analysedAt > b.analysedAt ? -1 : 0));
  }

  // The home form: an issue goes to its page, anything else to search. A URL on a host that is
  // not configured is refused here, before anything is fetched.
  app.get("/go", (c) => {
    const q = (c.req.query("q") ?? "").trim();
    if (!q) return c.redirect("/", 303);
    try {
      return c.redirect(issuePath(ctx.refFromInput(q)), 303);
    } catch (e) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(q) || /^[\w.-]+\/[\w.-]+#\d+$/.test(q)) throw e;
      return c.redirect(`/search?q=${encodeURIComponent(q.slice(0, 500))}`, 303);
    }
  });

  app.get("/search", async (c) => {
    const query = (c.req.query("q") ?? "").trim().slice(0, 500);
    const answer = query ? await ctx.search(query, 30) : null;
    return c.html(searchPage({ query, answer }, nonceOf(c)), 200, PRIVATE);
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
    const look = await ctx.reports.lookup(ref, () => ctx.admitAnalysis(c));
    if (look.kind === "pending") {
      return c.html(loadingPage(look.job, issuePath(ref), deps.now(), nonceOf(c)), 202, {
        "cache-control": "no-store",
      });
    }
    if (look.kind === "failed") throw look.error;
    const actual = ctx.reports.actual(ref);
    if (issuePath(actual) !== issuePath(ref)) return c.redirect(issuePath(actual), 301);
    const { voterId, viewKey } = await ctx.pageVisitor(c);
    if (ctx.countView(viewKey, ref)) {
      await deps.store.recordView(ref, deps.now().toISOString()).catch((e: unknown) => {
        deps.logger.warn({ err: e instanceof Error ? e.name : "error" }, "could not record a page view");
      });
    }
    const voted = c.req.query("voted");
    const flash = isSignal(voted)
      ? `Your “${SIGNAL_LABELS[voted]}” vote was ${c.req.query("active") === "1" ? "counted" : "taken back"}.`
      : null;
    // Without a voter (too many new ones from this address), the page shows; voting needs a cookie.
    const model = await buildIssueModel(ctx, { ref, ...look, voterId: voterId ?? "", flash });
    return c.html(issuePage(model, nonceOf(c)), 200, PRIVATE);
  });

  // Voting without JavaScript: a form post with the CSRF token, answered with a redirect back.
  app.post("/:owner/:repo/issues/:num{[0-9]+}/votes", async (c) => {
    ctx.requireSameOrigin(c);
    const type = c.req.header("content-type") ?? "";
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
      throw new UnsupportedMediaTypeError("Votes from the page are form posts.", "Use the vote buttons on the page.");
    }
    const ref = ctx.refFromPath(c.req.param("owner"), c.req.param("repo"), c.req.param("num"));
    const voterId = await ctx.voter(c);
    const form = await c.req.parseBody();
    const token = typeof form.csrf === "string" ? form.csrf : null;
    if (!voterId || !checkCsrfToken(deps.secret, voterId, token)) {
      throw new ForbiddenError(
        "The vote could not be verified (missing or expired form token).",
        "Reload the issue's page and vote again.",
      );
    }
    const signal = form.signal;
    if (!isSignal(signal)) throw new UsageError("Unknown signal.", "Use the vote buttons on the page.");
    ctx.limitVote(c, voterId);
    if (!(await deps.store.getReport(ref))) {
      throw new NotFoundError("This issue has not been analysed yet.", "Open its page first.");
    }
    const { active } = await deps.store.castVote(ref, signal, voterId, deps.now().toISOString());
    return c.redirect(`${issuePath(ref)}?voted=${signal}&active=${active ? 1 : 0}#votes`, 303);
  });
}
