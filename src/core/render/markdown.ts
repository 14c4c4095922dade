// The report as GitHub-flavoured Markdown, for sharing and archiving. Pure and deterministic: the
// same Report always renders to the same text. The report is built as an mdast tree and written by
// mdast-util-to-markdown (see markdown-nodes.ts), so every string from GitHub users stays text; the
// raw body sits in a fenced block inside <details>, so it can neither close the block nor inject HTML.
import { parseRefText } from "../refs/names.js";
import { threadUrl } from "../refs/parse-ref.js";
import { day, plural } from "../text/format.js";
import type { Citation, FixPull, Report, ReportLink, Statement } from "../thread/report.js";
import {
  type Block,
  code,
  emphasis,
  heading,
  html,
  type Inline,
  inlineCode,
  link,
  list,
  paragraph,
  serialize,
  strong,
  table,
} from "./markdown-nodes.js";
import { renderMermaid } from "./mermaid.js";
import { shownRelations } from "./relation-label.js";

const TOP_EVENTS = 6;

/** How statements and citations read in this report: same-repository refs as "#N". */
type Prose = {
  short: (text: string) => string;
  statement: (s: Statement) => Inline[];
  cite: (c: readonly Citation[]) => Inline[];
};

function proseOf(report: Report): Prose {
  const short = shortRefs(report.ref);
  const cite = (c: readonly Citation[]) => cites(c, report.ref);
  return { short, cite, statement: (s) => [short(s.text), cite(s.citations)] };
}

export function renderMarkdown(report: Report): string {
  const prose = proseOf(report);
  const { statement } = prose;
  const recommendation = report.sections.recommendation;
  return serialize([
    title(report),
    header(report),
    statsTable(report),
    topEvents(report),
    asOf(report),
    classification(report),
    ...section("TL;DR", paragraph(joined(report.sections.tldr.map(statement), " "))),
    ...changes(report, prose),
    ...section("Error message", errorMessage(report)),
    ...section("Fix status", ...fixStatus(report)),
    ...section("Guidance", items(true, report.sections.guidance.map(statement))),
    // No empty sections: without code reported to work, the Example is left out.
    ...(report.sections.example ? section("Example", ...example(report.sections.example, prose)) : []),
    ...section("Notes", items(false, report.sections.notes.map(statement))),
    ...section(
      "Recommendation",
      paragraph(strong(prose.short(recommendation.text)), prose.cite(recommendation.citations)),
    ),
    ...signals(report, prose),
    ...section("Linked issues and pull requests", ...linksSection(report)),
    ...sameErrorSection(report),
    ...rawBody(report),
    ...footer(report),
  ]);
}

const section = (title: string, ...body: Block[]): Block[] => [heading(2, title), ...body];

/** A list, or nothing when there are no items. */
const items = (ordered: boolean, entries: Inline[]): Block => (entries.length > 0 ? list(ordered, entries) : null);

function title(r: Report): Block {
  const { comments, participants } = r.stats;
  return heading(1, `${r.title} [${plural(comments, "comment")}, ${plural(participants, "participant")}]`);
}

const stateText = (state: string, reason: string | null | undefined): string =>
  reason ? `${state} (${reason.replace(/_/g, " ")})` : state;

function header(r: Report): Block {
  const kind = r.kind === "pull" ? "pull request" : "issue";
  const state = r.state === "closed" ? stateText(r.state, r.stateReason) : r.state;
  const bits: Inline[] = [link(r.ref, r.url), kind, strong(state)];
  if (r.author) bits.push(`opened by ${r.author} on ${day(r.createdAt)}`);
  if (r.labels.length > 0) bits.push(["labels: ", joined(r.labels.map(inlineCode), ", ")]);
  if (r.locked) bits.push("locked");
  if (r.transferredFrom) bits.push(`transferred from ${r.transferredFrom}`);
  return paragraph(joined(bits, " · "));
}

/** The pieces with `separator` between them. */
const joined = (pieces: readonly Inline[], separator: string): Inline[] =>
  pieces.flatMap((p, i) => (i === 0 ? [p] : [separator, p]));

function statsTable(r: Report): Block {
  const s = r.stats;
  const number = (title: string) => ({ title, align: "right" as const });
  return table(
    [
      number("Comments"),
      number("Participants"),
      number("Timeline events"),
      number("Reactions"),
      { title: "Fetched at" },
    ],
    [[String(s.comments), String(s.participants), String(s.timelineEvents), String(s.reactions), r.meta.fetchedAt]],
  );
}

function topEvents(r: Report): Block {
  const label = strong("Top timeline events:");
  if (r.timelineTop.length === 0) return paragraph(label, " none");
  const shown = r.timelineTop.slice(0, TOP_EVENTS).map((t) => `${t.type} ×${t.count}`);
  const rest = r.timelineTop.length - TOP_EVENTS;
  return paragraph(label, ` ${shown.join(", ")}${rest > 0 ? `, and ${plural(rest, "other type")}` : ""}`);
}

/** What "as of" means in the sections: the latest activity in the data, beside the fetch time. */
function asOf(r: Report): Block {
  if (!r.snapshot) return null;
  return paragraph(strong("Data as of:"), ` last activity ${day(r.snapshot.at)} (fetched ${day(r.meta.fetchedAt)})`);
}

function classification(r: Report): Block {
  if (!r.category) return null;
  const reason = r.tags?.find((t) => t.source === "category")?.reason;
  const tags = (r.tags ?? []).filter((t) => t.source !== "category").map((t) => inlineCode(t.tag));
  const head: Inline[] = [strong("Category:"), " ", inlineCode(r.category), reason ? ` (${reason})` : ""];
  return paragraph(head, tags.length > 0 ? [" · ", strong("Tags:"), " ", joined(tags, ", ")] : "");
}

/** "What changed since the last report": only on a re-report (null on the first, absent without a store). */
function changes(r: Report, prose: Prose): Block[] {
  const c = r.changes;
  if (!c) return [];
  const since = `the report of ${day(c.sinceGeneratedAt)} (data fetched ${day(c.sinceFetchedAt)})`;
  const title = "What changed since the last report";
  if (c.items.length === 0) return section(title, paragraph(`Nothing changed since ${since}.`));
  return section(title, paragraph(`Since ${since}:`), list(false, c.items.map(prose.statement)));
}

const errorMessage = (r: Report): Block =>
  r.errorMessage ? code(r.errorMessage, "text") : paragraph(emphasis("No error message found in the thread."));

const SIGNAL_NAMES: Readonly<Record<string, string>> = {
  "common-issue": "Common Issue",
  verified: "Verified / Reproducible",
  blocking: "Blocking",
  flaky: "Flaky / Intermittent",
  works: "Works",
  "easy-fix": "Easy Fix",
  "time-saver": "Time Saver",
};

function signals(r: Report, prose: Prose): Block[] {
  if (!r.signals) return [];
  if (r.signals.length === 0) return section("Signals", paragraph(emphasis("The evidence supports no quick signal.")));
  const rows = r.signals.map((x) => [
    SIGNAL_NAMES[x.signal] ?? x.signal,
    x.strength,
    [x.reason, prose.cite(x.citations)],
  ]);
  return section("Signals", table([{ title: "Signal" }, { title: "Strength" }, { title: "Evidence" }], rows));
}

/** Citation labels name threads in full; within the report's own repository "#12" is enough. */
function shortLabel(label: string, reportRef: string): string {
  const prefix = reportRef.slice(0, reportRef.indexOf("#") + 1).toLowerCase();
  return prefix && label.toLowerCase().startsWith(prefix) && /^\d+$/.test(label.slice(prefix.length))
    ? label.slice(prefix.length - 1)
    : label;
}

/** In prose, "owner/repo#12" of the report's own repository reads as "#12" (the JSON keeps full refs). */
function shortRefs(reportRef: string): (text: string) => string {
  const repo = reportRef.slice(0, reportRef.indexOf("#"));
  if (!repo) return (t) => t;
  const re = new RegExp(`(?<![\\w./-])${repo.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}#(?=\\d)`, "gi");
  return (text) => text.replace(re, "#");
}

function cites(citations: readonly Citation[], reportRef: string): Inline[] {
  if (citations.length === 0) return [];
  return [
    " (",
    joined(
      citations.map((c) => link(shortLabel(c.label, reportRef), c.url)),
      ", ",
    ),
    ")",
  ];
}

const columns = (...titles: string[]) => titles.map((title) => ({ title }));
const yesNo = (b: boolean): string => (b ? "yes" : "no");

function fixStatus(r: Report): Block[] {
  const head = paragraph(strong(r.fix.status), `: ${r.fix.summary}`);
  if (r.fix.pulls.length === 0) return [head];
  const rows = r.fix.pulls.map((p: FixPull) => [
    link(p.ref, p.url),
    p.title,
    p.state ?? "unknown",
    yesNo(p.merged),
    p.mergedAt ? day(p.mergedAt) : "–",
    p.releasedIn ?? "–",
  ]);
  return [head, table(columns("Pull request", "Title", "State", "Merged", "Merged on", "Released in"), rows)];
}

function example(ex: NonNullable<Report["sections"]["example"]>, prose: Prose): Block[] {
  return [paragraph(ex.caption, prose.cite(ex.citations)), code(ex.code, ex.language)];
}

const MAX_EVIDENCE_LINKS = 5;

function evidenceLinks(l: ReportLink): Inline[] {
  const unique = new Map<string, Inline>();
  for (const e of l.evidence) {
    const name = e.event ?? e.source;
    unique.set(`${name}|${e.url}`, link(name, e.url));
  }
  const all = [...unique.values()];
  const more = all.length - MAX_EVIDENCE_LINKS;
  return [joined(all.slice(0, MAX_EVIDENCE_LINKS), ", "), more > 0 ? ` and ${more} more` : ""];
}

function linksSection(r: Report): Block[] {
  if (r.links.length === 0) return [paragraph(emphasis("No linked issues or pull requests."))];
  const rows = r.links.map((l) => [
    link(l.ref, l.url),
    l.title,
    l.type === "pull" ? "pull request" : "issue",
    shownRelations(l).join(", "),
    l.state ? stateText(l.state, l.stateReason) : "unknown",
    l.merged === null ? "–" : yesNo(l.merged),
    evidenceLinks(l),
  ]);
  const head = columns("Ref", "Title", "Type", "Relation", "State", "Merged", "Evidence");
  return [table(head, rows), code(renderMermaid(r), "mermaid")];
}

/** A ref of another stored issue as a link on the report's host. */
function refLink(ref: string, host: string): Inline {
  const r = parseRefText(ref);
  return r ? link(ref, threadUrl({ host, ...r })) : ref;
}

/** A related issue is listed from this score (core/similar's "confident" threshold). */
const RELATED_MIN_SCORE = 0.3;
const SAME_ERROR = "Same error in other issues";

/**
 * Other stored issues with the same error (only when the report was made with a store). Without a
 * usable error message, the text-related issues are listed as related, never as the same error.
 */
function sameErrorSection(r: Report): Block[] {
  const same = r.sameError;
  if (!same) return [];
  const related = relatedLine(r);
  if (!same.signature) {
    const none = "No error message to match on, so no issue is called the same error.";
    return section(SAME_ERROR, paragraph(none), related ?? paragraph("No stored issue is closely related."));
  }
  const sig: Inline = [" (signature ", inlineCode(same.signature), ")"];
  const head =
    same.count === 0
      ? paragraph("No other stored issue shows the same error", sig, ".")
      : paragraph(
          `${plural(same.count, "other stored issue")} ${same.count === 1 ? "shows" : "show"} the same error`,
          sig,
          ".",
        );
  return section(SAME_ERROR, head, fixedElsewhere(r), likelyDuplicates(r), related);
}

function fixedElsewhere(r: Report): Block {
  const fixed = r.sameError?.fixedOrWorkaround ?? [];
  if (fixed.length === 0) return null;
  const rows = fixed.map((f) => [refLink(f.ref, r.host), f.title, stateText(f.state, f.stateReason), f.how]);
  return table(columns("Issue", "Title", "State", "Fix or workaround"), rows);
}

function likelyDuplicates(r: Report): Block {
  const dups = r.sameError?.likelyDuplicates ?? [];
  if (dups.length === 0) return null;
  return paragraph(
    "Likely duplicates: ",
    joined(
      dups.map((d) => [refLink(d.ref, r.host), ` (${d.score.toFixed(2)})`]),
      ", ",
    ),
  );
}

function relatedLine(r: Report): Block {
  const related = (r.sameError?.related ?? []).filter((x) => !x.sameError && x.score >= RELATED_MIN_SCORE).slice(0, 5);
  if (related.length === 0) return null;
  const entries = related.map((x) => [refLink(x.ref, r.host), ` ${x.title} (${x.score.toFixed(2)})`]);
  return paragraph("Related, not the same error: ", joined(entries, ", "));
}

function rawBody(r: Report): Block[] {
  const body = r.body.trim() === "" ? "(empty)" : r.body;
  return [html("<details><summary>Raw body</summary>"), code(body, "markdown"), html("</details>")];
}

function footer(r: Report): Block[] {
  const m = r.meta;
  const requests = `${plural(m.apiRequests.graphql, "GraphQL request")}, ${plural(m.apiRequests.rest, "REST request")}`;
  const llm = m.llm
    ? m.llm.status === "used"
      ? ` written by ${m.llm.provider} model ${m.llm.model} from the extracted evidence`
      : `; the LLM writer (${m.llm.provider} ${m.llm.model}) was not used: ${m.llm.status}${m.llm.reason ? `, ${m.llm.reason}` : ""}`
    : "";
  const limits = m.textLimits
    ? ` ${plural(m.textLimits.texts, "text")} exceeded the Markdown parse budget (${m.textLimits.simplified.join(", ")}) and ${m.textLimits.texts === 1 ? "was" : "were"} partly read as plain text.`
    : "";
  const line = `Generated by issuegraph (${m.analyzer} analysis${llm}) at ${m.generatedAt} from data fetched at ${m.fetchedAt} via ${m.via} (${requests}), link depth ${m.depth}.${limits}`;
  return [{ type: "thematicBreak" }, paragraph(html("<sub>"), line, html("</sub>"))];
}
