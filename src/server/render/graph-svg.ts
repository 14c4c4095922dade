// The link graph as an SVG string: the reported issue in the middle, linked issues and pull
// requests on a ring around it, one edge each, labelled with the relation. Pure; every label is
// escaped and every href checked, because titles and refs come from user-written issues.
import { shownRelation } from "../../core/render/relation-label.js";
import type { ReportLink } from "../../core/thread/report.js";
import { escapeXml, safeHttpUrl } from "./escape.js";

export type GraphCenter = { ref: string; title: string; state: "open" | "closed" };

export type GraphOptions = {
  /** At most this many nodes on the ring; the rest are counted in a note. */
  maxNodes?: number;
  /** The site's page for a linked issue ("/o/r/issues/n"), or null to link to GitHub. */
  pagePath?: (link: ReportLink) => string | null;
};

const SIZE = 560;
const MID = SIZE / 2;
const RING = 200;

export function linkGraphSvg(center: GraphCenter, links: readonly ReportLink[], options: GraphOptions = {}): string {
  const max = options.maxNodes ?? 16;
  const shown = links.slice(0, max);
  const hidden = links.length - shown.length;
  const titleId = "graph-title";
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="link-graph" viewBox="0 0 ${SIZE} ${SIZE}" role="group" aria-labelledby="${titleId}">`,
    `<title id="${titleId}">${escapeXml(
      `Link graph of ${center.ref}: ${links.length} linked issue${links.length === 1 ? "" : "s"} and pull requests`,
    )}</title>`,
  );
  const nodes = shown.map((link, i) => {
    // Start at the top and go clockwise; one node sits at the top.
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(shown.length, 1);
    return { link, x: round(MID + RING * Math.cos(angle)), y: round(MID + RING * Math.sin(angle)) };
  });
  for (const { link, x, y } of nodes) {
    const mx = round((MID + x) / 2);
    const my = round((MID + y) / 2);
    parts.push(
      `<g class="edge edge-${escapeXml(shownRelation(link).replace(/\s+/g, "-"))}">`,
      `<line x1="${MID}" y1="${MID}" x2="${x}" y2="${y}"/>`,
      `<text x="${mx}" y="${my}" class="edge-label" text-anchor="middle">${escapeXml(shownRelation(link))}</text>`,
      "</g>",
    );
  }
  parts.push(node(MID, MID, center.ref, center.title, `center ${center.state}`, null, 34));
  for (const { link, x, y } of nodes) {
    const href = options.pagePath?.(link) ?? safeHttpUrl(link.url);
    const title = `${link.type === "pull" ? "Pull request" : "Issue"} ${link.ref}: ${link.title ?? "(title unknown)"} (${stateWord(link)})`;
    parts.push(node(x, y, link.ref, title, `${link.type} ${stateWord(link)}`, href, 22));
  }
  if (hidden > 0) {
    parts.push(
      `<text x="${MID}" y="${SIZE - 8}" class="graph-note" text-anchor="middle">${escapeXml(`+${hidden} more not drawn`)}</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}

function node(x: number, y: number, ref: string, title: string, cls: string, href: string | null, r: number): string {
  const label = shortRef(ref);
  const inner =
    `<title>${escapeXml(title)}</title>` +
    `<circle cx="${x}" cy="${y}" r="${r}"/>` +
    `<text x="${x}" y="${round(y + r + 14)}" text-anchor="middle">${escapeXml(label)}</text>`;
  const g = `<g class="node ${escapeXml(cls)}">${inner}</g>`;
  return href ? `<a href="${escapeXml(href)}">${g}</a>` : g;
}

/** "owner/repo#12" -> "#12" is too short to tell repos apart; keep "repo#12". */
function shortRef(ref: string): string {
  const slash = ref.indexOf("/");
  const short = slash >= 0 ? ref.slice(slash + 1) : ref;
  return short.length > 28 ? `${short.slice(0, 27)}…` : short;
}

export function stateWord(
  link: Pick<ReportLink, "type" | "state" | "merged">,
): "open" | "closed" | "merged" | "unknown" {
  if (link.type === "pull" && link.merged) return "merged";
  return link.state ?? "unknown";
}

const round = (n: number) => Math.round(n * 10) / 10;
