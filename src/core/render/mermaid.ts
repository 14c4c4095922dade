// The link graph as a Mermaid flowchart. Node ids are generated (n0, n1, …), never taken from
// input; labels are quoted and every character Mermaid or Markdown could act on is written as a
// Mermaid entity code, so a hostile title can neither end the label nor the surrounding code fence.
import { clip } from "../text/format.js";
import type { Report, ReportLink } from "../thread/report.js";
import { shownRelation } from "./relation-label.js";

/** More nodes than this make the picture unreadable; the table still lists every link. */
export const MAX_GRAPH_NODES = 60;
const MAX_TITLE = 40;

const ENTITIES: Record<string, string> = {
  "#": "#35;",
  '"': "#quot;",
  "&": "#amp;",
  "<": "#lt;",
  ">": "#gt;",
  "`": "#96;",
  "|": "#124;",
  "\\": "#92;",
  "[": "#91;",
  "]": "#93;",
  "{": "#123;",
  "}": "#125;",
  "(": "#40;",
  ")": "#41;",
  ";": "#59;",
  "*": "#42;",
  _: "#95;",
  "~": "#126;",
  "%": "#37;",
};

/** Text safe inside a quoted Mermaid label (one line, entity-coded, no control characters). */
export function mermaidText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are dropped on purpose
      .replace(/[\u0000-\u001F\u007F]+/g, " ")
      .replace(/[#"&<>`|\\[\]{}();*_~%]/g, (ch) => ENTITIES[ch] ?? "")
  );
}

function nodeState(l: ReportLink): "merged" | "open" | "closed" | "unknown" {
  if (l.merged === true) return "merged";
  return l.state ?? "unknown";
}

function label(ref: string, title: string | null, state: string): string {
  const parts = [mermaidText(ref)];
  if (title) parts.push(mermaidText(clip(title, MAX_TITLE)));
  parts.push(mermaidText(state));
  return `"${parts.join("<br/>")}"`;
}

/**
 * `graph LR` with the reported thread as n0 and one node per link (the first MAX_GRAPH_NODES).
 * Edges carry the strongest relation; links found by a deeper crawl hang off the root with a
 * dotted edge labelled with their depth, since the report does not record through which thread
 * they were found (and their relation is to that thread).
 */
export function renderMermaid(report: Pick<Report, "ref" | "title" | "state" | "kind" | "links" | "fix">): string {
  const lines = ["graph LR"];
  const rootState = report.kind === "pull" && report.fix.pulls[0]?.merged ? "merged" : report.state;
  lines.push(`  n0[${label(report.ref, report.title, rootState)}]:::root`);
  const shown = report.links.slice(0, MAX_GRAPH_NODES);
  shown.forEach((l, i) => {
    const id = `n${i + 1}`;
    const state = nodeState(l);
    lines.push(`  ${id}[${label(l.ref, l.title, state)}]:::${state}`);
    // A deeper link's relation is to the thread it was found on, not to the root: no relation label.
    const edge = l.depth > 1 ? `-.->|depth ${l.depth}|` : `-->|${shownRelation(l)}|`;
    lines.push(`  n0 ${edge} ${id}`);
  });
  if (report.links.length > shown.length) {
    lines.push(`  more["${report.links.length - shown.length} more links#59; see the table"]:::unknown`);
    lines.push("  n0 -.- more");
  }
  lines.push(
    "  classDef root fill:#ddf4ff,stroke:#0969da,stroke-width:2px",
    "  classDef open fill:#dafbe1,stroke:#1a7f37",
    "  classDef closed fill:#ffebe9,stroke:#cf222e",
    "  classDef merged fill:#fbefff,stroke:#8250df",
    "  classDef unknown fill:#f6f8fa,stroke:#8c959f",
  );
  return lines.join("\n");
}
