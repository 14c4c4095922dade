import type { Code, Heading, Html, Link, Nodes, Root, Table } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { analyze } from "../analyze/analyze.js";
import { input } from "../analyze/analyze-input.test-helper.js";
import { comment, labeled, linked, makeThread, summary } from "../thread/builders.test-helper.js";
import type { Report } from "../thread/report.js";
import { renderMarkdown } from "./markdown.js";

const parse = (md: string): Root => fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

/** The text a reader sees in a node. */
const textOf = (node: Nodes): string =>
  "value" in node ? node.value : "children" in node ? node.children.map((c) => textOf(c)).join("") : "";

function nodes<T>(tree: Root, type: string): T[] {
  const out: T[] = [];
  visit(tree, type, (n) => {
    out.push(n as T);
  });
  return out;
}

const HOSTILE_BODY = [
  "Normal text",
  "```",
  "</details>",
  "<script>alert(1)</script>",
  "`````",
  "<details><summary>x</summary>",
  "[click](javascript:alert(1))",
].join("\n");

function hostileReport(): Report {
  const thread = makeThread({
    title: "Boom | <img src=x onerror=alert(1)> [x](javascript:y)\n# not a heading",
    body: HOSTILE_BODY,
    labels: ["bug`", "invalid"],
    events: [labeled("invalid")],
    comments: [comment("bob", "Setting it worked for me:\n\n```\nrun `x` ``` y\n```")],
  });
  const links = [
    linked(summary(2, { title: "pipe | in title\nand newline" }), ["mentioned-by"]),
    linked(summary(3, { kind: "pull", state: "closed", merged: true, mergedAt: "2024-01-03T00:00:00Z" }), [
      "closed-by",
    ]),
  ];
  return analyze(input({ ...thread, body: `${thread.body}\n\nError: \`\`\`\`\` weird` }, { links }));
}

describe("renderMarkdown: structure", () => {
  const thread = makeThread({
    title: "Widget crashes",
    body: "```\nTypeError: boom\n```",
    comments: [comment("bob", "same here"), comment("carol", "me too")],
    events: [labeled("bug"), labeled("triage")],
  });
  const report = analyze(input(thread));
  const md = renderMarkdown(report);
  const lines = md.split("\n");

  it("starts with the title and its counts, then the ref linked", () => {
    const [title] = parse(md).children;
    expect(title).toMatchObject({ type: "heading", depth: 1 });
    expect(title && textOf(title)).toBe("Widget crashes [2 comments, 4 participants]");
    expect(lines[2]).toMatch(
      /^\[acme\/widget#7\]\(https:\/\/github\.com\/acme\/widget\/issues\/7\) · issue · \*\*open\*\*/,
    );
  });

  it("has the stats table and the top timeline events line", () => {
    const stats = nodes<Table>(parse(md), "table")[0];
    expect(stats?.align).toEqual(["right", "right", "right", "right", null]);
    expect(stats?.children.map((row) => row.children.map(textOf))).toEqual([
      ["Comments", "Participants", "Timeline events", "Reactions", "Fetched at"],
      ["2", "4", "4", "0", "2024-02-01T00:00:00Z"],
    ]);
    expect(md).toContain("**Top timeline events:** commented ×2, labeled ×2");
  });

  it("has the sections, the error in a fence, and ends with a newline", () => {
    for (const h of ["## TL;DR", "## Error message", "## Fix status", "## Guidance", "## Notes", "## Recommendation"]) {
      expect(lines).toContain(h);
    }
    // No empty sections: the Example is there only when the report has one.
    expect(report.sections.example).toBeNull();
    expect(lines).not.toContain("## Example");
    expect(md).toContain("```text\nTypeError: boom\n```");
    expect(md.endsWith("</sub>\n")).toBe(true);
  });

  it("shortens citation labels within the report's repository", () => {
    expect(md).toContain("([#7](https://github.com/acme/widget/issues/7))");
  });
});

describe("renderMarkdown: hostile input", () => {
  const report = hostileReport();
  const md = renderMarkdown(report);
  const tree = parse(md);

  it("keeps the raw body verbatim in one code block inside the details block", () => {
    const html = nodes<Html>(tree, "html").map((n) => n.value);
    expect(html).toEqual(["<details><summary>Raw body</summary>", "</details>", "<sub>", "</sub>"]);
    const bodyBlock = nodes<Code>(tree, "code").find((c) => c.lang === "markdown");
    expect(bodyBlock?.value).toBe(report.body);
  });

  it("keeps the title on its heading line as text, without HTML or links", () => {
    const headings = tree.children.filter((n): n is Heading => n.type === "heading" && n.depth === 1);
    expect(headings).toHaveLength(1);
    expect(headings[0]?.children.map((c) => c.type)).toEqual(["text"]);
    expect(headings[0] && textOf(headings[0])).toBe(
      "Boom | <img src=x onerror=alert(1)> [x](javascript:y) # not a heading [1 comment, 3 participants]",
    );
  });

  it("links only to http(s) URLs", () => {
    for (const l of nodes<Link>(tree, "link")) expect(l.url).toMatch(/^https?:\/\//);
  });

  it("keeps every table row at its column count despite pipes and newlines in titles", () => {
    for (const t of nodes<Table>(tree, "table")) {
      const width = t.children[0]?.children.length;
      for (const row of t.children) expect(row.children.length).toBe(width);
    }
    const links = nodes<Table>(tree, "table").find((t) => t.children[0]?.children.length === 7);
    expect(links?.children).toHaveLength(3);
  });

  it("fences the error and the example whatever backticks they hold", () => {
    const code = nodes<Code>(tree, "code");
    expect(code.find((c) => c.lang === "text")?.value).toBe(report.errorMessage);
    expect(code.find((c) => c.lang === null && c.value.includes("run `x`"))?.value).toBe("run `x` ``` y");
    expect(code.find((c) => c.lang === "mermaid")?.value.startsWith("graph LR")).toBe(true);
  });
});

describe("renderMarkdown: same error in other issues", () => {
  const base = analyze(input(makeThread({ body: "```\nError: x\n```" })));

  it("is left out when the report was made without a store", () => {
    expect(renderMarkdown(base)).not.toContain("## Same error in other issues");
    expect(renderMarkdown({ ...base, sameError: null })).not.toContain("## Same error in other issues");
  });

  it("lists fixed issues and likely duplicates as links on the report's host", () => {
    const md = renderMarkdown({
      ...base,
      sameError: {
        signature: "Error: x",
        count: 2,
        fixedOrWorkaround: [
          { ref: "o/r#5", title: "x | y", state: "closed", stateReason: "completed", how: "fixed by o/r#6" },
        ],
        likelyDuplicates: [{ ref: "o/r#5", score: 0.9 }],
      },
    });
    expect(md).toContain(
      "## Same error in other issues\n\n2 other stored issues show the same error (signature `Error: x`).",
    );
    expect(md).toContain(
      "| [o/r#5](https://github.com/o/r/issues/5) | x \\| y | closed (completed) | fixed by o/r#6 |",
    );
    expect(md).toContain("Likely duplicates: [o/r#5](https://github.com/o/r/issues/5) (0.90)");
  });

  it("without an error, lists text-related issues as related, never as the same error", () => {
    const related = (ref: string, score: number) => ({
      ref,
      title: `Title of ${ref}`,
      state: "open" as const,
      stateReason: null,
      score,
      sameError: false,
      why: "shares floating",
    });
    const md = renderMarkdown({
      ...base,
      sameError: {
        signature: null,
        count: 0,
        fixedOrWorkaround: [],
        likelyDuplicates: [],
        related: [related("o/r#7", 0.62), related("o/r#8", 0.1)],
      },
    });
    expect(md).toContain("No error message to match on, so no issue is called the same error.");
    expect(md).toContain("Related, not the same error: [o/r#7](https://github.com/o/r/issues/7) Title of o/r#7 (0.62)");
    expect(md).not.toContain("o/r#8");
    expect(md).not.toMatch(/show the same error/);
  });
});

describe("renderMarkdown: analysis extras", () => {
  const works = comment("bob", "Setting it worked for me:\n\n```sh\nexport FOO=1\n```", { plusOnes: 2 });
  const r = analyze(
    input(makeThread({ body: "```\nError: x\n```\n\nIt fails on acme/widget#3 too.", comments: [works] }), {
      links: [linked(summary(3), ["mentions"])],
    }),
  );

  it("says what 'as of' means, the category with its reason, and the signals with their citations", () => {
    const md = renderMarkdown(r);
    expect(md).toContain("**Data as of:** last activity 2024-01-02 (fetched 2024-02-01)");
    expect(md).toContain('**Category:** `crash` (the title says "crashes")');
    expect(md).toContain("| Signal | Strength | Evidence |");
    expect(md).toMatch(
      /\| Works \| strong \| a workaround confirmed by 2 people \(\[comment by bob\]\(https:\/\/github\.com\/acme\/widget\/issues\/7#issuecomment-\d+\)\) \|/,
    );
    expect(md).toMatch(/\| Easy Fix \| strong \| the workaround is a single command or setting/);
  });

  it("shows what changed on a re-report only, and nothing-changed plainly", () => {
    expect(renderMarkdown(r)).not.toContain("## What changed");
    expect(renderMarkdown({ ...r, changes: null })).not.toContain("## What changed");
    const changed = renderMarkdown({
      ...r,
      changes: {
        sinceFetchedAt: "2024-01-15T00:00:00Z",
        sinceGeneratedAt: "2024-01-15T00:00:05Z",
        items: [
          {
            kind: "links",
            text: "1 new link: acme/widget#3 (mentions).",
            citations: [{ label: "acme/widget#3", url: "https://github.com/acme/widget/issues/3" }],
          },
        ],
      },
    });
    expect(changed).toContain(
      "## What changed since the last report\n\nSince the report of 2024-01-15 (data fetched 2024-01-15):\n\n- 1 new link: #3 (mentions). ([#3](https://github.com/acme/widget/issues/3))",
    );
    const same = renderMarkdown({
      ...r,
      changes: { sinceFetchedAt: "2024-01-15T00:00:00Z", sinceGeneratedAt: "2024-01-15T00:00:05Z", items: [] },
    });
    expect(same).toContain("Nothing changed since the report of 2024-01-15 (data fetched 2024-01-15).");
  });

  it("names the LLM writer in the footer, and why it was not used", () => {
    const used = renderMarkdown({
      ...r,
      meta: { ...r.meta, analyzer: "llm", llm: { provider: "anthropic", model: "m1", status: "used", reason: null } },
    });
    expect(used).toContain("(llm analysis written by anthropic model m1 from the extracted evidence)");
    const rejected = renderMarkdown({
      ...r,
      meta: {
        ...r.meta,
        llm: { provider: "openai", model: "m2", status: "rejected", reason: "cites unknown evidence E99" },
      },
    });
    expect(rejected).toContain(
      "(deterministic analysis; the LLM writer (openai m2) was not used: rejected, cites unknown evidence E99)",
    );
  });

  it("writes same-repository refs in prose as #N, other repositories in full", () => {
    const md = renderMarkdown({
      ...r,
      sections: {
        ...r.sections,
        notes: [{ text: "See acme/widget#3 and other/repo#4.", citations: [{ label: "x", url: r.url }] }],
      },
    });
    expect(md).toContain("- See #3 and other/repo#4.");
  });
});
