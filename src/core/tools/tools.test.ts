import { describe, expect, it } from "vitest";
import { readProjectText } from "../../../test/support/node.test-helper.js";
import { UsageError } from "../errors.js";
import { makeReport } from "../thread/builders.test-helper.js";
import { parseCatalog, type Tool } from "./catalog.js";
import { rankTools, toolBatch } from "./match.js";
import { issueProfile, normaliseTag } from "./profile.js";

const defaultCatalog = parseCatalog(JSON.parse(readProjectText("catalog/tools.json")), "catalog/tools.json");

const tool = (id: string, tags: string[], categories: Tool["categories"] = []): Tool => ({
  id,
  name: id,
  url: `https://example.com/${id}`,
  description: id,
  tags,
  categories,
});

describe("parseCatalog", () => {
  it("accepts the default catalog: 40-60 tools, unique ids", () => {
    expect(defaultCatalog.length).toBeGreaterThanOrEqual(40);
    expect(defaultCatalog.length).toBeLessThanOrEqual(60);
    expect(new Set(defaultCatalog.map((t) => t.id)).size).toBe(defaultCatalog.length);
  });

  it("names the file and the path of each problem", () => {
    const bad = { tools: [tool("a", []), { ...tool("a", ["Bad Tag"]), url: "javascript:alert(1)" }] };
    let err: unknown;
    try {
      parseCatalog(bad, "my.json");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    const msg = (err as Error).message;
    expect(msg).toContain("my.json is not a valid tool catalog");
    expect(msg).toContain("tools.1.url");
    expect(msg).toContain("tools.1.tags.0");
    expect(msg).toContain('duplicate id "a"');
    expect(() => parseCatalog({ tools: [] }, "x")).toThrow(UsageError);
    expect(() => parseCatalog([], "x")).toThrow(/x is not a valid tool catalog: \(root\)/);
  });
});

describe("issueProfile from the analysis", () => {
  it("takes the report's category and tags, weighting repository tags 2", () => {
    const p = issueProfile(
      makeReport({
        title: "Segfault",
        category: "auth",
        tags: [
          { tag: "auth", source: "category", reason: "category" },
          { tag: "node", source: "repository", reason: "nodejs/node" },
          { tag: "Login Flow", source: "label", reason: "label" },
          { tag: "node", source: "body", reason: "mentions npm" },
        ],
      }),
    );
    expect(p.category).toBe("auth");
    expect([...p.tags]).toEqual([
      ["node", 2],
      ["login-flow", 1],
    ]);
  });
});

describe("issueProfile without the analysis's category", () => {
  it("counts an older report as a bug tagged by its labels", () => {
    const p = issueProfile(makeReport({ labels: ["Needs Repro", "area: cli"] }));
    expect(p.category).toBe("bug");
    expect([...p.tags]).toEqual([
      ["needs-repro", 1],
      ["area-cli", 1],
    ]);
  });

  it("normalises labels to tags", () => {
    expect(normaliseTag("Type: Bug")).toBe("type-bug");
    expect(normaliseTag("  ")).toBeNull();
    expect(normaliseTag("x".repeat(41))).toBeNull();
  });
});

describe("rankTools", () => {
  const catalog = [
    tool("b", ["node"], ["crash"]),
    tool("a", ["node"], ["crash"]),
    tool("c", ["python"], []),
    tool("d", ["general"], []),
    tool("e", ["node", "memory"], []),
  ];
  const profile = {
    category: "crash" as const,
    tags: new Map([
      ["node", 2],
      ["memory", 1],
    ]),
  };

  it("scores category and weighted tags, ties by id, fills with general tools", () => {
    const ranked = rankTools(catalog, profile, 5);
    expect(ranked.map((r) => [r.tool.id, r.score])).toEqual([
      ["a", 5],
      ["b", 5],
      ["e", 3],
      ["d", 0],
      ["c", 0],
    ]);
    expect(ranked[2]?.matched).toEqual(["memory", "node"]);
  });

  it("is deterministic whatever the catalog order", () => {
    const once = rankTools(catalog, profile).map((r) => r.tool.id);
    const reversed = rankTools([...catalog].reverse(), profile).map((r) => r.tool.id);
    expect(reversed).toEqual(once);
  });

  it("gives two different batches of six for a real report on the default catalog", () => {
    const report = makeReport({
      ref: "nodejs/node#1",
      title: "Segfault when reading a file",
      errorMessage: null,
      category: "crash",
      tags: [
        { tag: "crash", source: "category", reason: "the title says segfault" },
        { tag: "node", source: "repository", reason: "nodejs/node" },
        { tag: "javascript", source: "repository", reason: "nodejs/node" },
        { tag: "filesystem", source: "title", reason: "reading a file" },
      ],
    });
    const ranked = rankTools(defaultCatalog, issueProfile(report));
    const first = toolBatch(ranked, 0);
    const second = toolBatch(ranked, 1);
    expect(first).toHaveLength(6);
    expect(second).toHaveLength(6);
    expect(new Set([...first, ...second].map((r) => r.tool.id)).size).toBe(12);
    expect(first[0]?.score).toBeGreaterThanOrEqual(second[0]?.score ?? 0);
    expect(first.map((r) => r.tool.id)).toContain("node-inspector");
  });
});
