// Atom 1.0 (RFC 4287) documents as strings. Pure; every text is escaped. Links may be relative:
// `xml:base` (the site's public origin when known) resolves them, and feed readers resolve them
// against the feed's own URL otherwise.
import { escapeXml } from "./escape.js";

export type AtomEntry = {
  /** A permanent, unique IRI (tag: URIs are fine). */
  id: string;
  title: string;
  /** The page the entry is about. */
  link: string;
  updated: string;
  /** Plain-text lines; shown as an HTML list. */
  lines: readonly string[];
};

export type AtomFeed = {
  id: string;
  title: string;
  /** The HTML page the feed belongs to. */
  link: string;
  /** The feed's own address. */
  self: string;
  /** The newest entry's time (or the feed's when it has none). */
  updated: string;
  subtitle?: string;
  base?: string | null;
  entries: readonly AtomEntry[];
};

export function atomXml(feed: AtomFeed): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${feed.base ? ` xml:base="${escapeXml(feed.base)}"` : ""}>`,
    `<id>${escapeXml(feed.id)}</id>`,
    `<title>${escapeXml(feed.title)}</title>`,
  ];
  if (feed.subtitle) out.push(`<subtitle>${escapeXml(feed.subtitle)}</subtitle>`);
  out.push(
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.link)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `<updated>${escapeXml(feed.updated)}</updated>`,
    "<author><name>issuegraph</name></author>",
    "<generator>issuegraph</generator>",
  );
  for (const e of feed.entries) {
    // The HTML content is escaped once more as Atom text of type="html".
    const html = `<ul>${e.lines.map((l) => `<li>${escapeXml(l)}</li>`).join("")}</ul>`;
    out.push(
      "<entry>",
      `<id>${escapeXml(e.id)}</id>`,
      `<title>${escapeXml(e.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
      `<updated>${escapeXml(e.updated)}</updated>`,
      `<content type="html">${escapeXml(html)}</content>`,
      "</entry>",
    );
  }
  out.push("</feed>", "");
  return out.join("\n");
}
