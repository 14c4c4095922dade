// analyze(): the whole deterministic analysis of one fetched thread and its links. Pure: the same
// input always gives the same Report (the clock arrives as `generatedAt`).
import { formatRef } from "../refs/parse-ref.js";
import type { CommitRef, LinkedThread } from "../thread/link.js";
import { REPORT_SCHEMA_VERSION, type Report, type SameErrorPart } from "../thread/report.js";
import type { FetchMeta, Thread } from "../thread/types.js";
import { extractThreadError } from "./extract-error.js";
import { fixStatus, type Releases } from "./fix-status.js";
import { toReportCommits, toReportLinks } from "./links.js";
import { readThread } from "./reading.js";
import { buildSections, sectionContext } from "./sections.js";
import { signalsOf } from "./signals.js";
import { computeStats, timelineTop } from "./stats.js";
import { toReportWorkaround } from "./workarounds.js";

export type AnalyzeInput = {
  thread: Thread;
  links: LinkedThread[];
  commits: CommitRef[];
  meta: FetchMeta;
  depth: number;
  generatedAt: string;
  /** First release containing each closing pull's merge, keyed "owner/repo#n"; null: none found. */
  releases?: Releases | undefined;
  /**
   * Other stored issues with the same error (the report use-case reads it from the store). Absent:
   * the report was made without a store, and `report.sameError` stays absent.
   */
  sameError?: SameErrorPart | null | undefined;
};

export function analyze(input: AnalyzeInput): Report {
  const { thread, meta } = input;
  const links = toReportLinks(input.links);
  const commits = toReportCommits(input.commits);
  const error = extractThreadError(thread);
  const fix = fixStatus({ thread, links, linked: input.links, commits, releases: input.releases });
  const sectionInput = {
    thread,
    links,
    commits,
    fix,
    error,
    fetchedAt: meta.fetchedAt,
    sameError: input.sameError,
    releases: input.releases,
  };
  const reading = readThread(sectionInput);
  const sections = buildSections(sectionInput, reading);
  const signals = signalsOf(sectionContext(sectionInput, reading));
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
    ...(input.sameError === undefined ? {} : { sameError: input.sameError }),
    category: reading.category,
    tags: reading.tags,
    signals,
    workarounds: reading.workarounds.map(toReportWorkaround),
    environment: reading.environment,
    snapshot: reading.snapshot,
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
