import { describe, expect, it } from "vitest";
import type { ThreadRow } from "../../core/store/types.js";
import { testRef } from "../app.test-helper.js";
import { errorClusters, likelyDuplicates } from "./repo-model.js";

const row = (n: number, over: Partial<ThreadRow> = {}): ThreadRow => ({
  ref: testRef(n),
  kind: "issue",
  title: `issue ${n}`,
  state: "open",
  stateReason: null,
  updatedAt: "2026-04-01T00:00:00Z",
  fetchedAt: "2026-04-01T00:00:00Z",
  duplicateOf: null,
  errorText: null,
  signatureKey: null,
  ...over,
});

describe("the repository page's lists", () => {
  const rows = [
    row(1, { signatureKey: "a", errorText: "  Error: A  ", state: "closed", stateReason: "completed" }),
    row(5, { signatureKey: "a", errorText: "Error: A" }),
    row(3, { signatureKey: "a", errorText: "Error: A" }),
    row(2, { signatureKey: "b", errorText: "Error: B" }),
    row(4, { signatureKey: "b", errorText: "Error: B", state: "closed", stateReason: "not_planned" }),
    row(6, { signatureKey: "c", errorText: "Error: C" }),
    row(7, { duplicateOf: testRef(2) }),
    row(8, { duplicateOf: testRef(2), state: "closed", stateReason: "duplicate" }),
  ];

  it("groups issues by error signature, biggest first; a lone error is not a cluster", () => {
    const clusters = errorClusters(rows);
    expect(clusters.map((c) => [c.errorText, c.issues.map((i) => i.ref.number), c.open])).toEqual([
      ["Error: A", [1, 3, 5], 2],
      ["Error: B", [2, 4], 1],
    ]);
  });

  it("lists open issues marked as duplicates or sharing an earlier issue's error, newest first", () => {
    expect(likelyDuplicates(rows).map((d) => [d.issue.ref.number, d.of.number, d.why])).toEqual([
      [7, 2, "marked"],
      [5, 1, "same-error"],
      [3, 1, "same-error"],
    ]);
  });
});
