// While pages of pathological issues are built, /healthz (and so every other reader) still answers
// at once: parsing is bounded, and page bodies render in the worker pool with a deadline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATHOLOGICAL_CORPUS } from "../../test/pathological/corpus.test-helper.js";
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

  // No clock here (latency is `npm run bench -- pathological`'s): what is checked is that the event
  // loop stays free, i.e. /healthz answers while the pages are still building. Before the parse
  // budget and the pool, a build held the loop for seconds, so no answer arrived until it ended.
  it("answers while four such pages are still building", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const pages = names.map((_, i) =>
        fetch(`${server.url}/acme/widget/issues/${100 + round * 10 + i}`).then((r) => r.status),
      );
      let building = true;
      const done = Promise.all(pages).finally(() => {
        building = false;
      });
      let answeredWhileBuilding = 0;
      while (building) {
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        if (building) answeredWhileBuilding++;
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(await done).toEqual([200, 200, 200, 200]);
      expect(answeredWhileBuilding, `round ${round}`).toBeGreaterThanOrEqual(1);
    }
  }, 60_000);
});
