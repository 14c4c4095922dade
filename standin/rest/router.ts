// REST routing: a Hono router from GitHub's paths to a status and a body. The routes only read the
// world; the HTTP layer (http/, through RestIo) adds headers, ETags, rate limits, faults and (test
// mode) checks every reply against GitHub's OpenAPI description by route, so routes name no schema.
import { type Context, Hono } from "hono";
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

/** What the routes need from the HTTP layer: the request's environment, and how a result is sent. */
export type RestIo = {
  env(c: Context): RestEnv;
  reply(c: Context, result: RestResult): Response;
  /** POST/PATCH of issue comments (rest/comment-writes.ts). */
  write(c: Context): Response;
};

type RepoRoute = (repo: RepoRecord, c: Context, env: RestEnv) => RestResult;

/** A repository is addressed by name or by id (the form Link and Location URLs use). */
const REPO_SCOPES = ["/repos/:owner/:repo", "/repositories/:id{[0-9]+}"];

/**
 * GitHub's REST routes as a Hono router (mounted at / and at /api/v3). Anything unrouted, or any
 * method other than GET/HEAD and the comment writes, is left to the caller's notFound.
 */
export function restRouter(io: RestIo): Hono {
  const app = new Hono();
  app.post("/repos/:owner/:repo/issues/:number{[0-9]+}/comments", (c) => io.write(c));
  app.patch("/repos/:owner/:repo/issues/comments/:id{[0-9]+}", (c) => io.write(c));
  app.get("/rate_limit", (c) => io.reply(c, { ...ok(io.env(c).rateLimitBody()), free: true }));
  const get = (sub: string, route: RepoRoute) => {
    for (const scope of REPO_SCOPES) {
      app.get(`${scope}${sub}`, (c) => {
        const env = io.env(c);
        const repo = repoOf(c, env);
        // Private and missing repositories both answer 404, never 403.
        return io.reply(c, repo === undefined || repo.private ? notFound() : route(repo, c, env));
      });
    }
  };
  repoRoutes(get);
  return app;
}

function repoOf(c: Context, env: RestEnv): RepoRecord | undefined {
  const { owner, repo, id } = c.req.param() as Record<string, string | undefined>;
  return id !== undefined ? env.ctx.world.repoById(Number(id)) : env.ctx.world.repo(owner ?? "", repo ?? "");
}

/** The path after the repository scope as requested (still percent-encoded), for echoes in bodies and links. */
function rawTail(c: Context, sub: string): string {
  const path = new URL(c.req.url).pathname;
  const scope = /^(?:\/api\/v3)?\/(?:repos\/[^/]+\/[^/]+|repositories\/\d+)/.exec(path)?.[0] ?? "";
  return path.slice(scope.length + sub.length);
}

const repoLinkOf = (repo: RepoRecord, env: RestEnv) => `${env.linkBase}/repositories/${repo.id}`;

function repoRoutes(get: (sub: string, route: RepoRoute) => void): void {
  get("", (repo, _c, { ctx }) => ok(renderRepository(repo, ctx)));
  get("/", (repo, _c, { ctx }) => ok(renderRepository(repo, ctx)));
  get("/issues", (repo, c, env) => listIssues(repo, query(c), `${repoLinkOf(repo, env)}/issues`, env.ctx));
  get("/issues/comments/:comment{[0-9]+}", (repo, c, { ctx }) => {
    const comment = liveComment(repo, c, ctx);
    return comment ? ok(renderComment(comment, ctx)) : notFound();
  });
  get("/issues/comments/:comment{[0-9]+}/reactions", (repo, c, env) => {
    const comment = liveComment(repo, c, env.ctx);
    if (!comment) return notFound();
    const content = query(c).get("content");
    const all = renderReactions(comment.reactions, `comment:${comment.id}`, comment.createdAt, env.ctx, content);
    const page = paginate(all, query(c), `${repoLinkOf(repo, env)}/issues/comments/${comment.id}/reactions`);
    return ok(page.items, linkHeaders(page.link));
  });
  for (const sub of ["", "/comments", "/timeline", "/events", "/reactions"]) {
    get(`/issues/:number{[0-9]+}${sub}`, (repo, c, env) => issue(repo, Number(c.req.param("number")), sub, c, env));
  }
  get("/pulls/:number{[0-9]+}", (repo, c, { ctx }) => {
    const thread = repo.threads.get(Number(c.req.param("number")));
    if (thread === undefined || !thread.isPull || thread.status !== "live") return notFound();
    return { ...ok(renderPull(thread, ctx)), lastModified: thread.data.updated_at };
  });
  releaseRoutes(get);
  get("/commits/:ref", (repo, c, env) => {
    const sha = resolveCommitish(repo, c.req.param("ref") ?? "", env);
    if (sha !== null) return ok(renderCommit(sha, repo, env.ctx));
    const doc = "https://docs.github.com/rest/commits/commits#get-a-commit";
    return unprocessable(`No commit found for SHA: ${rawTail(c, "/commits/")}`, doc);
  });
  get("/compare/:basehead{.+}", (repo, c, env) => {
    const link = `${repoLinkOf(repo, env)}/compare/${rawTail(c, "/compare/")}`;
    return compare(repo, c.req.param("basehead") ?? "", query(c), link, env);
  });
}

function releaseRoutes(get: (sub: string, route: RepoRoute) => void): void {
  get("/releases", (repo, c, env) => {
    const page = paginate(repo.releases, query(c), `${repoLinkOf(repo, env)}/releases`);
    return ok(
      page.items.map((r) => renderRelease(r, repo, env.ctx)),
      linkHeaders(page.link),
    );
  });
  get("/releases/latest", (repo, _c, { ctx }) => {
    const latest = repo.releases.find((r) => !r.draft && !r.prerelease);
    return latest ? ok(renderRelease(latest, repo, ctx)) : notFound();
  });
  get("/releases/tags/:tag{.+}", (repo, c, { ctx }) => {
    const release = repo.releases.find((r) => r.tag === c.req.param("tag"));
    return release ? ok(renderRelease(release, repo, ctx)) : notFound();
  });
}

const query = (c: Context): URLSearchParams => new URL(c.req.url).searchParams;

function liveComment(repo: RepoRecord, c: Context, ctx: RenderContext) {
  const comment = ctx.world.comment(Number(c.req.param("comment")));
  return comment === undefined || comment.thread.repo !== repo || comment.thread.status !== "live"
    ? undefined
    : comment;
}

/** An issue or one of its sub-resources; a transferred issue redirects, its sub-resources answer 404. */
function issue(repo: RepoRecord, number: number, sub: string, c: Context, env: RestEnv): RestResult {
  const stored = repo.threads.get(number);
  if (stored === undefined) return notFound();
  if (stored.status === "deleted") return gone();
  if (stored.status !== "transferred") {
    return issueResource(stored, sub, query(c), `${repoLinkOf(repo, env)}/issues/${stored.number}`, env);
  }
  const now = env.ctx.world.resolve(stored);
  if (sub || now === undefined) return now === undefined ? gone() : notFound();
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

function issueResource(thread: ThreadRecord, sub: string, q: URLSearchParams, link: string, env: RestEnv): RestResult {
  const { ctx } = env;
  switch (sub) {
    case "":
      return { ...ok(renderIssue(thread, ctx)), lastModified: thread.data.updated_at };
    case "/comments": {
      const since = q.get("since");
      const sinceMs = since ? Date.parse(since) : Number.NaN;
      const comments = Number.isNaN(sinceMs)
        ? thread.comments
        : thread.comments.filter((c) => Date.parse(c.updatedAt) >= sinceMs);
      const page = paginate(comments, q, `${link}/comments`);
      return ok(
        page.items.map((c) => renderComment(c, ctx)),
        linkHeaders(page.link),
      );
    }
    case "/timeline": {
      const exclude = new Set((q.get("exclude") ?? "").split(",").filter(Boolean));
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
      const page = paginate(entries, q, `${link}/timeline`);
      return ok(
        page.items.map((e) => renderTimelineEntry(e, ctx)).filter((x) => x !== null),
        linkHeaders(page.link),
      );
    }
    case "/events": {
      const events = thread.events.filter((e) => !timelineOnlyEvents.has(e.data.event));
      const page = paginate(events, q, `${link}/events`);
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
        q.get("content"),
      );
      const page = paginate(all, q, `${link}/reactions`);
      return ok(page.items, linkHeaders(page.link));
    }
    default:
      return notFound();
  }
}

function listIssues(repo: RepoRecord, q: URLSearchParams, link: string, ctx: RenderContext): RestResult {
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

function compare(repo: RepoRecord, basehead: string, q: URLSearchParams, link: string, env: RestEnv): RestResult {
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
  const page = paginate(commits, q, link, 250);
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
