// While pages of pathological issues are built, /healthz (and so every other reader) still answers
// at once: parsing is bounded, and page bodies render in the worker pool with a deadline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATHOLOGICAL_CORPUS } from "../../test/pathological/corpus.js";
import { makeTestApp, testThread } from "./app.test-helper.js";
import { createMarkdownPool, type MarkdownRenderer } from "./html/markdown-pool.js";
import { type RunningServer, startServer } from "./node.js";

const BODY_CHARS = 64_000;
const ROUNDS = 5;
const names = ["emphasis-star", "bracket-pyramid", "deep-quotes", "emphasis-mixed"];

describe("/healthz while pathological pages are built", () => {
  let server: RunningServer;
  let pool: MarkdownRenderer;
  beforeAll(async () => {
    // Rounds of four, each body different, so every page is built anew.
    const threads = Array.from({ length: ROUNDS }, (_, round) =>
      names.map((name, i) => {
        const recipe = PATHOLOGICAL_CORPUS.find((r) => r.name === name);
        if (!recipe) throw new Error(`no recipe ${name}`);
        return testThread(100 + round * 10 + i, { body: `${recipe.make(BODY_CHARS)}\n\nround ${round}` });
      }),
    ).flat();
    pool = createMarkdownPool({ deadlineMs: 2_000 });
    const t = await makeTestApp(threads, { markdownBody: pool });
    server = await startServer({ app: t.app, port: 0, host: "127.0.0.1" });
    // Analysed (and stored) first: what is measured is building the pages.
    for (const th of threads) {
      expect((await fetch(`${server.url}/api/v1/issues/acme/widget/${th.ref.number}`)).status).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await pool?.close();
  });

  it("answers within 100 ms while four such pages build", async () => {
    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const pages = names.map((_, i) =>
        fetch(`${server.url}/acme/widget/issues/${100 + round * 10 + i}`).then((r) => r.status),
      );
      let building = true;
      const done = Promise.all(pages).finally(() => {
        building = false;
      });
      while (building) {
        const started = performance.now();
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(await done).toEqual([200, 200, 200, 200]);
    }
    expect(latencies.length).toBeGreaterThanOrEqual(ROUNDS);
    // p95 over every sample taken while pages were building: on a shared machine a single sample
    // can wait for the CPU whatever the server does (before the parse budget and the pool, every
    // sample during a build waited seconds). The benchmark reports p99 and max.
    const sorted = [...latencies].sort((a, b) => a - b);
    const p95 = sorted[Math.ceil(sorted.length * 0.95) - 1] ?? 0;
    expect(p95).toBeLessThanOrEqual(100);
  }, 60_000);
});
