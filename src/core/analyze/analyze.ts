// analyze(): the whole deterministic analysis of one fetched thread and its links. Pure: the same
// input always gives the same Report (the clock arrives as `generatedAt`).
import { formatRef } from "../refs/parse-ref.js";
import type { CommitRef, LinkedThread } from "../thread/link.js";
import { REPORT_SCHEMA_VERSION, type Report } from "../thread/report.js";
import type { FetchMeta, Thread } from "../thread/types.js";
import { extractThreadError } from "./extract-error.js";
import { fixStatus, type Releases } from "./fix-status.js";
import { toReportCommits, toReportLinks } from "./links.js";
import { buildSections } from "./sections.js";
import { computeStats, timelineTop } from "./stats.js";

export type AnalyzeInput = {
  thread: Thread;
  links: LinkedThread[];
  commits: CommitRef[];
  meta: FetchMeta;
  depth: number;
  generatedAt: string;
  /** First release containing each closing pull's merge, keyed "owner/repo#n"; null: none found. */
  releases?: Releases | undefined;
};

export function analyze(input: AnalyzeInput): Report {
  const { thread, meta } = input;
  const links = toReportLinks(input.links);
  const commits = toReportCommits(input.commits);
  const error = extractThreadError(thread);
  const fix = fixStatus({ thread, links, linked: input.links, commits, releases: input.releases });
  const sections = buildSections({ thread, links, commits, fix, error, fetchedAt: meta.fetchedAt });
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    ref: formatRef(thread.ref),
    host: thread.ref.host,
    url: thread.url,
    kind: thread.kind,
    title: thread.title,
    state: thread.state,
    stateReason: thread.stateReason,
    labels: [...thread.labels],
    locked: thread.locked,
    author: thread.author?.login ?? null,
    createdAt: thread.createdAt,
    updatedAt: thread.updatedAt,
    closedAt: thread.closedAt,
    transferredFrom: thread.movedFrom ? formatRef(thread.movedFrom) : null,
    stats: computeStats(thread),
    timelineTop: timelineTop(thread),
    errorMessage: error?.message ?? null,
    body: thread.body,
    links,
    commits,
    fix,
    sections,
    meta: {
      fetchedAt: meta.fetchedAt,
      generatedAt: input.generatedAt,
      via: meta.via,
      apiRequests: { rest: meta.requests.rest, graphql: meta.requests.graphql },
      depth: input.depth,
      analyzer: "deterministic",
    },
  };
}
