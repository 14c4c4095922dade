// mdast nodes for Markdown made from GitHub users' text, and their serialisation. Escaping is
// mdast-util-to-markdown's (with GFM): text stays text, whatever syntax it holds. What the library
// cannot know is done here, as text transforms before a node is made: only http(s) links, text on
// one line without control characters, and "@login" defused so posting the Markdown notifies nobody.
import type {
  AlignType,
  BlockContent,
  Code,
  Heading,
  Html,
  InlineCode,
  List,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
} from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { type Options, toMarkdown } from "mdast-util-to-markdown";
import { parseHttpUrl } from "../refs/parse-ref.js";

/**
 * Phrasing content: a string is text from anyone (made inert by `text`), arrays are flattened,
 * null and undefined (a missing title, a left-out part) are nothing.
 */
export type Inline = string | PhrasingContent | readonly Inline[] | null | undefined;

/** One line: control characters dropped, line breaks (and the blanks around them) joined by a space. */
export const oneLine = (text: string): string =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are dropped on purpose
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .replace(/\s*[\r\n]+\s*/g, " ");

// "@login" would notify that user wherever the Markdown is posted on GitHub. A zero-width space
// after "@" (written as a character reference, so it can be seen) keeps the text and drops the
// mention, as Renovate does. E-mail addresses ("x@y.z") are not mentions and are left alone.
const MENTION = /(?<!\w)@(?=[A-Za-z0-9])/g;
const ZERO_WIDTH_SPACE: Html = { type: "html", value: "&#8203;" };

/** Text nodes for one line of untrusted text, with every @mention defused. */
export function text(value: string): PhrasingContent[] {
  const flat = oneLine(value);
  const out: PhrasingContent[] = [];
  let start = 0;
  for (const m of flat.matchAll(MENTION)) {
    const at = (m.index ?? 0) + 1;
    out.push({ type: "text", value: flat.slice(start, at) }, ZERO_WIDTH_SPACE);
    start = at;
  }
  if (start < flat.length) out.push({ type: "text", value: flat.slice(start) });
  return out;
}

/** Flattens inline pieces to phrasing nodes, making strings inert text (adjacent strings are one text). */
export function inline(...pieces: readonly Inline[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let pending = "";
  const visit = (p: Inline): void => {
    if (p === null || p === undefined) return;
    if (typeof p === "string") pending += p;
    else if (Array.isArray(p)) for (const q of p as Inline[]) visit(q);
    else {
      if (pending) out.push(...text(pending));
      pending = "";
      out.push(p as PhrasingContent);
    }
  };
  for (const p of pieces) visit(p);
  if (pending) out.push(...text(pending));
  return out;
}

/** The URL when it is http(s), else null: no javascript:, data: or relative links in a report. */
export const httpUrl = (url: string): string | null => parseHttpUrl(url)?.href ?? null;

/** A link, or its label alone when the URL is not http(s). An empty label reads "link". */
export function link(label: string, url: string | null | undefined): PhrasingContent[] {
  const children = text(label.trim() === "" ? "link" : label);
  const href = url ? httpUrl(url) : null;
  return href ? [{ type: "link", url: href, children }] : children;
}

export const strong = (...pieces: Inline[]): PhrasingContent => ({ type: "strong", children: inline(...pieces) });
export const emphasis = (...pieces: Inline[]): PhrasingContent => ({ type: "emphasis", children: inline(...pieces) });
/** A code span holding `value` verbatim on one line (the library picks the backtick fence). */
export const inlineCode = (value: string): InlineCode => ({ type: "inlineCode", value: oneLine(value) });
export const paragraph = (...pieces: Inline[]): Paragraph => ({ type: "paragraph", children: inline(...pieces) });
export const heading = (depth: 1 | 2 | 3, ...pieces: Inline[]): Heading => ({
  type: "heading",
  depth,
  children: inline(...pieces),
});
/** Raw HTML the renderer writes itself (never text from users). */
export const html = (value: string): Html => ({ type: "html", value });

/** An info string that cannot carry anything but a language name. */
export const safeLanguage = (lang: string | null | undefined): string | null =>
  lang && /^[\w+#.-]{1,20}$/.test(lang) ? lang : null;

/** A fenced code block holding `content` verbatim (the library makes the fence outlast any backtick run). */
export const code = (content: string, lang?: string | null): Code => ({
  type: "code",
  lang: safeLanguage(lang),
  value: content.replace(/\r\n?/g, "\n").replace(/\n+$/, ""),
});

/** A tight list, one paragraph per item. */
export const list = (ordered: boolean, items: readonly Inline[]): List => ({
  type: "list",
  ordered,
  spread: false,
  children: items.map((item) => ({ type: "listItem", spread: false, children: [paragraph(item)] })),
});

export type Column = { title: string; align?: AlignType };

/** A GFM table; every row gets exactly one cell per column. */
export function table(columns: readonly Column[], rows: readonly (readonly Inline[])[]): Table {
  const row = (cells: readonly Inline[]) => ({
    type: "tableRow" as const,
    children: columns.map((_, i): TableCell => ({ type: "tableCell", children: inline(cells[i] ?? "") })),
  });
  return {
    type: "table",
    align: columns.map((c) => c.align ?? null),
    children: [row(columns.map((c) => c.title)), ...rows.map(row)],
  };
}

/** Content that goes at the top level; `null`s (left-out parts) are dropped. */
export type Block = RootContent | BlockContent | null;

const OPTIONS: Options = {
  extensions: [gfmToMarkdown({ tablePipeAlign: false })],
  bullet: "-",
  emphasis: "_",
  rule: "-",
  fences: true,
};

/** The Markdown of these blocks, ending with one newline. */
export function serialize(blocks: readonly Block[]): string {
  const root: Root = { type: "root", children: blocks.filter((b): b is RootContent => b !== null) };
  return toMarkdown(root, OPTIONS);
}
