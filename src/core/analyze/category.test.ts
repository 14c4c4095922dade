import { describe, expect, it } from "vitest";
import { makeThread } from "../thread/builders.test-helper.js";
import { classifyThread } from "./category.js";

describe("classifyThread", () => {
  it("lets a label decide, and says so", () => {
    const c = classifyThread(makeThread({ labels: ["area:cost", "bug"], title: "It crashes" }), null);
    expect(c.category).toBe("billing-quota");
    expect(c.tags[0]).toEqual({ tag: "billing-quota", source: "category", reason: 'label "area:cost"' });
  });

  it("reads title prefixes, then cues in the title and error, then the body", () => {
    expect(classifyThread(makeThread({ title: "[Feature] Vertical tabs" }), null).category).toBe("feature-request");
    expect(classifyThread(makeThread({ title: "How do I pin a tab?" }), null).category).toBe("question");
    expect(classifyThread(makeThread({ title: "Broken" }), "Error: 401 Unauthorized").category).toBe("auth");
    expect(classifyThread(makeThread({ title: "Slow", body: "" }), null).category).toBe("performance");
    expect(
      classifyThread(makeThread({ title: "Minimap", body: "It would be nice to have a minimap." }), null),
    ).toMatchObject({
      category: "feature-request",
      tags: [{ tag: "feature-request", source: "category", reason: 'the body says "would be nice"' }],
    });
  });

  it("falls back to bug, with the reason", () => {
    const c = classifyThread(makeThread({ title: "Widget shows the wrong colour", body: "" }), "Error: x");
    expect(c.tags[0]).toEqual({
      tag: "bug",
      source: "category",
      reason: "it reports an error and no other category applies",
    });
  });

  it("tags the ecosystem from the repository and text, labels as topics, process labels not", () => {
    const thread = makeThread({
      ref: { host: "github.com", owner: "nodejs", repo: "node", number: 1 },
      labels: ["test_runner", "stale"],
      body: "Run with npx on macOS:\n\n```\nTypeError: x is not a function\n```",
    });
    const tags = classifyThread(thread, "TypeError: x is not a function").tags;
    expect(tags).toContainEqual({ tag: "node", source: "repository", reason: "the repository is nodejs/node" });
    expect(tags).toContainEqual({ tag: "test-runner", source: "label", reason: 'label "test_runner"' });
    expect(tags).toContainEqual({ tag: "macos", source: "body", reason: 'the body says "macOS"' });
    expect(tags).toContainEqual({ tag: "javascript", source: "repository", reason: "the repository is nodejs/node" });
    expect(tags.map((t) => t.tag)).not.toContain("stale");
    expect(new Set(tags.map((t) => t.tag)).size).toBe(tags.length);
  });
});
