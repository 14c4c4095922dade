// The report: what `issuegraph report --format json` prints, what the store keeps and what the
// web site and the JSON API serve. Stable schema: add fields, never rename or remove them
// (bump `schemaVersion` if that ever has to happen).
import type { Evidence, Relation } from "./link.js";
import type { StateReason, ThreadKind, ThreadState } from "./types.js";

export const REPORT_SCHEMA_VERSION = 1;

/** Evidence in a report is the link evidence as discovered. */
export type ReportEvidence = Evidence;

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
  /**
   * The most similar stored issues (any repository), best first: the page's and the API's "similar
   * issues". `sameError` false means related, not the same error. Absent in reports stored before it.
   */
  related?: RelatedIssue[];
};

export type RelatedIssue = {
  ref: string;
  title: string;
  state: ThreadState;
  stateReason: StateReason;
  score: number;
  sameError: boolean;
  why: string;
};

export type TimelineCount = { type: string; count: number };

/** What the issue is about (same names as the web site's tool catalog). */
export const REPORT_CATEGORIES = [
  "bug",
  "crash",
  "billing-quota",
  "auth",
  "performance",
  "build",
  "docs",
  "feature-request",
  "question",
] as const;

export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Where a tag was read: the repository's ecosystem, a label, or a cue in the text. */
export type TagSource = "category" | "repository" | "label" | "title" | "error" | "body" | "comments";

/** A tag with the reason for it, e.g. {tag: "billing", source: "error", reason: 'error says "extra usage"'}. */
export type ReportTag = { tag: string; source: TagSource; reason: string };

export type SignalName = "common-issue" | "verified" | "blocking" | "flaky" | "works" | "easy-fix" | "time-saver";

/**
 * A quick signal the evidence supports (absent signals are not listed). `value` is the count the
 * strength rests on where one exists (distinct reporters, confirmations, the comment's position).
 */
export type ReportSignal = {
  signal: SignalName;
  strength: "strong" | "some";
  value: number | null;
  reason: string;
  citations: Citation[];
};

export const WORKAROUND_KINDS = ["worked", "temporary", "suggested", "conditional"] as const;
export type WorkaroundKind = (typeof WORKAROUND_KINDS)[number];

/** A reported workaround or fix from the thread, ranked by independent confirmations. */
export type ReportWorkaround = {
  text: string;
  author: string | null;
  url: string;
  /** The exact command or config quoted with it (inline or fenced code), when there is one. */
  code: string | null;
  /** Distinct people who confirmed it: 👍 on the comment plus later commenters who said it worked or quoted it. */
  confirmations: number;
  confirmedBy: { login: string; url: string; how: "said-it-worked" | "quoted-it" }[];
  /** Later commenters who said it did not help them. */
  contradictedBy: { login: string; url: string }[];
  /**
   * "worked": someone says it worked (or declares it a workaround, or a proposal was confirmed);
   * "temporary": helped only for a while; "suggested": proposed, nobody has said it worked yet;
   * "conditional": where it does not happen ("only with X", "the desktop app still works").
   */
  kind: WorkaroundKind;
};

/** The environments reporters give, compared: the common factor and the exceptions. */
export type ReportEnvironment = {
  /** People (author and commenters) who gave at least one environment value. */
  reporters: number;
  /** Product versions, lowest to highest (compared numerically), with how many reporters named each. */
  versions: { value: string; count: number }[];
  os: { value: string; count: number }[];
  runtimes: { value: string; count: number }[];
  plans: { value: string; count: number }[];
  models: { value: string; count: number }[];
};

/** The latest activity the report knows of: what "as of" means, not the fetch time. */
export type ReportSnapshot = { at: string; citation: Citation };

export type ChangeKind =
  | "comments"
  | "state"
  | "title"
  | "labels"
  | "locked"
  | "links"
  | "link-state"
  | "fix"
  | "release"
  | "error"
  | "same-error"
  | "workarounds";

export type ReportChange = { kind: ChangeKind; text: string; citations: Citation[] };

/** What changed since the previous stored report of the same thread. */
export type ReportChanges = {
  /** The previous report's fetch time and generation time. */
  sinceFetchedAt: string;
  sinceGeneratedAt: string;
  items: ReportChange[];
};

export type LlmStatus = "used" | "rejected" | "failed" | "timeout";

/** How the optional LLM writer fared; its sections are used only when status is "used". */
export type LlmMeta = {
  provider: "anthropic" | "openai";
  model: string;
  status: LlmStatus;
  /** Why it was not used (never contains a key); null when used. */
  reason: string | null;
};

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
  // The fields below are optional because reports stored before they existed lack them; analyze()
  // always sets them (changes: the report use-case, null on a first report).
  category?: ReportCategory;
  /** The category first (source "category"), then ecosystem, label and text tags; one entry per tag. */
  tags?: ReportTag[];
  signals?: ReportSignal[];
  /** Strongest first: most confirmations, maintainers before others, earlier before later. */
  workarounds?: ReportWorkaround[];
  environment?: ReportEnvironment;
  snapshot?: ReportSnapshot;
  changes?: ReportChanges | null;
  meta: {
    fetchedAt: string;
    generatedAt: string;
    via: "graphql" | "rest" | "store";
    apiRequests: { rest: number; graphql: number };
    depth: number;
    /** "llm" only when the LLM writer's sections passed every check. */
    analyzer: "deterministic" | "llm";
    /** Present when an LLM writer was configured. */
    llm?: LlmMeta;
    /**
     * Present when some of the thread's Markdown exceeded the parse budget (core/markdown/budget.ts)
     * and was read in a simpler way: references in those parts were found by a plain-text scan.
     */
    textLimits?: { simplified: string[]; texts: number };
  };
};
