// A whole thread over GraphQL: IssueThread, then only the connections that have more pages.
// GraphQL does not follow transfers (NOT_FOUND); one REST GET tells moved, deleted or missing.
import { AuthError } from "../../errors.js";
import { formatRef, sameRef } from "../../refs/parse-ref.js";
import type { IssueRef, Thread } from "../../thread/types.js";
import { badShape, notFound } from "../map-error.js";
import { drainConnection } from "../paging.js";
import { issueCommentsQuery } from "../queries/issue-comments.js";
import { issueThreadQuery } from "../queries/issue-thread.js";
import { issueTimelineQuery } from "../queries/issue-timeline.js";
import { getIssue } from "../rest/fetch-thread.js";
import type { Call, GraphqlError, Transport } from "../transport.js";

export async function fetchThreadGraphql(
  t: Transport,
  call: Call,
  ref: IssueRef,
  movedFrom: IssueRef | null = null,
): Promise<Thread> {
  const what = formatRef(ref);
  const vars = { owner: ref.owner, name: ref.repo, number: ref.number };
  const { data, errors } = await call.graphql(issueThreadQuery, vars, what);
  // A missing thread comes with NOT_FOUND errors; a null or absent node without any error is a
  // malformed answer (a proxy, a broken stand-in), not "not found".
  if (errors.length === 0 && !hasThreadNode(data)) {
    throw badShape(what, "the GraphQL answer has no repository.issueOrPullRequest and no error", t.scrub);
  }
  const node = issueThreadQuery.parse(data, what, t.scrub);
  if (!node) {
    failUnlessNotFound(t, errors, what);
    if (movedFrom) throw notFound({ what, hasToken: t.hasToken });
    return followTransfer(t, call, ref);
  }
  if (errors.length > 0) t.logger.warn({ what, errors: errors.map((e) => e.type ?? "?") }, "GraphQL partial errors");
  const first = issueThreadQuery.toDomain(node, ref.host);
  const actual = first.thread.ref;
  const pageVars = { owner: actual.owner, name: actual.repo, number: actual.number };
  const [comments, events] = await Promise.all([
    drainConnection(
      t,
      call,
      issueCommentsQuery,
      pageVars,
      { pageInfo: first.comments, nodes: first.thread.comments },
      what,
    ),
    drainConnection(
      t,
      call,
      issueTimelineQuery,
      pageVars,
      { pageInfo: first.timeline, nodes: first.thread.events },
      what,
    ),
  ]);
  return {
    ...first.thread,
    comments: comments.sort((a, b) => a.id - b.id),
    events,
    // GraphQL follows repository renames silently; say so as REST's 301 would.
    movedFrom: movedFrom ?? (sameRef(actual, ref) ? null : ref),
  };
}

/** Only NOT_FOUND means "look elsewhere"; anything else is reported as it is. */
function failUnlessNotFound(t: Transport, errors: GraphqlError[], what: string): void {
  if (errors.some((e) => e.type === "FORBIDDEN")) {
    throw new AuthError(
      `GitHub refused access to ${what}`,
      "Check that the token can read this repository (and is SSO-authorised for its organisation).",
    );
  }
  const other = errors.find((e) => e.type !== "NOT_FOUND");
  if (other) throw badShape(what, `GraphQL error: ${other.message}`, t.scrub);
}

async function followTransfer(t: Transport, call: Call, ref: IssueRef): Promise<Thread> {
  // Works with a token too; 404 -> NotFoundError, 410 -> GoneError come from the transport.
  const got = await getIssue(t, call, ref);
  if (got.notModified || sameRef(got.ref, ref)) throw notFound({ what: formatRef(ref), hasToken: t.hasToken });
  t.logger.info({ from: formatRef(ref), to: formatRef(got.ref) }, "issue was transferred");
  return fetchThreadGraphql(t, call, got.ref, ref);
}

function hasThreadNode(data: unknown): boolean {
  const repository = (data as { repository?: unknown } | null)?.repository;
  if (typeof repository !== "object" || repository === null) return false;
  const node = (repository as { issueOrPullRequest?: unknown }).issueOrPullRequest;
  return typeof node === "object" && node !== null;
}
