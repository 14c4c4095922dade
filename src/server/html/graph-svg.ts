// The link graph as an SVG string: the reported issue in the middle, linked issues and pull
// requests on a ring around it (each with its ref, the start of its title, and the whole title on
// hover), one edge each, labelled with the relation; the picture is sized to what it draws. Pure; every label is
// escaped and every href checked, because titles and refs come from user-written issues.
import { shownRelation } from "../../core/render/relation-label.js";
import { clip } from "../../core/text/format.js";
import type { ReportLink } from "../../core/thread/report.js";
import { escapeXml, safeHttpUrl } from "./escape.js";

export type GraphCenter = { ref: string; title: string; state: "open" | "closed" };

export type GraphOptions = {
  /** At most this many nodes on the ring; the rest are counted in a note. */
  maxNodes?: number;
  /** The site's page for a linked issue ("/o/r/issues/n"), or null to link to GitHub. */
  pagePath?: (link: ReportLink) => string | null;
};

/** Pixels per character of a 13 px label, for sizing the picture to its content. */
const CHAR_W = 7.2;
const NODE_R = 22;
const CENTER_R = 30;
const TITLE_CHARS = 24;

export function linkGraphSvg(center: GraphCenter, links: readonly ReportLink[], options: GraphOptions = {}): string {
  const max = options.maxNodes ?? 16;
  const shown = links.slice(0, max);
  const hidden = links.length - shown.length;
  const titleId = "graph-title";
  // A ring just big enough for its nodes: few links make a small picture, not a big empty one.
  const ring = Math.min(210, Math.max(shown.length <= 2 ? 120 : 140, shown.length * 24));
  const nodes = shown.map((link, i) => {
    // Start at the top and go clockwise; one node sits at the top.
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(shown.length, 1);
    const label = shortRef(link.ref);
    const title = clip(link.title ?? "", TITLE_CHARS);
    return { link, x: round(ring * Math.cos(angle)), y: round(ring * Math.sin(angle)), label, title };
  });
  // The extent of everything drawn (labels sit under their node, centred), plus a margin.
  const halfWidth = (n: { x: number; label: string; title: string }) =>
    Math.max(NODE_R, (Math.max(n.label.length, n.title.length) * CHAR_W) / 2);
  const centerLabel = shortRef(center.ref);
  let minX = -Math.max(CENTER_R, (centerLabel.length * CHAR_W) / 2);
  let maxX = -minX;
  let minY = -CENTER_R;
  let maxY = CENTER_R + 18;
  for (const n of nodes) {
    minX = Math.min(minX, n.x - halfWidth(n));
    maxX = Math.max(maxX, n.x + halfWidth(n));
    minY = Math.min(minY, n.y - NODE_R);
    maxY = Math.max(maxY, n.y + NODE_R + (n.title ? 32 : 18));
  }
  if (hidden > 0) maxY += 24;
  const pad = 8;
  const vx = round(minX - pad);
  const vy = round(minY - pad);
  const vw = round(maxX - minX + 2 * pad);
  const vh = round(maxY - minY + 2 * pad);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="link-graph" viewBox="${vx} ${vy} ${vw} ${vh}" width="${vw}" height="${vh}" role="group" aria-labelledby="${titleId}">`,
    `<title id="${titleId}">${escapeXml(
      `Link graph of ${center.ref}: ${links.length} linked issue${links.length === 1 ? "" : "s"} and pull requests`,
    )}</title>`,
  );
  for (const { link, x, y } of nodes) {
    const mx = round(x / 2);
    const my = round(y / 2);
    parts.push(
      `<g class="edge edge-${escapeXml(shownRelation(link).replace(/\s+/g, "-"))}">`,
      `<line x1="0" y1="0" x2="${x}" y2="${y}"/>`,
      `<text x="${mx}" y="${my}" class="edge-label" text-anchor="middle">${escapeXml(shownRelation(link))}</text>`,
      "</g>",
    );
  }
  parts.push(node(0, 0, centerLabel, "", center.title, `center ${center.state}`, null, CENTER_R));
  for (const { link, x, y, label, title } of nodes) {
    const href = options.pagePath?.(link) ?? safeHttpUrl(link.url);
    const full = `${link.type === "pull" ? "Pull request" : "Issue"} ${link.ref}: ${link.title ?? "(title unknown)"} (${stateWord(link)}${link.stateReason && link.stateReason !== "reopened" ? `, ${link.stateReason.replace(/_/g, " ")}` : ""})`;
    const reason = link.state === "closed" && link.stateReason ? ` reason-${link.stateReason.replace(/_/g, "-")}` : "";
    parts.push(node(x, y, label, title, full, `${link.type} ${stateWord(link)}${reason}`, href, NODE_R));
  }
  if (hidden > 0) {
    parts.push(
      `<text x="0" y="${round(maxY)}" class="graph-note" text-anchor="middle">${escapeXml(`+${hidden} more not drawn`)}</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}

function node(
  x: number,
  y: number,
  label: string,
  subtitle: string,
  title: string,
  cls: string,
  href: string | null,
  r: number,
): string {
  const inner =
    `<title>${escapeXml(title)}</title>` +
    `<circle cx="${x}" cy="${y}" r="${r}"/>` +
    `<text x="${x}" y="${round(y + r + 14)}" text-anchor="middle">${escapeXml(label)}</text>` +
    (subtitle
      ? `<text x="${x}" y="${round(y + r + 28)}" text-anchor="middle" class="node-title">${escapeXml(subtitle)}</text>`
      : "");
  const g = `<g class="node ${escapeXml(cls)}">${inner}</g>`;
  return href ? `<a href="${escapeXml(href)}">${g}</a>` : g;
}

/** "owner/repo#12" -> "#12" is too short to tell repos apart; keep "repo#12". */
function shortRef(ref: string): string {
  const slash = ref.indexOf("/");
  const short = slash >= 0 ? ref.slice(slash + 1) : ref;
  return clip(short, 28);
}

export function stateWord(
  link: Pick<ReportLink, "type" | "state" | "merged">,
): "open" | "closed" | "merged" | "unknown" {
  if (link.type === "pull" && link.merged) return "merged";
  return link.state ?? "unknown";
}

const round = (n: number) => Math.round(n * 10) / 10;
