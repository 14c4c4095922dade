import { describe, expect, it } from "vitest";
import {
  codeBlock,
  escapeCell,
  escapeInline,
  escapeText,
  fenceFor,
  inlineCode,
  link,
  safeLanguage,
  safeUrl,
} from "./markdown-escape.js";

describe("escapeText / escapeInline", () => {
  it("neutralises links, images, HTML, emphasis, code and entities", () => {
    expect(escapeText("![x](javascript:alert(1)) <script>*a* _b_ `c` &lt; ~~d~~")).toBe(
      "!\\[x\\](javascript:alert(1)) \\<script\\>\\*a\\* \\_b\\_ \\`c\\` \\&lt; \\~\\~d\\~\\~",
    );
  });

  it("defuses @mentions but not e-mail addresses or code", () => {
    expect(escapeText("ping @octocat and (@a-b), mail x@y.z")).toBe(
      "ping @&#8203;octocat and (@&#8203;a-b), mail x@y.z",
    );
  });

  it("keeps text on one line and drops control characters", () => {
    expect(escapeText("a\r\n\n  b\u0007c")).toBe("a bc");
  });

  it("escapes line-start constructs only where a line starts", () => {
    expect(escapeInline("# not a heading")).toBe("\\# not a heading");
    expect(escapeInline("1. not a list")).toBe("1\\. not a list");
    expect(escapeInline("- not a list")).toBe("\\- not a list");
    expect(escapeText("# fine inside a line")).toBe("# fine inside a line");
  });
});

describe("escapeCell", () => {
  it("escapes pipes and joins lines so a cell cannot split the row", () => {
    expect(escapeCell("a | b\nc")).toBe("a \\| b c");
  });

  it("is never empty", () => {
    expect(escapeCell(null)).toBe(" ");
    expect(escapeCell("")).toBe(" ");
  });
});

describe("safeUrl and link", () => {
  it("accepts http(s) and percent-encodes characters that end a destination or a cell", () => {
    expect(safeUrl("https://example.com/a b(c)|d")).toBe("https://example.com/a%20b%28c%29%7Cd");
  });

  it.each(["javascript:alert(1)", "data:text/html,x", "not a url", "vbscript:x"])("refuses %s", (url) => {
    expect(safeUrl(url)).toBeNull();
  });

  it("renders unsafe URLs as text only", () => {
    expect(link("click [me]", "javascript:alert(1)")).toBe("click \\[me\\]");
    expect(link("ok", "https://github.com/o/r/issues/1")).toBe("[ok](https://github.com/o/r/issues/1)");
  });
});

describe("fences", () => {
  it("is longer than any backtick run in the content", () => {
    expect(fenceFor("no ticks")).toBe("```");
    expect(fenceFor("a ``` b ````` c")).toBe("``````");
  });

  it("wraps content verbatim with a safe language", () => {
    expect(codeBlock("x\n```\ny\n", "js")).toBe("````js\nx\n```\ny\n````");
    expect(codeBlock("x", "js onclick=1")).toBe("```\nx\n```");
    expect(safeLanguage("c++")).toBe("c++");
  });

  it("builds inline code around any backticks", () => {
    expect(inlineCode("plain")).toBe("`plain`");
    expect(inlineCode("a`b")).toBe("``a`b``");
    expect(inlineCode("`edge`")).toBe("`` `edge` ``");
  });
});
