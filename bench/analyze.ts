// CPU time of analyse and render: per dev fixture thread (median, p95) and for a generated thread
// with 5,000 comments and 2,000 events (median). The baseline, run in the same process, is one deep
// copy of the same input (JSON round trip), so the ratio says how many input copies the analysis costs.

import type { AnalyzeInput } from "../src/core/analyze/analyze.js";
import { analyze } from "../src/core/analyze/analyze.js";
import { createGitHubClient } from "../src/core/github/index.js";
import { crawl } from "../src/core/graph/crawl.js";
import { renderJson } from "../src/core/render/json.js";
import { renderMarkdown } from "../src/core/render/markdown.js";
import type { IssueRef } from "../src/core/thread/types.js";
import { projectPath } from "../src/project-paths.js";
import { generateThread, loadFixtureDir, startStandin } from "../standin/index.js";
import { fmt, median, percentile, sampleCpu, table } from "./stats.js";

type Prepared = { name: string; input: AnalyzeInput };

async function prepare(standinUrl: string, refs: IssueRef[]): Promise<Prepared[]> {
  const client = createGitHubClient({ apiUrl: standinUrl, token: "bench-token" });
  const out: Prepared[] = [];
  for (const ref of refs) {
    const { thread, meta } = await client.fetchThread(ref);
    if (!thread) continue;
    const graph = await crawl(
      thread,
      {
        fetchSummaries: (r) => client.fetchSummaries(r),
        fetchThread: async (r) => (await client.fetchThread(r)).thread,
      },
      { depth: 1 },
    );
    out.push({
      name: `${ref.owner}/${ref.repo}#${ref.number}`,
      input: { thread, links: graph.links, commits: graph.commits, meta, depth: 1, generatedAt: meta.fetchedAt },
    });
  }
  return out;
}

const analyseAndRender = (input: AnalyzeInput) => {
  const report = analyze(input);
  renderMarkdown(report);
  renderJson(report);
};

const copyInput = (input: AnalyzeInput) => JSON.parse(JSON.stringify(input));

export async function benchAnalyze(): Promise<string> {
  const lines: string[] = ["## CPU time of analyse + render (ms)"];

  const dev = await startStandin({ fixturesDir: projectPath("examples", "fixtures") });
  let prepared: Prepared[];
  try {
    const refs = loadFixtureDir(projectPath("examples", "fixtures")).threads.map(
      (t) => ({ host: "github.com", owner: t.owner, repo: t.repo, number: t.number }) as IssueRef,
    );
    prepared = await prepare(dev.url, refs);
  } finally {
    await dev.close();
  }
  const perThread = prepared.map((p) => median(sampleCpu(() => analyseAndRender(p.input), 5, 1)));
  const perThreadCopy = prepared.map((p) => median(sampleCpu(() => copyInput(p.input), 5, 1)));
  lines.push(
    table(
      ["dev fixtures", "threads", "median", "p95", "baseline copy median", "ratio"],
      [
        [
          "analyse+render",
          prepared.length,
          fmt(median(perThread), 2),
          fmt(percentile(perThread, 95), 2),
          fmt(median(perThreadCopy), 3),
          fmt(median(perThread) / Math.max(median(perThreadCopy), 0.001), 1),
        ],
      ],
    ),
  );

  const big = generateThread({ owner: "bench", repo: "huge", number: 1, comments: 5000, events: 2000, seed: 7 });
  const standin = await startStandin({ fixtures: [big] });
  try {
    const [one] = await prepare(standin.url, [{ host: "github.com", owner: "bench", repo: "huge", number: 1 }]);
    if (!one) throw new Error("the generated thread did not load");
    const runs = sampleCpu(() => analyseAndRender(one.input), 7);
    const copies = sampleCpu(() => copyInput(one.input), 7);
    const analyseOnly = sampleCpu(() => analyze(one.input), 7);
    lines.push(
      "",
      table(
        ["generated thread (5,000 comments, 2,000 events)", "median", "p95", "baseline copy median", "ratio"],
        [
          [
            "analyse only",
            fmt(median(analyseOnly)),
            fmt(percentile(analyseOnly, 95)),
            fmt(median(copies)),
            fmt(median(analyseOnly) / median(copies), 1),
          ],
          [
            "analyse + render md + json",
            fmt(median(runs)),
            fmt(percentile(runs, 95)),
            fmt(median(copies)),
            fmt(median(runs) / median(copies), 1),
          ],
        ],
      ),
      `fetching it took ${one.input.meta.requests.graphql} GraphQL requests`,
    );
  } finally {
    await standin.close();
  }
  return lines.join("\n");
}
