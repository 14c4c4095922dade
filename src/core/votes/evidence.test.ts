import { describe, expect, it } from "vitest";
import type { ReportLink } from "../thread/report.js";
import { evidenceSignals, isSingleCommand } from "./evidence.js";
import { makeReport } from "./make-report.test-helper.js";

const dup = (n: number): ReportLink => ({
  ref: `acme/widget#${n}`,
  type: "issue",
  relation: "duplicated-by",
  relations: ["duplicated-by"],
  url: `https://github.com/acme/widget/issues/${n}`,
  title: "dup",
  state: "closed",
  stateReason: "duplicate",
  merged: null,
  depth: 1,
  evidence: [],
});

const signalsOf = (r: ReturnType<typeof makeReport>, sameErrorCount = 0) =>
  evidenceSignals(r, { sameErrorCount }).map((s) => s.signal);

describe("evidenceSignals with the analysis's signals", () => {
  it("uses report.signals when present, even when empty", () => {
    const cite = { label: "comment by bob", url: "https://github.com/acme/widget/issues/7#issuecomment-1" };
    const r = makeReport({
      body: "Sometimes it fails.",
      signals: [
        { signal: "verified", strength: "strong", value: 3, reason: "3 people reproduced it", citations: [cite] },
      ],
    });
    expect(evidenceSignals(r, { sameErrorCount: 9 })).toEqual([
      { signal: "verified", strength: "strong", reason: "3 people reproduced it", citations: [cite] },
    ]);
    expect(evidenceSignals(makeReport({ body: "Sometimes it fails.", signals: [] }), { sameErrorCount: 9 })).toEqual(
      [],
    );
  });
});

describe("evidenceSignals (keyword rules, for reports without signals)", () => {
  it("gives nothing for a plain report", () => {
    expect(evidenceSignals(makeReport(), { sameErrorCount: 0 })).toEqual([]);
  });

  it("counts duplicates and same-error issues towards Common Issue", () => {
    const r = makeReport({ links: [dup(8), dup(9)] });
    const [common] = evidenceSignals(r, { sameErrorCount: 4 });
    expect(common).toMatchObject({ signal: "common-issue", strength: "strong" });
    expect(common?.reason).toBe("2 duplicates and 4 issues with the same error; 2 participants");
    expect(common?.citations.map((c) => c.label)).toEqual(["acme/widget#8", "acme/widget#9"]);
    expect(evidenceSignals(makeReport(), { sameErrorCount: 1 })[0]).toMatchObject({ strength: "some" });
  });

  it("reads Blocking and Flaky from the body and cites it", () => {
    const r = makeReport({ body: "Sometimes it works, but now every single command fails so I cannot use it." });
    const got = evidenceSignals(r, { sameErrorCount: 0 });
    expect(got.map((s) => s.signal)).toEqual(["blocking", "flaky"]);
    expect(got[0]?.citations).toEqual([{ label: "issue body", url: r.url }]);
  });

  it("reads Flaky from an analysis statement with its citations", () => {
    const cite = { label: "comment by bob", url: "https://github.com/acme/widget/issues/7#issuecomment-1" };
    const r = makeReport({
      sections: { ...makeReport().sections, notes: [{ text: "It fails intermittently on CI.", citations: [cite] }] },
    });
    expect(evidenceSignals(r, { sameErrorCount: 0 })).toEqual([
      { signal: "flaky", strength: "some", reason: "described as intermittent", citations: [cite] },
    ]);
  });

  it("treats reproduction steps, confirmation labels and merged fixes as Verified", () => {
    expect(signalsOf(makeReport({ body: "## Steps to reproduce\n1. run it" }))).toEqual(["verified"]);
    expect(evidenceSignals(makeReport({ labels: ["confirmed"] }), { sameErrorCount: 0 })[0]).toMatchObject({
      signal: "verified",
      strength: "strong",
    });
  });

  it("gives Works and Verified for a merged, released fix", () => {
    const pull = {
      ref: "acme/widget#9",
      url: "https://github.com/acme/widget/pull/9",
      title: "fix",
      state: "closed" as const,
      merged: true,
      mergedAt: "2026-04-03T00:00:00Z",
      releasedIn: "v1.2.0",
      releasedAt: null,
      evidence: [],
    };
    const r = makeReport({ fix: { status: "fixed", summary: "Fixed.", pulls: [pull] } });
    const got = evidenceSignals(r, { sameErrorCount: 0 });
    expect(got.map((s) => [s.signal, s.reason])).toEqual([
      ["verified", "a merged pull request fixed it"],
      ["works", "fixed in v1.2.0"],
    ]);
  });

  it("calls a cited single-command workaround an Easy Fix", () => {
    const cite = { label: "comment", url: "https://github.com/acme/widget/issues/7#issuecomment-2" };
    const example = { code: "npm i -g widget@1.0.3\n", language: "sh", citations: [cite], caption: "Downgrade" };
    const r = makeReport({ sections: { ...makeReport().sections, example } });
    expect(signalsOf(r)).toEqual(["works", "easy-fix"]);
    const multi = makeReport({ sections: { ...makeReport().sections, example: { ...example, code: "a\nb" } } });
    expect(signalsOf(multi)).toEqual(["works"]);
  });

  it("isSingleCommand ignores blank and comment lines", () => {
    expect(isSingleCommand("# downgrade\nnpm i x@1\n\n")).toBe(true);
    expect(isSingleCommand("cd x\nmake")).toBe(false);
    expect(isSingleCommand("")).toBe(false);
  });
});
