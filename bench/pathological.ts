// The pathological corpus (test/pathological/corpus.test-helper.ts): CPU time to analyse each body (link
// discovery, analysis, the error, the Markdown report) and to render it as the page's HTML,
// at 16, 32 and 64 KB, with the growth from 16 to 64 KB (4 = linear). The baseline, run in the same
// process, is an ordinary body of the same size (prose with references). Then /healthz latency
// while four pathological pages are built at once by a real server with the Markdown worker pool.

import { analyze } from "../src/core/analyze/analyze.js";
import { discoverLinks } from "../src/core/graph/discover-links.js";
import { renderMarkdown } from "../src/core/render/markdown.js";
import type { Thread } from "../src/core/thread/types.js";
import { markdownBudgetUse } from "../src/core/use-cases/report.js";
import { threadErrorText } from "../src/core/use-cases/store-thread.js";
import { makeTestApp, testThread } from "../src/server/app.test-helper.js";
import { renderMarkdownBody } from "../src/server/html/markdown-html.js";
import { createMarkdownPool } from "../src/server/html/markdown-pool.js";
import { startServer } from "../src/server/node.js";
import { PATHOLOGICAL_CORPUS } from "../test/pathological/corpus.test-helper.js";
import { fmt, median, percentile, sampleCpu, table } from "./stats.js";

const SIZES = [16_384, 32_768, 65_535];
const BUDGET_MS = 250;

function analyseThread(thread: Thread): void {
  const d = discoverLinks(thread);
  const report = analyze({
    thread,
    links: d.links.map((l) => ({ ...l, summary: null, depth: 1 })),
    commits: d.commits,
    meta: { fetchedAt: thread.updatedAt, via: "graphql", requests: { rest: 0, graphql: 1 } },
    depth: 1,
    generatedAt: thread.updatedAt,
  });
  markdownBudgetUse(thread);
  threadErrorText(thread);
  renderMarkdown(report);
}

const ordinary = (size: number) => "See #12 and o/r#3: the *build* fails with `code` here. ".repeat(size / 56);

export async function benchPathological(): Promise<string> {
  const lines = ["## Pathological bodies: CPU ms (median of 3) to analyse / to render the page body"];
  const rows: (string | number)[][] = [];
  let worst = 0;
  const measure = (body: string) => {
    const thread = testThread(1, { body });
    const a = median(sampleCpu(() => analyseThread(thread), 3, 1));
    const r = median(sampleCpu(() => renderMarkdownBody(body), 3, 1));
    return { a, r };
  };
  const base = SIZES.map((s) => measure(ordinary(s)));
  rows.push([
    "(baseline: ordinary prose)",
    ...base.map((m) => `${fmt(m.a, 0)} / ${fmt(m.r, 0)}`),
    fmt(((base[2]?.a ?? 0) + (base[2]?.r ?? 0)) / Math.max(0.1, (base[0]?.a ?? 0) + (base[0]?.r ?? 0)), 1),
    "",
  ]);
  for (const recipe of PATHOLOGICAL_CORPUS) {
    if (recipe.name === "megabyte") continue;
    const m = SIZES.map((s) => measure(recipe.make(s)));
    const total = m.map((x) => x.a + x.r);
    worst = Math.max(worst, ...total);
    const simplified = markdownBudgetUse(testThread(1, { body: recipe.make(SIZES[2] as number) }));
    rows.push([
      recipe.name,
      ...m.map((x) => `${fmt(x.a, 0)} / ${fmt(x.r, 0)}`),
      fmt((total[2] ?? 0) / Math.max(0.5, total[0] ?? 0), 1),
      simplified?.simplified.join(",") ?? "",
    ]);
  }
  const mega = PATHOLOGICAL_CORPUS.find((r) => r.name === "megabyte");
  if (mega) {
    const m = measure(mega.make(0));
    rows.push(["megabyte (1 MB, cut)", "", "", `${fmt(m.a, 0)} / ${fmt(m.r, 0)}`, "", "length"]);
  }
  lines.push(
    table(["body", "16 KB", "32 KB", "64 KB", "growth 16→64 KB", "simplified"], rows),
    `worst body under 64 KB: ${fmt(worst, 0)} ms analyse + render (budget ${BUDGET_MS} ms): ${worst <= BUDGET_MS ? "within" : "OVER"}`,
    "",
  );
  lines.push(await healthzWhileBuilding());
  return lines.join("\n");
}

/** /healthz p50/p99 alone, and while 4 pathological pages are built concurrently (rounds of 4). */
async function healthzWhileBuilding(): Promise<string> {
  const names = ["emphasis-star", "bracket-pyramid", "deep-quotes", "paragraphs-of-emphasis"];
  const rounds = 6; // the first warms the workers up and is not measured
  const threads = [];
  for (let round = 0; round < rounds; round++) {
    for (const [i, name] of names.entries()) {
      const recipe = PATHOLOGICAL_CORPUS.find((r) => r.name === name);
      if (!recipe) throw new Error(name);
      // A different body per round, so every page renders anew (no cache hit).
      threads.push(testThread(1000 + round * 10 + i, { body: `${recipe.make(64_000)}\n\nround ${round}` }));
    }
  }
  const pool = createMarkdownPool();
  const t = await makeTestApp(threads, { markdownBody: pool });
  const server = await startServer({ app: t.app, port: 0, host: "127.0.0.1" });
  try {
    for (const th of threads) await fetch(`${server.url}/api/v1/issues/acme/widget/${th.ref.number}`);
    const probe = async (until: () => boolean, min: number) => {
      const out: number[] = [];
      while (!until() || out.length < min) {
        const started = performance.now();
        await (await fetch(`${server.url}/healthz`)).arrayBuffer();
        out.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 2));
      }
      return out;
    };
    const idle = await probe(() => true, 200);
    const busy: number[] = [];
    const pageMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let done = false;
      const started = performance.now();
      const pages = Promise.all(
        names.map((_, i) => fetch(`${server.url}/acme/widget/issues/${1000 + round * 10 + i}`).then((r) => r.text())),
      ).finally(() => {
        done = true;
        pageMs.push(performance.now() - started);
      });
      const samples = await probe(() => done, 20);
      await pages;
      if (round === 0) {
        pageMs.pop();
        continue;
      }
      busy.push(...samples);
    }
    return table(
      ["/healthz (ms)", "samples", "p50", "p99", "max"],
      [
        ["idle server (baseline)", idle.length, fmt(median(idle)), fmt(percentile(idle, 99)), fmt(Math.max(...idle))],
        [
          "4 pathological pages building",
          busy.length,
          fmt(median(busy)),
          fmt(percentile(busy, 99)),
          fmt(Math.max(...busy)),
        ],
      ],
    ).concat(`\n(4 pages built concurrently: median ${fmt(median(pageMs), 0)} ms per round of 4)`);
  } finally {
    await server.close();
    await pool.close();
  }
}
