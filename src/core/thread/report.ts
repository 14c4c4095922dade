// The report: what `issuegraph report --format json` prints, what the store keeps and what the
// web site and the JSON API serve. One definition: the zod schema below; the types are inferred
// from it and `renderJson` is its parse (zod keeps the schema's key order). Stable schema: add
// fields, never rename or remove them (bump `schemaVersion` if that ever has to happen). Permissive
// about extra fields (parsing drops them) and strict about the ones it declares.
import { z } from "zod";
import { evidenceSchema, relationStrength, httpUrlSchema as url } from "./link.js";
import { STATE_REASONS, THREAD_KINDS, THREAD_STATES } from "./types.js";

export const REPORT_SCHEMA_VERSION = 1;

const relation = z.enum(relationStrength);
const kind = z.enum(THREAD_KINDS);
const state = z.enum(THREAD_STATES);
const stateReason = z.enum(STATE_REASONS).nullable();
const count = z.number().int().min(0);
const score = z.number().min(0).max(1);

/** Evidence in a report is the link evidence as discovered. */
export const reportEvidenceSchema = evidenceSchema;
export type ReportEvidence = z.infer<typeof reportEvidenceSchema>;

export const reportLinkSchema = z.object({
  /** "owner/repo#n" */
  ref: z.string(),
  type: kind,
  /** The strongest relation; `relations` lists them all. */
  relation,
  relations: z.array(relation).min(1),
  url,
  title: z.string().nullable(),
  state: state.nullable(),
  stateReason,
  /** null for issues and for pulls whose summary could not be fetched. */
  merged: z.boolean().nullable(),
  /** 1 for links of the reported thread, 2..3 for links found by a deeper crawl. */
  depth: z.number().int().min(1),
  evidence: z.array(evidenceSchema),
});
export type ReportLink = z.infer<typeof reportLinkSchema>;

/**
 * - fixed: a linked pull request that closes the issue was merged (or a commit closed it);
 * - fix-open: a pull request that would close it is open, none merged;
 * - fix-unmerged: the only closing pull requests were closed without merging;
 * - none: no closing pull request or commit is known.
 */
export const fixStatusSchema = z.enum(["fixed", "fix-open", "fix-unmerged", "none"]);
export type FixStatus = z.infer<typeof fixStatusSchema>;

export const fixPullSchema = z.object({
  ref: z.string(),
  url,
  title: z.string().nullable(),
  state: state.nullable(),
  merged: z.boolean(),
  mergedAt: z.string().nullable(),
  /** The first release tag containing the merge, null when not released or unknown. */
  releasedIn: z.string().nullable(),
  releasedAt: z.string().nullable(),
  evidence: z.array(evidenceSchema),
});
export type FixPull = z.infer<typeof fixPullSchema>;

/** A citation inside a section: every sentence carries at least one. */
export const citationSchema = z.object({ label: z.string().min(1), url });
export type Citation = z.infer<typeof citationSchema>;
const citations = z.array(citationSchema).min(1);

/** One sentence (or step) of the analysis with its citations. */
export const statementSchema = z.object({ text: z.string().min(1), citations });
export type Statement = z.infer<typeof statementSchema>;

export const sectionsSchema = z.object({
  /** Two sentences at most. */
  tldr: z.array(statementSchema).min(1).max(2),
  guidance: z.array(statementSchema),
  /** The exact command, config or code quoted from the thread, or null when the thread has none. */
  example: z.object({ code: z.string(), language: z.string().nullable(), citations, caption: z.string() }).nullable(),
  notes: z.array(statementSchema),
  recommendation: statementSchema,
});
export type Sections = z.infer<typeof sectionsSchema>;

export const relatedIssueSchema = z.object({
  ref: z.string(),
  title: z.string(),
  state,
  stateReason,
  score,
  sameError: z.boolean(),
  why: z.string(),
});
export type RelatedIssue = z.infer<typeof relatedIssueSchema>;

export const sameErrorSchema = z.object({
  /** The normalised error signature. */
  signature: z.string().nullable(),
  /** Other stored issues (any repository) with the same error. */
  count,
  /** Those that were fixed, or have a fix or a workaround on record. */
  fixedOrWorkaround: z.array(z.object({ ref: z.string(), title: z.string(), state, stateReason, how: z.string() })),
  /** The strongest matches overall, best first, with scores in [0, 1]. */
  likelyDuplicates: z.array(z.object({ ref: z.string(), score })),
  /**
   * The most similar stored issues (any repository), best first: the page's and the API's "similar
   * issues". `sameError` false means related, not the same error. Absent in reports stored before it.
   */
  related: z.array(relatedIssueSchema).optional(),
});
export type SameErrorPart = z.infer<typeof sameErrorSchema>;

export const timelineCountSchema = z.object({ type: z.string(), count: z.number().int().min(1) });
export type TimelineCount = z.infer<typeof timelineCountSchema>;

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
export const categorySchema = z.enum(REPORT_CATEGORIES);
export type ReportCategory = z.infer<typeof categorySchema>;

/** A tag with the reason for it, e.g. {tag: "billing", source: "error", reason: 'error says "extra usage"'}. */
export const tagSchema = z.object({
  tag: z.string().min(1),
  /** Where the tag was read: the repository's ecosystem, a label, or a cue in the text. */
  source: z.enum(["category", "repository", "label", "title", "error", "body", "comments"]),
  reason: z.string().min(1),
});
export type ReportTag = z.infer<typeof tagSchema>;
export type TagSource = ReportTag["source"];

/**
 * A quick signal the evidence supports (absent signals are not listed). `value` is the count the
 * strength rests on where one exists (distinct reporters, confirmations, the comment's position).
 */
export const signalSchema = z.object({
  signal: z.enum(["common-issue", "verified", "blocking", "flaky", "works", "easy-fix", "time-saver"]),
  strength: z.enum(["strong", "some"]),
  value: z.number().nullable(),
  reason: z.string().min(1),
  citations,
});
export type ReportSignal = z.infer<typeof signalSchema>;
export type SignalName = ReportSignal["signal"];

export const WORKAROUND_KINDS = ["worked", "temporary", "suggested", "conditional"] as const;
export type WorkaroundKind = (typeof WORKAROUND_KINDS)[number];

/** A reported workaround or fix from the thread, ranked by independent confirmations. */
export const workaroundSchema = z.object({
  text: z.string().min(1),
  author: z.string().nullable(),
  url,
  /** The exact command or config quoted with it (inline or fenced code), when there is one. */
  code: z.string().nullable(),
  /** Distinct people who confirmed it: 👍 on the comment plus later commenters who said it worked or quoted it. */
  confirmations: count,
  confirmedBy: z.array(z.object({ login: z.string(), url, how: z.enum(["said-it-worked", "quoted-it"]) })),
  /** Later commenters who said it did not help them. */
  contradictedBy: z.array(z.object({ login: z.string(), url })),
  /**
   * "worked": someone says it worked (or declares it a workaround, or a proposal was confirmed);
   * "temporary": helped only for a while; "suggested": proposed, nobody has said it worked yet;
   * "conditional": where it does not happen ("only with X", "the desktop app still works").
   */
  kind: z.enum(WORKAROUND_KINDS),
});
export type ReportWorkaround = z.infer<typeof workaroundSchema>;

const counted = z.array(z.object({ value: z.string(), count: z.number().int().min(1) }));

/** The environments reporters give, compared: the common factor and the exceptions. */
export const environmentSchema = z.object({
  /** People (author and commenters) who gave at least one environment value. */
  reporters: count,
  /** Product versions, lowest to highest (compared numerically), with how many reporters named each. */
  versions: counted,
  os: counted,
  runtimes: counted,
  plans: counted,
  models: counted,
});
export type ReportEnvironment = z.infer<typeof environmentSchema>;

/** The latest activity the report knows of: what "as of" means, not the fetch time. */
export const snapshotSchema = z.object({ at: z.string(), citation: citationSchema });
export type ReportSnapshot = z.infer<typeof snapshotSchema>;

export const changeSchema = z.object({
  kind: z.enum([
    "comments",
    "state",
    "title",
    "labels",
    "locked",
    "links",
    "link-state",
    "fix",
    "release",
    "error",
    "same-error",
    "workarounds",
  ]),
  text: z.string().min(1),
  citations,
});
export type ReportChange = z.infer<typeof changeSchema>;
export type ChangeKind = ReportChange["kind"];

/** What changed since the previous stored report of the same thread. */
export const changesSchema = z.object({
  /** The previous report's fetch time and generation time. */
  sinceFetchedAt: z.string(),
  sinceGeneratedAt: z.string(),
  items: z.array(changeSchema),
});
export type ReportChanges = z.infer<typeof changesSchema>;

/** How the optional LLM writer fared; its sections are used only when status is "used". */
export const llmMetaSchema = z.object({
  provider: z.enum(["anthropic", "openai"]),
  model: z.string(),
  status: z.enum(["used", "rejected", "failed", "timeout"]),
  /** Why it was not used (never contains a key); null when used. */
  reason: z.string().nullable(),
});
export type LlmMeta = z.infer<typeof llmMetaSchema>;
export type LlmStatus = LlmMeta["status"];

const metaSchema = z.object({
  fetchedAt: z.string(),
  generatedAt: z.string(),
  via: z.enum(["graphql", "rest", "store"]),
  apiRequests: z.object({ rest: count, graphql: count }),
  depth: count,
  /** "llm" only when the LLM writer's sections passed every check. */
  analyzer: z.enum(["deterministic", "llm"]),
  /** Present when an LLM writer was configured. */
  llm: llmMetaSchema.optional(),
  /**
   * Present when some of the thread's Markdown exceeded the parse budget (core/markdown/budget.ts)
   * and was read in a simpler way: references in those parts were found by a plain-text scan.
   */
  textLimits: z.object({ simplified: z.array(z.string()), texts: z.number().int().min(1) }).optional(),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  /** "owner/repo#n" of the thread reported on (after following a transfer). */
  ref: z.string(),
  host: z.string(),
  url,
  kind,
  title: z.string(),
  state,
  stateReason,
  labels: z.array(z.string()),
  locked: z.boolean(),
  author: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  /** "owner/repo#n" that was asked for, when GitHub answered with a transferred issue. */
  transferredFrom: z.string().nullable(),
  stats: z.object({ comments: count, participants: count, timelineEvents: count, reactions: count }),
  /** Highest count first; ties by name. */
  timelineTop: z.array(timelineCountSchema),
  errorMessage: z.string().nullable(),
  body: z.string(),
  links: z.array(reportLinkSchema),
  commits: z.array(z.object({ sha: z.string(), url: url.nullable(), evidence: z.array(evidenceSchema) })),
  fix: z.object({ status: fixStatusSchema, summary: z.string().min(1), pulls: z.array(fixPullSchema) }),
  sections: sectionsSchema,
  /** Other stored issues with the same error; absent or null when the report was made without a store. */
  sameError: sameErrorSchema.nullable().optional(),
  // The fields below are optional because reports stored before they existed lack them; analyze()
  // always sets them (changes: the report use-case, null on a first report).
  category: categorySchema.optional(),
  /** The category first (source "category"), then ecosystem, label and text tags; one entry per tag. */
  tags: z.array(tagSchema).optional(),
  signals: z.array(signalSchema).optional(),
  /** Strongest first: most confirmations, maintainers before others, earlier before later. */
  workarounds: z.array(workaroundSchema).optional(),
  environment: environmentSchema.optional(),
  snapshot: snapshotSchema.optional(),
  changes: changesSchema.nullable().optional(),
  meta: metaSchema,
});
export type Report = z.infer<typeof reportSchema>;
