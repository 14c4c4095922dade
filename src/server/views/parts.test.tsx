import { describe, expect, it } from "vitest";
import { Citations, InlineText, StateBadge, splitCodeSpans } from "./parts.js";

describe("inline Markdown in analysis text", () => {
  it("splits code spans from text, as CommonMark does", () => {
    expect(splitCodeSpans("run `npm ci` then ``a ` b`` now")).toEqual([
      { text: "run ", code: false },
      { text: "npm ci", code: true },
      { text: " then ", code: false },
      { text: "a ` b", code: true },
      { text: " now", code: false },
    ]);
    expect(splitCodeSpans("an unpaired ` stays text")).toEqual([{ text: "an unpaired ` stays text", code: false }]);
    expect(splitCodeSpans("` padded `")).toEqual([{ text: "padded", code: true }]);
  });

  it("renders code as <code> and escapes everything", () => {
    const html = String(<InlineText text={"set `<img src=x onerror=alert(1)>` & retry"} />);
    expect(html).toBe("set <code>&lt;img src=x onerror=alert(1)&gt;</code> &amp; retry");
  });
});

describe("citations and badges", () => {
  it("are compact: no space inside the brackets", () => {
    const html = String(<Citations citations={[{ label: "issue body", url: "https://github.com/a/b/issues/1" }]} />);
    expect(html).toBe(
      '<span class="cite"> [<a href="https://github.com/a/b/issues/1" rel="nofollow noopener noreferrer">issue body</a>]</span>',
    );
  });

  it("carry the close reason, so closed as not planned is grey like on GitHub", () => {
    expect(String(<StateBadge state="closed" reason="not_planned" />)).toBe(
      '<span class="badge closed reason-not-planned">closed (not planned)</span>',
    );
    expect(String(<StateBadge state="open" reason="reopened" />)).toBe('<span class="badge open">open</span>');
  });
});

describe("citations of the same repository", () => {
  it("are shortened to #n, other repositories kept whole", () => {
    const html = String(
      <Citations
        base="acme/widget#7"
        citations={[
          { label: "acme/widget#12", url: "https://github.com/acme/widget/issues/12" },
          { label: "other/widget#12", url: "https://github.com/other/widget/issues/12" },
          { label: "acme/widget#12x", url: "https://github.com/acme/widget/issues/12" },
        ]}
      />,
    );
    expect(html).toContain(">#12</a>");
    expect(html).toContain(">other/widget#12</a>");
    expect(html).toContain(">acme/widget#12x</a>");
  });
});
