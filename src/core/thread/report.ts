// The report: what `issuegraph report --format json` prints, what the store keeps and what the
// web site and the JSON API serve. Stable schema: add fields, never rename or remove them
// (bump `schemaVersion` if that ever has to happen).
import type { EvidenceSource, Relation } from "./link.js";
import type { StateReason, ThreadKind, ThreadState } from "./types.js";

export const REPORT_SCHEMA_VERSION = 1;

export type ReportEvidence = {
  source: EvidenceSource;
  url: string;
  event: string | null;
  actor: string | null;
  at: string | null;
  excerpt: string | null;
};

export type ReportLink = {
  /** "owner/repo#n" */
  ref: string;
  type: ThreadKind;
  /** The strongest relation; `relations` lists them all. */
  relation: Relation;
  relations: Relation[];
  url: string;
  title: string | null;
  state: ThreadState | null;
  stateReason: StateReason;
  /** null for issues and for pulls whose summary could not be fetched. */
  merged: boolean | null;
  /** 1 for links of the reported thread, 2..3 for links found by a deeper crawl. */
  depth: number;
  evidence: ReportEvidence[];
};

/**
 * - fixed: a linked pull request that closes the issue was merged (or a commit closed it);
 * - fix-open: a pull request that would close it is open, none merged;
 * - fix-unmerged: the only closing pull requests were closed without merging;
 * - none: no closing pull request or commit is known.
 */
export type FixStatus = "fixed" | "fix-open" | "fix-unmerged" | "none";

export type FixPull = {
  ref: string;
  url: string;
  title: string | null;
  state: ThreadState | null;
  merged: boolean;
  mergedAt: string | null;
  /** The first release tag containing the merge, null when not released or unknown. */
  releasedIn: string | null;
  releasedAt: string | null;
  evidence: ReportEvidence[];
};

/** A citation inside a section: every sentence carries at least one. */
export type Citation = { label: string; url: string };

/** One sentence (or step) of the analysis with its citations. */
export type Statement = { text: string; citations: Citation[] };

export type Sections = {
  /** Two sentences at most. */
  tldr: Statement[];
  guidance: Statement[];
  /** The exact command, config or code quoted from the thread, or null when the thread has none. */
  example: { code: string; language: string | null; citations: Citation[]; caption: string } | null;
  notes: Statement[];
  recommendation: Statement;
};

export type SameErrorPart = {
  /** The normalised error signature. */
  signature: string | null;
  /** Other stored issues (any repository) with the same error. */
  count: number;
  /** Those that were fixed, or have a fix or a workaround on record. */
  fixedOrWorkaround: { ref: string; title: string; state: ThreadState; stateReason: StateReason; how: string }[];
  /** The strongest matches overall, best first, with scores in [0, 1]. */
  likelyDuplicates: { ref: string; score: number }[];
};

export type TimelineCount = { type: string; count: number };

export type Report = {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** "owner/repo#n" of the thread reported on (after following a transfer). */
  ref: string;
  host: string;
  url: string;
  kind: ThreadKind;
  title: string;
  state: ThreadState;
  stateReason: StateReason;
  labels: string[];
  locked: boolean;
  author: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** "owner/repo#n" that was asked for, when GitHub answered with a transferred issue. */
  transferredFrom: string | null;
  stats: { comments: number; participants: number; timelineEvents: number; reactions: number };
  /** Highest count first; ties by name. */
  timelineTop: TimelineCount[];
  errorMessage: string | null;
  body: string;
  links: ReportLink[];
  commits: { sha: string; url: string | null; evidence: ReportEvidence[] }[];
  fix: { status: FixStatus; summary: string; pulls: FixPull[] };
  sections: Sections;
  /** Other stored issues with the same error; absent or null when the report was made without a store. */
  sameError?: SameErrorPart | null;
  meta: {
    fetchedAt: string;
    generatedAt: string;
    via: "graphql" | "rest" | "store";
    apiRequests: { rest: number; graphql: number };
    depth: number;
    analyzer: "deterministic";
  };
};
