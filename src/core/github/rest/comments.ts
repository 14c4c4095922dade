// Issue comments the triage command reads and writes: list (all pages), create, update. Writing
// needs a token with issues: write; GitHub's 401/403/404 leave as typed errors (core/errors.ts).
import { restPages } from "../paging.js";
import { parseWith, restComment } from "../schema.js";
import type { Call, Transport } from "../transport.js";

export type IssueCommentRef = { host: string; owner: string; repo: string; number: number };
export type PostedComment = { id: number; url: string; body: string; author: string | null };

const toPosted = (c: { id: number; html_url: string; body?: string | null; user: { login: string } | null }) => ({
  id: c.id,
  url: c.html_url,
  body: c.body ?? "",
  author: c.user?.login ?? null,
});

export async function listIssueComments(t: Transport, call: Call, ref: IssueCommentRef): Promise<PostedComment[]> {
  const what = `comments of ${ref.owner}/${ref.repo}#${ref.number}`;
  const all = await restPages(
    t,
    call,
    "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
    { owner: ref.owner, repo: ref.repo, issue_number: ref.number, per_page: 100 },
    restComment,
    what,
  );
  return all.map(toPosted);
}

export async function createIssueComment(
  t: Transport,
  call: Call,
  ref: IssueCommentRef,
  body: string,
): Promise<PostedComment> {
  const what = `a comment on ${ref.owner}/${ref.repo}#${ref.number}`;
  const res = await call.rest(
    "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    { owner: ref.owner, repo: ref.repo, issue_number: ref.number, body },
    { what },
  );
  return toPosted(parseWith(restComment, res.data, what, t.scrub));
}

export async function updateIssueComment(
  t: Transport,
  call: Call,
  ref: IssueCommentRef,
  commentId: number,
  body: string,
): Promise<PostedComment> {
  const what = `comment ${commentId} on ${ref.owner}/${ref.repo}`;
  const res = await call.rest(
    "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
    { owner: ref.owner, repo: ref.repo, comment_id: commentId, body },
    { what },
  );
  return toPosted(parseWith(restComment, res.data, what, t.scrub));
}

/** The newest release's etag: unchanged (304, free) means no release was published since. */
export async function releasesEtag(
  call: Call,
  repo: { owner: string; repo: string },
  etag: string | null,
): Promise<{ notModified: boolean; etag: string | null }> {
  const res = await call.rest(
    "GET /repos/{owner}/{repo}/releases",
    { owner: repo.owner, repo: repo.repo, per_page: 1 },
    { what: `releases of ${repo.owner}/${repo.repo}`, etag },
  );
  return { notModified: res.status === 304, etag: res.headers.etag ?? etag };
}
