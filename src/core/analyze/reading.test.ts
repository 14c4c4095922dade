// The reading the sections and signals share: snapshot, same-error cluster, tried steps, causes,
// costly steps, regressions and the quick signals, on small inline threads.
import { describe, expect, it } from "vitest";
import { comment, labeled, linked, makeThread, summary } from "../thread/builders.test-helper.js";
import type { TimelineEvent } from "../thread/types.js";
import { analyze } from "./analyze.js";
import { input } from "./analyze-input.test-helper.js";
import { classify } from "./findings.js";
import { titleQuotesError } from "./related.js";
import { snapshotOf } from "./snapshot.js";
import { distinctSteps, triedSteps } from "./tried-steps.js";

const signal = (r: ReturnType<typeof analyze>, name: string) => r.signals?.find((s) => s.signal === name);

describe("snapshotOf", () => {
  it("is the latest activity, capped at the fetch, citing the latest comment when it is the latest thing", () => {
    const c = { ...comment("bob", "x"), createdAt: "2024-01-05T00:00:00Z" };
    const t = makeThread({ comments: [c] });
    expect(snapshotOf(t, "2025-01-01T00:00:00Z")).toEqual({
      at: "2024-01-05T00:00:00Z",
      citation: { label: "latest comment, by bob", url: c.url },
    });
    const ev: TimelineEvent = { ...labeled("x"), createdAt: "2024-01-06T00:00:00Z" };
    expect(snapshotOf(makeThread({ comments: [c], events: [ev] }), "2025-01-01T00:00:00Z").citation.url).toBe(t.url);
    expect(snapshotOf(t, "2024-01-03T00:00:00Z").at).toBe("2024-01-03T00:00:00Z");
  });
});

describe("same-error cluster", () => {
  it("matches a title that quotes three or more words of the error, not a shared pair", () => {
    const gist = `API Error: 400 "You're out of extra usage. Add more at claude.ai/settings/usage and keep going."`;
    expect(titleQuotesError('[BUG] "Out of extra usage" error despite quota', gist)).toBe(true);
    expect(titleQuotesError('"Third-party apps now draw from your extra usage" error', gist)).toBe(false);
    expect(titleQuotesError("Rate limit reached immediately", "API Error: Rate limit reached")).toBe(true);
    expect(titleQuotesError("Rate limit triggered", "API Error: Rate limit reached")).toBe(false);
  });

  it("counts a linked issue a same-here commenter filed, and names the cluster in the TL;DR", () => {
    const same = comment("bob", "Same error for me. I wrote it up in #12.");
    const i = input(makeThread({ body: "```\nError: widget exploded\n```", comments: [same] }), {
      links: [
        {
          ...linked(summary(12, { title: "Unrelated title" }), ["mentions"]),
          evidence: [{ source: "comment", url: same.url, event: null, actor: "bob", at: null, excerpt: "#12" }],
        },
        linked(summary(13, { title: "Error: widget exploded on Linux" }), ["mentioned-by"]),
        linked(summary(14, { title: "Exploded widget" }), ["mentioned-by"]),
      ],
    });
    const r = analyze(i);
    expect(r.sections.tldr[0]?.text).toContain("2 people report it here and 2 linked issues report the same error.");
    expect(signal(r, "common-issue")).toMatchObject({
      value: 4,
      reason: "2 people report it here, 2 linked issues with the same error",
    });
  });
});

describe("tried steps, causes and costly steps", () => {
  it("names the steps a negative sentence is about", () => {
    expect(
      triedSteps("Switching from Opus to Sonnet with /model did not help, and neither did updating Claude Code."),
    ).toEqual(["switching from Opus to Sonnet with /model", "updating Claude Code"]);
    expect(triedSteps("So I am nowhere near the limits, and switching to a different model changes nothing.")).toEqual([
      "switching to a different model",
    ]);
    expect(triedSteps("It did not help.")).toEqual([]);
    expect(distinctSteps(["switching models", "switching from A to B with the menu", "updating"])).toEqual([
      "switching models",
      "updating",
    ]);
  });

  it("reads a cost that followed a step as a caveat, and a reading of why as a cause", () => {
    expect(classify("Worse: as soon as I switched on the toggle, credits started being deducted.")).toBe("caveat");
    expect(classify("I was charged $53 for extra usage.")).toBeNull();
    expect(
      classify("It looks as if requests are billed to the wrong bucket, even though the limit has not been reached."),
    ).toBe("cause");
    expect(classify("It does not look like the cache is the cause.")).toBeNull();
    expect(classify("Looks like the same thing as #12, where the limits disagree.")).toBeNull();
    expect(classify("Give back the credits ($5.99 so far, part of it caused by the mismatch).")).toBeNull();
  });
});

describe("regression after the fix", () => {
  it("flags comments after the release that still see it", () => {
    const pull = summary(20, { kind: "pull", state: "closed", merged: true, mergedAt: "2024-03-01T00:00:00Z" });
    const still = { ...comment("carol", "Still happens on 2.0.1 for me."), createdAt: "2024-04-01T00:00:00Z" };
    const before = { ...comment("bob", "Same here."), createdAt: "2024-02-01T00:00:00Z" };
    const r = analyze(
      input(makeThread({ state: "closed", stateReason: "completed", comments: [before, still] }), {
        links: [linked(pull, ["closed-by"])],
        releases: new Map([["acme/widget#20", { tag: "v2.0.0", publishedAt: "2024-03-05T00:00:00Z" }]]),
      }),
    );
    expect(r.sections.tldr[1]?.text).toBe(
      "Fixed by acme/widget#20 (merged 2024-03-01, released in v2.0.0 on 2024-03-05): upgrade to v2.0.0 or later; 1 report after v2.0.0 (released 2024-03-05) suggests a possible regression.",
    );
    expect(r.sections.guidance[1]).toEqual({
      text: "Possible regression: reported again after v2.0.0 (released 2024-03-05) by carol (2024-04-01); check those reports before relying on the fix.",
      citations: [{ label: "comment by carol", url: still.url }],
    });
  });

  it("says 'no release containing it was found' when the lookup found none", () => {
    const pull = summary(20, { kind: "pull", state: "closed", merged: true, mergedAt: "2024-03-01T00:00:00Z" });
    const r = analyze(
      input(makeThread(), { links: [linked(pull, ["closed-by"])], releases: new Map([["acme/widget#20", null]]) }),
    );
    expect(r.sections.tldr[1]?.text).toBe(
      "Fixed by acme/widget#20 (merged 2024-03-01), but no release containing it was found as of 2024-01-02.",
    );
    expect(r.sections.recommendation.text).toBe(
      "Use a build that includes acme/widget#20; no release containing it was found as of 2024-01-02.",
    );
    expect(signal(r, "works")).toMatchObject({
      strength: "some",
      reason: "a fix was merged; no release with it is known",
    });
  });
});

describe("signals", () => {
  it("gives none for a quiet thread", () => {
    expect(analyze(input(makeThread({ body: "Something is off." }))).signals).toEqual([]);
  });

  it("reads blocking, flaky, verified, works, easy fix and time saver from the thread", () => {
    const noise = Array.from({ length: 10 }, (_, k) => comment(`u${k}`, "Any update?"));
    const fix = comment("bob", "Setting `FOO=1` worked for me.", { plusOnes: 2 });
    const body = "## Steps to reproduce\n1. Start it\n\nIt sometimes fails, and then I cannot use the app at all.";
    const r = analyze(input(makeThread({ body, comments: [...noise, comment("carol", "Same here."), fix] })));
    expect(signal(r, "blocking")).toMatchObject({ strength: "some" }); // a workaround exists
    expect(signal(r, "flaky")).toMatchObject({
      strength: "some",
      value: 1,
      reason: "described as intermittent in 1 place",
    });
    expect(signal(r, "verified")).toMatchObject({
      reason: "the report has reproduction steps; 1 other person hit it independently",
    });
    expect(signal(r, "works")).toMatchObject({
      strength: "strong",
      value: 2,
      citations: [{ label: "comment by bob", url: fix.url }],
    });
    expect(signal(r, "easy-fix")).toMatchObject({
      strength: "strong",
      reason: "the workaround is a single command or setting",
    });
    expect(signal(r, "time-saver")).toMatchObject({
      value: 12,
      reason: "the best-supported workaround is in comment 12 of 12",
    });
    for (const s of r.signals ?? []) expect(s.citations.length).toBeGreaterThan(0);
  });

  it("calls a maintainer's confirmation verified, strongly", () => {
    const m = comment("maint", "I can reproduce this on main.", { association: "MEMBER" });
    expect(signal(analyze(input(makeThread({ comments: [m] }))), "verified")).toMatchObject({
      strength: "strong",
      reason: "a maintainer confirmed it",
      citations: [{ label: "comment by maint", url: m.url }],
    });
  });
});
