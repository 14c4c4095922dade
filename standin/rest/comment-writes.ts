// Writing issue comments, as GitHub does it: POST /repos/{o}/{r}/issues/{n}/comments (201 with a
// Location) and PATCH /repos/{o}/{r}/issues/comments/{id} (200), with GitHub's refusals: 401
// "Requires authentication" without a token, 404 for a missing or private repository or issue,
// 410 for a deleted issue, 403 for a read-only token, a locked issue or someone else's comment,
// 422 without a body. Who posts: a token starting with "ghs_" is an installation token (GitHub
// Actions' GITHUB_TOKEN) and posts as github-actions[bot]; any other token as a user derived from
// it; a token starting with "ro-" may read but not write.
import type { Caller } from "../rate-limits.js";
import type { ThreadRecord } from "../world.js";
import { type RenderContext, renderComment } from "./render.js";

export type WriteResult = { status: number; body: unknown; headers?: Record<string, string> };

const DOCS = {
  create: "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
  update: "https://docs.github.com/rest/issues/comments#update-an-issue-comment",
};
const fail = (status: number, message: string, doc: string): WriteResult => ({
  status,
  body: { message, documentation_url: doc, status: String(status) },
});

export const isCommentWrite = (method: string, path: string): boolean =>
  (method === "POST" && /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(path)) ||
  (method === "PATCH" && /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+$/.test(path));

/** The login a token writes as (the token itself is never kept; only the caller's hash-derived id). */
function writerOf(caller: Caller, token: string | null): { login: string; association: string; readOnly: boolean } {
  if (token?.startsWith("ghs_")) return { login: "github-actions[bot]", association: "NONE", readOnly: false };
  return { login: `stand-in-user-${caller.userId}`, association: "NONE", readOnly: token?.startsWith("ro-") ?? false };
}

export function writeComment(
  req: { method: string; path: string; raw: string },
  caller: Caller,
  token: string | null,
  ctx: RenderContext,
): WriteResult {
  const create = req.method === "POST";
  const doc = create ? DOCS.create : DOCS.update;
  if (!caller.authenticated) return fail(401, "Requires authentication", doc);
  const m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(?:comments\/)?(\d+)/.exec(req.path);
  const repo = m ? ctx.world.repo(m[1] as string, m[2] as string) : undefined;
  if (!m || repo === undefined || repo.private) return fail(404, "Not Found", doc);
  let body: unknown;
  try {
    body = JSON.parse(req.raw || "{}");
  } catch {
    return fail(400, "Problems parsing JSON", doc);
  }
  const text = (body as { body?: unknown } | null)?.body;
  if (typeof text !== "string") return fail(422, 'Invalid request.\n\n"body" wasn\'t supplied.', doc);
  if (text.length > 65_536) return fail(422, "Validation Failed", doc);
  const writer = writerOf(caller, token);
  if (writer.readOnly) return fail(403, "Resource not accessible by personal access token", doc);

  if (create) {
    const thread = repo.threads.get(Number(m[3]));
    if (thread === undefined || thread.status === "transferred") return fail(404, "Not Found", doc);
    if (thread.status === "deleted") return fail(410, "This issue was deleted", doc);
    if (isLocked(thread)) return fail(403, "Unable to create comment because issue is locked.", doc);
    const comment = ctx.world.addComment(thread, { login: writer.login, association: writer.association }, text);
    const rendered = renderComment(comment, ctx);
    return {
      status: 201,
      body: rendered,
      headers: { location: String((rendered as { url: string }).url) },
    };
  }
  const comment = ctx.world.comment(Number(m[3]));
  if (comment === undefined || comment.thread.repo !== repo || comment.thread.status !== "live") {
    return fail(404, "Not Found", doc);
  }
  // Without write access to the repository (the stand-in knows no collaborators) only the author edits.
  if (comment.author.login !== writer.login) return fail(403, "Must have admin rights to Repository.", doc);
  ctx.world.editComment(comment, text);
  return { status: 200, body: renderComment(comment, ctx) };
}

const isLocked = (thread: ThreadRecord): boolean => thread.data.locked === true;
