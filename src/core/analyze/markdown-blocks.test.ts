import { describe, expect, it } from "vitest";
import { inlineCodeSpans, sentences, splitBlocks } from "./markdown-blocks.js";

describe("splitBlocks", () => {
  it("separates fenced code (with its language) from prose", () => {
    const blocks = splitBlocks("intro\n```js\nlet a = 1;\n```\noutro");
    expect(blocks).toEqual([
      { kind: "prose", lines: ["intro"], startLine: 0 },
      { kind: "code", lang: "js", lines: ["let a = 1;"], startLine: 2 },
      { kind: "prose", lines: ["outro"], startLine: 4 },
    ]);
  });

  it("needs a closing fence at least as long as the opening one, of the same character", () => {
    const blocks = splitBlocks("````\n```\n~~~\n````\nafter");
    expect(blocks[0]).toMatchObject({ kind: "code", lines: ["```", "~~~"] });
    expect(blocks[1]).toMatchObject({ kind: "prose", lines: ["after"] });
  });

  it("runs an unclosed fence to the end", () => {
    expect(splitBlocks("```\nError: x\nmore")).toEqual([
      { kind: "code", lang: null, lines: ["Error: x", "more"], startLine: 1 },
    ]);
  });

  it("reads code inside blockquotes and takes a file name as its extension's language", () => {
    expect(splitBlocks("> ```index.js\n> throw 1\n> ```")[0]).toMatchObject({
      kind: "code",
      lang: "js",
      lines: ["throw 1"],
    });
  });

  it("drops HTML comments but keeps line numbers", () => {
    const blocks = splitBlocks("<!-- a\nb -->\nreal");
    expect(blocks[0]?.lines).toEqual(["", "", "real"]);
  });
});

describe("inlineCodeSpans", () => {
  it("finds spans of any backtick length", () => {
    const line = "a `b` c ``d ` e`` f";
    expect(inlineCodeSpans(line).map((s) => line.slice(s.start, s.end))).toEqual(["b", "d ` e"]);
  });
});

describe("sentences", () => {
  it("splits prose into sentences without list markers, skipping code", () => {
    expect(sentences("- First one. Second one!\n```\nnot. prose\n```\n3. Third?")).toEqual([
      "First one.",
      "Second one!",
      "Third?",
    ]);
  });
});
