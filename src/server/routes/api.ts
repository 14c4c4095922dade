// The JSON API under /api/v1 (documented in ../API.md). Errors leave through app.onError as
// {error: {code, message, hint}}. Votes are in api-votes.ts, admin endpoints in api-admin.ts.
import type { Context, Hono } from "hono";
import { UsageError } from "../../core/errors.js";
import { formatRef, refKey } from "../../core/refs/parse-ref.js";
import type { IssueRef } from "../../core/thread/types.js";
import { rankTools } from "../../core/tools/match.js";
import { issueProfile } from "../../core/tools/profile.js";
import { SIGNALS } from "../../core/votes/signals.js";
import type { AppEnv, ServerContext } from "../context.js";
import { issuePath } from "../views/format.js";
import { adminRoutes } from "./api-admin.js";
import { voteApiRoutes } from "./api-votes.js";
import { intParam } from "./request-checks.js";
import { reportValidUntil, SHARED_CACHE, sendRendered } from "./send.js";

const API = "/api/v1";
const ENDPOINTS = [
  "GET /api/v1/issues/{owner}/{repo}/{number}",
  "GET /api/v1/issues/{owner}/{repo}/{number}/similar",
  "GET /api/v1/issues/{owner}/{repo}/{number}/tools",
  "GET /api/v1/search?q=",
  "GET /api/v1/trending",
  "GET /api/v1/resolve?q=",
  "GET /api/v1/votes?ref=",
  "POST /api/v1/votes",
  "POST /api/v1/admin/refresh",
  "POST /api/v1/admin/sync",
];

export function apiRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  indexRoutes(app, ctx);
  issueRoutes(app, ctx);
  discoveryRoutes(app, ctx);
  voteApiRoutes(app, ctx, API);
  adminRoutes(app, ctx, API);
}

/** What the API offers, and its documentation when the server has it. */
function indexRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const docs = ctx.deps.apiDocs;
  app.get(API, (c) =>
    c.json({
      name: "issuegraph",
      version: 1,
      docs: docs ? `${API}/docs` : null,
      endpoints: ENDPOINTS,
      signals: SIGNALS,
    }),
  );
  if (docs) app.get(`${API}/docs`, (c) => c.body(docs, 200, { "content-type": "text/markdown; charset=utf-8" }));
}

/** One issue: its report (analysed on first request), its similar issues, the tools that fit it. */
function issueRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const issue = `${API}/issues/:owner/:repo/:num{[0-9]+}`;
  const refOf = (c: Context) =>
    ctx.refs.fromPath(c.req.param("owner") ?? "", c.req.param("repo") ?? "", c.req.param("num") ?? "");
  const storedOf = async (c: Context) => (await ctx.reports.get(refOf(c), () => ctx.limits.analysis(c))).stored;

  // The report, serialised once per version (and gzip/brotli once), with an ETag.
  app.get(issue, async (c) => {
    const ref = refOf(c);
    const r = await ctx.rendered.get(`${refKey(ref)}|json`, async () => {
      const { stored, stale } = await ctx.reports.get(ref, () => ctx.limits.analysis(c));
      return {
        body: JSON.stringify({ report: stored.report, storedAt: stored.storedAt, stale }),
        contentType: "application/json",
        validUntil: reportValidUntil(stored.report, stale, ctx.deps.freshnessMs),
      };
    });
    if (!r) throw new Error("the report could not be serialised");
    return sendRendered(c, r, { "cache-control": SHARED_CACHE });
  });

  app.get(`${issue}/similar`, async (c) => {
    const ref = refOf(c);
    const items = await ctx.similar(ref, (await storedOf(c)).report);
    return c.json({ ref: formatRef(ref), items: items.map(withPage) });
  });

  app.get(`${issue}/tools`, async (c) => {
    const profile = issueProfile((await storedOf(c)).report);
    const ranked = rankTools(ctx.deps.catalog, profile);
    return c.json({
      ref: formatRef(refOf(c)),
      category: profile.category,
      tags: Object.fromEntries([...profile.tags.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
      tools: ranked.map((r) => ({ ...r.tool, score: r.score, matched: r.matched })),
    });
  });
}

/** Search, trending, and where an input leads. */
function discoveryRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get(`${API}/search`, async (c) => {
    const q = (c.req.query("q") ?? "").trim();
    if (!q) throw new UsageError("q is required", "Pass ?q= with error text or keywords.");
    if (q.length > 500) throw new UsageError("q is too long", "Use at most 500 characters.");
    const answer = await ctx.search(q, intParam(c, "limit", 20, 1, 50));
    return c.json({ query: q, message: answer.message, results: answer.results.map(withPage) });
  });

  app.get(`${API}/trending`, async (c) => {
    const limit = intParam(c, "limit", 10, 1, 10);
    const items = (await ctx.trending()).slice(0, limit);
    return c.json({ generatedAt: ctx.deps.now().toISOString(), items: items.map(withPage) });
  });

  // Parses only: tells a client where an input leads, without fetching anything.
  app.get(`${API}/resolve`, (c) => {
    const ref = ctx.refs.fromInput(c.req.query("q") ?? "");
    return c.json({ ref: formatRef(ref), host: ref.host, page: issuePath(ref), api: apiPath(ref) });
  });
}

/** An issue in a list, with its ref as text and its page on this site. */
const withPage = <T extends { ref: IssueRef }>(item: T) => ({
  ...item,
  ref: formatRef(item.ref),
  page: issuePath(item.ref),
});

const apiPath = (r: IssueRef) =>
  `${API}/issues/${encodeURIComponent(r.owner)}/${encodeURIComponent(r.repo)}/${r.number}`;
