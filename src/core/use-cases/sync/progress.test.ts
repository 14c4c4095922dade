import { describe, expect, it } from "vitest";
import {
  createProgressReporter,
  formatProgressBar,
  formatProgressLine,
  progressFraction,
  type SyncProgress,
} from "./progress.js";

const p = (over: Partial<SyncProgress> = {}): SyncProgress => ({
  repo: "acme/app",
  deep: true,
  phase: "fetching",
  pages: 2,
  listed: 150,
  stored: 120,
  fetched: 118,
  unchanged: 30,
  requests: 1234,
  since: "2024-01-11T00:00:00Z",
  startedFrom: "2024-01-01T00:00:00Z",
  now: "2024-01-21T00:00:00Z",
  budget: { resource: "graphql", limit: 5000, remaining: 3766, resetAt: "2024-01-21T01:00:00Z" },
  ...over,
});

describe("progress formatting", () => {
  it("measures progress as the watermark's way from the first listed update to now", () => {
    expect(progressFraction(p())).toBe(0.5);
    expect(progressFraction(p({ since: null }))).toBeNull();
    expect(progressFraction(p({ phase: "done", since: null }))).toBe(1);
  });

  it("draws a bar with counts and the rate-limit budget", () => {
    expect(formatProgressBar(p(), 200)).toBe(
      "[##########----------]  50% acme/app 150 listed · 120 stored · 118 fetched · 30 unchanged · 1,234 requests · rate 3,766/5,000 left (graphql)",
    );
    expect(formatProgressBar(p({ deep: false, budget: null, since: null }), 200)).toBe(
      "[--------------------]  ..% acme/app 150 listed · 120 stored · 30 unchanged · 1,234 requests · rate unknown",
    );
    expect(formatProgressBar(p(), 40)).toHaveLength(40);
  });

  it("writes a plain line for logs", () => {
    expect(formatProgressLine(p({ phase: "done" }))).toBe(
      "sync acme/app: done, page 2, up to 2024-01-11T00:00:00Z: 150 listed · 120 stored · 118 fetched · 30 unchanged · 1,234 requests, rate 3,766/5,000 left (graphql)",
    );
  });
});

describe("createProgressReporter", () => {
  it("on a terminal redraws one line at most every redrawMs, and ends it", () => {
    const out: string[] = [];
    let t = 0;
    const r = createProgressReporter({ isTTY: true, write: (s) => out.push(s), now: () => new Date(t), redrawMs: 100 });
    r.update(p({ stored: 1 }));
    t = 50;
    r.update(p({ stored: 2 }));
    t = 150;
    r.update(p({ stored: 3 }));
    r.finish(p({ phase: "done", stored: 4 }));
    expect(out).toHaveLength(4);
    expect(out.every((s, i) => i === 3 || s.startsWith("\r"))).toBe(true);
    expect(out[1]).toContain("3 stored");
    expect(out.at(-1)).toBe("\n");
  });

  it("elsewhere writes one line per new page and a closing line, no control characters", () => {
    const out: string[] = [];
    const r = createProgressReporter({ isTTY: false, write: (s) => out.push(s), now: () => new Date(0) });
    r.update(p({ pages: 1 }));
    r.update(p({ pages: 1, stored: 5 }));
    r.update(p({ pages: 2 }));
    r.finish(p({ phase: "done", pages: 2 }));
    expect(out).toHaveLength(3);
    expect(out.join("").includes("\r") || out.join("").includes("\u001b")).toBe(false);
    expect(out[2]).toMatch(/^sync acme\/app: done/);
  });

  it("does not repeat the closing line when it says what the last page's line said", () => {
    const out: string[] = [];
    const r = createProgressReporter({ isTTY: false, write: (s) => out.push(s), now: () => new Date(0) });
    r.update(p({ pages: 1, phase: "done" }));
    r.finish(p({ pages: 1, phase: "done" }));
    expect(out).toHaveLength(1);
  });
});
