// Answers from the render cache, shared by the pages, feeds and API: a 304 when the client has the
// kept version, else the best encoding it accepts; and the repository parts kept per repository.
import type { Context } from "hono";
import type { RepoRef } from "../../core/store/types.js";
import type { Report } from "../../core/thread/report.js";
import type { ServerContext } from "../context.js";
import { type Built, prepareResponse, type Rendered } from "../services/render-cache.js";
import { repoFromPath, repoNotStored } from "../services/repo-model.js";

/** Shared pages: any cache may keep them, and must ask again (a 304 when unchanged) before reuse. */
export const SHARED_CACHE = "public, no-cache";

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

/** A kept answer built from a report is trusted until the report turns stale (then looked up again, which refreshes it). */
export function reportValidUntil(report: Report, stale: boolean, freshnessMs: number): number | undefined {
  const fetched = Date.parse(report.meta.fetchedAt);
  return stale || !Number.isFinite(fetched) ? undefined : fetched + freshnessMs + 1;
}

/** A repository's page or feed from `/:owner/:repo…`, kept per repository; 404 for a repository not stored. */
export async function sendRepoPart(
  ctx: ServerContext,
  c: Context,
  part: "page" | "feed",
  build: (repo: RepoRef) => Promise<Built | null>,
): Promise<Response> {
  const repo = repoFromPath(ctx, c.req.param("owner") ?? "", c.req.param("repo") ?? "");
  const key = `repo:${repo.host}/${repo.owner}/${repo.repo}|${part}`.toLowerCase();
  const r = await ctx.rendered.get(key, () => build(repo));
  if (!r) throw repoNotStored(repo);
  return sendRendered(c, r);
}

/** The issue of `/:owner/:repo/issues/:file` where the file is the number and `ext` (".md", ".atom"). */
export function refFromFile(ctx: ServerContext, c: Context, ext: string) {
  const num = (c.req.param("file") ?? "").slice(0, -ext.length);
  return ctx.refs.fromPath(c.req.param("owner") ?? "", c.req.param("repo") ?? "", num);
}
