import { describe, expect, it } from "vitest";
import { analyze } from "../analyze/analyze.js";
import { input } from "../analyze/analyze-input.test-helper.js";
import { comment, linked, makeThread, summary } from "../thread/builders.test-helper.js";
import { type Report, reportSchema } from "../thread/report.js";
import { renderJson } from "./json.js";

const report = analyze(
  input(makeThread({ body: "```\nError: x\n```", comments: [comment("bob", "did not help")] }), {
    links: [linked(summary(3, { kind: "pull", state: "open", merged: false }), ["closed-by"])],
  }),
);

const REPORT_KEYS = [
  "schemaVersion",
  "ref",
  "host",
  "url",
  "kind",
  "title",
  "state",
  "stateReason",
  "labels",
  "locked",
  "author",
  "createdAt",
  "updatedAt",
  "closedAt",
  "transferredFrom",
  "stats",
  "timelineTop",
  "errorMessage",
  "body",
  "links",
  "commits",
  "fix",
  "sections",
  "category",
  "tags",
  "signals",
  "workarounds",
  "environment",
  "snapshot",
  "meta",
];

/** The same object with every key order reversed, recursively. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  }
  return value;
}

describe("renderJson", () => {
  it("writes the Report type's key order with 2-space indent and a trailing newline", () => {
    const text = renderJson(report);
    expect(Object.keys(JSON.parse(text))).toEqual(REPORT_KEYS);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "ref": "acme/widget#7",')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("is stable whatever order the object was built in", () => {
    expect(renderJson(reversed(report) as Report)).toBe(renderJson(report));
  });

  it("keeps an absent sameError absent and puts a present one before meta", () => {
    expect(renderJson(report)).not.toContain("sameError");
    const withSame: Report = {
      ...report,
      sameError: {
        signature: "Error: x",
        count: 1,
        fixedOrWorkaround: [],
        likelyDuplicates: [{ ref: "o/r#2", score: 0.5 }],
      },
    };
    const keys = Object.keys(JSON.parse(renderJson(withSame)));
    expect(keys.slice(keys.indexOf("sections"), keys.indexOf("sections") + 3)).toEqual([
      "sections",
      "sameError",
      "category",
    ]);
    expect(keys.at(-1)).toBe("meta");
    expect(reportSchema.parse(JSON.parse(renderJson(withSame)))).toEqual(withSame);
  });

  it("keeps the optional analysis fields of older stored reports absent, and validates them", () => {
    const { category, tags, signals, workarounds, environment, snapshot, ...old } = report;
    expect(category).toBeDefined();
    const text = renderJson(old);
    for (const k of ["category", "tags", "signals", "workarounds", "environment", "snapshot", "changes"]) {
      expect(text).not.toContain(`"${k}"`);
    }
    expect(reportSchema.parse(JSON.parse(text))).toEqual(old);
  });

  it("writes changes and the LLM writer's outcome where the schema expects them", () => {
    const withMore: Report = {
      ...report,
      changes: {
        sinceFetchedAt: "2024-01-01T00:00:00Z",
        sinceGeneratedAt: "2024-01-01T00:00:01Z",
        items: [{ kind: "comments", text: "2 new comments.", citations: [{ label: "x", url: report.url }] }],
      },
      meta: { ...report.meta, llm: { provider: "openai", model: "m", status: "timeout", reason: "no answer in 5 s" } },
    };
    const parsed = JSON.parse(renderJson(withMore));
    expect(Object.keys(parsed).slice(-2)).toEqual(["changes", "meta"]);
    expect(Object.keys(parsed.meta).at(-1)).toBe("llm");
    expect(reportSchema.parse(parsed)).toEqual(withMore);
    const badSignal = {
      ...report,
      signals: [{ signal: "works", strength: "some", value: 1, reason: "x", citations: [] }],
    };
    expect(reportSchema.safeParse(badSignal).success).toBe(false);
  });

  it("round-trips through the schema", () => {
    expect(reportSchema.parse(JSON.parse(renderJson(report)))).toEqual(report);
  });

  it("drops fields the schema does not declare and refuses a report that breaks it", () => {
    const extra = { ...report, internal: "x", meta: { ...report.meta, cost: 3 } } as Report;
    expect(renderJson(extra)).toBe(renderJson(report));
    const noCite = { ...report, sections: { ...report.sections, recommendation: { text: "x", citations: [] } } };
    expect(() => renderJson(noCite)).toThrow(/citations/);
  });
});
