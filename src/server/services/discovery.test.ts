import { describe, expect, it } from "vitest";
import type { Report } from "../../core/thread/report.js";
import type { IssueRef } from "../../core/thread/types.js";
import type { SimilarIssue } from "../deps.js";
import { memoiseSimilar } from "./discovery.js";

const ref: IssueRef = { host: "github.com", owner: "o", repo: "r", number: 1 };
const report = (generatedAt: string) => ({ meta: { generatedAt } }) as Report;

describe("memoiseSimilar", () => {
  it("computes once per issue and report within the ttl, shares concurrent calls, recomputes after", async () => {
    let now = 50_000;
    const calls: string[] = [];
    const similar = memoiseSimilar(
      async (_ref, r) => {
        calls.push(r.meta.generatedAt);
        return [] as SimilarIssue[];
      },
      { nowMs: () => now, ttlMs: 1000 },
    );
    await Promise.all([similar(ref, report("a")), similar(ref, report("a"))]);
    expect(calls).toEqual(["a"]);
    now = 51_000; // the ttl's last millisecond
    await similar(ref, report("a"));
    expect(calls).toEqual(["a"]);
    await similar(ref, report("b")); // a newer report computes afresh
    now = 51_001;
    await similar(ref, report("a")); // the ttl ran out
    expect(calls).toEqual(["a", "b", "a"]);
  });

  it("does not remember a failure, and keeps at most `max` issues", async () => {
    let fail = true;
    let count = 0;
    const similar = memoiseSimilar(
      async () => {
        count++;
        if (fail) throw new Error("store hiccup");
        return [];
      },
      { nowMs: () => 50_000, ttlMs: 1000, max: 1 },
    );
    await expect(similar(ref, report("a"))).rejects.toThrow("store hiccup");
    fail = false;
    await similar(ref, report("a"));
    expect(count).toBe(2);
    await similar({ ...ref, number: 2 }, report("a"));
    await similar(ref, report("a")); // evicted by issue 2
    expect(count).toBe(4);
  });
});
