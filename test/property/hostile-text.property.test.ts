// Property and fuzz tests (fast-check) for everything that reads untrusted text: ref parsing,
// reference finding, error extraction, the Markdown parse budget, Markdown rendering and the
// sanitiser. Inputs are drawn from Markdown's own alphabet so the generators reach its syntax.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractError } from "../../src/core/analyze/extract-error.js";
import { UsageError } from "../../src/core/errors.js";
import { boundMarkdown, DEFAULT_MARKDOWN_LIMITS } from "../../src/core/markdown/budget.js";
import { findReferences } from "../../src/core/refs/find-references.js";
import { isIssueNumber, isOwnerName, MAX_ISSUE_NUMBER, repoNameOf } from "../../src/core/refs/names.js";
import { formatRef, parseIssueRef } from "../../src/core/refs/parse-ref.js";
import { paragraph, serialize } from "../../src/core/render/markdown-nodes.js";
import { markdownToSafeHtml } from "../../src/server/html/markdown-html.js";

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };
const ctx = { host: "github.com", owner: "acme", repo: "app" };

/** Strings over Markdown's syntax characters, words, references and HTML pieces. */
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "*",
        "_",
        "~",
        "`",
        "```",
        "[",
        "]",
        "(",
        ")",
        "!",
        "<",
        ">",
        "&",
        "|",
        "#",
        "-",
        " ",
        "\n",
        "\n\n",
        "    ",
        "> ",
        "- ",
        "1. ",
        "#12",
        "GH-7",
        "o/r#3",
        "a/..#4",
        "https://github.com/o/r/issues/5",
        "<!--",
        "-->",
        "<code>",
        "</code>",
        "<a href=x>",
        "</a>",
        "<script>",
        "javascript:",
        "Error: boom",
        "\\",
        "\t",
        "www.x.y",
        "[x]: https://github.com/o/r/pull/9",
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(""));

const owner = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/);
const repo = fc.stringMatching(/^[A-Za-z0-9._-]{1,100}$/).filter((r) => repoNameOf(r) === r);
const number = fc.integer({ min: 1, max: MAX_ISSUE_NUMBER });

describe("ref parsing", () => {
  it("formatRef then parseIssueRef gives the same ref back", () => {
    fc.assert(
      fc.property(owner, repo, number, (o, r, n) => {
        const ref = parseIssueRef(formatRef({ owner: o, repo: r, number: n }));
        expect(ref).toEqual({ host: "github.com", owner: o, repo: r, number: n });
      }),
      RUNS,
    );
  });

  it("any string either parses to valid names and a number in range, or is a UsageError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), markdownish, fc.webUrl()), (text) => {
        try {
          const ref = parseIssueRef(text);
          expect(isOwnerName(ref.owner) && repoNameOf(ref.repo) === ref.repo && isIssueNumber(ref.number)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(UsageError);
        }
      }),
      RUNS,
    );
  });
});

describe("reference finding", () => {
  it("never throws, and every target has GitHub-valid names and numbers", () => {
    fc.assert(
      fc.property(markdownish, (md) => {
        for (const f of findReferences(md, ctx)) {
          expect(isOwnerName(f.target.owner), f.target.owner).toBe(true);
          expect(repoNameOf(f.target.repo)).toBe(f.target.repo);
          expect(isIssueNumber(f.target.number)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("finds a reference written in plain prose, whatever surrounds it in other paragraphs", () => {
    fc.assert(
      // Without the characters that open constructs running to the end (HTML blocks, fences).
      fc.property(
        markdownish.map((md) => md.replace(/[<`~]/g, "")),
        number,
        (md, n) => {
          const found = findReferences(`${md}\n\nSee #${n} here.\n`, ctx);
          expect(found.some((f) => f.target.repo === "app" && f.target.number === n)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it("finds the same references after deep nesting is flattened", () => {
    fc.assert(
      fc.property(fc.integer({ min: 17, max: 3000 }), number, (depth, n) => {
        const found = findReferences(`${">".repeat(depth)} fixed by #${n}`, ctx);
        expect(found.map((f) => f.target.number)).toEqual([n]);
      }),
      { numRuns: 50 },
    );
  });
});

describe("the Markdown parse budget", () => {
  it("keeps text within the limits exactly as it was", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z #.,]{0,60}$/), { maxLength: 20 }), (lines) => {
        const text = lines.join("\n");
        const bounded = boundMarkdown(text);
        expect(bounded.simplified).toEqual([]);
        expect(bounded.parts.map((p) => p.text).join("\n")).toBe(text);
      }),
      RUNS,
    );
  });

  it("never nests deeper than the limit, and never grows the text", () => {
    fc.assert(
      fc.property(markdownish, fc.integer({ min: 0, max: 200 }), (md, depth) => {
        const text = `${"> ".repeat(depth)}${md}`;
        const bounded = boundMarkdown(text);
        const out = bounded.parts.map((p) => p.text).join("\n");
        expect(out.length).toBeLessThanOrEqual(text.length);
        for (const line of out.split("\n")) {
          const markers = /^(?:[ \t]{0,4}>)*/.exec(line)?.[0].split(">").length ?? 1;
          expect(markers - 1).toBeLessThanOrEqual(DEFAULT_MARKDOWN_LIMITS.maxNesting);
        }
      }),
      RUNS,
    );
  });
});

describe("error extraction", () => {
  it("never throws, and extracts a bounded string from the text", () => {
    fc.assert(
      fc.property(markdownish, (md) => {
        const error = extractError(md);
        if (error === null) return;
        expect(typeof error).toBe("string");
        expect(error.length).toBeLessThanOrEqual(md.length);
      }),
      RUNS,
    );
  });
});

describe("Markdown rendering and the sanitiser", () => {
  const TAGS = new Set(
    "p a code pre em strong del ul ol li table thead tbody tr td th h1 h2 h3 h4 h5 h6 blockquote br hr input sup section details summary span div img".split(
      " ",
    ),
  );

  it("page HTML holds only allowed tags, no event handlers and only http(s)/mailto/# links", () => {
    fc.assert(
      fc.property(markdownish, (md) => {
        const html = markdownToSafeHtml(md);
        // Attribute values may hold any text ("language-<script>" from a fence's info string).
        const markup = html.replace(/="[^"]*"/g, '=""');
        for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) expect(m[1]).toMatch(/^(https?:|mailto:|#)/);
        for (const tag of markup.match(/<[a-zA-Z][^>]*>/g) ?? []) {
          const name = /^<([a-zA-Z0-9]+)/.exec(tag)?.[1]?.toLowerCase() ?? "";
          expect(TAGS.has(name), tag).toBe(true);
          expect(tag).not.toMatch(/\son[a-z]+=/i);
        }
        expect(markup).not.toMatch(/<script|<iframe|<style/i);
      }),
      RUNS,
    );
  });

  it("text in a rendered paragraph leaves nothing for Markdown to format (bare URLs aside, which GitHub links too)", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const html = markdownToSafeHtml(serialize([paragraph(text)]));
        expect(html).not.toMatch(/<img|<code>|<em>|<strong>|<del>|<h[1-6]>|<script/);
        for (const m of html.matchAll(/<a href="([^"]*)"/g)) expect(m[1]).toMatch(/^https?:\/\//);
      }),
      RUNS,
    );
  });
});
