import { describe, expect, it } from "vitest";
import type { ReportLink } from "../thread/report.js";
import { renderMermaid } from "./mermaid.js";
import { shownRelation, shownRelations } from "./relation-label.js";

const pull = (merged: boolean | null, n = 2): ReportLink => ({
  ref: `o/r#${n}`,
  type: "pull",
  relation: "closed-by",
  relations: ["closed-by", "mentioned-by"],
  url: `https://github.com/o/r/pull/${n}`,
  title: "Fix it",
  state: merged ? "closed" : "open",
  stateReason: null,
  merged,
  depth: 1,
  evidence: [],
});

describe("relation labels", () => {
  it("shows an unmerged pull request with a closing keyword as a proposed fix, a merged one as closed-by", () => {
    expect(shownRelation(pull(false))).toBe("proposed fix");
    expect(shownRelations(pull(false))).toEqual(["proposed fix", "mentioned-by"]);
    expect(shownRelation(pull(true))).toBe("closed-by");
  });

  it("labels the graph's edge the same way", () => {
    const graph = renderMermaid({
      ref: "o/r#1",
      title: "Crash",
      state: "open",
      kind: "issue",
      links: [pull(false, 2), pull(true, 3)],
      fix: { status: "fixed", summary: "", pulls: [] },
    });
    expect(graph).toContain("n0 -->|proposed fix| n1");
    expect(graph).toContain("n0 -->|closed-by| n2");
  });
});
