// The GitHub client the rest of the core uses. GraphQL with a token, REST without; both produce
// the same Thread. Every method returns plain data or throws one of core/errors.ts.
import { UsageError } from "../errors.js";
import { checkIssueNumber, checkRepoNames, isIssueNumber, isOwnerName, repoNameOf } from "../refs/names.js";
import { formatRef, refKey } from "../refs/parse-ref.js";
import type { FetchMeta, IssueRef, Thread, ThreadSummary } from "../thread/types.js";
import { fetchThreadGraphql } from "./graphql/fetch-thread.js";
import { type IssuesPage, type ListIssuesOptions, listIssuesPage } from "./issues-page.js";
import { toTypedError } from "./map-error.js";
import { type FirstRelease, findFirstRelease, type RepoRef } from "./releases.js";
import {
  createIssueComment,
  listIssueComments,
  type PostedComment,
  releasesEtag,
  updateIssueComment,
} from "./rest/comments.js";
import { fetchThreadRest, getIssue } from "./rest/fetch-thread.js";
import { fetchSummaries } from "./summaries.js";
import { type Call, createTransport, type RequestCounts, type Transport, type TransportOptions } from "./transport.js";

export type GitHubClientOptions = TransportOptions;

/** FetchMeta plus the REST etag of the issue (null over GraphQL unless an etag was given). */
export type ThreadFetchMeta = FetchMeta & { etag: string | null };

export type ThreadFetch =
  | { notModified: false; thread: Thread; meta: ThreadFetchMeta }
  /** The etag still matches: reuse the stored thread. */
  | { notModified: true; thread: null; meta: ThreadFetchMeta };

export type GitHubClient = {
  readonly apiUrl: string;
  /** The web host of refs this client can fetch (see webHostForApiUrl). */
  readonly webHost: string;
  readonly hasToken: boolean;
  /**
   * The issue or pull request with all its comments and timeline. With `etag`, revalidates first
   * with a conditional REST GET (free when unchanged) and answers notModified.
   */
  fetchThread(ref: IssueRef, opts?: { etag?: string | null }): Promise<ThreadFetch>;
  /** Keyed by refKey(ref); null for threads that are missing, deleted, or on another host. */
  fetchSummaries(refs: readonly IssueRef[]): Promise<Map<string, ThreadSummary | null>>;
  findFirstRelease(repo: RepoRef, sha: string): Promise<FirstRelease | null>;
  listIssuesPage(repo: RepoRef, opts?: ListIssuesOptions): Promise<IssuesPage>;
  /** Requests sent since the client was created (every attempt, retry, redirect hop and 304). */
  requests(): RequestCounts;
};

/** What the triage and watch commands need beyond reading threads (a single client, not the pool). */
export type IssueCommentsApi = {
  /** Every comment of an issue (REST, all pages). */
  listIssueComments(ref: IssueRef): Promise<PostedComment[]>;
  /** Needs a token allowed to comment (issues: write); 401/403/404 throw typed errors. */
  createIssueComment(ref: IssueRef, body: string): Promise<PostedComment>;
  updateIssueComment(ref: IssueRef, commentId: number, body: string): Promise<PostedComment>;
  /** Conditional GET of the newest release: notModified (a free 304) when nothing was published since `etag`. */
  releasesEtag(repo: RepoRef, etag: string | null): Promise<{ notModified: boolean; etag: string | null }>;
  /** The issue's REST etag (one GET), for revalidating later a thread fetched over GraphQL. */
  issueEtag(ref: IssueRef): Promise<string | null>;
};

export function createGitHubClient(opts: GitHubClientOptions = {}): GitHubClient & IssueCommentsApi {
  const t = createTransport(opts);
  const { run, runOn, runOnRef } = runners(t);
  return {
    apiUrl: t.apiUrl,
    webHost: t.webHost,
    hasToken: t.hasToken,
    fetchThread: (ref, fetchOpts = {}) =>
      runOnRef(ref, formatRef(ref), (call) => fetchThreadVia(t, call, ref, fetchOpts.etag ?? null)),
    fetchSummaries: (refs) =>
      run(`${refs.length} linked threads`, async (call) => {
        const out = await fetchSummaries(t, call, refs.filter(validRef));
        for (const r of refs) if (!validRef(r)) out.set(refKey(r), null);
        return out;
      }),
    findFirstRelease: (repo, sha) =>
      runOnRef(repo, `releases of ${repo.owner}/${repo.repo}`, (call) => findFirstRelease(t, call, repo, sha)),
    listIssuesPage: (repo, listOpts = {}) =>
      runOnRef(repo, `issues of ${repo.owner}/${repo.repo}`, (call) => listIssuesPage(t, call, repo, listOpts)),
    listIssueComments: (ref) =>
      runOn(ref.host, `comments of ${formatRef(ref)}`, (call) => listIssueComments(t, call, ref)),
    createIssueComment: (ref, body) =>
      runOn(ref.host, `a comment on ${formatRef(ref)}`, (call) => createIssueComment(t, call, ref, body)),
    updateIssueComment: (ref, commentId, body) =>
      runOn(ref.host, `comment ${commentId} on ${formatRef(ref)}`, (call) =>
        updateIssueComment(t, call, ref, commentId, body),
      ),
    releasesEtag: (repo, etag) =>
      runOn(repo.host, `releases of ${repo.owner}/${repo.repo}`, (call) => releasesEtag(call, repo, etag)),
    issueEtag: (ref) => runOn(ref.host, formatRef(ref), async (call) => (await getIssue(t, call, ref, null)).etag),
    requests: t.totals,
  };
}

const validRef = (r: IssueRef) => isOwnerName(r.owner) && repoNameOf(r.repo) === r.repo && isIssueNumber(r.number);

type Target = { host: string; owner: string; repo: string; number?: number };

/** How every operation runs: on its own request counter, anything untyped leaving as a typed error. */
function runners(t: Transport) {
  async function run<T>(what: string, fn: (call: Call) => Promise<T>): Promise<T> {
    try {
      return await fn(t.call());
    } catch (err) {
      throw toTypedError(err, t.errorContext(what));
    }
  }
  /** run(), after checking that the thing asked for lives on this client's host. */
  const runOn = <T>(host: string, what: string, fn: (call: Call) => Promise<T>): Promise<T> =>
    run(what, (call) => {
      checkHost(t, host, what);
      return fn(call);
    });
  /** runOn(), and the names checked too: they reach request paths, whichever face the ref came from. */
  const runOnRef = <T>(target: Target, what: string, fn: (call: Call) => Promise<T>): Promise<T> =>
    runOn(target.host, what, (call) => {
      checkRepoNames(target.owner, target.repo);
      if (target.number !== undefined) checkIssueNumber(String(target.number));
      return fn(call);
    });
  return { run, runOn, runOnRef };
}

function checkHost(t: Transport, host: string, what: string): void {
  if (host.toLowerCase() !== t.webHost) {
    throw new UsageError(
      `${what} is on ${host}, but this client talks to ${t.apiUrl} (${t.webHost})`,
      `For GitHub Enterprise pass --api-url https://${host}/api/v3.`,
    );
  }
}

/** Without a token, REST; with one, GraphQL, after a free conditional REST GET when an etag is known. */
async function fetchThreadVia(t: Transport, call: Call, ref: IssueRef, etag: string | null): Promise<ThreadFetch> {
  const meta = (via: FetchMeta["via"], etag: string | null): ThreadFetchMeta => ({
    fetchedAt: t.now().toISOString(),
    via,
    requests: { ...call.counts },
    etag,
  });
  if (!t.hasToken) {
    const res = await fetchThreadRest(t, call, ref, etag);
    return res.notModified
      ? { notModified: true, thread: null, meta: meta("rest", res.etag) }
      : { notModified: false, thread: res.thread, meta: meta("rest", res.etag) };
  }
  let issueEtag: string | null = null;
  if (etag) {
    const check = await getIssue(t, call, ref, etag);
    if (check.notModified) return { notModified: true, thread: null, meta: meta("rest", check.etag) };
    issueEtag = check.etag;
  }
  const thread = await fetchThreadGraphql(t, call, ref);
  return { notModified: false, thread, meta: meta("graphql", issueEtag) };
}
