// API requests per dev fixture: issuegraph's report (GraphQL with a token, REST without) next to a
// straightforward REST crawl of the same threads (the issue, every page of comments and timeline at
// GitHub's default page size, one request per linked thread). Counted on the stand-in, so the
// numbers do not depend on the machine.

import { createGitHubClient } from "../src/core/github/index.js";
import { discoverLinks } from "../src/core/graph/discover-links.js";
import type { IssueRef } from "../src/core/thread/types.js";
import { buildReport } from "../src/core/use-cases/report.js";
import { projectPath } from "../src/project-paths.js";
import { loadFixtureDir, startStandin } from "../standin/index.js";
import { table } from "./stats.js";

const fixtures = projectPath("examples", "fixtures");

export async function benchRequests(): Promise<string> {
  // Generous budgets: this counts requests, it does not test rate limiting.
  const standin = await startStandin({ fixturesDir: fixtures, limits: { anonymous: 1e9, authenticated: 1e9 } });
  try {
    const refs: IssueRef[] = loadFixtureDir(fixtures).threads.map((t) => ({
      host: "github.com",
      owner: t.owner,
      repo: t.repo,
      number: t.number,
    }));
    const rows: (string | number)[][] = [];
    const totals = { graphql: 0, rest: 0, naive: 0 };
    for (const ref of refs) {
      const graphql = await reportRequests(standin.url, ref, "bench-token");
      const rest = await reportRequests(standin.url, ref, null);
      const naive = await naiveCrawl(standin.url, ref);
      totals.graphql += graphql;
      totals.rest += rest;
      totals.naive += naive;
      rows.push([`${ref.owner}/${ref.repo}#${ref.number}`, graphql, rest, naive]);
    }
    rows.push(["TOTAL", totals.graphql, totals.rest, totals.naive]);
    const ratio = (a: number) => (totals.naive / a).toFixed(2);
    return [
      "## API requests per report (depth 1), counted on the stand-in",
      table(["thread", "issuegraph GraphQL", "issuegraph REST", "naive REST crawl"], rows),
      `naive crawl / issuegraph: ${ratio(totals.graphql)}x more requests than GraphQL, ${ratio(totals.rest)}x more than REST`,
      "(issuegraph's counts include the release lookup for merged fixes, which the naive crawl does not do)",
    ].join("\n");
  } finally {
    await standin.close();
  }
}

async function reportRequests(apiUrl: string, ref: IssueRef, token: string | null): Promise<number> {
  const client = createGitHubClient({ apiUrl, token });
  const { report } = await buildReport(ref, { depth: 1 }, { source: client, now: () => new Date() });
  return report.meta.apiRequests.rest + report.meta.apiRequests.graphql;
}

/** The crawl a script would write: GET the issue, follow every Link of comments and timeline, GET each linked thread. */
async function naiveCrawl(apiUrl: string, ref: IssueRef): Promise<number> {
  let requests = 0;
  const get = async (url: string) => {
    requests++;
    const res = await fetch(url, { headers: { accept: "application/vnd.github+json" } });
    const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1] ?? null;
    return { body: await res.json(), next };
  };
  const base = `${apiUrl}/repos/${ref.owner}/${ref.repo}/issues/${ref.number}`;
  await get(base);
  for (const first of [`${base}/comments`, `${base}/timeline`]) {
    let url: string | null = first;
    while (url) url = (await get(url)).next;
  }
  // The linked threads: the same set issuegraph discovers, one GET each.
  const client = createGitHubClient({ apiUrl, token: "bench-token" });
  const fetched = await client.fetchThread(ref);
  if (fetched.thread) {
    for (const link of discoverLinks(fetched.thread).links) {
      const t = link.target;
      await get(`${apiUrl}/repos/${t.owner}/${t.repo}/issues/${t.number}`);
    }
  }
  return requests;
}
