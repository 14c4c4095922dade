import { describe, expect, it } from "vitest";
import { MAX_MARKDOWN_CHARS, markdownToSafeHtml } from "./markdown-html.js";

// Hostile Markdown of every family; none of the dangerous parts may survive.
const HOSTILE = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  "![x](javascript:alert(1))",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](  javascript:alert(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  '<a href="javascript:alert(1)">x</a>',
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
  '<iframe src="https://evil.example"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<div style="background:url(https://evil.example/x)">styled</div>',
  '<p style="position:fixed;top:0">overlay</p>',
  "<style>body{display:none}</style>",
  '<form action="https://evil.example"><input name=x></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  "<details open ontoggle=alert(1)>x</details>",
  '<a href="#" onclick="alert(1)">x</a>',
  '[x](https://ok.example "title" onmouseover=alert(1))',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<img src=https://tracker.example/pixel.gif>",
  "![pixel](https://tracker.example/pixel.gif)",
  '<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<input type="image" src="https://evil.example/x.png">',
  "<template><script>alert(1)</script></template>",
  "{{constructor.constructor('alert(1)')()}}",
  "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
  "<scr<script>ipt>alert(1)</script>",
];

const SAFE_TAGS = [
  "p",
  "a",
  "code",
  "pre",
  "em",
  "strong",
  "del",
  "ul",
  "ol",
  "li",
  "table",
  "thead",
  "tbody",
  "tr",
  "td",
  "th",
  "h1",
  "h2",
  "h3",
  "blockquote",
  "br",
  "hr",
  "input",
  "sup",
  "section",
  "details",
  "summary",
];
const SAFE_ATTRS = [
  "href",
  "rel",
  "class",
  "id",
  "type",
  "checked",
  "disabled",
  "align",
  "title",
  "data-footnotes",
  "data-footnote-ref",
  "data-footnote-backref",
  "aria-describedby",
  "aria-label",
];

describe("markdownToSafeHtml", () => {
  it("renders GitHub-flavoured Markdown", () => {
    const html = markdownToSafeHtml("# Title\n\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`code` ~~gone~~");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain('<input type="checkbox" checked disabled>');
    expect(html).toContain("<table>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<del>gone</del>");
  });

  it.each(HOSTILE)("neutralises %s", (payload) => {
    const html = markdownToSafeHtml(`before\n\n${payload}\n\nafter`);
    // Text may say anything (it is escaped); what matters is the markup: every real tag and attribute.
    for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
      const name = /^<([a-zA-Z0-9]+)/.exec(tag)?.[1]?.toLowerCase();
      expect(SAFE_TAGS, tag).toContain(name);
      const attrs = [...tag.matchAll(/\s([a-zA-Z-:]+)(?:="([^"]*)")?/g)].map((m) => [m[1]?.toLowerCase(), m[2] ?? ""]);
      for (const [attr, value] of attrs) {
        expect(SAFE_ATTRS, tag).toContain(attr);
        if (attr === "href") expect(value, tag).toMatch(/^(https?:|mailto:|#)/);
      }
    }
    expect(html).toContain("after");
  });

  it("turns images into plain links so nothing loads from another host", () => {
    const html = markdownToSafeHtml("![diagram](https://example.com/d.png)");
    expect(html).toBe(
      '<p><a href="https://example.com/d.png" rel="nofollow noopener noreferrer ugc" class="md-image">[image: diagram]</a></p>',
    );
    expect(markdownToSafeHtml("![x](javascript:alert(1))")).toBe("<p>[image: x]</p>");
  });

  it("marks links nofollow and keeps safe ones", () => {
    expect(markdownToSafeHtml("[docs](https://example.com/a?b=1&c=2)")).toBe(
      '<p><a href="https://example.com/a?b=1&#x26;c=2" rel="nofollow noopener noreferrer ugc">docs</a></p>',
    );
  });

  it("prefixes ids so user content cannot clobber the page's own", () => {
    const html = markdownToSafeHtml("Note[^main]\n\n[^main]: the footnote");
    expect(html).toContain('id="user-content-');
    expect(html).not.toMatch(/id="main"/);
  });

  it("cuts very long bodies", () => {
    const html = markdownToSafeHtml("a".repeat(MAX_MARKDOWN_CHARS + 10));
    expect(html).toContain("cut: the body is longer");
    expect(html.length).toBeLessThan(MAX_MARKDOWN_CHARS + 200);
  });
});
