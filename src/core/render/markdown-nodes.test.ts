import fc from "fast-check";
import type { Code, Link, Nodes, Root, Table } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import {
  code,
  heading,
  httpUrl,
  inlineCode,
  link,
  list,
  oneLine,
  paragraph,
  safeLanguage,
  serialize,
  table,
  text,
} from "./markdown-nodes.js";

const parse = (md: string): Root => fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

/** The text a reader sees in a node. */
const textOf = (node: Nodes): string =>
  "value" in node ? node.value : "children" in node ? node.children.map((c) => textOf(c)).join("") : "";

/**
 * Every node type below the root, apart from GFM's autolinks of bare URLs and e-mail addresses
 * in text (a reader's GFM links those whatever the escaping; their text stays what was written).
 */
function typesIn(tree: Root): Set<string> {
  const types = new Set<string>();
  visit(tree, (n) => {
    if (n.type === "link" && isBareAutolink(n)) return "skip";
    if (n.type !== "root") types.add(n.type);
  });
  return types;
}

const isBareAutolink = (l: Link): boolean =>
  /^(https?:\/\/|mailto:)/.test(l.url) && l.url.replace(/^mailto:|^http:\/\/(?=www\.)/, "") === textOf(l);

/** What a reader sees for untrusted text: one line, "@" followed by a zero-width space (blanks at the ends aside). */
const seen = (s: string): string =>
  oneLine(s)
    .replace(/(?<!\w)@(?=[A-Za-z0-9])/g, "@\u200B")
    .trim();

const HOSTILE = [
  "![x](javascript:alert(1)) <script>alert(1)</script> *a* _b_ `c` &lt; ~~d~~ **e**",
  "# not a heading",
  "1. not a list",
  "- not a list",
  "> not a quote",
  "=== not a setext underline",
  "    not indented code",
  "a | b | c",
  "[x]: https://evil.example/ref",
  "<details><summary>x</summary>",
  "https://evil.example/ and www.evil.example and x@y.z",
  "line one\nline two\r\n\n# line three",
  "trailing hashes ##",
  "\\`escaped\\` \\\\ back",
  `a very long line: ${"[x](javascript:y) | <b> `c` ".repeat(120)}`,
];

describe("text: untrusted text stays text", () => {
  it.each(HOSTILE)("a paragraph of %j reads back as the same text and nothing else", (s) => {
    const tree = parse(serialize([paragraph(s)]));
    expect(tree.children).toHaveLength(1);
    expect([...typesIn(tree)]).toEqual(["paragraph", "text"]);
    expect(textOf(tree).trim()).toBe(seen(s));
  });

  it.each(HOSTILE)("a heading and a list item of %j stay one heading and one item", (s) => {
    const tree = parse(serialize([heading(1, s), list(true, [s])]));
    expect(tree.children.map((n) => n.type)).toEqual(["heading", "list"]);
    expect(tree.children.map((n) => textOf(n).trim())).toEqual([seen(s), seen(s)]);
    expect([...typesIn(tree)].sort()).toEqual(["heading", "list", "listItem", "paragraph", "text"]);
  });

  it("defuses @mentions but not e-mail addresses or code", () => {
    expect(text("ping @octocat and (@a-b), mail x@y.z")).toEqual([
      { type: "text", value: "ping @" },
      { type: "html", value: "&#8203;" },
      { type: "text", value: "octocat and (@" },
      { type: "html", value: "&#8203;" },
      { type: "text", value: "a-b), mail x@y.z" },
    ]);
    expect(serialize([paragraph("hi @octocat"), paragraph(inlineCode("@octocat"))])).toBe(
      "hi @&#8203;octocat\n\n`@octocat`\n",
    );
  });

  it("keeps text on one line and drops control characters", () => {
    expect(oneLine("a\r\n\n  b\u0007c")).toBe("a bc");
  });

  it("holds for any text made of Markdown's syntax", () => {
    fc.assert(
      fc.property(markdownish, (s) => {
        const tree = parse(serialize([paragraph(s), table([{ title: "A" }, { title: "B" }], [[s, "x"]])]));
        const [para, tab] = tree.children;
        expect(tree.children.length).toBeLessThanOrEqual(2);
        if (para?.type === "paragraph") expect(textOf(para).trim()).toBe(seen(s));
        const rows = (tab ?? para) as Table;
        expect(rows.type).toBe("table");
        expect(rows.children[1]?.children.map((c) => textOf(c).trim())).toEqual([seen(s), "x"]);
        expect(
          [...typesIn(tree)].filter((t) => !["paragraph", "text", "table", "tableRow", "tableCell"].includes(t)),
        ).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe("tables", () => {
  it("keeps every row at its column count despite pipes, newlines and missing cells", () => {
    const md = serialize([table([{ title: "A" }, { title: "B", align: "right" }], [["a | b\nc", null], ["only one"]])]);
    const [t] = parse(md).children as Table[];
    expect(t?.align).toEqual([null, "right"]);
    expect(t?.children.map((row) => row.children.map(textOf))).toEqual([
      ["A", "B"],
      ["a | b c", ""],
      ["only one", ""],
    ]);
  });
});

describe("links", () => {
  it("accepts http(s) URLs only", () => {
    expect(httpUrl("https://example.com/a b(c)|d")).toBe("https://example.com/a%20b(c)|d");
    for (const url of ["javascript:alert(1)", "data:text/html,x", "not a url", "vbscript:x", "/relative"]) {
      expect(httpUrl(url)).toBeNull();
    }
  });

  it("renders an unsafe URL as its label alone, and an empty label as 'link'", () => {
    expect(serialize([paragraph(link("click [me]", "javascript:alert(1)"))])).toBe("click \\[me]\n");
    expect(serialize([paragraph(link("", "https://github.com/o/r/issues/1"))])).toBe(
      "[link](https://github.com/o/r/issues/1)\n",
    );
  });

  it("keeps URLs with parentheses, pipes and spaces whole, also in a table cell", () => {
    const url = "https://example.com/a b(c)|d";
    const tree = parse(serialize([paragraph(link("x", url)), table([{ title: "L" }], [[link("y | z", url)]])]));
    const links: Link[] = [];
    visit(tree, "link", (l) => {
      links.push(l);
    });
    expect(links.map((l) => [l.url, textOf(l)])).toEqual([
      ["https://example.com/a%20b(c)|d", "x"],
      ["https://example.com/a%20b(c)|d", "y | z"],
    ]);
  });
});

describe("code", () => {
  it("fences content verbatim whatever backticks it holds, with a safe language", () => {
    const content = "x\n```\ny ````` z";
    const [block] = parse(serialize([code(`${content}\r\n\n`, "js")])).children as Code[];
    expect(block).toMatchObject({ type: "code", lang: "js", value: content });
    expect(code("x", "js onclick=1").lang).toBeNull();
    expect(safeLanguage("c++")).toBe("c++");
  });

  it("builds inline code around any backticks", () => {
    for (const s of ["plain", "a`b", "`edge`", "a | b"]) {
      const tree = parse(serialize([table([{ title: "C" }], [[inlineCode(s)]]), paragraph(inlineCode(s))]));
      const spans: string[] = [];
      visit(tree, "inlineCode", (n) => {
        spans.push(n.value);
      });
      expect(spans).toEqual([s, s]);
    }
  });
});

/** Strings over Markdown's syntax characters, words, mentions, URLs and HTML pieces. */
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ..."*_~`[]()!<>&|#-=+:.\\ \n\t".split(""),
        "```",
        "> ",
        "1. ",
        "    ",
        "@octocat",
        "x@y.z",
        "&amp;",
        "&#8203;",
        "<script>",
        "</details>",
        "https://evil.example/",
        "www.x.y",
        "javascript:",
        "[x]: https://a.b/c",
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));
