// One page of a repository's issues and pulls, oldest update first, for incremental sync.
// Conditional: with the etag stored for this page, an unchanged page answers 304 (free of rate
// limit) and the caller reuses what it stored.
import type { Thread, ThreadSummary } from "../thread/types.js";
import { actor, restReactionCounts } from "./domain-maps.js";
import { badShape } from "./map-error.js";
import { nextLink } from "./paging.js";
import type { RepoRef } from "./releases.js";
import { summaryFromRest } from "./rest/to-domain.js";
import { parseWith, type RestIssue, restIssue } from "./schema.js";
import type { Call, Transport } from "./transport.js";

export type ListIssuesOptions = {
  /** ISO time: only threads updated at or after it. */
  since?: string;
  /** A `nextUrl` from the previous page (followed verbatim). */
  url?: string;
  /** The etag stored with this page; sends if-none-match. */
  etag?: string | null;
  perPage?: number;
};

/** A thread as the list shows it: enough to build a Thread without comments and events. */
export type IssueListItem = ThreadSummary &
  Pick<
    Thread,
    "body" | "author" | "labels" | "locked" | "activeLockReason" | "createdAt" | "updatedAt" | "closedAt" | "reactions"
  > & { isPull: boolean; commentsCount: number };

/** On 304 (`notModified`), items is empty and nextUrl null: reuse what was stored with that etag. */
export type IssuesPage = {
  items: IssueListItem[];
  nextUrl: string | null;
  etag: string | null;
  notModified: boolean;
};

export async function listIssuesPage(
  t: Transport,
  call: Call,
  repo: RepoRef,
  opts: ListIssuesOptions,
): Promise<IssuesPage> {
  const what = `issues of ${repo.owner}/${repo.repo}`;
  const res = opts.url
    ? await call.rest(opts.url, {}, { what, etag: opts.etag ?? null })
    : await call.rest(
        "GET /repos/{owner}/{repo}/issues",
        {
          owner: repo.owner,
          repo: repo.repo,
          state: "all",
          sort: "updated",
          direction: "asc",
          per_page: Math.min(Math.max(opts.perPage ?? 100, 1), 100),
          ...(opts.since ? { since: opts.since } : {}),
        },
        { what, etag: opts.etag ?? null },
      );
  const etag = res.headers.etag ?? null;
  if (res.status === 304) return { items: [], nextUrl: null, etag: etag ?? opts.etag ?? null, notModified: true };
  if (!Array.isArray(res.data)) throw badShape(what, "expected a list", t.scrub);
  const items = res.data.map((x) => listItem(parseWith(restIssue, x, what, t.scrub), repo.host));
  return { items, nextUrl: nextLink(res.headers.link), etag, notModified: false };
}

function listItem(issue: RestIssue, host: string): IssueListItem {
  return {
    ...summaryFromRest(issue, host),
    isPull: issue.pull_request !== undefined,
    body: issue.body ?? "",
    author: actor(issue.user, issue.author_association),
    labels: issue.labels.map((l) => (typeof l === "string" ? l : l.name)),
    locked: issue.locked,
    activeLockReason: issue.active_lock_reason ?? null,
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    closedAt: issue.closed_at,
    commentsCount: issue.comments,
    reactions: restReactionCounts(issue.reactions),
  };
}
