// Two `issuegraph worker` processes against one PostgreSQL (store + pg-boss queue) and the stand-in:
// jobs enqueued through the CLI are each done exactly once, and both workers do some of them.
// Skipped, with the reason shown, when no PostgreSQL URL is set (CI sets DATABASE_URL).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JobQueue, openJobQueue } from "../../src/core/queue/pg-boss-queue.js";
import { openStore } from "../../src/core/store/open-store.js";
import type { Store } from "../../src/core/store/types.js";
import { generateRepo, type Standin, startStandin } from "../../standin/index.js";
import { type CliProcess, childEnv, runCli, startCli, waitFor } from "./cli-process.js";

const url = process.env.ISSUEGRAPH_TEST_DATABASE_URL || process.env.DATABASE_URL || "";
const usable = /^postgres(ql)?:\/\//.test(url);
const reason = "set DATABASE_URL or ISSUEGRAPH_TEST_DATABASE_URL (eval $(scripts/start-test-postgres.sh)) to run";

const run = `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const storeSchema = `${run}_store`;
const queueSchema = `${run}_queue`;
const owner = "octo-org";
const repos = ["alpha", "beta", "gamma"];
const generated = repos.map((repo, i) => generateRepo({ owner, repo, issues: 25, seed: 20 + i, id: 500 + i }));
// Comment ids are unique across one stand-in world: shift each repository's.
for (const [i, g] of generated.entries())
  for (const t of g.threads) for (const c of t.comments) c.id += (i + 1) * 10_000_000;
const reportRefs = [1, 2, 3, 4].map((n) => `${owner}/alpha#${n}`);

describe.skipIf(!usable)(`two worker processes, one PostgreSQL${usable ? "" : ` (skipped: ${reason})`}`, () => {
  const dir = mkdtempSync(join(tmpdir(), "issuegraph-workers-"));
  let s: Standin;
  let queue: JobQueue;
  let store: Store;
  const workers: CliProcess[] = [];
  beforeAll(async () => {
    s = await startStandin({ fixtures: generated.flatMap((g) => g.threads), repos: generated.map((g) => g.repo) });
    queue = await openJobQueue({ connectionString: url, schema: queueSchema });
    store = await openStore({ kind: "postgres", url, schema: storeSchema });
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await queue?.stop({ timeoutMs: 1000 });
    await store?.close();
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
    await dropSchemas(url, [storeSchema, queueSchema]);
  });

  const env = () =>
    childEnv({
      GITHUB_TOKEN: "ghp_twoWorkersToken0123456789",
      HOME: dir,
      DATABASE_URL: url,
      ISSUEGRAPH_PG_SCHEMA: storeSchema,
      ISSUEGRAPH_QUEUE_SCHEMA: queueSchema,
    });

  it("shares sync and report jobs between the workers, each job done exactly once", { timeout: 300_000 }, async () => {
    for (const id of ["w1", "w2"]) {
      workers.push(startCli(["worker", "--id", id, "--poll", "0.5", "--api-url", s.url], env()));
    }
    await waitFor(() => workers.every((w) => w.stdout().includes("taking sync, report jobs")), 120_000, "both workers");

    // One job through `sync --queue`, the rest through `enqueue`.
    const queued = await runCli(["sync", `${owner}/alpha`, "--deep", "--queue", "--api-url", s.url], env());
    expect(queued.code, queued.stderr).toBe(0);
    const first = /\(job ([0-9a-f-]{36})\)/.exec(queued.stdout)?.[1];
    const syncs = await runCli(
      ["enqueue", "sync", `${owner}/beta`, `${owner}/gamma`, "--deep", "--api-url", s.url],
      env(),
    );
    const reports = await runCli(["enqueue", "report", ...reportRefs, "--api-url", s.url], env());
    expect(syncs.code, syncs.stderr).toBe(0);
    expect(reports.code, reports.stderr).toBe(0);
    const lines = `${syncs.stdout}${reports.stdout}`.trim().split("\n");
    const jobs = [
      { kind: "sync" as const, id: first ?? "" },
      ...lines.map((l) => {
        const [kind, , id] = l.split("\t");
        return { kind: kind as "sync" | "report", id: id ?? "" };
      }),
    ];
    expect(jobs).toHaveLength(7);

    // On a timeout the assertions below say which job is missing.
    await waitFor(() => jobs.every((j) => doneCount(j.id) >= 1), 240_000, "every job done").catch(() => {});
    for (const w of workers) w.child.kill("SIGTERM");
    const exits = await Promise.all(workers.map((w) => w.exited));
    for (const e of exits) {
      expect(e.code, e.stderr).toBe(0);
      expect(e.stdout).toMatch(/stopped after \d+ jobs \(0 deferred, 0 failed\)/);
    }

    const records = await Promise.all(jobs.map((j) => queue.getJob(j.kind, j.id)));
    const doneBy = new Map<string, number>();
    for (const [i, r] of records.entries()) {
      expect(r, `job ${jobs[i]?.id}`).toMatchObject({ state: "completed", retryCount: 0 });
      const worker = (r?.output as { worker?: string } | null)?.worker ?? "?";
      doneBy.set(worker, (doneBy.get(worker) ?? 0) + 1);
      // Each job started and finished once across both workers' logs.
      expect(startedCount(jobs[i]?.id ?? ""), `starts of ${jobs[i]?.id}`).toBe(1);
      expect(doneCount(jobs[i]?.id ?? ""), `completions of ${jobs[i]?.id}`).toBe(1);
    }
    console.log(`jobs per worker: ${JSON.stringify(Object.fromEntries(doneBy))}`);
    expect([...doneBy.keys()].sort()).toEqual(["w1", "w2"]);

    for (const repo of repos) {
      expect(await store.listThreads({ repo: { host: "github.com", owner, repo }, limit: 100 })).toHaveLength(25);
    }
    for (const n of [1, 2, 3, 4]) {
      expect(await store.getReport({ host: "github.com", owner, repo: "alpha", number: n })).not.toBeNull();
    }
  });

  const logs = () => workers.map((w) => w.stdout()).join("");
  const count = (re: RegExp) => (logs().match(re) ?? []).length;
  const doneCount = (id: string) => count(new RegExp(`done in \\d+ ms \\(job ${id}\\)`, "g"));
  const startedCount = (id: string) => count(new RegExp(`started \\(job ${id}[,)]`, "g"));
});

if (!usable) {
  describe.skip(`two worker processes, one PostgreSQL (skipped: ${reason})`, () => {
    it("shares jobs between workers", () => {});
  });
}

async function dropSchemas(connectionString: string, schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
