import { describe, expect, it } from "vitest";
import { analyze } from "../analyze/analyze.js";
import { input } from "../analyze/analyze-input.test-helper.js";
import { makeThread } from "./builders.test-helper.js";
import { reportSchema } from "./report.js";

const report = analyze(input(makeThread({ body: "```\nError: x\n```" })));

describe("reportSchema", () => {
  it("rejects a statement without citations and a TL;DR of three statements", () => {
    const noCite = { ...report, sections: { ...report.sections, recommendation: { text: "x", citations: [] } } };
    expect(reportSchema.safeParse(noCite).success).toBe(false);
    const s = report.sections.tldr[0];
    const long = { ...report, sections: { ...report.sections, tldr: [s, s, s] } };
    expect(reportSchema.safeParse(long).success).toBe(false);
  });

  it("rejects a citation that is not an http(s) URL", () => {
    const bad = {
      ...report,
      sections: { ...report.sections, recommendation: { text: "x", citations: [{ label: "x", url: "javascript:1" }] } },
    };
    expect(reportSchema.safeParse(bad).success).toBe(false);
  });

  it("accepts a report stored before the optional analysis fields existed", () => {
    const { category, tags, signals, workarounds, environment, snapshot, sameError, changes, ...old } = report;
    const { llm, textLimits, ...meta } = old.meta;
    expect(reportSchema.parse({ ...old, meta })).toEqual({ ...old, meta });
  });
});
