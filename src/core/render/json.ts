// The report as JSON: keys in the order of the Report type, 2-space indent, trailing newline, and a
// zod schema other faces and tests validate reports with. The schema is permissive about extra
// fields (the schema only grows) and strict about the ones it declares.
import { z } from "zod";
import type {
  Citation,
  FixPull,
  Report,
  ReportChanges,
  ReportEnvironment,
  ReportEvidence,
  ReportLink,
  ReportSignal,
  ReportTag,
  ReportWorkaround,
  SameErrorPart,
  Statement,
} from "../thread/report.js";
import { REPORT_CATEGORIES, REPORT_SCHEMA_VERSION, WORKAROUND_KINDS } from "../thread/report.js";

const relation = z.enum([
  "closes",
  "closed-by",
  "duplicate-of",
  "duplicated-by",
  "connected",
  "mentioned-by",
  "mentions",
]);
const kind = z.enum(["issue", "pull"]);
const state = z.enum(["open", "closed"]);
const stateReason = z.enum(["completed", "not_planned", "duplicate", "reopened"]).nullable();
const url = z.string().regex(/^https?:\/\//, "an http(s) URL");

export const evidenceSchema = z.object({
  source: z.enum(["body", "comment", "timeline", "pull"]),
  url,
  event: z.string().nullable(),
  actor: z.string().nullable(),
  at: z.string().nullable(),
  excerpt: z.string().nullable(),
});

export const citationSchema = z.object({ label: z.string().min(1), url });
export const statementSchema = z.object({ text: z.string().min(1), citations: z.array(citationSchema).min(1) });

export const reportLinkSchema = z.object({
  ref: z.string(),
  type: kind,
  relation,
  relations: z.array(relation).min(1),
  url,
  title: z.string().nullable(),
  state: state.nullable(),
  stateReason,
  merged: z.boolean().nullable(),
  depth: z.number().int().min(1),
  evidence: z.array(evidenceSchema),
});

export const fixPullSchema = z.object({
  ref: z.string(),
  url,
  title: z.string().nullable(),
  state: state.nullable(),
  merged: z.boolean(),
  mergedAt: z.string().nullable(),
  releasedIn: z.string().nullable(),
  releasedAt: z.string().nullable(),
  evidence: z.array(evidenceSchema),
});

export const sameErrorSchema = z.object({
  signature: z.string().nullable(),
  count: z.number().int().min(0),
  fixedOrWorkaround: z.array(z.object({ ref: z.string(), title: z.string(), state, stateReason, how: z.string() })),
  likelyDuplicates: z.array(z.object({ ref: z.string(), score: z.number().min(0).max(1) })),
  related: z
    .array(
      z.object({
        ref: z.string(),
        title: z.string(),
        state,
        stateReason,
        score: z.number().min(0).max(1),
        sameError: z.boolean(),
        why: z.string(),
      }),
    )
    .optional(),
});

const counted = z.array(z.object({ value: z.string(), count: z.number().int().min(1) }));

export const categorySchema = z.enum(REPORT_CATEGORIES);
export const tagSchema = z.object({
  tag: z.string().min(1),
  source: z.enum(["category", "repository", "label", "title", "error", "body", "comments"]),
  reason: z.string().min(1),
});
export const signalSchema = z.object({
  signal: z.enum(["common-issue", "verified", "blocking", "flaky", "works", "easy-fix", "time-saver"]),
  strength: z.enum(["strong", "some"]),
  value: z.number().nullable(),
  reason: z.string().min(1),
  citations: z.array(citationSchema).min(1),
});
export const workaroundSchema = z.object({
  text: z.string().min(1),
  author: z.string().nullable(),
  url,
  code: z.string().nullable(),
  confirmations: z.number().int().min(0),
  confirmedBy: z.array(z.object({ login: z.string(), url, how: z.enum(["said-it-worked", "quoted-it"]) })),
  contradictedBy: z.array(z.object({ login: z.string(), url })),
  kind: z.enum(WORKAROUND_KINDS),
});
export const environmentSchema = z.object({
  reporters: z.number().int().min(0),
  versions: counted,
  os: counted,
  runtimes: counted,
  plans: counted,
  models: counted,
});
export const changesSchema = z.object({
  sinceFetchedAt: z.string(),
  sinceGeneratedAt: z.string(),
  items: z.array(
    z.object({
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
      citations: z.array(citationSchema).min(1),
    }),
  ),
});
export const llmMetaSchema = z.object({
  provider: z.enum(["anthropic", "openai"]),
  model: z.string(),
  status: z.enum(["used", "rejected", "failed", "timeout"]),
  reason: z.string().nullable(),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
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
  transferredFrom: z.string().nullable(),
  stats: z.object({
    comments: z.number().int().min(0),
    participants: z.number().int().min(0),
    timelineEvents: z.number().int().min(0),
    reactions: z.number().int().min(0),
  }),
  timelineTop: z.array(z.object({ type: z.string(), count: z.number().int().min(1) })),
  errorMessage: z.string().nullable(),
  body: z.string(),
  links: z.array(reportLinkSchema),
  commits: z.array(z.object({ sha: z.string(), url: url.nullable(), evidence: z.array(evidenceSchema) })),
  fix: z.object({
    status: z.enum(["fixed", "fix-open", "fix-unmerged", "none"]),
    summary: z.string().min(1),
    pulls: z.array(fixPullSchema),
  }),
  sections: z.object({
    tldr: z.array(statementSchema).min(1).max(2),
    guidance: z.array(statementSchema),
    example: z
      .object({
        code: z.string(),
        language: z.string().nullable(),
        citations: z.array(citationSchema).min(1),
        caption: z.string(),
      })
      .nullable(),
    notes: z.array(statementSchema),
    recommendation: statementSchema,
  }),
  sameError: sameErrorSchema.nullable().optional(),
  category: categorySchema.optional(),
  tags: z.array(tagSchema).optional(),
  signals: z.array(signalSchema).optional(),
  workarounds: z.array(workaroundSchema).optional(),
  environment: environmentSchema.optional(),
  snapshot: z.object({ at: z.string(), citation: citationSchema }).optional(),
  changes: changesSchema.nullable().optional(),
  meta: z.object({
    fetchedAt: z.string(),
    generatedAt: z.string(),
    via: z.enum(["graphql", "rest", "store"]),
    apiRequests: z.object({ rest: z.number().int().min(0), graphql: z.number().int().min(0) }),
    depth: z.number().int().min(0),
    analyzer: z.enum(["deterministic", "llm"]),
    llm: llmMetaSchema.optional(),
    textLimits: z.object({ simplified: z.array(z.string()), texts: z.number().int().min(1) }).optional(),
  }),
});

/** The report as stable JSON: the Report type's key order whatever order the object was built in. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(ordered(report), null, 2)}\n`;
}

// Each builder lists every key of its type in declaration order; the `satisfies`-style return
// types make a missing or misspelt key a compile error when the type grows.
const ev = (e: ReportEvidence): ReportEvidence => ({
  source: e.source,
  url: e.url,
  event: e.event,
  actor: e.actor,
  at: e.at,
  excerpt: e.excerpt,
});
const st = (s: Statement): Statement => ({
  text: s.text,
  citations: s.citations.map((c) => ({ label: c.label, url: c.url })),
});
const ln = (l: ReportLink): ReportLink => ({
  ref: l.ref,
  type: l.type,
  relation: l.relation,
  relations: [...l.relations],
  url: l.url,
  title: l.title,
  state: l.state,
  stateReason: l.stateReason,
  merged: l.merged,
  depth: l.depth,
  evidence: l.evidence.map(ev),
});
const fp = (p: FixPull): FixPull => ({
  ref: p.ref,
  url: p.url,
  title: p.title,
  state: p.state,
  merged: p.merged,
  mergedAt: p.mergedAt,
  releasedIn: p.releasedIn,
  releasedAt: p.releasedAt,
  evidence: p.evidence.map(ev),
});

const same = (x: SameErrorPart): SameErrorPart => ({
  signature: x.signature,
  count: x.count,
  fixedOrWorkaround: x.fixedOrWorkaround.map((f) => ({
    ref: f.ref,
    title: f.title,
    state: f.state,
    stateReason: f.stateReason,
    how: f.how,
  })),
  likelyDuplicates: x.likelyDuplicates.map((d) => ({ ref: d.ref, score: d.score })),
  ...opt("related", x.related, (rs) =>
    rs.map((r) => ({
      ref: r.ref,
      title: r.title,
      state: r.state,
      stateReason: r.stateReason,
      score: r.score,
      sameError: r.sameError,
      why: r.why,
    })),
  ),
});

const cite = (c: Citation): Citation => ({ label: c.label, url: c.url });
const tag = (t: ReportTag): ReportTag => ({ tag: t.tag, source: t.source, reason: t.reason });
const signal = (x: ReportSignal): ReportSignal => ({
  signal: x.signal,
  strength: x.strength,
  value: x.value,
  reason: x.reason,
  citations: x.citations.map(cite),
});
const workaround = (w: ReportWorkaround): ReportWorkaround => ({
  text: w.text,
  author: w.author,
  url: w.url,
  code: w.code,
  confirmations: w.confirmations,
  confirmedBy: w.confirmedBy.map((c) => ({ login: c.login, url: c.url, how: c.how })),
  contradictedBy: w.contradictedBy.map((c) => ({ login: c.login, url: c.url })),
  kind: w.kind,
});
const counts = (xs: { value: string; count: number }[]) => xs.map((x) => ({ value: x.value, count: x.count }));
const environment = (e: ReportEnvironment): ReportEnvironment => ({
  reporters: e.reporters,
  versions: counts(e.versions),
  os: counts(e.os),
  runtimes: counts(e.runtimes),
  plans: counts(e.plans),
  models: counts(e.models),
});
const changes = (c: ReportChanges): ReportChanges => ({
  sinceFetchedAt: c.sinceFetchedAt,
  sinceGeneratedAt: c.sinceGeneratedAt,
  items: c.items.map((i) => ({ kind: i.kind, text: i.text, citations: i.citations.map(cite) })),
});

/** `{key: f(value)}` when the optional field is present, `{}` when absent (absent stays absent, not null). */
function opt<K extends string, T, U>(key: K, value: T | undefined, f: (v: T) => U): Partial<Record<K, U>> {
  return value === undefined ? {} : ({ [key]: f(value) } as Record<K, U>);
}

function ordered(r: Report): Report {
  const ex = r.sections.example;
  // Optional and absent when the report was made without a store: keep it absent, not null.
  const sameError = r.sameError === undefined ? {} : { sameError: r.sameError === null ? null : same(r.sameError) };
  const llm = r.meta.llm;
  return {
    schemaVersion: r.schemaVersion,
    ref: r.ref,
    host: r.host,
    url: r.url,
    kind: r.kind,
    title: r.title,
    state: r.state,
    stateReason: r.stateReason,
    labels: [...r.labels],
    locked: r.locked,
    author: r.author,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    closedAt: r.closedAt,
    transferredFrom: r.transferredFrom,
    stats: {
      comments: r.stats.comments,
      participants: r.stats.participants,
      timelineEvents: r.stats.timelineEvents,
      reactions: r.stats.reactions,
    },
    timelineTop: r.timelineTop.map((t) => ({ type: t.type, count: t.count })),
    errorMessage: r.errorMessage,
    body: r.body,
    links: r.links.map(ln),
    commits: r.commits.map((c) => ({ sha: c.sha, url: c.url, evidence: c.evidence.map(ev) })),
    fix: { status: r.fix.status, summary: r.fix.summary, pulls: r.fix.pulls.map(fp) },
    sections: {
      tldr: r.sections.tldr.map(st),
      guidance: r.sections.guidance.map(st),
      example: ex
        ? {
            code: ex.code,
            language: ex.language,
            citations: ex.citations.map((c) => ({ label: c.label, url: c.url })),
            caption: ex.caption,
          }
        : null,
      notes: r.sections.notes.map(st),
      recommendation: st(r.sections.recommendation),
    },
    ...sameError,
    ...opt("category", r.category, (c) => c),
    ...opt("tags", r.tags, (ts) => ts.map(tag)),
    ...opt("signals", r.signals, (xs) => xs.map(signal)),
    ...opt("workarounds", r.workarounds, (ws) => ws.map(workaround)),
    ...opt("environment", r.environment, environment),
    ...opt("snapshot", r.snapshot, (s) => ({ at: s.at, citation: cite(s.citation) })),
    ...opt("changes", r.changes, (c) => (c === null ? null : changes(c))),
    meta: {
      fetchedAt: r.meta.fetchedAt,
      generatedAt: r.meta.generatedAt,
      via: r.meta.via,
      apiRequests: { rest: r.meta.apiRequests.rest, graphql: r.meta.apiRequests.graphql },
      depth: r.meta.depth,
      analyzer: r.meta.analyzer,
      ...opt("llm", llm, (m) => ({ provider: m.provider, model: m.model, status: m.status, reason: m.reason })),
      ...opt("textLimits", r.meta.textLimits, (t) => ({ simplified: t.simplified, texts: t.texts })),
    },
  };
}
