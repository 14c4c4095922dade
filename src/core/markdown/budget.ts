// Parse budgets for untrusted Markdown. micromark (under remark and mdast) spends time that grows
// with the square of some inputs (thousands of emphasis delimiters or brackets in one paragraph)
// and recurses once per container level (3,000 `>` overflow the stack). GitHub caps a body at
// 65,536 characters but not its shape. So before any parse the text is bounded in one linear pass
// that leaves ordinary Markdown byte for byte:
// - container markers (block quotes, list items) opened on one line beyond MAX nesting are dropped,
//   and leading indentation is capped;
// - a paragraph (a run of non-blank lines outside fenced code) that is too long or holds too many
//   syntax characters, or that comes after the text's syntax budget is spent, is set aside as
//   plain text: callers scan it linearly (references) or show it verbatim (pages);
// - text beyond maxChars is cut.
// `simplified` says what was changed, so a report or page can say so.

export type MarkdownLimits = {
  /** Block quotes plus list markers opened on one line. */
  maxNesting: number;
  /** Leading spaces/tabs kept on a line (deeper indentation only nests lists or code further). */
  maxIndent: number;
  /** Characters of one paragraph handed to the parser. */
  maxParagraphChars: number;
  /** Syntax characters (emphasis, brackets, backticks, `<`, `&`, `|`) in one paragraph. */
  maxParagraphSyntax: number;
  /** Syntax characters in the whole text. */
  maxSyntax: number;
  /** Characters read at all. */
  maxChars: number;
};

export const DEFAULT_MARKDOWN_LIMITS: MarkdownLimits = {
  maxNesting: 16,
  maxIndent: 64,
  maxParagraphChars: 8_192,
  maxParagraphSyntax: 128,
  maxSyntax: 1_024,
  maxChars: 131_072,
};

export type Simplification = "nesting" | "indent" | "plain-text" | "length";

export type MarkdownPart = { kind: "markdown"; text: string } | { kind: "plain"; text: string };

export type BoundedMarkdown = {
  /** In order; consecutive Markdown paragraphs are joined into one part. */
  parts: MarkdownPart[];
  /** What was simplified: empty when the text came through unchanged. */
  simplified: Simplification[];
};

const SYNTAX = /[*_~[\]`<&|!]/g;

/** Linear in the input: each line is read a bounded number of times. */
export function boundMarkdown(markdown: string, limits: MarkdownLimits = DEFAULT_MARKDOWN_LIMITS): BoundedMarkdown {
  const simplified = new Set<Simplification>();
  let text = markdown.replace(/\r\n?/g, "\n");
  if (text.length > limits.maxChars) {
    text = text.slice(0, limits.maxChars);
    simplified.add("length");
  }
  const parts: MarkdownPart[] = [];
  const push = (kind: MarkdownPart["kind"], lines: string[]): void => {
    if (lines.length === 0) return;
    const last = parts[parts.length - 1];
    const chunk = lines.join("\n");
    if (last && last.kind === kind) last.text += `\n${chunk}`;
    else parts.push({ kind, text: chunk });
  };
  let syntaxLeft = limits.maxSyntax;
  let paragraph: string[] = [];
  let paragraphChars = 0;
  let paragraphSyntax = 0;
  const endParagraph = (): void => {
    const fits =
      paragraphChars <= limits.maxParagraphChars &&
      paragraphSyntax <= limits.maxParagraphSyntax &&
      paragraphSyntax <= syntaxLeft;
    if (fits) {
      syntaxLeft -= paragraphSyntax;
      push("markdown", paragraph);
    } else {
      simplified.add("plain-text");
      push("plain", paragraph);
    }
    paragraph = [];
    paragraphChars = 0;
    paragraphSyntax = 0;
  };

  let fence: { char: string; size: number } | null = null;
  for (const raw of text.split("\n")) {
    const line = boundContainers(raw, limits, simplified);
    if (fence) {
      const close = fenceMarker(afterContainers(line));
      if (close && close.char === fence.char && close.size >= fence.size && close.rest.trim() === "") fence = null;
      push("markdown", [line]);
      continue;
    }
    const open = fenceMarker(afterContainers(line));
    if (open && !(open.char === "`" && open.rest.includes("`"))) {
      endParagraph();
      fence = { char: open.char, size: open.size };
      push("markdown", [line]);
      continue;
    }
    if (afterContainers(line).trim() === "") {
      endParagraph();
      push("markdown", [line]);
      continue;
    }
    paragraph.push(line);
    paragraphChars += line.length + 1;
    paragraphSyntax += countSyntax(line);
  }
  endParagraph();
  return { parts, simplified: [...simplified] };
}

function boundContainers(line: string, limits: MarkdownLimits, simplified: Set<Simplification>): string {
  let out = line;
  const indent = leadingWhitespace(out);
  if (indent > limits.maxIndent) {
    out = out.slice(0, limits.maxIndent) + out.slice(indent);
    simplified.add("indent");
  }
  const prefix = containerPrefix(out, limits.maxNesting);
  if (prefix.keep < prefix.end) {
    out = out.slice(0, prefix.keep) + out.slice(prefix.end);
    simplified.add("nesting");
  }
  return out;
}

const afterContainers = (line: string): string => line.slice(containerPrefix(line, Number.MAX_SAFE_INTEGER).end);

function leadingWhitespace(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === " " || line[i] === "\t")) i++;
  return i;
}

function countSyntax(line: string): number {
  return line.match(SYNTAX)?.length ?? 0;
}

const isBlank = (c: string | undefined) => c === " " || c === "\t";

/**
 * Where the container markers at the start of a line end (`>`, `- `, `* `, `+ `, `1. `), and where
 * the first `maxNesting` of them end (`keep`), so deeper ones can be dropped.
 */
function containerPrefix(line: string, maxNesting: number): { end: number; keep: number } {
  let end = 0;
  let keep = 0;
  let depth = 0;
  for (;;) {
    let j = end;
    while (j < line.length && j - end < 4 && (line[j] === " " || line[j] === "\t")) j++;
    const c = line[j];
    let next = -1;
    if (c === ">") next = j + 1;
    else if ((c === "-" || c === "*" || c === "+") && isBlank(line[j + 1])) next = j + 2;
    else if (c !== undefined && c >= "0" && c <= "9") {
      let k = j;
      while (k - j < 9 && (line[k] ?? "") >= "0" && (line[k] ?? "") <= "9") k++;
      if ((line[k] === "." || line[k] === ")") && isBlank(line[k + 1])) next = k + 2;
    }
    if (next < 0) break;
    depth++;
    end = next;
    if (depth <= maxNesting) keep = end;
  }
  return { end, keep };
}

function fenceMarker(body: string): { char: string; size: number; rest: string } | null {
  let i = 0;
  while (i < 3 && body[i] === " ") i++;
  const char = body[i];
  if (char !== "`" && char !== "~") return null;
  let j = i;
  while (body[j] === char) j++;
  if (j - i < 3) return null;
  return { char, size: j - i, rest: body.slice(j) };
}
