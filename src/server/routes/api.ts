// The JSON API under /api/v1 (documented in ../API.md). Errors leave through app.onError as
// {error: {code, message, hint}}.
import type { Context, Hono } from "hono";
import { z } from "zod";
import { NotFoundError, UsageError } from "../../core/errors.js";
import { formatRef, refKey } from "../../core/refs/parse-ref.js";
import type { IssueRef } from "../../core/thread/types.js";
import { rankTools } from "../../core/tools/match.js";
import { issueProfile } from "../../core/tools/profile.js";
import { formatRepo, parseRepoArg } from "../../core/use-cases/sync/repo-arg.js";
import { evidenceSignals } from "../../core/votes/evidence.js";
import { isSignal, normaliseVoteCounts, SIGNALS } from "../../core/votes/signals.js";
import type { AppEnv, ServerContext } from "../context.js";
import { DisabledError, ForbiddenError, UnauthorizedError, UnsupportedMediaTypeError } from "../http-errors.js";
import { constantTimeEqual } from "../security/tokens.js";
import { issuePath } from "../views/format.js";
import { SHARED_CACHE, sendRendered } from "./pages.js";

const voteBody = z.object({ ref: z.string().min(1).max(300), signal: z.string().min(1).max(40) });
const refBody = z.object({ ref: z.string().min(1).max(300) });
const repoBody = z.object({ repo: z.string().min(1).max(200) });

export function apiRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const { deps } = ctx;
  const api = `/api/v1`;

  const refOf = (c: Context) =>
    ctx.refFromPath(c.req.param("owner") ?? "", c.req.param("repo") ?? "", c.req.param("num") ?? "");
  const apiPath = (r: IssueRef) =>
    `${api}/issues/${encodeURIComponent(r.owner)}/${encodeURIComponent(r.repo)}/${r.number}`;

  app.get(api, (c) =>
    c.json({
      name: "issuegraph",
      version: 1,
      docs: deps.apiDocs ? `${api}/docs` : null,
      endpoints: [
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
      ],
      signals: SIGNALS,
    }),
  );

  if (deps.apiDocs) {
    const docs = deps.apiDocs;
    app.get(`${api}/docs`, (c) => c.body(docs, 200, { "content-type": "text/markdown; charset=utf-8" }));
  }

  // The report, serialised once per version (and gzip/brotli once), with an ETag.
  app.get(`${api}/issues/:owner/:repo/:num{[0-9]+}`, async (c) => {
    const ref = refOf(c);
    const r = await ctx.rendered.get(`${refKey(ref)}|json`, async () => {
      const { stored, stale } = await ctx.reports.get(ref, () => ctx.admitAnalysis(c));
      const fetched = Date.parse(stored.report.meta.fetchedAt);
      const validUntil = stale || !Number.isFinite(fetched) ? undefined : fetched + deps.freshnessMs + 1;
      return {
        body: JSON.stringify({ report: stored.report, storedAt: stored.storedAt, stale }),
        contentType: "application/json",
        validUntil,
      };
    });
    if (!r) throw new Error("the report could not be serialised");
    return sendRendered(c, r, { "cache-control": SHARED_CACHE });
  });

  app.get(`${api}/issues/:owner/:repo/:num{[0-9]+}/similar`, async (c) => {
    const ref = refOf(c);
    const { stored } = await ctx.reports.get(ref, () => ctx.admitAnalysis(c));
    const items = await ctx.similar(ref, stored.report);
    return c.json({
      ref: formatRef(ref),
      items: items.map((s) => ({ ...s, ref: formatRef(s.ref), page: issuePath(s.ref) })),
    });
  });

  app.get(`${api}/issues/:owner/:repo/:num{[0-9]+}/tools`, async (c) => {
    const ref = refOf(c);
    const { stored } = await ctx.reports.get(ref, () => ctx.admitAnalysis(c));
    const profile = issueProfile(stored.report);
    const ranked = rankTools(deps.catalog, profile);
    return c.json({
      ref: formatRef(ref),
      category: profile.category,
      tags: Object.fromEntries([...profile.tags.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
      tools: ranked.map((r) => ({ ...r.tool, score: r.score, matched: r.matched })),
    });
  });

  app.get(`${api}/search`, async (c) => {
    const q = (c.req.query("q") ?? "").trim();
    if (!q) throw new UsageError("q is required", "Pass ?q= with error text or keywords.");
    if (q.length > 500) throw new UsageError("q is too long", "Use at most 500 characters.");
    const limit = intParam(c.req.query("limit"), 20, 1, 50, "limit");
    const answer = await ctx.search(q, limit);
    return c.json({
      query: q,
      message: answer.message,
      results: answer.results.map((r) => ({ ...r, ref: formatRef(r.ref), page: issuePath(r.ref) })),
    });
  });

  app.get(`${api}/trending`, async (c) => {
    const limit = intParam(c.req.query("limit"), 10, 1, 10, "limit");
    const items = (await ctx.trending()).slice(0, limit);
    return c.json({
      generatedAt: deps.now().toISOString(),
      items: items.map((t) => ({ ...t, ref: formatRef(t.ref), page: issuePath(t.ref) })),
    });
  });

  // Parses only: tells a client where an input leads, without fetching anything.
  app.get(`${api}/resolve`, (c) => {
    const ref = ctx.refFromInput(c.req.query("q") ?? "");
    return c.json({ ref: formatRef(ref), host: ref.host, page: issuePath(ref), api: apiPath(ref) });
  });

  app.get(`${api}/votes`, async (c) => {
    const ref = ctx.refFromInput(c.req.query("ref") ?? "");
    const voterId = await ctx.voter(c);
    if (c.req.query("mine") === "1") {
      // What the page's script asks on load: only the counts and this reader's votes, no evidence.
      const votes = await deps.store.getVotes(ref, voterId ?? undefined);
      return c.json(
        { ref: formatRef(ref), counts: normaliseVoteCounts(votes.counts), mine: votes.mine.filter(isSignal) },
        200,
        { "cache-control": "private, no-cache" },
      );
    }
    const [votes, stored] = await Promise.all([
      deps.store.getVotes(ref, voterId ?? undefined),
      deps.store.getReport(ref),
    ]);
    const evidence = stored ? evidenceSignals(stored.report) : [];
    return c.json(
      { ref: formatRef(ref), counts: normaliseVoteCounts(votes.counts), mine: votes.mine.filter(isSignal), evidence },
      200,
      { "cache-control": "private, no-cache" },
    );
  });

  app.post(`${api}/votes`, async (c) => {
    ctx.requireSameOrigin(c);
    ctx.requireDoubleSubmit(c);
    requireJson(c);
    const body = voteBody.safeParse(await readJson(c));
    if (!body.success)
      throw new UsageError("The body must be {ref, signal}.", `signal is one of ${SIGNALS.join(", ")}.`);
    const { signal } = body.data;
    if (!isSignal(signal))
      throw new UsageError(`Unknown signal "${signal.slice(0, 40)}".`, `Use one of ${SIGNALS.join(", ")}.`);
    const ref = ctx.refFromInput(body.data.ref);
    // A first vote makes the voter, at most NEW_VOTERS_PER_HOUR per address: a script that drops
    // its cookies cannot mint a new voter per request.
    const voterId = await ctx.ensureVoter(c);
    ctx.limitVote(c, voterId);
    if (!(await deps.store.getReport(ref))) {
      throw new NotFoundError(
        `${formatRef(ref)} has not been analysed yet.`,
        "Open its page (or GET its report) first.",
      );
    }
    const result = await deps.store.castVote(ref, signal, voterId, deps.now().toISOString());
    ctx.rendered.invalidate(`${refKey(ref)}|page`);
    return c.json({ ref: formatRef(ref), signal, active: result.active, counts: normaliseVoteCounts(result.counts) });
  });

  // Admin: anything that makes the server fetch on demand beyond one reader's page.
  const requireAdmin = (c: Context) => {
    if (!deps.adminToken) {
      throw new DisabledError("Admin endpoints are switched off.", "Configure an admin token to use them.");
    }
    // Wrong tokens are limited per address; once the bucket is empty even the right one waits.
    ctx.admitAdminAttempt(c);
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
    if (!m?.[1]) throw new UnauthorizedError("An admin token is required.", "Send Authorization: Bearer <token>.");
    if (!constantTimeEqual(m[1], deps.adminToken)) {
      ctx.adminFailure(c);
      throw new ForbiddenError("The admin token is not valid.", "Check the token you sent.");
    }
  };

  app.post(`${api}/admin/refresh`, async (c) => {
    requireAdmin(c);
    requireJson(c);
    const body = refBody.safeParse(await readJson(c));
    if (!body.success) throw new UsageError("The body must be {ref}.", 'For example {"ref": "owner/repo#12"}.');
    const stored = await ctx.reports.refresh(ctx.refFromInput(body.data.ref));
    return c.json({ ref: stored.report.ref, storedAt: stored.storedAt, fetchedAt: stored.report.meta.fetchedAt });
  });

  app.post(`${api}/admin/sync`, async (c) => {
    requireAdmin(c);
    requireJson(c);
    const runSync = deps.runSync;
    if (!runSync) throw new DisabledError("Sync is not available on this server.", "Run `issuegraph sync` instead.");
    const body = repoBody.safeParse(await readJson(c));
    if (!body.success) {
      throw new UsageError('The body must be {repo: "owner/repo"}.', 'For example {"repo": "nodejs/node"}.');
    }
    // The same parser and name rules as `issuegraph sync` (no "..", GitHub's characters and lengths).
    const repo = parseRepoArg(body.data.repo, [ctx.defaultHost]);
    const result = await runSync(repo);
    return c.json({ repo: formatRepo(repo), result: result ?? null });
  });
}

function requireJson(c: Context): void {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "")) {
    throw new UnsupportedMediaTypeError("The body must be JSON.", "Send content-type: application/json.");
  }
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new UsageError("The body is not valid JSON.", "Send a JSON object.");
  }
}

function intParam(raw: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}`, `For example ?${name}=${fallback}.`);
  }
  return n;
}
