import { describe, expect, it } from "vitest";
import { makeReport } from "../thread/builders.test-helper.js";
import { evidenceSignals } from "./evidence.js";

describe("evidenceSignals", () => {
  it("shows the analysis's signals, without their counts", () => {
    const cite = { label: "comment by bob", url: "https://github.com/acme/widget/issues/7#issuecomment-1" };
    const r = makeReport({
      body: "Sometimes it fails.",
      signals: [
        { signal: "verified", strength: "strong", value: 3, reason: "3 people reproduced it", citations: [cite] },
        { signal: "flaky", strength: "some", value: 1, reason: "described as intermittent in 1 place", citations: [] },
      ],
    });
    expect(evidenceSignals(r)).toEqual([
      { signal: "verified", strength: "strong", reason: "3 people reproduced it", citations: [cite] },
      { signal: "flaky", strength: "some", reason: "described as intermittent in 1 place", citations: [] },
    ]);
  });

  it("guesses nothing when the analysis found no signal, or the report predates signals", () => {
    expect(evidenceSignals(makeReport({ body: "Sometimes it fails. I cannot use it.", signals: [] }))).toEqual([]);
    expect(evidenceSignals(makeReport({ body: "Sometimes it fails. I cannot use it." }))).toEqual([]);
  });
});
