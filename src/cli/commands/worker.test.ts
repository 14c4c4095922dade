import { describe, expect, it } from "vitest";
import { UsageError } from "../../core/errors.js";
import type { JobQueue } from "../../core/queue/pg-boss-queue.js";
import { parseEnqueueCommand, parseWorkerCommand, runEnqueue } from "./worker.js";

const PG = "postgres://u:p@db.example/issuegraph";
const env = { DATABASE_URL: PG };

describe("parseWorkerCommand", () => {
  it("defaults: both job kinds, one at a time, 2 s polling, PostgreSQL from DATABASE_URL", () => {
    expect(parseWorkerCommand([], {}, { ...env, ISSUEGRAPH_PG_SCHEMA: "ig" })).toMatchObject({
      store: { kind: "postgres", url: PG, schema: "ig" },
      queueSchema: "pgboss",
      kinds: ["sync", "report"],
      concurrency: 1,
      pollSeconds: 2,
      workerId: null,
    });
  });

  it("reads --jobs, --concurrency, --poll and --id (or ISSUEGRAPH_WORKER_ID)", () => {
    const o = parseWorkerCommand([], { jobs: "report", concurrency: "4", poll: "0.5", id: "box-1" }, env);
    expect(o).toMatchObject({ kinds: ["report"], concurrency: 4, pollSeconds: 0.5, workerId: "box-1" });
    expect(parseWorkerCommand([], {}, { ...env, ISSUEGRAPH_WORKER_ID: "w9" }).workerId).toBe("w9");
  });

  it("refuses SQLite, unknown kinds and out-of-range numbers", () => {
    expect(() => parseWorkerCommand([], {}, {})).toThrow(/worker needs the PostgreSQL store/);
    for (const flags of [
      { jobs: "sync,crawl" },
      { concurrency: "0" },
      { concurrency: "2.5" },
      { poll: "0.1" },
      { id: "a b" },
    ]) {
      expect(() => parseWorkerCommand([], flags, env), JSON.stringify(flags)).toThrow(UsageError);
    }
  });
});

describe("enqueue", () => {
  it("parses sync targets and report refs", () => {
    expect(parseEnqueueCommand("sync", ["acme/app", "acme/web"], { deep: true }, env).jobs).toEqual([
      { kind: "sync", data: { repo: { host: "github.com", owner: "acme", repo: "app" }, deep: true } },
      { kind: "sync", data: { repo: { host: "github.com", owner: "acme", repo: "web" }, deep: true } },
    ]);
    expect(parseEnqueueCommand("report", ["https://github.com/acme/app/issues/7"], { depth: "2" }, env).jobs).toEqual([
      { kind: "report", data: { ref: { host: "github.com", owner: "acme", repo: "app", number: 7 }, depth: 2 } },
    ]);
  });

  it("refuses unknown kinds, no targets, bad targets and SQLite", () => {
    expect(() => parseEnqueueCommand("crawl", ["acme/app"], {}, env)).toThrow(/unknown job kind/);
    expect(() => parseEnqueueCommand("sync", [], {}, env)).toThrow(UsageError);
    expect(() => parseEnqueueCommand("report", ["acme/app"], {}, env)).toThrow(UsageError);
    expect(() => parseEnqueueCommand("sync", ["acme/app"], {}, {})).toThrow(/enqueue needs the PostgreSQL store/);
  });

  it("enqueues every job and prints kind, target and job id per line", async () => {
    let n = 0;
    const queue = { enqueue: async () => `id-${++n}`, stop: async () => {} } as unknown as JobQueue;
    const options = parseEnqueueCommand("report", ["acme/app#1", "acme/app#2"], {}, env);
    expect(await runEnqueue(options, { openQueue: async () => queue })).toBe(
      "report\tacme/app#1\tid-1\nreport\tacme/app#2\tid-2\n",
    );
  });
});
