// A whole thread over REST: the issue (conditional when an etag is given), the pull for pulls,
// then comment and timeline pages, all re-based on the issue GitHub actually returned (a
// transferred issue answers 301, and its old sub-resources 404).
import { formatRef, sameRef } from "../../refs/parse-ref.js";
import type { IssueRef } from "../../thread/types.js";
import { restPages } from "../paging.js";
import { parseWith, type RestIssue, restComment, restIssue, restPull, restTimelineEvent } from "../schema.js";
import type { Call, Transport } from "../transport.js";
import { refOfRestIssue, threadFromRest } from "./to-domain.js";

export const ISSUE_ROUTE = "GET /repos/{owner}/{repo}/issues/{issue_number}";
const PER_PAGE = 100;

export type RestThreadResult =
  | { notModified: true; etag: string | null }
  | { notModified: false; etag: string | null; issue: RestIssue; ref: IssueRef };

/** GET the issue; 404/410 throw typed errors; 304 when `etag` still matches. */
export async function getIssue(
  t: Transport,
  call: Call,
  ref: IssueRef,
  etag?: string | null,
): Promise<RestThreadResult> {
  const what = formatRef(ref);
  const res = await call.rest(
    ISSUE_ROUTE,
    { owner: ref.owner, repo: ref.repo, issue_number: ref.number },
    { what, etag: etag ?? null },
  );
  const newEtag = res.headers.etag ?? null;
  if (res.status === 304) return { notModified: true, etag: newEtag ?? etag ?? null };
  const issue = parseWith(restIssue, res.data, what, t.scrub);
  return { notModified: false, etag: newEtag, issue, ref: refOfRestIssue(issue, ref.host) };
}

/**
 * A URL from the response body when it is on our API (used as is), else the route filled from
 * the issue's own ref (a proxy may hand out api.github.com URLs we must not send the token to).
 */
const rebase = (t: Transport, url: string | undefined, route: string, params: Record<string, unknown>) =>
  url && t.isApiUrl(url) ? { url, params: {} } : { url: route, params };

export async function fetchThreadRest(t: Transport, call: Call, ref: IssueRef, etag?: string | null) {
  const got = await getIssue(t, call, ref, etag);
  if (got.notModified) return { notModified: true as const, etag: got.etag };
  const { issue } = got;
  const actual = got.ref;
  const what = formatRef(actual);
  const params = { owner: actual.owner, repo: actual.repo, issue_number: actual.number };
  const pullAt = rebase(t, issue.pull_request?.url, "GET /repos/{owner}/{repo}/pulls/{issue_number}", params);
  const commentsAt = rebase(t, issue.comments_url, `${ISSUE_ROUTE}/comments`, params);
  const timelineAt = rebase(t, issue.timeline_url, `${ISSUE_ROUTE}/timeline`, params);
  const [pull, comments, events] = await Promise.all([
    issue.pull_request
      ? call.rest(pullAt.url, pullAt.params, { what }).then((r) => parseWith(restPull, r.data, what, t.scrub))
      : null,
    restPages(t, call, commentsAt.url, { ...commentsAt.params, per_page: PER_PAGE }, restComment, what),
    // exclude=commented: comments come from their own endpoint; fewer timeline pages where GitHub
    // honours it, and eventFromRest drops them anyway where it does not.
    restPages(
      t,
      call,
      timelineAt.url,
      { ...timelineAt.params, per_page: PER_PAGE, exclude: "commented" },
      restTimelineEvent,
      what,
    ),
  ]);
  const thread = threadFromRest({
    issue,
    pull,
    comments,
    events,
    host: ref.host,
    movedFrom: sameRef(actual, ref) ? null : ref,
  });
  return { notModified: false as const, etag: got.etag, thread };
}
