import { describe, expect, it } from "vitest";
import type { ReportLink } from "../../core/thread/report.js";
import { linkGraphSvg, stateWord } from "./graph-svg.js";

const link = (n: number, over: Partial<ReportLink> = {}): ReportLink => ({
  ref: `acme/widget#${n}`,
  type: "issue",
  relation: "mentions",
  relations: ["mentions"],
  url: `https://github.com/acme/widget/issues/${n}`,
  title: `linked ${n}`,
  state: "open",
  stateReason: null,
  merged: null,
  depth: 1,
  evidence: [],
  ...over,
});

const center = { ref: "acme/widget#7", title: "Widget", state: "open" as const };

describe("linkGraphSvg", () => {
  it("draws the issue, one node and one labelled edge per link", () => {
    const svg = linkGraphSvg(center, [
      link(8),
      link(9, { type: "pull", relation: "closed-by", relations: ["closed-by"], merged: true, state: "closed" }),
    ]);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('role="group" aria-labelledby="graph-title"');
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('class="edge edge-closed-by"');
    expect(svg).toContain('class="node pull merged"');
    expect(svg).toContain(">widget#9</text>");
    expect(svg).toContain('<a href="https://github.com/acme/widget/issues/8">');
  });

  it("is deterministic", () => {
    const links = [link(1), link(2), link(3)];
    expect(linkGraphSvg(center, links)).toBe(linkGraphSvg(center, links));
  });

  it("escapes titles and refuses non-http hrefs", () => {
    const evil = link(5, {
      ref: "acme/widget#5",
      title: '</title><script>alert(1)</script><a href="x">',
      url: "javascript:alert(1)",
      relation: '"><script>' as ReportLink["relation"],
    });
    const svg = linkGraphSvg({ ...center, title: "<img src=x onerror=alert(1)>" }, [evil]);
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<img");
    expect(svg).not.toContain("javascript:");
    expect(svg).toContain("&lt;/title&gt;&lt;script&gt;");
    expect(svg).toContain("edge-&quot;&gt;&lt;script&gt;");
  });

  it("uses the site's page for issues when asked, and caps the nodes", () => {
    const links = Array.from({ length: 20 }, (_, i) => link(i + 10));
    const svg = linkGraphSvg(center, links, { maxNodes: 5, pagePath: (l) => `/p/${l.ref.split("#")[1]}` });
    expect(svg.match(/<line /g)).toHaveLength(5);
    expect(svg).toContain('<a href="/p/10">');
    expect(svg).toContain("+15 more not drawn");
  });

  it("names states", () => {
    expect(stateWord({ type: "pull", state: "closed", merged: true })).toBe("merged");
    expect(stateWord({ type: "issue", state: null, merged: null })).toBe("unknown");
  });
});
