// Escaping for text that came from GitHub users. Everything a thread author controls goes through
// one of these before it reaches the Markdown: inline text is backslash-escaped (no links, HTML or
// emphasis can form), table cells also lose their pipes and line breaks, and code is fenced with a
// fence longer than any backtick run inside it.
import { httpUrl } from "../refs/parse-ref.js";

/**
 * Markdown punctuation that could start a construct anywhere in a line: emphasis, code, links and
 * images (with "[" and "]" escaped, "(" and "!" can do nothing), HTML, entities, strikethrough and
 * table cells. Line-start constructs (headings, lists, quotes) are handled separately.
 */
const SPECIAL = /[\\`*_[\]<>|~&]/g;

/** One line of plain text, safe inside a line (link texts, table cells, after other text). */
export function escapeText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are dropped on purpose
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
      .replace(/\s*[\r\n]+\s*/g, " ")
      .replace(SPECIAL, (ch) => `\\${ch}`)
      // "@login" would notify that user wherever the report is posted on GitHub; a zero-width
      // space after "@" keeps the text and drops the mention (as Renovate does).
      .replace(/(^|[^\w`])@(?=[A-Za-z0-9])/g, "$1@&#8203;")
  );
}

/**
 * One line of plain text, safe anywhere, also where a line starts (a paragraph, a list item's
 * text): there "1." or "-"/"+" would start a list, "#" a heading, "=" or "-" runs a setext heading.
 */
export function escapeInline(text: string): string {
  // Leading blanks say nothing in a paragraph, but four of them start an indented code block.
  return escapeText(text)
    .replace(/^[ \t]+/, "")
    .replace(/^(\s*)(\d+)([.)])/, "$1$2\\$3")
    .replace(/^(\s*)([-=+#])/, "$1\\$2");
}

/** Text for a table cell: inline-escaped (which also escapes "|"), never empty. */
export const escapeCell = (text: string | null | undefined): string => {
  const t = escapeText(text ?? "").trim();
  return t === "" ? " " : t;
};

/**
 * A URL fit for `[text](url)`: only http(s), with characters that could end the destination or a
 * table cell percent-encoded. Anything else gives null (render the text without a link).
 */
export function safeUrl(url: string): string | null {
  const parsed = httpUrl(url);
  if (!parsed) return null;
  return parsed.href.replace(
    /[\s()<>"'`|\\]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** `[text](url)`, or the escaped text alone when the URL is not safe to link. */
export function link(text: string, url: string): string {
  const safe = safeUrl(url);
  const label = escapeText(text) || "link";
  return safe ? `[${label}](${safe})` : label;
}

/** A fence of backticks longer than any run of backticks in `content` (at least three). */
export function fenceFor(content: string): string {
  let longest = 0;
  for (const m of content.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return "`".repeat(Math.max(3, longest + 1));
}

/** An info string that cannot carry anything but a language name. */
export const safeLanguage = (lang: string | null | undefined): string =>
  lang && /^[\w+#.-]{1,20}$/.test(lang) ? lang : "";

/** A fenced code block holding `content` verbatim. */
export function codeBlock(content: string, lang?: string | null): string {
  const fence = fenceFor(content);
  const body = content.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  return `${fence}${safeLanguage(lang)}\n${body}\n${fence}`;
}

/** An inline code span holding `text` verbatim (one line), whatever backticks it contains. */
export function inlineCode(text: string): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, " ");
  let longest = 0;
  for (const m of flat.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat.startsWith(" ") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
