import { describe, expect, it } from "vitest";
import { comment, labeled, linked, makeThread, summary } from "../thread/builders.test-helper.js";
import { analyze } from "./analyze.js";
import { input } from "./analyze-input.test-helper.js";
import { diffReports } from "./changes.js";

const first = comment("bob", "Same here on 1.2.3.", { id: 1 });
const before = analyze(input(makeThread({ comments: [first] })));

describe("diffReports", () => {
  it("reports nothing when nothing changed", () => {
    const again = analyze(input(makeThread({ comments: [first] }), { generatedAt: "2024-03-01T00:00:00Z" }));
    expect(diffReports(before, again)).toEqual({
      sinceFetchedAt: before.meta.fetchedAt,
      sinceGeneratedAt: before.meta.generatedAt,
      items: [],
    });
  });

  it("names new comments, state, labels, links, the fix and its release, and new workarounds, each cited", () => {
    const works = comment("carol", "Setting `FOO=1` worked for me.", { id: 2 });
    const thanks = comment("dave", "This worked for me too, thanks!", { id: 3 });
    const pull = summary(20, { kind: "pull", state: "closed", merged: true, mergedAt: "2024-02-10T00:00:00Z" });
    const related = summary(30, { title: "Something else" });
    const after = analyze(
      input(
        makeThread({
          comments: [first, works, thanks],
          state: "closed",
          stateReason: "completed",
          labels: ["confirmed"],
          events: [labeled("confirmed")],
        }),
        {
          links: [linked(pull, ["closed-by"]), linked(related, ["mentioned-by"])],
          releases: new Map([["acme/widget#20", { tag: "v2.0.0", publishedAt: "2024-02-20T00:00:00Z" }]]),
        },
      ),
    );
    const { items } = diffReports(before, after);
    const byKind = (k: string) => items.filter((i) => i.kind === k).map((i) => i.text);
    expect(byKind("comments")).toEqual(["2 new comments (3 in all)."]);
    // The new comments the analysis cites are the citations of "new comments".
    expect(items.find((i) => i.kind === "comments")?.citations.map((c) => c.url)).toContain(works.url);
    expect(byKind("state")).toEqual(["State changed from open to closed (completed)."]);
    expect(byKind("labels")).toEqual(['Labels: added "confirmed".']);
    expect(byKind("links")).toEqual(["2 new links: acme/widget#20 (closed-by) and acme/widget#30 (mentioned-by)."]);
    expect(byKind("fix")[0]).toMatch(/^Fix status changed from none to fixed: Fixed by acme\/widget#20/);
    expect(byKind("release")).toEqual(["acme/widget#20 was released in v2.0.0 on 2024-02-20."]);
    expect(byKind("workarounds")).toEqual(['1 new workaround reported: "Setting `FOO=1` worked for me." (carol).']);
    for (const i of items) expect(i.citations.length).toBeGreaterThan(0);
  });

  it("does not call a workaround new when the previous report predates the field", () => {
    const works = comment("carol", "Setting `FOO=1` worked for me.", { id: 2 });
    const { workarounds, ...old } = before;
    expect(workarounds).toEqual([]);
    const after = analyze(input(makeThread({ comments: [first, works] })));
    expect(diffReports(old, after).items.map((i) => i.kind)).toEqual(["comments"]);
  });

  it("sees a linked pull request being merged and more confirmations of a workaround", () => {
    const works = comment("carol", "Setting `FOO=1` worked for me.", { id: 2 });
    const openPull = summary(21, { kind: "pull", state: "open", merged: false });
    const prev = analyze(input(makeThread({ comments: [works] }), { links: [linked(openPull, ["mentioned-by"])] }));
    const mergedPull = { ...openPull, state: "closed" as const, merged: true, mergedAt: "2024-02-01T00:00:00Z" };
    const next = analyze(
      input(makeThread({ comments: [works, comment("dave", "Can confirm, works for me too.", { id: 4 })] }), {
        links: [linked(mergedPull, ["mentioned-by"])],
      }),
    );
    const texts = diffReports(prev, next).items.map((i) => i.text);
    expect(texts).toContain("acme/widget#21 was merged.");
    expect(texts).toContain("The workaround by carol has 1 confirmation (was 0).");
  });
});
