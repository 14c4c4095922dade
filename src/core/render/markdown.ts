// The report as GitHub-flavoured Markdown, for sharing and archiving. Pure and deterministic: the
// same Report always renders to the same text. Every string from GitHub users is escaped or fenced
// (see markdown-escape.ts); the raw body sits in a fenced block inside <details>, so it can neither
// close the block nor inject HTML.

import { parseRefText } from "../refs/names.js";
import { threadUrl } from "../refs/parse-ref.js";
import { day, plural } from "../text/format.js";
import type { Citation, FixPull, Report, ReportLink, Statement } from "../thread/report.js";
import { codeBlock, escapeCell, escapeInline, escapeText, inlineCode, link } from "./markdown-escape.js";
import { renderMermaid } from "./mermaid.js";
import { shownRelations } from "./relation-label.js";

const TOP_EVENTS = 6;

export function renderMarkdown(report: Report): string {
  const cite = (c: readonly Citation[]) => cites(c, report.ref);
  const short = shortRefs(report.ref);
  const statement = (s: Statement): string => `${escapeInline(short(s.text))}${cite(s.citations)}`;
  const paragraph = (items: readonly Statement[]): string => items.map(statement).join(" ");
  const orderedList = (items: readonly Statement[]): string =>
    items.map((s, i) => `${i + 1}. ${statement(s)}`).join("\n");
  const bulletList = (items: readonly Statement[]): string => items.map((s) => `- ${statement(s)}`).join("\n");
  const parts = [
    title(report),
    header(report),
    statsTable(report),
    topEvents(report),
    asOf(report),
    classification(report),
    section("TL;DR", paragraph(report.sections.tldr)),
    changes(report, statement),
    section(
      "Error message",
      report.errorMessage ? codeBlock(report.errorMessage, "text") : "_No error message found in the thread._",
    ),
    section("Fix status", fixStatus(report)),
    section("Guidance", orderedList(report.sections.guidance)),
    // No empty sections: without code reported to work, the Example is left out.
    report.sections.example ? section("Example", example(report.sections.example, cite)) : "",
    section("Notes", bulletList(report.sections.notes)),
    section(
      "Recommendation",
      `**${escapeInline(short(report.sections.recommendation.text))}**${cite(report.sections.recommendation.citations)}`,
    ),
    signals(report, cite),
    section("Linked issues and pull requests", linksSection(report)),
    sameErrorSection(report),
    rawBody(report),
    footer(report),
  ];
  return `${parts.filter((p) => p !== "").join("\n\n")}\n`;
}

function title(r: Report): string {
  const { comments, participants } = r.stats;
  return `# ${escapeInline(r.title)} [${plural(comments, "comment")}, ${plural(participants, "participant")}]`;
}

function header(r: Report): string {
  const kind = r.kind === "pull" ? "pull request" : "issue";
  const state = r.stateReason && r.state === "closed" ? `${r.state} (${r.stateReason.replace(/_/g, " ")})` : r.state;
  const bits = [link(r.ref, r.url), kind, `**${escapeInline(state)}**`];
  if (r.author) bits.push(`opened by ${escapeInline(r.author)} on ${day(r.createdAt)}`);
  if (r.labels.length > 0) bits.push(`labels: ${r.labels.map(inlineCode).join(", ")}`);
  if (r.locked) bits.push("locked");
  if (r.transferredFrom) bits.push(`transferred from ${escapeInline(r.transferredFrom)}`);
  return bits.join(" · ");
}

function statsTable(r: Report): string {
  const s = r.stats;
  return [
    "| Comments | Participants | Timeline events | Reactions | Fetched at |",
    "|---:|---:|---:|---:|---|",
    `| ${s.comments} | ${s.participants} | ${s.timelineEvents} | ${s.reactions} | ${escapeCell(r.meta.fetchedAt)} |`,
  ].join("\n");
}

function topEvents(r: Report): string {
  if (r.timelineTop.length === 0) return "**Top timeline events:** none";
  const shown = r.timelineTop.slice(0, TOP_EVENTS).map((t) => `${escapeInline(t.type)} ×${t.count}`);
  const rest = r.timelineTop.length - TOP_EVENTS;
  return `**Top timeline events:** ${shown.join(", ")}${rest > 0 ? `, and ${plural(rest, "other type")}` : ""}`;
}

const section = (heading: string, body: string): string => `## ${heading}\n\n${body}`;

/** What "as of" means in the sections: the latest activity in the data, beside the fetch time. */
function asOf(r: Report): string {
  if (!r.snapshot) return "";
  return `**Data as of:** last activity ${escapeInline(day(r.snapshot.at))} (fetched ${escapeInline(day(r.meta.fetchedAt))})`;
}

function classification(r: Report): string {
  if (!r.category) return "";
  const reason = r.tags?.find((t) => t.source === "category")?.reason;
  const tags = (r.tags ?? []).filter((t) => t.source !== "category").map((t) => inlineCode(t.tag));
  const head = `**Category:** ${inlineCode(r.category)}${reason ? ` (${escapeInline(reason)})` : ""}`;
  return tags.length > 0 ? `${head} · **Tags:** ${tags.join(", ")}` : head;
}

/** "What changed since the last report": only on a re-report (null on the first, absent without a store). */
function changes(r: Report, statement: (s: Statement) => string): string {
  const c = r.changes;
  if (!c) return "";
  const since = `the report of ${escapeInline(day(c.sinceGeneratedAt))} (data fetched ${escapeInline(day(c.sinceFetchedAt))})`;
  const body =
    c.items.length === 0
      ? `Nothing changed since ${since}.`
      : `Since ${since}:\n\n${c.items.map((i) => `- ${statement(i)}`).join("\n")}`;
  return section("What changed since the last report", body);
}

const SIGNAL_NAMES: Readonly<Record<string, string>> = {
  "common-issue": "Common Issue",
  verified: "Verified / Reproducible",
  blocking: "Blocking",
  flaky: "Flaky / Intermittent",
  works: "Works",
  "easy-fix": "Easy Fix",
  "time-saver": "Time Saver",
};

function signals(r: Report, cite: (c: readonly Citation[]) => string): string {
  if (!r.signals) return "";
  if (r.signals.length === 0) return section("Signals", "_The evidence supports no quick signal._");
  const rows = r.signals.map(
    (x) =>
      `| ${escapeCell(SIGNAL_NAMES[x.signal] ?? x.signal)} | ${x.strength} | ${escapeCell(x.reason)}${cite(x.citations).replace(/\|/g, "\\|")} |`,
  );
  return section("Signals", ["| Signal | Strength | Evidence |", "|---|---|---|", ...rows].join("\n"));
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

function cites(citations: readonly Citation[], reportRef: string): string {
  if (citations.length === 0) return "";
  return ` (${citations.map((c) => link(shortLabel(c.label, reportRef), c.url)).join(", ")})`;
}

function fixStatus(r: Report): string {
  const head = `**${r.fix.status}**: ${escapeInline(r.fix.summary)}`;
  if (r.fix.pulls.length === 0) return head;
  const rows = r.fix.pulls.map((p: FixPull) =>
    [
      link(p.ref, p.url),
      escapeCell(p.title),
      escapeCell(p.state ?? "unknown"),
      p.merged ? "yes" : "no",
      escapeCell(p.mergedAt ? day(p.mergedAt) : "–"),
      escapeCell(p.releasedIn ?? "–"),
    ].join(" | "),
  );
  return [
    head,
    "",
    "| Pull request | Title | State | Merged | Merged on | Released in |",
    "|---|---|---|---|---|---|",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

function example(ex: NonNullable<Report["sections"]["example"]>, cite: (c: readonly Citation[]) => string): string {
  return `${escapeInline(ex.caption)}${cite(ex.citations)}\n\n${codeBlock(ex.code, ex.language)}`;
}

const MAX_EVIDENCE_LINKS = 5;

function evidenceLinks(l: ReportLink): string {
  const unique = new Map<string, string>();
  for (const e of l.evidence) {
    const name = e.event ?? e.source;
    unique.set(`${name}|${e.url}`, link(name, e.url));
  }
  const all = [...unique.values()];
  if (all.length === 0) return " ";
  const more = all.length - MAX_EVIDENCE_LINKS;
  return `${all.slice(0, MAX_EVIDENCE_LINKS).join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

function linksSection(r: Report): string {
  if (r.links.length === 0) return "_No linked issues or pull requests._";
  const rows = r.links.map((l) =>
    [
      link(l.ref, l.url),
      escapeCell(l.title),
      l.type === "pull" ? "pull request" : "issue",
      escapeCell(shownRelations(l).join(", ")),
      escapeCell(l.state ? `${l.state}${l.stateReason ? ` (${l.stateReason.replace(/_/g, " ")})` : ""}` : "unknown"),
      l.merged === null ? "–" : l.merged ? "yes" : "no",
      evidenceLinks(l),
    ].join(" | "),
  );
  const table = [
    "| Ref | Title | Type | Relation | State | Merged | Evidence |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
  return `${table}\n\n${codeBlock(renderMermaid(r), "mermaid")}`;
}

/** A ref of another stored issue as a link on the report's host. */
function refLink(ref: string, host: string): string {
  const r = parseRefText(ref);
  return r ? link(ref, threadUrl({ host, ...r })) : escapeText(ref);
}

/**
 * Other stored issues with the same error (only when the report was made with a store). Without a
 * usable error message, the text-related issues are listed as related, never as the same error.
 */
function sameErrorSection(r: Report): string {
  const same = r.sameError;
  if (!same) return "";
  const related = (same.related ?? []).filter((x) => !x.sameError && x.score >= RELATED_MIN_SCORE).slice(0, 5);
  const relatedLine = (label: string) =>
    related.length
      ? `${label}: ${related.map((x) => `${refLink(x.ref, r.host)} ${escapeText(x.title)} (${x.score.toFixed(2)})`).join(", ")}`
      : "";
  if (!same.signature) {
    const parts = ["No error message to match on, so no issue is called the same error."];
    const line = relatedLine("Related, not the same error");
    parts.push(line || "No stored issue is closely related.");
    return section("Same error in other issues", parts.join("\n\n"));
  }
  const sig = ` (signature ${inlineCode(same.signature)})`;
  const parts = [
    same.count === 0
      ? `No other stored issue shows the same error${sig}.`
      : `${plural(same.count, "other stored issue")} ${same.count === 1 ? "shows" : "show"} the same error${sig}.`,
  ];
  if (same.fixedOrWorkaround.length > 0) {
    parts.push(
      [
        "| Issue | Title | State | Fix or workaround |",
        "|---|---|---|---|",
        ...same.fixedOrWorkaround.map(
          (f) =>
            `| ${refLink(f.ref, r.host)} | ${escapeCell(f.title)} | ${escapeCell(
              f.stateReason ? `${f.state} (${f.stateReason.replace(/_/g, " ")})` : f.state,
            )} | ${escapeCell(f.how)} |`,
        ),
      ].join("\n"),
    );
  }
  if (same.likelyDuplicates.length > 0) {
    const dups = same.likelyDuplicates.map((d) => `${refLink(d.ref, r.host)} (${d.score.toFixed(2)})`);
    parts.push(`Likely duplicates: ${dups.join(", ")}`);
  }
  const line = relatedLine("Related, not the same error");
  if (line) parts.push(line);
  return section("Same error in other issues", parts.join("\n\n"));
}

/** A related issue is listed from this score (core/similar's "confident" threshold). */
const RELATED_MIN_SCORE = 0.3;

function rawBody(r: Report): string {
  const body = r.body.trim() === "" ? "(empty)" : r.body;
  return `<details><summary>Raw body</summary>\n\n${codeBlock(body, "markdown")}\n\n</details>`;
}

function footer(r: Report): string {
  const m = r.meta;
  const requests = `${plural(m.apiRequests.graphql, "GraphQL request")}, ${plural(m.apiRequests.rest, "REST request")}`;
  const llm = m.llm
    ? m.llm.status === "used"
      ? ` written by ${escapeInline(m.llm.provider)} model ${escapeInline(m.llm.model)} from the extracted evidence`
      : `; the LLM writer (${escapeInline(m.llm.provider)} ${escapeInline(m.llm.model)}) was not used: ${escapeInline(m.llm.status)}${m.llm.reason ? `, ${escapeInline(m.llm.reason)}` : ""}`
    : "";
  const limits = m.textLimits
    ? ` ${plural(m.textLimits.texts, "text")} exceeded the Markdown parse budget (${escapeInline(m.textLimits.simplified.join(", "))}) and ${m.textLimits.texts === 1 ? "was" : "were"} partly read as plain text.`
    : "";
  return `---\n\n<sub>Generated by issuegraph (${escapeInline(m.analyzer)} analysis${llm}) at ${escapeInline(m.generatedAt)} from data fetched at ${escapeInline(m.fetchedAt)} via ${escapeInline(m.via)} (${requests}), link depth ${m.depth}.${limits}</sub>`;
}
