// A small line scanner over GitHub-flavoured Markdown: enough to tell fenced code from prose and to
// find inline code spans. Deliberately not a full parser: issue bodies are often malformed, and the
// analysis only needs "is this line code?" and "where are the spans?".

export type CodeBlock = { kind: "code"; lang: string | null; lines: string[]; startLine: number };
export type ProseBlock = { kind: "prose"; lines: string[]; startLine: number };
export type Block = CodeBlock | ProseBlock;

const FENCE_OPEN = /^\s{0,8}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/;
const BLOCKQUOTE = /^\s{0,3}(?:>\s?)+/;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/** Removes HTML comments (issue templates hide their placeholders in them), keeping line breaks. */
export const stripHtmlComments = (text: string): string =>
  text.replace(HTML_COMMENT, (m) => "\n".repeat(m.split("\n").length - 1));

/**
 * Splits Markdown into fenced code blocks and runs of prose lines. Blockquote markers are removed
 * first (a quoted code block is still code). An unclosed fence runs to the end, as in CommonMark.
 */
export function splitBlocks(markdown: string): Block[] {
  const lines = stripHtmlComments(markdown.replace(/\r\n?/g, "\n"))
    .split("\n")
    .map((l) => l.replace(BLOCKQUOTE, ""));
  const blocks: Block[] = [];
  let prose: ProseBlock | null = null;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const open = FENCE_OPEN.exec(line);
    if (!open) {
      if (!prose) {
        prose = { kind: "prose", lines: [], startLine: i };
        blocks.push(prose);
      }
      prose.lines.push(line);
      i++;
      continue;
    }
    prose = null;
    const fence = open[1] as string;
    const close = new RegExp(`^\\s{0,8}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    const code: CodeBlock = { kind: "code", lang: normaliseLang(open[2]), lines: [], startLine: i + 1 };
    blocks.push(code);
    i++;
    while (i < lines.length && !close.test(lines[i] as string)) {
      code.lines.push(lines[i] as string);
      i++;
    }
    i++; // the closing fence
  }
  return blocks;
}

function normaliseLang(info: string | undefined): string | null {
  const lang = (info ?? "").trim().toLowerCase();
  // "```index.js" names a file; keep the extension as the language.
  const ext = /^[\w-]+\.([a-z0-9]+)$/.exec(lang);
  if (ext) return ext[1] as string;
  return /^[\w+#.-]{1,20}$/.test(lang) ? lang : null;
}

export type Span = { start: number; end: number };

/**
 * Ranges of inline code spans on one line, backticks excluded ([start, end) of the content). A
 * span opens at a run of backticks and closes at the next run of the same length. Linear: each
 * run's next same-length run is found in one backward pass (a `(`+)[\s\S]*?\1` pattern searched
 * to the end of the line from every unmatched run, quadratic on runs of growing length).
 */
export function inlineCodeSpans(line: string): Span[] {
  if (!line.includes("`")) return [];
  const runs: { start: number; length: number }[] = [];
  for (const m of line.matchAll(/`+/g)) runs.push({ start: m.index, length: m[0].length });
  const nextSameLength = new Array<number>(runs.length).fill(-1);
  const laterByLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i] as { start: number; length: number };
    nextSameLength[i] = laterByLength.get(run.length) ?? -1;
    laterByLength.set(run.length, i);
  }
  const spans: Span[] = [];
  for (let i = 0; i < runs.length; ) {
    const j = nextSameLength[i] as number;
    if (j < 0) {
      i++;
      continue;
    }
    const open = runs[i] as { start: number; length: number };
    spans.push({ start: open.start + open.length, end: (runs[j] as { start: number }).start });
    i = j + 1;
  }
  return spans;
}

/** Prose of a Markdown text with code blocks dropped, as one string per paragraph-ish line run. */
export function proseLines(markdown: string): { line: string; lineNo: number }[] {
  const out: { line: string; lineNo: number }[] = [];
  for (const b of splitBlocks(markdown)) {
    if (b.kind !== "prose") continue;
    b.lines.forEach((line, k) => {
      out.push({ line, lineNo: b.startLine + k });
    });
  }
  return out;
}

const LIST_MARKER = /^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?/;

/** A prose line without its list marker, heading hashes and surrounding emphasis. */
export const plainLine = (line: string): string =>
  line
    .replace(/^\s*#{1,6}\s+/, "")
    .replace(LIST_MARKER, "")
    .trim();

/**
 * Sentences of the prose of a Markdown text (code blocks dropped, inline code kept). Splits at
 * line breaks and at ". ", "! ", "? " followed by an upper-case letter, quote or backtick.
 */
export function sentences(markdown: string): string[] {
  const out: string[] = [];
  for (const { line } of proseLines(markdown)) {
    const text = plainLine(line);
    if (!text) continue;
    for (const s of text.split(/(?<=[.!?])\s+(?=[A-Z"'`(*])/)) {
      const t = s.trim();
      if (t) out.push(t);
    }
  }
  return out;
}
