import { describe, expect, it } from "vitest";
import type { ReportLink } from "../thread/report.js";
import { MAX_GRAPH_NODES, mermaidText, renderMermaid } from "./mermaid.js";

const link = (n: number, over: Partial<ReportLink> = {}): ReportLink => ({
  ref: `o/r#${n}`,
  type: "issue",
  relation: "mentioned-by",
  relations: ["mentioned-by"],
  url: `https://github.com/o/r/issues/${n}`,
  title: `Title ${n}`,
  state: "open",
  stateReason: null,
  merged: null,
  depth: 1,
  evidence: [],
  ...over,
});

const base = {
  ref: "o/r#1",
  title: "Root",
  state: "open" as const,
  kind: "issue" as const,
  fix: { status: "none" as const, summary: "x", pulls: [] },
};

describe("mermaidText", () => {
  it("entity-codes everything that could end a label or the fence", () => {
    expect(mermaidText('a"]; click n0 "javascript:x" `x` <b>|#\n')).toBe(
      "a#quot;#93;#59; click n0 #quot;javascript:x#quot; #96;x#96; #lt;b#gt;#124;#35; ",
    );
  });
});

describe("renderMermaid", () => {
  it("draws the root and one generated node per link, with the relation on the edge", () => {
    const out = renderMermaid({
      ...base,
      links: [
        link(2),
        link(3, { type: "pull", relation: "closed-by", merged: true, state: "closed" }),
        link(4, { depth: 2 }),
      ],
    });
    const lines = out.split("\n");
    expect(lines[0]).toBe("graph LR");
    expect(lines).toContain('  n0["o/r#35;1<br/>Root<br/>open"]:::root');
    expect(lines).toContain('  n2["o/r#35;3<br/>Title 3<br/>merged"]:::merged');
    expect(lines).toContain("  n0 -->|closed-by| n2");
    expect(lines).toContain("  n0 -.->|depth 2| n3");
  });

  it("keeps hostile titles inside their quoted label", () => {
    const hostile = 'x"]\n```\nn0 --> evil["pwned';
    const out = renderMermaid({ ...base, title: hostile, links: [link(2, { title: hostile })] });
    expect(out).not.toContain("```");
    for (const line of out.split("\n").slice(1)) {
      expect(line).toMatch(/^ {2}(n\d+\[".*"\]:::\w+|n0 -\.?->\|[a-z -]+\d*\| n\d+|classDef \w+ [\w#:,-]+)$/);
      expect(line.split('"').length).toBeLessThanOrEqual(3);
    }
  });

  it("caps the node count and says how many were left out", () => {
    const links = Array.from({ length: MAX_GRAPH_NODES + 5 }, (_, i) => link(i + 2));
    const out = renderMermaid({ ...base, links });
    expect(out).toContain(`n${MAX_GRAPH_NODES}[`);
    expect(out).not.toContain(`n${MAX_GRAPH_NODES + 1}[`);
    expect(out).toContain('more["5 more links#59; see the table"]');
  });
});
