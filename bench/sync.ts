// Repository sync (issue 3): requests, seconds and peak memory of a shallow sync of a generated
// 50,000-thread repository and a deep sync of a 1,000-thread one, each followed by an unchanged
// re-sync (one conditional request, answered 304). The stand-in runs in a child process, so this
// process holds only the sync and its SQLite store.
// Baselines, run in the same process against the same stand-in: paging through the same issue list
// with plain fetch (Link headers, no parsing beyond JSON, no store), and for the deep sync the REST
// crawl a script would write (the list, then every page of comments and timeline of each thread).
// Request counts do not depend on the machine; seconds and memory do.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGitHubClient } from "../src/core/github/index.js";
import { openStore } from "../src/core/store/open-store.js";
import type { RepoRef, Store } from "../src/core/store/types.js";
import { type SyncResult, syncRepo } from "../src/core/use-cases/sync/sync-repo.js";
import type { GenerateRepoOptions } from "../standin/index.js";
import { benchScript, type MemoryPeak, measured, startChild } from "./proc.js";
import { fmt, peakRssMb, table } from "./stats.js";

const SHALLOW_ISSUES = 50_000;
const DEEP_ISSUES = 1_000;
const PER_PAGE = 100;
const TOKEN = "bench-token";

const big: RepoRef = { host: "github.com", owner: "bench", repo: "big" };
const small: RepoRef = { host: "github.com", owner: "bench", repo: "small" };

type Row = {
  name: string;
  threads: number;
  requests: number;
  counted: number;
  standinSeconds: number;
  seconds: number;
  memory: MemoryPeak;
};

export async function benchSync(): Promise<string> {
  const repos: GenerateRepoOptions[] = [
    { owner: big.owner, repo: big.repo, issues: SHALLOW_ISSUES, seed: 11 },
    { owner: small.owner, repo: small.repo, issues: DEEP_ISSUES, seed: 12 },
  ];
  const startedAt = performance.now();
  const standin = await startChild(benchScript("child-standin.ts"), { repos });
  const standinStartSeconds = (performance.now() - startedAt) / 1000;
  const root = mkdtempSync(join(tmpdir(), "issuegraph-bench-sync-"));
  let store: Store | null = null;
  try {
    store = await openStore({ kind: "sqlite", path: join(root, "sync.db") });
    const { rows, syncRows } = await runPhases(standin.url, store);
    const stored = (await store.stats()).threads;
    return syncReport(rows, syncRows, stored, standinStartSeconds);
  } finally {
    await store?.close();
    await standin.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** The sync phases and their raw baselines, each measured and counted on the stand-in. */
async function runPhases(standinUrl: string, store: Store) {
  const standin = { url: standinUrl };
  const counted = standinCounter(standin.url);
  const headers = { authorization: `token ${TOKEN}`, accept: "application/vnd.github+json" };
  const listUrl = (r: RepoRef) =>
    `${standin.url}/repos/${r.owner}/${r.repo}/issues?state=all&sort=updated&direction=asc&per_page=${PER_PAGE}`;
  // Warm-up: the stand-in builds and caches each list ordering on first use.
  for (const r of [big, small]) await (await fetch(listUrl(r), { headers })).arrayBuffer();

  const client = createGitHubClient({ apiUrl: standin.url, token: TOKEN });
  const deps = { client, store, now: () => new Date() };
  const rows: Row[] = [];
  const phase = async (name: string, fn: () => Promise<{ threads: number; requests: number }>) => {
    await counted.reset();
    const m = await measured(fn);
    const seen = await counted.read();
    rows.push({
      name,
      ...m.value,
      counted: seen.requests,
      standinSeconds: seen.seconds,
      seconds: m.seconds,
      memory: m.memory,
    });
    return m.value;
  };
  const syncRows = new Map<string, SyncResult>();
  const sync = (name: string, repo: RepoRef, deep: boolean) =>
    phase(name, async () => {
      const r = await syncRepo({ repo, deep, perPage: PER_PAGE }, deps);
      syncRows.set(name, r);
      return { threads: r.listed, requests: r.requests };
    });

  await phase("raw list, plain fetch (baseline)", () => rawList(listUrl(big), headers));
  await sync("shallow sync", big, false);
  await sync("shallow re-sync, unchanged", big, false);
  await phase("raw REST crawl (baseline)", () => rawCrawl(standin.url, listUrl(small), headers));
  await sync("deep sync", small, true);
  await sync("deep re-sync, unchanged", small, true);
  return { rows, syncRows };
}

/** The Markdown section: the phase table and the ratios against the baselines. */
function syncReport(
  rows: Row[],
  syncRows: Map<string, SyncResult>,
  stored: number,
  standinStartSeconds: number,
): string {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const get = (name: string) => byName.get(name) as Row;
  const shallow = get("shallow sync");
  const deep = get("deep sync");
  const rawShallow = get("raw list, plain fetch (baseline)");
  const rawDeep = get("raw REST crawl (baseline)");
  const own = (r: Row) => r.seconds - r.standinSeconds;
  const deepResult = syncRows.get("deep sync");
  const again = [syncRows.get("shallow re-sync, unchanged"), syncRows.get("deep re-sync, unchanged")];

  return [
    "## Repository sync from the stand-in (issue 3)",
    `sizes: shallow ${SHALLOW_ISSUES.toLocaleString("en")} threads (every 5th a pull), deep ${DEEP_ISSUES.toLocaleString("en")} threads ` +
      `(0-3 comments each), list page size ${PER_PAGE}; SQLite store in ${tmpdir()}; stand-in in a child process ` +
      `(generated and started in ${fmt(standinStartSeconds)} s)`,
    table(
      [
        "phase",
        "threads listed",
        "requests",
        "stand-in saw",
        "seconds",
        "of which stand-in",
        "threads/s",
        "heap start MB",
        "peak heap MB",
        "peak RSS MB",
      ],
      rows.map((r) => [
        r.name,
        r.threads,
        r.requests,
        r.counted,
        fmt(r.seconds, 2),
        fmt(r.standinSeconds, 2),
        r.threads > 0 ? fmt(r.threads / r.seconds, 0) : "-",
        fmt(r.memory.heapStartMb, 0),
        fmt(r.memory.peakHeapMb, 0),
        fmt(r.memory.peakRssMb, 0),
      ]),
    ),
    `shallow sync / raw list: ${fmt(shallow.seconds / rawShallow.seconds, 2)}x the time, ` +
      `${fmt(shallow.requests / rawShallow.requests, 2)}x the requests (keyset paging re-lists each page's last update)`,
    `without the stand-in's own time: shallow sync ${fmt(own(shallow), 1)} s / raw list ${fmt(own(rawShallow), 1)} s = ` +
      `${fmt(own(shallow) / own(rawShallow), 1)}x; ` +
      `deep sync ${fmt(own(deep), 1)} s / raw crawl ${fmt(own(rawDeep), 1)} s = ${fmt(own(deep) / own(rawDeep), 1)}x`,
    `deep sync / raw REST crawl: ${fmt(deep.seconds / rawDeep.seconds, 2)}x the time, ` +
      `${fmt(deep.requests / rawDeep.requests, 2)}x the requests ` +
      `(deep: ${deepResult?.requestsBy.rest ?? "?"} REST + ${deepResult?.requestsBy.graphql ?? "?"} GraphQL)`,
    `unchanged re-sync: ${again.map((r) => `${r?.requests ?? "?"} request${r?.notModified ? " (304)" : ""}`).join(", ")}; ` +
      `store holds ${stored.toLocaleString("en")} threads; process peak RSS ${fmt(peakRssMb(), 0)} MB`,
    "(requests: counted by the client; stand-in saw: recorded by the stand-in, control requests excluded; " +
      "of which stand-in: the stand-in's own time answering them, summed)",
  ].join("\n");
}

/** The stand-in's recorded requests, through its control API. */
function standinCounter(url: string) {
  return {
    reset: async () => {
      await (await fetch(`${url}/__control/requests`, { method: "DELETE" })).arrayBuffer();
    },
    read: async () => {
      const recorded = (await (await fetch(`${url}/__control/requests`)).json()) as { durationMs: number }[];
      return { requests: recorded.length, seconds: recorded.reduce((sum, r) => sum + r.durationMs, 0) / 1000 };
    },
  };
}

const nextOf = (res: Response): string | null =>
  /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1] ?? null;

/** Every page of a list by its Link headers; returns what it read. */
async function pages(first: string, headers: Record<string, string>): Promise<{ items: unknown[]; requests: number }> {
  const items: unknown[] = [];
  let requests = 0;
  for (let url: string | null = first; url; ) {
    const res = await fetch(url, { headers });
    requests++;
    if (!res.ok) throw new Error(`${res.status} from ${url}`);
    items.push(...((await res.json()) as unknown[]));
    url = nextOf(res);
  }
  return { items, requests };
}

/** The issue list, page by page, JSON-parsed and thrown away. */
async function rawList(first: string, headers: Record<string, string>) {
  let threads = 0;
  let requests = 0;
  for (let url: string | null = first; url; ) {
    const res = await fetch(url, { headers });
    requests++;
    if (!res.ok) throw new Error(`${res.status} from ${url}`);
    threads += ((await res.json()) as unknown[]).length;
    url = nextOf(res);
  }
  return { threads, requests };
}

/** The list, then every page of comments and of the timeline of each thread (REST, sequential). */
async function rawCrawl(apiUrl: string, first: string, headers: Record<string, string>) {
  const list = await pages(first, headers);
  let requests = list.requests;
  for (const item of list.items as { number: number }[]) {
    const base = `${apiUrl}/repos/${small.owner}/${small.repo}/issues/${item.number}`;
    requests += (await pages(`${base}/comments?per_page=100`, headers)).requests;
    requests += (await pages(`${base}/timeline?per_page=100`, headers)).requests;
  }
  return { threads: list.items.length, requests };
}
