// A corpus of pathological issue bodies: shapes that make Markdown parsers, regexes or renderers
// slow, deep or large. Each is a recipe (a unit repeated to a size) so the corpus is committed as
// data of a few lines and grows to any size for the linear-growth benchmark.

export type PathologicalRecipe = {
  name: string;
  /** What it attacks. */
  why: string;
  /** The body at (about) `size` characters. */
  make: (size: number) => string;
};

const fill = (unit: string, size: number): string => unit.repeat(Math.max(1, Math.floor(size / unit.length)));
const half = (size: number) => Math.max(1, Math.floor(size / 2));

export const PATHOLOGICAL_CORPUS: readonly PathologicalRecipe[] = [
  { name: "emphasis-star", why: "emphasis resolver (quadratic splices)", make: (n) => fill("*a", n) },
  { name: "emphasis-underscore", why: "emphasis resolver", make: (n) => fill("_a", n) },
  { name: "emphasis-mixed", why: "emphasis openers that never close", make: (n) => fill("**a_", n) },
  { name: "strikethrough", why: "GFM strikethrough resolver", make: (n) => fill("~~a", n) },
  {
    name: "bracket-pyramid",
    why: "label start/end matching",
    make: (n) => `${"[".repeat(half(n))}x${"]".repeat(half(n))}`,
  },
  { name: "link-openers", why: "unclosed link destinations", make: (n) => fill("[a](", n) },
  { name: "image-openers", why: "unclosed images", make: (n) => fill("![a", n) },
  { name: "deep-quotes", why: "recursion per nesting level", make: (n) => `${">".repeat(n)} x #1` },
  { name: "deep-quotes-spaced", why: "recursion per nesting level", make: (n) => `${fill("> ", n)}x #1` },
  { name: "deep-list", why: "list items nested on one line", make: (n) => `${fill("- ", n)}x #1` },
  { name: "deep-ordered-list", why: "ordered list items nested on one line", make: (n) => `${fill("1. ", n)}x` },
  {
    name: "indented-lists",
    why: "lists nested by indentation, one level per line",
    make: (n) => {
      const lines: string[] = [];
      let total = 0;
      for (let d = 0; total < n; d++) {
        const line = `${" ".repeat(2 * d)}- item #${d + 1}`;
        lines.push(line);
        total += line.length + 1;
      }
      return lines.join("\n");
    },
  },
  { name: "long-line", why: "one line of words with references", make: (n) => fill("word #12 ", n) },
  { name: "backtick-runs", why: "code spans of unmatched sizes", make: (n) => fill("`a``b```c", n) },
  {
    name: "backtick-ladder",
    why: "code span closers searched far ahead",
    make: (n) => {
      let s = "";
      for (let k = 1; s.length < n; k++) s += `${"`".repeat(k)}x`;
      return s;
    },
  },
  { name: "html-openers", why: "raw HTML that never closes", make: (n) => fill("<a ", n) },
  { name: "html-comments", why: "comment openers", make: (n) => fill("<!--", n) },
  { name: "autolink-literals", why: "GFM autolink literal scanning", make: (n) => fill("www.a.b_", n) },
  { name: "table-columns", why: "a wide table", make: (n) => `${fill("|a", half(n))}\n${fill("|-", half(n))}` },
  { name: "entities", why: "character references", make: (n) => fill("&#1", n) },
  { name: "refs-dense", why: "many references to discover", make: (n) => fill("#1 o/r#2 ", n) },
  {
    name: "paragraphs-of-emphasis",
    why: "many paragraphs, each just under a per-paragraph limit",
    make: (n) => fill(`${"*a ".repeat(120)}\n\n`, n),
  },
  {
    name: "paragraphs-of-brackets",
    why: "many paragraphs of unclosed brackets and a long tail",
    make: (n) => fill(`${"![a ".repeat(60)}${"word ".repeat(200)}\n\n`, n),
  },
  {
    name: "paragraphs-of-code-spans",
    why: "many paragraphs of code spans of every size",
    make: (n) => fill(`${"`a``b```c ".repeat(40)}\n\n`, n),
  },
  { name: "megabyte", why: "far beyond GitHub's 65,536 limit", make: () => fill("see #12 and *this* ", 1_048_576) },
];
