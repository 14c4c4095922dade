// The web server under load (issues 4 and 10): requests per second and p99 latency of a cached issue
// page (a first visit, and a returning reader with a voter cookie) and of the JSON report
// (/api/v1/issues/{o}/{r}/{n}), driven by autocannon over loopback. The
// server is `issuegraph serve` as the CLI builds it (serveCommand: real SQLite store in a temp
// folder, real GitHub client with a token against the stand-in on examples/fixtures), in a child
// process; autocannon runs here. Baseline, in the same run: a bare node:http server (also a child)
// answering the same paths with the same headers and bytes, recorded from the app. Each target is
// measured right after its baseline, so both see the same load on a shared machine; with --json,
// one line per target carries its baseline: {bench, target, rps, p99_ms, baseline_rps, ...}.
// Then 50 concurrent first requests for one issue that is not stored yet: all must get the report,
// and the stand-in must see one fetch of the thread.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon, { type Result } from "autocannon";
import { projectPath } from "../src/project-paths.js";
import { loadFixtureDir, type Standin, startStandin } from "../standin/index.js";
import type { ChildServeArg, PlainRoute } from "./child-serve.js";
import { benchScript, type Child, type ChildExit, startChild } from "./proc.js";
import { fmt, median, percentile, table } from "./stats.js";

/** Per target: ROUNDS rounds of (baseline, app) runs of ROUND_S seconds each, alternating which goes first. */
const ROUNDS = 6;
const ROUND_S = 1;
const WARMUP_S = 1;
const CONNECTIONS = 20;
const BURST = 50;
const TOKEN = "bench-token";

const fixtures = projectPath("examples", "fixtures");

type Target = { label: string; url: string; headers?: Record<string, string> };

/** What a target's rounds add up to: requests per second over all rounds, the median round's p50/p99. */
type Measure = { rps: number; p50: number; p99: number; non2xx: number; errors: number };

/**
 * One measured target with its baseline, run in alternating rounds so both see the same machine.
 * The ratios are the medians of the per-round ratios (each app round against the baseline round
 * next to it), which a load spike on a shared machine moves less than a ratio of totals.
 */
type Pair = { target: string; app: Measure; baseline: Measure; ratio: number; p99Ratio: number };

export async function benchServe(options: { json?: boolean } = {}): Promise<string> {
  const standin = await startStandin({ fixturesDir: fixtures, limits: { anonymous: 1e9, authenticated: 1e9 } });
  const root = mkdtempSync(join(tmpdir(), "issuegraph-bench-serve-"));
  const children: Child[] = [];
  const exits = new Map<string, ChildExit>();
  try {
    const { cached, fresh } = pickIssues();
    const pagePath = `/${cached.owner}/${cached.repo}/issues/${cached.number}`;
    const apiPath = (t: { owner: string; repo: string; number: number }) =>
      `/api/v1/issues/${t.owner}/${t.repo}/${t.number}`;

    const appArg: ChildServeArg = {
      mode: "app",
      config: {
        port: 0,
        host: "127.0.0.1",
        apiUrl: standin.url,
        githubToken: TOKEN,
        store: { kind: "sqlite", path: join(root, "serve.db") },
        adminToken: null,
        secret: null,
        catalogPath: null,
        logLevel: "warn",
      },
    };
    const app = await startChild(benchScript("child-serve.ts"), appArg);
    children.push(app);

    const { json, cookie, page } = await warmUp(app.url, ref(cached), pagePath, apiPath(cached));

    const routes: Record<string, PlainRoute> = {};
    for (const [path, r] of [
      [pagePath, page],
      [apiPath(cached), json],
    ] as const) {
      const bodyFile = join(root, `body-${Object.keys(routes).length}`);
      writeFileSync(bodyFile, r.body);
      routes[path] = { headers: r.headers, bodyFile };
    }
    const plain = await startChild(benchScript("child-serve.ts"), { mode: "plain", routes } satisfies ChildServeArg);
    children.push(plain);

    const upstreamBefore = standin.requests.length;
    const pagePlain: Target = { label: "plain node:http", url: `${plain.url}${pagePath}` };
    const jsonPlain: Target = { label: "plain node:http", url: `${plain.url}${apiPath(cached)}` };
    const plan: { name: string; app: Target; baseline: Target }[] = [
      {
        name: "issue page, returning reader",
        app: { label: "app", url: `${app.url}${pagePath}`, headers: { cookie } },
        baseline: pagePlain,
      },
      { name: "issue page, first visit", app: { label: "app", url: `${app.url}${pagePath}` }, baseline: pagePlain },
      { name: "JSON report", app: { label: "app", url: `${app.url}${apiPath(cached)}` }, baseline: jsonPlain },
    ];
    const pairs = await measurePairs(plan);
    const upstreamDuringLoad = standin.requests.length - upstreamBefore;

    // 50 concurrent first requests for an issue not stored yet.
    const burst = await runBurst(standin, `${app.url}${apiPath(fresh)}`, fresh);

    for (const [name, child] of [
      ["app", app],
      ["plain", plain],
    ] as const) {
      exits.set(name, await child.stop());
      children.splice(children.indexOf(child), 1);
    }

    if (options.json) return jsonLines(pairs).join("\n");
    return serveReport({ cached, fresh, page, json, pairs, upstreamDuringLoad, exits, burst, apiPath: apiPath(fresh) });
  } finally {
    for (const child of children) await child.stop().catch(() => null);
    await standin.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** The cached issue: the fixture issue of median size; the burst: the next one in size. */
function pickIssues() {
  // The cached issue: the fixture issue of median size; the burst: the next one in size.
  const issues = loadFixtureDir(fixtures)
    .threads.filter((t) => t.type === "issue")
    .map((t) => ({ t, size: JSON.stringify(t).length }))
    .sort((a, b) => a.size - b.size);
  const mid = Math.floor(issues.length / 2);
  const cached = issues[mid]?.t;
  const fresh = issues[mid + 1]?.t;
  if (!cached || !fresh) throw new Error("examples/fixtures has too few issues");
  return { cached, fresh };
}

/** Warms the app's cache and becomes a returning reader (one vote): the JSON and page answers to replay. */
async function warmUp(appUrl: string, cachedRef: string, pagePath: string, jsonPath: string) {
  // Warm the cache: the first API request waits for the analysis and stores the report.
  const first = await fetch(`${appUrl}${jsonPath}`);
  if (first.status !== 200) throw new Error(`warm-up ${jsonPath}: ${first.status} ${await first.text()}`);
  const json = await record(first);
  // A returning reader: one who has voted (pages mint no cookie; the first vote does).
  const vote = await fetch(`${appUrl}/api/v1/votes`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appUrl, "sec-fetch-site": "same-origin" },
    body: JSON.stringify({ ref: cachedRef, signal: "works" }),
  });
  if (vote.status !== 200) throw new Error(`warm-up vote: ${vote.status} ${await vote.text()}`);
  const cookie = vote.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (!cookie.includes("ig_voter=")) throw new Error("warm-up vote: no voter cookie");
  const pageResponse = await fetch(`${appUrl}${pagePath}`, { headers: { cookie } });
  if (pageResponse.status !== 200) throw new Error(`warm-up ${pagePath}: ${pageResponse.status}`);
  const page = await record(pageResponse);
  return { json, cookie, page };
}

/** Each plan entry: app and baseline warmed, then rounds alternating which goes first. */
async function measurePairs(plan: { name: string; app: Target; baseline: Target }[]): Promise<Pair[]> {
  const pairs: Pair[] = [];
  for (const p of plan) {
    await load(p.baseline, WARMUP_S);
    await load(p.app, WARMUP_S);
    const runs: { app: Result[]; baseline: Result[] } = { app: [], baseline: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (["baseline", "app"] as const) : (["app", "baseline"] as const);
      for (const side of order) runs[side].push(await load(p[side], ROUND_S));
    }
    const perRound = runs.app.map((a, i) => {
      const b = runs.baseline[i] as Result;
      return {
        ratio: a.requests.total / a.duration / (b.requests.total / b.duration),
        // Latencies are whole milliseconds; below 1 ms both count as 1.
        p99: Math.max(a.latency.p99, 1) / Math.max(b.latency.p99, 1),
      };
    });
    pairs.push({
      target: p.name,
      app: combine(runs.app),
      baseline: combine(runs.baseline),
      ratio: median(perRound.map((r) => r.ratio)),
      p99Ratio: median(perRound.map((r) => r.p99)),
    });
  }
  return pairs;
}

function jsonLines(pairs: Pair[]): string[] {
  const rps = (m: Measure) => m.rps;
  return pairs.map((p) =>
    JSON.stringify({
      bench: "serve",
      target: p.target,
      rps: round(rps(p.app), 0),
      p99_ms: p.app.p99,
      baseline_rps: round(rps(p.baseline), 0),
      baseline_p99_ms: p.baseline.p99,
      ratio: round(p.ratio, 3),
      p99_ratio: round(p.p99Ratio, 2),
      non2xx: p.app.non2xx,
      errors: p.app.errors,
    }),
  );
}

type Burst = Awaited<ReturnType<typeof runBurst>>;

/** 50 concurrent first requests for an issue not stored yet: statuses, timings, and what reached GitHub. */
async function runBurst(standin: Standin, url: string, fresh: { owner: string; repo: string; number: number }) {
  standin.clearRequests();
  const started = performance.now();
  const burst = await Promise.all(
    Array.from({ length: BURST }, async () => {
      const t0 = performance.now();
      const res = await fetch(url);
      const body = (await res.json()) as { report?: { meta?: { apiRequests?: { rest: number; graphql: number } } } };
      return { status: res.status, ms: performance.now() - t0, cost: body.report?.meta?.apiRequests ?? null };
    }),
  );
  const burstSeconds = (performance.now() - started) / 1000;
  const upstream = [...standin.requests];
  const threadFetches = upstream.filter(
    (r) =>
      r.operationName === "IssueThread" ||
      (r.api === "rest" && r.path.endsWith(`/repos/${fresh.owner}/${fresh.repo}/issues/${fresh.number}`)),
  ).length;
  const statuses = countBy(burst.map((b) => String(b.status)));
  const cost = burst.find((b) => b.cost)?.cost;
  const burstMs = burst.map((b) => b.ms);
  return { burstSeconds, upstream, threadFetches, statuses, cost, burstMs };
}

type ServeRun = {
  cached: { owner: string; repo: string; number: number };
  fresh: { owner: string; repo: string; number: number };
  page: { body: Buffer };
  json: { body: Buffer };
  pairs: Pair[];
  upstreamDuringLoad: number;
  exits: Map<string, ChildExit>;
  burst: Burst;
  apiPath: string;
};

/** The Markdown section: the load table against the baseline, then the burst. */
function serveReport(run: ServeRun): string {
  const { cached, fresh, page, json, pairs, upstreamDuringLoad, exits } = run;
  const { burstSeconds, upstream, threadFetches, statuses, cost, burstMs } = run.burst;
  const rps = (m: Measure) => m.rps;
  return [
    "## Web server under load (issues 4, 10)",
    `sizes: autocannon, ${CONNECTIONS} connections, loopback; per target ${ROUNDS} rounds of ${ROUND_S} s for the app and ${ROUND_S} s for its baseline, alternating which goes first (after ${WARMUP_S} s unrecorded each); req/s over all rounds, p50/p99 of the median round; ` +
      `server and baseline each in a child process, autocannon in this one; cached issue ${ref(cached)} ` +
      `(page ${kb(page.body)} KB, JSON ${kb(json.body)} KB); the server's store (fresh SQLite) holds only what it analysed, ` +
      "so the page's per-view similar() is cheap here",
    table(
      [
        "target",
        "req/s",
        "p50 ms",
        "p99 ms",
        "non-2xx",
        "errors",
        "baseline req/s",
        "baseline p99 ms",
        "ratio",
        "p99 ratio",
      ],
      pairs.map((p) => [
        p.target,
        fmt(rps(p.app), 0),
        fmt(p.app.p50, 1),
        fmt(p.app.p99, 1),
        p.app.non2xx,
        p.app.errors,
        fmt(rps(p.baseline), 0),
        fmt(p.baseline.p99, 1),
        `${fmt(p.ratio, 3)}x`,
        `${fmt(p.p99Ratio, 2)}x`,
      ]),
    ),
    "(baseline: a plain node:http server answering the same path with the same headers and bytes, in rounds alternating with the app; " +
      "ratio and p99 ratio: medians of the per-round ratios)",
    `upstream (stand-in) requests during the load runs: ${upstreamDuringLoad}; ` +
      `server process peak RSS ${fmt(exits.get("app")?.maxRssMb ?? Number.NaN, 0)} MB, ` +
      `baseline ${fmt(exits.get("plain")?.maxRssMb ?? Number.NaN, 0)} MB`,
    "",
    `### ${BURST} concurrent first requests for ${ref(fresh)} (not stored yet), GET ${run.apiPath}`,
    table(
      [
        "statuses",
        "all done s",
        "p50 ms",
        "max ms",
        "thread fetches upstream",
        "upstream requests",
        "one analysis costs",
      ],
      [
        [
          Object.entries(statuses)
            .map(([s, n]) => `${n}x ${s}`)
            .join(", "),
          fmt(burstSeconds, 2),
          fmt(median(burstMs), 0),
          fmt(percentile(burstMs, 100), 0),
          threadFetches,
          upstream.length,
          cost ? `${cost.rest} REST + ${cost.graphql} GraphQL` : "?",
        ],
      ],
    ),
    "(thread fetches: the stand-in's IssueThread GraphQL queries (or REST GETs of the issue); " +
      "upstream requests: everything the stand-in saw, to compare with what one analysis costs)",
  ].join("\n");
}

/** The response's bytes and the headers a baseline must repeat (not per-connection or per-client ones). */
async function record(res: Response): Promise<{ headers: Record<string, string>; body: Buffer }> {
  const headers: Record<string, string> = {};
  const skip = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie"]);
  res.headers.forEach((value, name) => {
    if (!skip.has(name)) headers[name] = value;
  });
  return { headers, body: Buffer.from(await res.arrayBuffer()) };
}

function combine(results: Result[]): Measure {
  const total = results.reduce((n, r) => n + r.requests.total, 0);
  const seconds = results.reduce((n, r) => n + r.duration, 0);
  return {
    rps: total / seconds,
    p50: median(results.map((r) => r.latency.p50)),
    p99: median(results.map((r) => r.latency.p99)),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
  };
}

function load(target: Target, duration: number): Promise<Result> {
  return autocannon({ url: target.url, connections: CONNECTIONS, duration, headers: target.headers ?? {} });
}

const ref = (t: { owner: string; repo: string; number: number }) => `${t.owner}/${t.repo}#${t.number}`;
const kb = (b: Buffer) => fmt(b.length / 1024, 1);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
