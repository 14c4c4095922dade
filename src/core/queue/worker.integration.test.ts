// The worker loop in-process against a real PostgreSQL (store + pg-boss queue) and the stand-in.
// Skipped, with the reason shown, when no PostgreSQL URL is set (CI sets DATABASE_URL).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRepo, type Standin, startStandin } from "../../../standin/index.js";
import { NO_DATABASE_REASON, testDatabaseUrl } from "../../../test/support/node.test-helper.js";
import { createGitHubClient } from "../github/index.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/types.js";
import { makeJobHandlers } from "./handlers.js";
import { type JobQueue, openJobQueue } from "./pg-boss-queue.js";
import { runWorker, type WorkerEvent } from "./worker.js";

const url = testDatabaseUrl();
const usable = /^postgres(ql)?:\/\//.test(url);
const reason = NO_DATABASE_REASON;

const run = `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const storeSchema = `${run}_store`;
const queueSchema = `${run}_queue`;
const repo = { host: "github.com", owner: "octo-org", repo: "queued" };
const generated = generateRepo({ owner: repo.owner, repo: repo.repo, issues: 12, seed: 9 });
const later = { ...repo, repo: "later" };
const laterRepo = generateRepo({ owner: later.owner, repo: later.repo, issues: 3, seed: 4, id: 77 });
for (const t of laterRepo.threads) for (const c of t.comments) c.id += 50_000_000;

describe.skipIf(!usable)(`worker with PostgreSQL${usable ? "" : ` (skipped: ${reason})`}`, { timeout: 120_000 }, () => {
  let s: Standin;
  let store: Store;
  let queue: JobQueue;
  beforeAll(async () => {
    s = await startStandin({
      fixtures: [...generated.threads, ...laterRepo.threads],
      repos: [generated.repo, laterRepo.repo],
    });
    store = await openStore({ kind: "postgres", url, schema: storeSchema });
    queue = await openJobQueue({ connectionString: url, schema: queueSchema, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await store?.close();
    await s?.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const schema of [storeSchema, queueSchema]) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  /** Runs one worker until `enough` of its events have been seen. */
  async function work(
    enough: (events: WorkerEvent[]) => boolean,
    gh = createGitHubClient({ apiUrl: s.url, token: "t0ken-worker" }),
  ) {
    const events: WorkerEvent[] = [];
    let stop = () => {};
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    // Each worker opens its own queue connection, as a separate process would.
    const own = await openJobQueue({ connectionString: url, schema: queueSchema, pollingIntervalSeconds: 0.5 });
    const handlers = makeJobHandlers({
      store,
      client: gh,
      now: () => new Date(),
    });
    const summary = runWorker(
      { workerId: "w-test", kinds: ["sync", "report"] },
      {
        queue: own,
        handlers,
        clock: () => new Date(),
        until,
        log: (e) => {
          events.push(e);
          if (enough(events)) stop();
        },
      },
    );
    return { events, summary: await summary };
  }

  it("runs a sync job and a report job, storing threads and the report", async () => {
    const syncId = await queue.enqueue("sync", { repo, deep: true });
    const reportId = await queue.enqueue("report", { ref: { ...repo, number: 5 } });
    const { summary, events } = await work(
      (ev) => ev.filter((e) => e.type === "job-done" || e.type === "job-failed").length === 2,
    );
    const failures = JSON.stringify(events.filter((e) => e.type === "job-failed"));
    expect(summary, failures).toMatchObject({ done: 2, failed: 0, byKind: { sync: 1, report: 1 } });
    const sync = await queue.getJob("sync", syncId);
    expect(sync).toMatchObject({ state: "completed", output: { worker: "w-test", pages: 2 } });
    // The report job may store #5 whole first; the sync then finds it up to date.
    const out = sync?.output as { threads: number; unchanged: number };
    expect(out.threads + out.unchanged).toBeGreaterThanOrEqual(12);
    const report = await queue.getJob("report", reportId);
    // The job answers with the id of the report the use-case stored.
    const stored = await store.getReport({ ...repo, number: 5 });
    expect(report).toMatchObject({ state: "completed", output: { worker: "w-test", reportId: stored?.id } });
    expect(stored?.report.ref).toBe("octo-org/queued#5");
    expect((await store.listThreads({ repo, limit: 100 })).length).toBe(12);
  });

  it("defers a job that meets the rate limit: it completes as deferred and a copy waits for the reset", async () => {
    s.faults.inject({ kind: "primary-rate-limit", path: "graphql", resetIn: 3600, times: Number.POSITIVE_INFINITY });
    const id = await queue.enqueue("sync", { repo: later, deep: true });
    const gh = createGitHubClient({ apiUrl: s.url, token: "t0ken-worker", maxRateLimitWaitSeconds: 0 });
    const { events, summary } = await work(
      (ev) => ev.some((e) => e.type.startsWith("job-") && e.type !== "job-started"),
      gh,
    );
    s.faults.clear();
    expect(summary).toMatchObject({ deferred: 1, done: 0, failed: 0 });
    const deferred = events.find((e) => e.type === "job-deferred");
    const job = await queue.getJob("sync", id);
    expect(job).toMatchObject({ state: "completed", output: { deferredUntil: expect.any(String) } });
    const next = deferred?.type === "job-deferred" ? await queue.getJob("sync", deferred.next) : null;
    expect(next).toMatchObject({ state: "created", data: { repo: later, deep: true } });
    expect(next?.startAfter?.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
  });
});

if (!usable) {
  describe.skip(`worker with PostgreSQL (skipped: ${reason})`, () => {
    it("runs jobs from the queue", () => {});
  });
}
