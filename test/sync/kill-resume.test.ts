// Kill-and-resume, at the process level: `issuegraph sync --deep` against the stand-in with a
// generated repository is SIGKILLed after a random number of requests, several times, and rerun;
// the store it ends with must equal that of an uninterrupted run (threads, signatures, watermark).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/core/store/open-store.js";
import { dumpRepo, type RepoDump } from "../../src/core/use-cases/sync/canonical-dump.js";
import { generateRepo, type Standin, startStandin } from "../../standin/index.js";
import { childEnv, runCli, startCli, waitFor } from "./cli-process.js";

const repo = { host: "github.com", owner: "octo-org", repo: "resume" };
const ISSUES = 240;
const generated = generateRepo({ owner: repo.owner, repo: repo.repo, issues: ISSUES, seed: 5 });
// Every seventh thread reports an error, so signatures are part of what must match.
for (const t of generated.threads) {
  if (t.number % 7 === 0)
    t.body = `It fails:\n\n\`\`\`\nError: connect ECONNREFUSED 10.0.0.${t.number % 250}:5432\n\`\`\`\n`;
}

const dir = mkdtempSync(join(tmpdir(), "issuegraph-kill-"));
let s: Standin;
beforeAll(async () => {
  s = await startStandin({ fixtures: generated.threads, repos: [generated.repo] });
});
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => childEnv({ GITHUB_TOKEN: "ghp_killResumeToken0123456789", HOME: dir });
const syncArgs = (db: string) => [
  "sync",
  `${repo.owner}/${repo.repo}`,
  "--deep",
  "--api-url",
  s.url,
  "--db",
  join(dir, db),
];

async function dump(db: string): Promise<RepoDump> {
  const store = await openStore({ kind: "sqlite", path: join(dir, db) });
  try {
    return await dumpRepo(store, repo);
  } finally {
    await store.close();
  }
}

describe("sync killed with SIGKILL and rerun", { timeout: 600_000 }, () => {
  let baseline: RepoDump;
  let fullRequests = 0;

  it("an uninterrupted deep sync stores every thread; an unchanged re-sync costs one 304", async () => {
    const before = s.requests.length;
    const run = await runCli(syncArgs("baseline.db"), env());
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    fullRequests = s.requests.length - before;
    baseline = await dump("baseline.db");
    expect(baseline.threads).toHaveLength(ISSUES);
    expect(baseline.threads.filter((t) => t.signature)).toHaveLength(Math.floor(ISSUES / 7));
    expect(baseline.threads.every((t) => t.via === "graphql")).toBe(true);
    const lists = s.requests.slice(before).filter((r) => r.api === "rest");
    // 240 threads: keyset pages of 100 (each later page repeats the last update) and a closing probe.
    expect(lists.length).toBe(4);
    expect(fullRequests).toBe(lists.length + ISSUES);
    console.log(`deep sync of ${ISSUES} threads: ${fullRequests} requests (${lists.length} list pages)`);

    const again = s.requests.length;
    const unchanged = await runCli(syncArgs("baseline.db"), env());
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toContain("unchanged since the last sync");
    expect(s.requests.slice(again).map((r) => [r.api, r.status, r.ifNoneMatch !== null])).toEqual([
      ["rest", 304, true],
    ]);
    expect(await dump("baseline.db")).toEqual(baseline);
  });

  it("ends, after several kills at random points, with the store of the uninterrupted run", async () => {
    expect(fullRequests).toBeGreaterThan(0);
    // Right after the first list request (nothing committed yet), then three random points.
    const points = [1, ...[0, 1, 2].map(() => 2 + Math.floor(Math.random() * (fullRequests / 4)))];
    const spent: number[] = [];
    for (const n of points) {
      const before = s.requests.length;
      const cli = startCli(syncArgs("killed.db"), env());
      const finished = cli.exited.then(() => true);
      await Promise.race([waitFor(() => s.requests.length - before >= n, 120_000, `${n} requests`), finished]);
      cli.child.kill("SIGKILL");
      const exit = await cli.exited;
      spent.push(s.requests.length - before);
      expect(exit.signal, `kill after ${n} requests (stderr: ${exit.stderr})`).toBe("SIGKILL");
    }
    const before = s.requests.length;
    const last = await runCli(syncArgs("killed.db"), env());
    expect(last.code, last.stderr).toBe(0);
    spent.push(s.requests.length - before);
    expect(await dump("killed.db"), `kills after ${points.join(", ")} requests`).toEqual(baseline);
    const total = spent.reduce((a, b) => a + b, 0);
    console.log(
      `killed after ${points.join(", ")} requests; requests per run ${spent.join(" + ")} = ${total} (uninterrupted: ${fullRequests})`,
    );
    // A kill loses at most the uncommitted chunk (10 fetches), the page's list request and what was in flight.
    expect(total).toBeLessThanOrEqual(fullRequests + points.length * 13);
  });
});
