import { describe, expect, it } from "vitest";
import { type FoundReference, findReferences } from "./find-references.js";

const ctx = { host: "github.com", owner: "acme", repo: "app" };
const find = (md: string, context = ctx) => findReferences(md, context);
/** "owner/repo#n kind" per reference, to keep expectations short. */
const short = (refs: FoundReference[]) =>
  refs.map(
    (r) =>
      `${r.target.host === "github.com" ? "" : `${r.target.host}:`}${r.target.owner}/${r.target.repo}#${r.target.number} ${r.kind}`,
  );

describe("findReferences: forms", () => {
  it("finds #12, GH-12 and owner/repo#12", () => {
    expect(short(find("See #12, GH-13 and other/lib#14."))).toEqual([
      "acme/app#12 mention",
      "acme/app#13 mention",
      "other/lib#14 mention",
    ]);
  });

  it("finds issue and pull URLs, with fragments, queries and sub-pages", () => {
    const md = [
      "https://github.com/a/b/issues/1",
      "https://github.com/a/b/pull/2#issuecomment-123",
      "https://github.com/a/b/pull/3/files?w=1",
      "<https://github.com/a/b/pulls/4>",
      "www.github.com/a/b/issues/5",
    ].join("\n");
    expect(short(find(md))).toEqual([
      "a/b#1 mention",
      "a/b#2 mention",
      "a/b#3 mention",
      "a/b#4 mention",
      "a/b#5 mention",
    ]);
  });

  it("keeps the matched text as the excerpt", () => {
    const [url] = find("see https://github.com/a/b/issues/1#issuecomment-9 please");
    expect(url?.excerpt).toBe("https://github.com/a/b/issues/1#issuecomment-9");
    const [hash] = find("see other/lib#14 please");
    expect(hash?.excerpt).toBe("other/lib#14");
  });

  it("quotes 'Replaced by' with the reference it names, still as a mention", () => {
    const [r] = find("Closing. Replaced by #41, which takes a different approach.");
    expect(r).toMatchObject({ kind: "mention", excerpt: "Replaced by #41" });
  });

  it("ignores URLs that are not issues or pulls, and other hosts", () => {
    const md = [
      "https://github.com/a/b/blob/main/x.md#L12",
      "https://github.com/a/b/commit/abc123",
      "https://gitlab.com/a/b/issues/3",
      "https://github.com/a/b/issues/0",
      "https://github.com/a/b/discussions/7",
    ].join("\n");
    expect(find(md)).toEqual([]);
  });

  it("reads URLs on the context host (GitHub Enterprise) and keeps github.com URLs as github.com", () => {
    const ghes = { host: "ghe.example.com", owner: "team", repo: "svc" };
    expect(short(find("#1 and https://ghe.example.com/x/y/issues/2 and https://github.com/p/q/pull/3", ghes))).toEqual([
      "ghe.example.com:team/svc#1 mention",
      "ghe.example.com:x/y#2 mention",
      "p/q#3 mention",
    ]);
  });

  it("takes the target of markdown links, inline and by reference, but not the link text", () => {
    const md =
      "[this fix](https://github.com/a/b/pull/8) and [see #99](https://example.com) and [ref][r]\n\n[r]: https://github.com/a/b/issues/9";
    expect(short(find(md))).toEqual(["a/b#8 mention", "a/b#9 mention"]);
    expect(find(md)[0]?.excerpt).toBe("[this fix](https://github.com/a/b/pull/8)");
  });
});

describe("findReferences: what is not a reference", () => {
  it("skips code spans, fenced and indented code blocks", () => {
    const md = ["`#1` and ``GH-2``", "```", "Fixes #3", "```", "", "    #4 indented", "", "real #5"].join("\n");
    expect(short(find(md))).toEqual(["acme/app#5 mention"]);
  });

  it("skips HTML comments, <code>, <pre> and anchors in inline and block HTML", () => {
    const md = [
      "<!-- Fixes #1 -->",
      "",
      "text <code>#2</code> <!-- #3 --> and <a href='x'>#4</a> then #5",
      "",
      "<details><summary>Fixes #6</summary>",
      "",
      "<pre>",
      "#7",
      "</pre>",
    ].join("\n");
    expect(short(find(md))).toEqual(["acme/app#5 mention", "acme/app#6 closing"]);
  });

  it("skips # inside words, entities, URL fragments, paths and hex colours", () => {
    const md =
      "abc#12 &#12; &amp;#13; page.html#14 https://example.com/#15 a/b/c#16 color #fff #e5e5e5 #12abc x.y#17 #012";
    expect(find(md)).toEqual([]);
  });

  it("does not take heading markers for references", () => {
    expect(short(find("# 12 things\n\n## Fixes #3"))).toEqual(["acme/app#3 closing"]);
  });

  it("finds references in tables, lists, quotes and footnotes", () => {
    const md = "| a | b |\n|---|---|\n| #1 | x |\n\n- item #2\n\n> quoted #3\n\nnote[^n]\n\n[^n]: footnote #4";
    expect(short(find(md)).map((s) => s.split(" ")[0])).toEqual([
      "acme/app#1",
      "acme/app#2",
      "acme/app#3",
      "acme/app#4",
    ]);
  });

  it("only takes GH- in upper case, as GitHub does", () => {
    expect(find("gh-12 and xGH-13")).toEqual([]);
  });
});

describe("findReferences: keywords", () => {
  it.each([
    ["Fixes #12", "Fixes"],
    ["fixes: #12", "fixes"],
    ["FIX #12", "FIX"],
    ["fixed #12", "fixed"],
    ["close #12", "close"],
    ["Closes #12", "Closes"],
    ["closed: #12", "closed"],
    ["resolve #12", "resolve"],
    ["Resolves #12", "Resolves"],
    ["resolved #12", "resolved"],
    ["**Fixes** #12", "Fixes"],
  ])("%s is a closing reference", (md, keyword) => {
    expect(find(md)).toEqual([
      {
        target: { host: "github.com", owner: "acme", repo: "app", number: 12 },
        kind: "closing",
        keyword,
        excerpt: expect.stringContaining("#12"),
      },
    ]);
  });

  it("recognises closing keywords before cross-repo refs and URLs", () => {
    const found = find(
      "Fixes other/lib#3\n\nCloses https://github.com/o/r/issues/12\n\nFixes: https://github.com/nodejs/node/issues/60552",
    );
    expect(found.map((r) => [r.kind, r.excerpt])).toEqual([
      ["closing", "Fixes other/lib#3"],
      ["closing", "Closes https://github.com/o/r/issues/12"],
      ["closing", "Fixes: https://github.com/nodejs/node/issues/60552"],
    ]);
  });

  it("needs the keyword right before each ref", () => {
    expect(short(find("Fixes #1 and #2, resolves #3. prefixes #4. This fix is for #5"))).toEqual([
      "acme/app#1 closing",
      "acme/app#2 mention",
      "acme/app#3 closing",
      "acme/app#4 mention",
      "acme/app#5 mention",
    ]);
  });

  it("recognises 'fixed by' phrasing, forwards and backwards", () => {
    const found = find(
      "Fixed by #1. Closed via #2. This was resolved in https://github.com/a/b/pull/3\n\nhttps://github.com/nodejs/node/pull/53523 closed this.\n\n#5 fixes it",
    );
    expect(found.map((r) => [r.target.number, r.kind, r.keyword, r.excerpt])).toEqual([
      [1, "fixed-by", "Fixed by", "Fixed by #1"],
      [2, "fixed-by", "Closed via", "Closed via #2"],
      [3, "fixed-by", "resolved in", "resolved in https://github.com/a/b/pull/3"],
      [53523, "fixed-by", "closed this", "https://github.com/nodejs/node/pull/53523 closed this"],
      [5, "fixed-by", "fixes it", "#5 fixes it"],
    ]);
  });

  it("treats hedged or denied claims as mentions", () => {
    expect(
      short(find("Not fixed by #1. Might be fixed by #2. Possible duplicate of #3. This isn't a duplicate of #4.")),
    ).toEqual(["acme/app#1 mention", "acme/app#2 mention", "acme/app#3 mention", "acme/app#4 mention"]);
  });

  it("recognises duplicate markers", () => {
    const found = find("Duplicate of #1\n\nduplicate of: other/lib#2\n\nThis duplicates #3");
    expect(found.map((r) => [r.kind, r.keyword, r.excerpt])).toEqual([
      ["duplicate", "Duplicate of", "Duplicate of #1"],
      ["duplicate", "duplicate of", "duplicate of: other/lib#2"],
      ["duplicate", "duplicates", "duplicates #3"],
    ]);
  });

  it("does not read a keyword across code or paragraphs", () => {
    expect(short(find("Fixes `x` #1\n\nFixes\n\n#2"))).toEqual(["acme/app#1 mention", "acme/app#2 mention"]);
  });
});

describe("findReferences: dedupe", () => {
  it("reports each target once, with its strongest kind, in first-appearance order", () => {
    const found = find("See #2 and #1. Later: Fixes #1. Also acme/app#2 and https://github.com/ACME/App/issues/1");
    expect(found.map((r) => [r.target.number, r.kind, r.excerpt])).toEqual([
      [2, "mention", "#2"],
      [1, "closing", "Fixes #1"],
    ]);
  });

  it("reports references to the thread itself (the caller drops them)", () => {
    expect(short(find("same as #7", { ...ctx }))).toEqual(["acme/app#7 mention"]);
  });

  it("returns nothing for empty or reference-free text", () => {
    expect(find("")).toEqual([]);
    expect(find("just words, 12 numbers and a # sign")).toEqual([]);
  });
});
