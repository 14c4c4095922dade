// REST routing: a request (path already stripped of /api/v3) -> a status and a body. Pure apart from
// reading the world; the HTTP layer adds headers, ETags, rate limits, faults and (test mode) checks
// every reply against GitHub's OpenAPI description by route, so routes name no schema.
import type { RepoRecord, ThreadRecord } from "../world.js";
import { paginate } from "./pagination.js";
import {
  type RenderContext,
  renderComment,
  renderCommit,
  renderEvent,
  renderIssue,
  renderPull,
  renderReactions,
  renderRelease,
  renderRepository,
  renderTimelineEntry,
  timelineOnlyEvents,
} from "./render.js";

export type RestResult = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** GET /rate_limit does not count against the primary limit. */
  free?: boolean;
  /** For Last-Modified. */
  lastModified?: string;
};

export type RestRequest = { method: string; path: string; query: URLSearchParams };

export type RestEnv = {
  ctx: RenderContext;
  /** origin + optional /api/v3: where Link and Location URLs point. */
  linkBase: string;
  rateLimitBody: () => unknown;
};

const DOCS = "https://docs.github.com/rest";

export const notFound = (doc = DOCS): RestResult => ({
  status: 404,
  body: { message: "Not Found", documentation_url: doc, status: "404" },
});

const gone = (): RestResult => ({
  status: 410,
  body: {
    message: "This issue was deleted",
    documentation_url: "https://docs.github.com/rest/issues/issues#get-an-issue",
    status: "410",
  },
});

const unprocessable = (message: string, doc: string): RestResult => ({
  status: 422,
  body: { message, documentation_url: doc, status: "422" },
});

const ok = (body: unknown, headers?: Record<string, string>): RestResult => ({
  status: 200,
  body,
  ...(headers ? { headers } : {}),
});

const linkHeaders = (link: string | null): Record<string, string> | undefined => (link ? { link } : undefined);

export function routeRest(req: RestRequest, env: RestEnv): RestResult {
  if (req.method !== "GET" && req.method !== "HEAD") return notFound();
  const { path } = req;
  if (path === "/rate_limit") return { ...ok(env.rateLimitBody()), free: true };
  const scoped = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path) ?? /^\/repositories\/(\d+)()(\/.*)?$/.exec(path);
  if (scoped === null) return notFound();
  const world = env.ctx.world;
  const repo =
    scoped[2] === "" ? world.repoById(Number(scoped[1])) : world.repo(scoped[1] as string, scoped[2] as string);
  // Private and missing repositories both answer 404, never 403.
  if (repo === undefined || repo.private) return notFound();
  return routeRepo(repo, scoped[3] ?? "", req, env);
}

function routeRepo(repo: RepoRecord, rest: string, req: RestRequest, env: RestEnv): RestResult {
  const { ctx } = env;
  const repoLink = `${env.linkBase}/repositories/${repo.id}`;
  if (rest === "" || rest === "/") return ok(renderRepository(repo, ctx));
  if (rest === "/issues") return listIssues(repo, req, `${repoLink}/issues`, ctx);

  let m = /^\/issues\/comments\/(\d+)(\/reactions)?$/.exec(rest);
  if (m) {
    const comment = ctx.world.comment(Number(m[1]));
    if (comment === undefined || comment.thread.repo !== repo || comment.thread.status !== "live") return notFound();
    if (!m[2]) return ok(renderComment(comment, ctx));
    const all = renderReactions(
      comment.reactions,
      `comment:${comment.id}`,
      comment.createdAt,
      ctx,
      req.query.get("content"),
    );
    const page = paginate(all, req.query, `${repoLink}/issues/comments/${comment.id}/reactions`);
    return ok(page.items, linkHeaders(page.link));
  }

  m = /^\/issues\/(\d+)(\/comments|\/timeline|\/events|\/reactions)?$/.exec(rest);
  if (m) {
    const stored = repo.threads.get(Number(m[1]));
    if (stored === undefined) return notFound();
    if (stored.status === "deleted") return gone();
    if (stored.status === "transferred") {
      const now = ctx.world.resolve(stored);
      // Sub-resources of a transferred issue answer 404; only the issue itself redirects.
      if (m[2] || now === undefined) return now === undefined ? gone() : notFound();
      const location = `${env.linkBase}/repositories/${now.repo.id}/issues/${now.number}`;
      return {
        status: 301,
        body: {
          message: "Moved Permanently",
          url: location,
          documentation_url: "https://docs.github.com/v3/#http-redirects",
        },
        headers: { location },
      };
    }
    return issueResource(stored, m[2] ?? "", req, `${repoLink}/issues/${stored.number}`, env);
  }

  m = /^\/pulls\/(\d+)$/.exec(rest);
  if (m) {
    const thread = repo.threads.get(Number(m[1]));
    if (thread === undefined || !thread.isPull || thread.status !== "live") return notFound();
    return {
      ...ok(renderPull(thread, ctx)),
      lastModified: thread.data.updated_at,
    };
  }

  if (rest === "/releases") {
    const page = paginate(repo.releases, req.query, `${repoLink}/releases`);
    return ok(
      page.items.map((r) => renderRelease(r, repo, ctx)),
      linkHeaders(page.link),
    );
  }
  if (rest === "/releases/latest") {
    const latest = repo.releases.find((r) => !r.draft && !r.prerelease);
    return latest ? ok(renderRelease(latest, repo, ctx)) : notFound();
  }
  m = /^\/releases\/tags\/(.+)$/.exec(rest);
  if (m) {
    const tag = decodeURIComponent(m[1] as string);
    const release = repo.releases.find((r) => r.tag === tag);
    return release ? ok(renderRelease(release, repo, ctx)) : notFound();
  }

  m = /^\/commits\/([^/]+)$/.exec(rest);
  if (m) {
    const sha = resolveCommitish(repo, decodeURIComponent(m[1] as string), env);
    if (sha === null)
      return unprocessable(
        `No commit found for SHA: ${m[1]}`,
        "https://docs.github.com/rest/commits/commits#get-a-commit",
      );
    return ok(renderCommit(sha, repo, ctx));
  }

  m = /^\/compare\/(.+)$/.exec(rest);
  if (m) return compare(repo, decodeURIComponent(m[1] as string), req, `${repoLink}/compare/${m[1]}`, env);

  return notFound();
}

function issueResource(thread: ThreadRecord, sub: string, req: RestRequest, link: string, env: RestEnv): RestResult {
  const { ctx } = env;
  switch (sub) {
    case "":
      return { ...ok(renderIssue(thread, ctx)), lastModified: thread.data.updated_at };
    case "/comments": {
      const since = req.query.get("since");
      const sinceMs = since ? Date.parse(since) : Number.NaN;
      const comments = Number.isNaN(sinceMs)
        ? thread.comments
        : thread.comments.filter((c) => Date.parse(c.updatedAt) >= sinceMs);
      const page = paginate(comments, req.query, `${link}/comments`);
      return ok(
        page.items.map((c) => renderComment(c, ctx)),
        linkHeaders(page.link),
      );
    }
    case "/timeline": {
      const exclude = new Set((req.query.get("exclude") ?? "").split(",").filter(Boolean));
      // Render after slicing would shift pages when an item is hidden, so filter first (cheap: no rendering).
      const entries = thread.timeline.filter((entry) => {
        const name = entry.kind === "comment" ? "commented" : entry.event.data.event;
        if (exclude.has(name)) return false;
        if (entry.kind === "event" && entry.event.data.event === "cross-referenced") {
          const source = ctx.world.resolve(entry.event.data.source);
          return source !== undefined && !source.repo.private;
        }
        return true;
      });
      const page = paginate(entries, req.query, `${link}/timeline`);
      return ok(
        page.items.map((e) => renderTimelineEntry(e, ctx)).filter((x) => x !== null),
        linkHeaders(page.link),
      );
    }
    case "/events": {
      const events = thread.events.filter((e) => !timelineOnlyEvents.has(e.data.event));
      const page = paginate(events, req.query, `${link}/events`);
      return ok(
        page.items.map((e) => renderEvent(e, ctx)).filter((x) => x !== null),
        linkHeaders(page.link),
      );
    }
    case "/reactions": {
      const all = renderReactions(
        thread.reactions,
        `issue:${thread.key}`,
        thread.data.created_at,
        ctx,
        req.query.get("content"),
      );
      const page = paginate(all, req.query, `${link}/reactions`);
      return ok(page.items, linkHeaders(page.link));
    }
    default:
      return notFound();
  }
}

function listIssues(repo: RepoRecord, req: RestRequest, link: string, ctx: RenderContext): RestResult {
  const q = req.query;
  const state = q.get("state") ?? "open";
  const sort = q.get("sort") ?? "created";
  const direction = q.get("direction") ?? "desc";
  const since = q.get("since");
  const doc = "https://docs.github.com/rest/issues/issues#list-repository-issues";
  if (state !== "open" && state !== "closed" && state !== "all") return unprocessable("Validation Failed", doc);
  if (sort !== "created" && sort !== "updated" && sort !== "comments") return unprocessable("Validation Failed", doc);
  if (direction !== "asc" && direction !== "desc") return unprocessable("Validation Failed", doc);
  const sinceMs = since ? Date.parse(since) : null;
  let items = ctx.world.list(repo, {
    state,
    sort,
    direction,
    since: sinceMs === null || Number.isNaN(sinceMs) ? null : sinceMs,
    pulls: "include",
  });
  const labels = (q.get("labels") ?? "").split(",").filter(Boolean);
  if (labels.length > 0) items = items.filter((t) => labels.every((l) => t.data.labels.includes(l)));
  const page = paginate(items, q, link);
  return ok(
    page.items.map((t) => renderIssue(t, ctx)),
    linkHeaders(page.link),
  );
}

/** A sha (full or abbreviated), a release tag or the default branch name -> a full sha in this repo. */
export function resolveCommitish(repo: RepoRecord, ref: string, env: Pick<RestEnv, "ctx">): string | null {
  if (ref === repo.defaultBranch || ref === "HEAD") return repo.history.at(-1) ?? null;
  const release = repo.releases.find((r) => r.tag === ref);
  if (release) return release.sha;
  if (repo.historyIndex.has(ref)) return ref;
  if (env.ctx.world.commitRepo(ref) === repo) return ref;
  if (/^[0-9a-f]{7,39}$/.test(ref)) {
    const found = repo.history.filter((sha) => sha.startsWith(ref));
    if (found.length === 1) return found[0] as string;
  }
  return null;
}

function compare(repo: RepoRecord, basehead: string, req: RestRequest, link: string, env: RestEnv): RestResult {
  const { ctx } = env;
  const parts = basehead.split("...");
  if (parts.length !== 2) return notFound();
  const base = resolveCommitish(repo, parts[0] as string, env);
  const head = resolveCommitish(repo, parts[1] as string, env);
  if (base === null || head === null) return notFound();
  const b = repo.historyIndex.get(base);
  const h = repo.historyIndex.get(head);
  // Off-history commits (a merge sha with no _repo.json history) have no known ancestry.
  if (b === undefined || h === undefined) return notFound();
  const status = h > b ? "ahead" : h < b ? "behind" : "identical";
  const aheadBy = Math.max(0, h - b);
  const behindBy = Math.max(0, b - h);
  const mergeBase = repo.history[Math.min(b, h)] as string;
  const commits = repo.history.slice(b + 1, h + 1);
  const page = paginate(commits, req.query, link, 250);
  const repoUrl = `${ctx.apiBase}/repos/${repo.fullName}`;
  const html = `${ctx.htmlBase}/${repo.fullName}/compare/${basehead}`;
  return ok(
    {
      url: `${repoUrl}/compare/${basehead}`,
      html_url: html,
      permalink_url: `${ctx.htmlBase}/${repo.fullName}/compare/${repo.owner}:${base.slice(0, 7)}...${repo.owner}:${head.slice(0, 7)}`,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      base_commit: renderCommit(base, repo, ctx),
      merge_base_commit: renderCommit(mergeBase, repo, ctx),
      status,
      ahead_by: aheadBy,
      behind_by: behindBy,
      total_commits: aheadBy,
      commits: page.items.map((sha) => renderCommit(sha, repo, ctx)),
      files: [],
    },
    linkHeaders(page.link),
  );
}
