// The web server under load (issue 4): requests per second and p99 latency of a cached issue page
// and of the JSON report (/api/v1/issues/{o}/{r}/{n}), driven by autocannon over loopback. The
// server is `issuegraph serve` as the CLI builds it (serveCommand: real SQLite store in a temp
// folder, real GitHub client with a token against the stand-in on examples/fixtures), in a child
// process; autocannon runs here. Baseline, in the same run: a bare node:http server (also a child)
// answering the same paths with the same headers and bytes, recorded from the app.
// Then 50 concurrent first requests for one issue that is not stored yet: all must get the report,
// and the stand-in must see one fetch of the thread.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon, { type Result } from "autocannon";
import { projectPath } from "../src/project-paths.js";
import { loadFixtureDir, startStandin } from "../standin/index.js";
import type { ChildServeArg, PlainRoute } from "./child-serve.js";
import { benchScript, type Child, type ChildExit, startChild } from "./proc.js";
import { fmt, median, percentile, table } from "./stats.js";

const DURATION_S = 5;
const WARMUP_S = 1;
const CONNECTIONS = 20;
const BURST = 50;
const TOKEN = "bench-token";

const fixtures = projectPath("examples", "fixtures");

type Target = { label: string; url: string; headers?: Record<string, string> };

export async function benchServe(): Promise<string> {
  const standin = await startStandin({ fixturesDir: fixtures, limits: { anonymous: 1e9, authenticated: 1e9 } });
  const root = mkdtempSync(join(tmpdir(), "issuegraph-bench-serve-"));
  const children: Child[] = [];
  const exits = new Map<string, ChildExit>();
  try {
    // The cached issue: the fixture issue of median size; the burst: the next one in size.
    const issues = loadFixtureDir(fixtures)
      .threads.filter((t) => t.type === "issue")
      .map((t) => ({ t, size: JSON.stringify(t).length }))
      .sort((a, b) => a.size - b.size);
    const mid = Math.floor(issues.length / 2);
    const cached = issues[mid]?.t;
    const fresh = issues[mid + 1]?.t;
    if (!cached || !fresh) throw new Error("examples/fixtures has too few issues");
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

    // Warm the cache: the first API request waits for the analysis and stores the report.
    const first = await fetch(`${app.url}${apiPath(cached)}`);
    if (first.status !== 200) throw new Error(`warm-up ${apiPath(cached)}: ${first.status} ${await first.text()}`);
    const json = await record(first);
    const pageResponse = await fetch(`${app.url}${pagePath}`);
    if (pageResponse.status !== 200) throw new Error(`warm-up ${pagePath}: ${pageResponse.status}`);
    const cookie = (pageResponse.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await record(pageResponse);

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
    const targets: Target[] = [
      { label: "issue page, app (returning reader: voter cookie)", url: `${app.url}${pagePath}`, headers: { cookie } },
      { label: "issue page, app (first visit: no cookie)", url: `${app.url}${pagePath}` },
      { label: "issue page, plain node:http (baseline)", url: `${plain.url}${pagePath}` },
      { label: "JSON report, app", url: `${app.url}${apiPath(cached)}` },
      { label: "JSON report, plain node:http (baseline)", url: `${plain.url}${apiPath(cached)}` },
    ];
    const results: { target: Target; r: Result }[] = [];
    for (const target of targets) {
      await load(target, WARMUP_S);
      results.push({ target, r: await load(target, DURATION_S) });
    }
    const upstreamDuringLoad = standin.requests.length - upstreamBefore;
    const rps = (r: Result) => r.requests.total / r.duration;
    const find = (prefix: string) => results.find((x) => x.target.label.startsWith(prefix))?.r as Result;
    const pageApp = find("issue page, app (returning");
    const pagePlain = find("issue page, plain");
    const jsonApp = find("JSON report, app");
    const jsonPlain = find("JSON report, plain");

    // 50 concurrent first requests for an issue not stored yet.
    standin.clearRequests();
    const started = performance.now();
    const burst = await Promise.all(
      Array.from({ length: BURST }, async () => {
        const t0 = performance.now();
        const res = await fetch(`${app.url}${apiPath(fresh)}`);
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

    for (const [name, child] of [
      ["app", app],
      ["plain", plain],
    ] as const) {
      exits.set(name, await child.stop());
      children.splice(children.indexOf(child), 1);
    }

    return [
      "## Web server under load (issue 4)",
      `sizes: autocannon ${DURATION_S} s per row (after ${WARMUP_S} s unrecorded), ${CONNECTIONS} connections, loopback; ` +
        `server and baseline each in a child process, autocannon in this one; cached issue ${ref(cached)} ` +
        `(page ${kb(page.body)} KB, JSON ${kb(json.body)} KB); the server's store (fresh SQLite) holds only what it analysed, ` +
        "so the page's per-view similar() is cheap here",
      table(
        ["target", "req/s", "p50 ms", "p99 ms", "non-2xx", "errors"],
        results.map(({ target, r }) => [
          target.label,
          fmt(rps(r), 0),
          fmt(r.latency.p50, 1),
          fmt(r.latency.p99, 1),
          r.non2xx,
          r.errors,
        ]),
      ),
      `app / plain: issue page ${fmt(rps(pageApp) / rps(pagePlain), 3)}x the req/s, ` +
        `${fmt(pageApp.latency.p99 / Math.max(pagePlain.latency.p99, 1), 1)}x the p99; JSON report ` +
        `${fmt(rps(jsonApp) / rps(jsonPlain), 3)}x the req/s, ${fmt(jsonApp.latency.p99 / Math.max(jsonPlain.latency.p99, 1), 1)}x the p99`,
      `upstream (stand-in) requests during the load runs: ${upstreamDuringLoad}; ` +
        `server process peak RSS ${fmt(exits.get("app")?.maxRssMb ?? Number.NaN, 0)} MB, ` +
        `baseline ${fmt(exits.get("plain")?.maxRssMb ?? Number.NaN, 0)} MB`,
      "",
      `### ${BURST} concurrent first requests for ${ref(fresh)} (not stored yet), GET ${apiPath(fresh)}`,
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
  } finally {
    for (const child of children) await child.stop().catch(() => null);
    await standin.close();
    rmSync(root, { recursive: true, force: true });
  }
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

function load(target: Target, duration: number): Promise<Result> {
  return autocannon({ url: target.url, connections: CONNECTIONS, duration, headers: target.headers ?? {} });
}

const ref = (t: { owner: string; repo: string; number: number }) => `${t.owner}/${t.repo}#${t.number}`;
const kb = (b: Buffer) => fmt(b.length / 1024, 1);

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
