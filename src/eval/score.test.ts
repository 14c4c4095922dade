import { describe, expect, it } from "vitest";
import {
  belowFloors,
  formatTallies,
  refOf,
  scoreAbstention,
  scoreCluster,
  scoreDuplicate,
  scoreError,
  scoreFix,
  scoreNoWorkaround,
  scoreRelease,
  scoreWorkaround,
  tally,
} from "./score.js";

describe("scoreError (the acceptance check's rule)", () => {
  const label = "TypeError: x is not a function";

  it("holds when the text contains the label within twice its length plus 160", () => {
    expect(scoreError(label, label).held).toBe(true);
    expect(scoreError(label, `Uncaught ${label}`).held).toBe(true);
    expect(scoreError(label, `${label}${"x".repeat(label.length + 160)}`).held).toBe(true);
  });

  it("misses when the text is longer than that", () => {
    const v = scoreError(label, `${label}${"x".repeat(label.length + 161)}`);
    expect(v).toMatchObject({ held: false });
    expect(v.held ? "" : v.why).toMatch(/characters around a 30-character message/);
  });

  it("misses a fragment and an abstention", () => {
    expect(scoreError(label, "x is not a function").held).toBe(false);
    expect(scoreError(label, null).held).toBe(false);
  });

  it("accepts any line of a list, and abstaining when the list holds null", () => {
    expect(scoreError(["npm ERR! code E404", "npm ERR! 404 Not Found"], "npm ERR! 404 Not Found - GET x").held).toBe(
      true,
    );
    expect(scoreError(["Warning: slow", null], null).held).toBe(true);
    expect(scoreError(["Warning: slow", null], "something else").held).toBe(false);
  });

  it("wants no error where the label is null", () => {
    expect(scoreError(null, null).held).toBe(true);
    expect(scoreError(null, "").held).toBe(true);
    expect(scoreError(null, "Error: x").held).toBe(false);
  });
});

describe("scoreAbstention", () => {
  it("holds an abstention only where the label is null", () => {
    expect(scoreAbstention(null, null).held).toBe(true);
    expect(scoreAbstention(null, "Error: x").held).toBe(false);
    expect(scoreAbstention("Error: x", null).held).toBe(false);
    expect(scoreAbstention("Error: x", "Error: x").held).toBe(true);
  });
});

describe("workarounds", () => {
  const report = { workarounds: [{ text: "Downgrading to 2.3.1 fixed it", code: "npm i x@2.3.1", kind: "worked" }] };

  it("finds a token in a workaround's text or code, in any case, any token of a list", () => {
    expect(scoreWorkaround("DOWNGRADING", report).held).toBe(true);
    expect(scoreWorkaround("npm i x@", report).held).toBe(true);
    expect(scoreWorkaround(["--force", "2.3.1"], report).held).toBe(true);
    expect(scoreWorkaround("--force", report).held).toBe(false);
    expect(scoreWorkaround("x", {}).held).toBe(false);
  });

  it("flags a 'worked' workaround where none is reported, not a tried one", () => {
    expect(scoreNoWorkaround(report).held).toBe(false);
    expect(scoreNoWorkaround({ workarounds: [{ text: "restarting did not help", kind: "tried" }] }).held).toBe(true);
    expect(scoreNoWorkaround({}).held).toBe(true);
  });
});

describe("fix status and release", () => {
  const merged = { issue: "o/r#1", pr: "o/r#2", merged: true, released_in: "v1.2.0" };
  const unmerged = { issue: "o/r#3", pr: "o/r#4", merged: false };

  it("wants the PR among the links with the right merged flag and a fixed status", () => {
    const ok = { links: [{ ref: "o/r#2", merged: true }], fix: { status: "fixed", pulls: [] } };
    expect(scoreFix(merged, [merged], ok).held).toBe(true);
    expect(scoreFix(merged, [merged], { links: [], fix: { status: "fixed" } }).held).toBe(false);
    expect(
      scoreFix(merged, [merged], { links: [{ ref: "o/r#2", merged: false }], fix: { status: "fixed" } }).held,
    ).toBe(false);
    expect(scoreFix(merged, [merged], { links: [{ ref: "o/r#2", merged: true }], fix: { status: "none" } }).held).toBe(
      false,
    );
  });

  it("never accepts a fixed status from an unmerged PR", () => {
    const report = { links: [{ repo: "o/r", number: 4, merged: false }], fix: { status: "fixed" } };
    expect(scoreFix(unmerged, [unmerged], report).held).toBe(false);
    expect(scoreFix(unmerged, [unmerged], { ...report, fix: { status: "fix-unmerged" } }).held).toBe(true);
  });

  it("wants the first release that contains the fix", () => {
    expect(scoreRelease(merged, { fix: { pulls: [{ ref: "o/r#2", releasedIn: "v1.2.0" }] } }).held).toBe(true);
    expect(scoreRelease(merged, { fix: { pulls: [{ ref: "o/r#2", releasedIn: "v1.3.0" }] } }).held).toBe(false);
    expect(scoreRelease(merged, { fix: { pulls: [] } }).held).toBe(false);
  });
});

describe("similar issues", () => {
  it("counts a duplicate only in the top k", () => {
    expect(scoreDuplicate("o/r#9", ["o/r#1", "o/r#9"], 5).held).toBe(true);
    expect(scoreDuplicate("o/r#9", ["o/r#1", "o/r#2", "o/r#3", "o/r#4", "o/r#5", "o/r#9"], 5).held).toBe(false);
  });

  it("judges a cluster per thread: every same one flagged, no different one", () => {
    const verdicts = scoreCluster({ same: ["o/r#2", "o/r#3"], different: ["o/r#4"] }, new Set(["o/r#2", "o/r#4"]));
    expect(verdicts.map((v) => [v.thread, v.verdict.held])).toEqual([
      ["o/r#2", true],
      ["o/r#3", false],
      ["o/r#4", false],
    ]);
  });
});

describe("tallies and floors", () => {
  const t = tally("exact error", [
    { thread: "o/r#1", verdict: { held: true } },
    { thread: "o/r#2", verdict: { held: false, why: "got nothing" } },
  ]);

  it("counts held cases and keeps the misses", () => {
    expect(t).toMatchObject({ held: 1, total: 2, misses: [{ thread: "o/r#2", why: "got nothing" }] });
  });

  it("reports a measure below its floor, not one at it or without one", () => {
    expect(belowFloors([t], { "exact error": 0.5 })).toEqual([]);
    expect(belowFloors([t], {})).toEqual([]);
    expect(belowFloors([t], { "exact error": 0.6 })).toEqual(["exact error 1/2 (50.0%) is below its floor 60.0%"]);
  });

  it("prints the table and the misses", () => {
    const out = formatTallies("dev", [t, tally("abstention", [])]);
    expect(out).toContain("exact error");
    expect(out).toMatch(/1\/2\s+50\.0%/);
    expect(out).toContain("- o/r#2: got nothing");
    expect(out).toContain("summary: exact error 1/2");
    expect(out).not.toContain("abstention");
  });

  it("reads references in both JSON shapes", () => {
    expect(refOf("o/r#1")).toBe("o/r#1");
    expect(refOf({ ref: "o/r#2" })).toBe("o/r#2");
    expect(refOf({ repo: "o/r", number: 3 })).toBe("o/r#3");
    expect(refOf({})).toBeUndefined();
  });
});
