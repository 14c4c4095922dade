// The report use-case: fetch -> discover -> summaries -> releases -> analyze. Everything it touches
// is injected, so the CLI, the server and the worker share it and tests run it on fakes.
import { analyze } from "../analyze/analyze.js";
import { crawl } from "../graph/crawl.js";
import { formatRef } from "../refs/parse-ref.js";
import type { CommitRef, LinkedThread } from "../thread/link.js";
import type { Report } from "../thread/report.js";
import type { FetchMeta, IssueRef, Thread, ThreadSummary } from "../thread/types.js";

export type ReleaseInfo = { tag: string; publishedAt: string | null };

/** The slice of the GitHub client this use-case needs. */
export type ReportSource = {
  fetchThread(ref: IssueRef): Promise<{ thread: Thread; meta: FetchMeta }>;
  fetchSummaries(refs: IssueRef[]): Promise<Map<string, ThreadSummary | null>>;
  findFirstRelease(repo: { host: string; owner: string; repo: string }, sha: string): Promise<ReleaseInfo | null>;
  requests(): { rest: number; graphql: number };
};

export type ReportOptions = { depth: number; maxNodes?: number; releases?: boolean };

export type ReportDeps = { source: ReportSource; now: () => Date };

export async function buildReport(ref: IssueRef, options: ReportOptions, deps: ReportDeps): Promise<Report> {
  const before = deps.source.requests();
  const { thread, meta } = await deps.source.fetchThread(ref);
  return reportFromThread(thread, meta, options, deps, before);
}

/** Analyse a thread already in hand (fetched, or read from the store). */
export async function reportFromThread(
  thread: Thread,
  meta: FetchMeta,
  options: ReportOptions,
  deps: ReportDeps,
  before = deps.source.requests(),
): Promise<Report> {
  const graph = await crawl(
    thread,
    {
      fetchSummaries: (refs) => deps.source.fetchSummaries(refs),
      fetchThread: async (r) => (await deps.source.fetchThread(r)).thread,
    },
    { depth: options.depth, maxNodes: options.maxNodes ?? 200 },
  );
  const releases = options.releases === false ? undefined : await findReleases(graph.links, deps.source);
  const after = deps.source.requests();
  const requests = { rest: after.rest - before.rest, graphql: after.graphql - before.graphql };
  return analyze({
    thread,
    links: graph.links,
    commits: graph.commits as CommitRef[],
    meta: { ...meta, requests },
    depth: options.depth,
    generatedAt: deps.now().toISOString(),
    releases,
  });
}

/** For each merged pull request that closes the thread, the first release that contains its merge commit. */
async function findReleases(links: LinkedThread[], source: ReportSource): Promise<Map<string, ReleaseInfo | null>> {
  const releases = new Map<string, ReleaseInfo | null>();
  for (const link of links) {
    const sha = link.summary?.mergeCommitSha;
    if (link.depth !== 1 || !link.summary?.merged || !sha || !link.relations.includes("closed-by")) continue;
    const { host, owner, repo } = link.target;
    releases.set(formatRef(link.target), await source.findFirstRelease({ host, owner, repo }, sha));
  }
  return releases;
}
