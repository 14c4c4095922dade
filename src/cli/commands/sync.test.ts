import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../core/errors.js";
import type { JobQueue } from "../../core/queue/pg-boss-queue.js";
import { openStore } from "../../core/store/open-store.js";
import { FakeGitHub, REPO, thread } from "../../core/use-cases/sync/fake-github.test-helper.js";
import type { SyncResult } from "../../core/use-cases/sync/sync-repo.js";
import { formatSyncSummary, parseSyncCommand, runSync, type SyncRunDeps } from "./sync.js";

const root = mkdtempSync(join(tmpdir(), "issuegraph-sync-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const PG = "postgres://u:p@db.example/issuegraph";

describe("parseSyncCommand", () => {
  it("reads the repository, --deep and the default store", () => {
    const o = parseSyncCommand("acme/app", { deep: true }, { HOME: "/home/ann" });
    expect(o).toMatchObject({
      repo: { host: "github.com", owner: "acme", repo: "app" },
      deep: true,
      queue: false,
      store: { kind: "sqlite", path: "/home/ann/.local/share/issuegraph/issuegraph.db" },
      token: null,
      tokens: [],
    });
  });

  it("takes the host from --api-url (GitHub Enterprise) and refuses repositories on other hosts", () => {
    const ghes = { apiUrl: "https://ghe.example.com/api/v3" };
    expect(parseSyncCommand("https://ghe.example.com/acme/app", ghes, {}).repo.host).toBe("ghe.example.com");
    expect(() => parseSyncCommand("https://github.com/acme/app", ghes, {})).toThrow(UsageError);
    // A local stand-in mirrors github.com.
    expect(parseSyncCommand("acme/app", { apiUrl: "http://127.0.0.1:9999" }, {}).repo.host).toBe("github.com");
  });

  it("pools the tokens of GITHUB_TOKENS and uses the first where one is needed", () => {
    const o = parseSyncCommand("acme/app", {}, { GITHUB_TOKENS: "t1, t2", GITHUB_TOKEN: "t3" });
    expect(o.tokens).toEqual(["t1", "t2", "t3"]);
    expect(o.token).toBe("t3");
    expect(parseSyncCommand("acme/app", {}, { GITHUB_TOKENS: "t1,t2" }).token).toBe("t1");
  });

  it("--queue needs PostgreSQL", () => {
    expect(() => parseSyncCommand("acme/app", { queue: true, db: join(root, "x.db") }, {})).toThrow(/--queue needs/);
    const o = parseSyncCommand("acme/app", { queue: true }, { DATABASE_URL: PG, ISSUEGRAPH_QUEUE_SCHEMA: "jobs" });
    expect(o).toMatchObject({ queue: true, store: { kind: "postgres", url: PG }, queueSchema: "jobs" });
  });

  it("refuses what is not a repository", () => {
    expect(() => parseSyncCommand("acme/app#12", {}, {})).toThrow(UsageError);
    expect(() => parseSyncCommand("acme", {}, {})).toThrow(UsageError);
  });
});

function deps(gh: FakeGitHub, db: string, over: Partial<SyncRunDeps> = {}) {
  const err: string[] = [];
  const d: SyncRunDeps = {
    openStore: () => openStore({ kind: "sqlite", path: join(root, db) }),
    github: () => ({ client: gh, budget: () => ({ resource: "core", limit: 5000, remaining: 4990, resetAt: "" }) }),
    openQueue: () => Promise.reject(new Error("no queue in this test")),
    now: () => new Date("2024-06-01T00:00:00Z"),
    stderr: (t) => err.push(t),
    stderrIsTTY: false,
    ...over,
  };
  return { d, err };
}

describe("runSync", () => {
  it("syncs, writes progress lines to stderr, and returns the summary", async () => {
    const gh = new FakeGitHub([thread(1, 1), thread(2, 2)]);
    const options = parseSyncCommand("acme/app", {}, {});
    const { d, err } = deps(gh, "run.db");
    expect(await runSync(options, d)).toBe(
      "synced acme/app: 2 threads stored; 2 list pages, 2 requests; up to date to 2024-01-01T00:02:00Z\n",
    );
    expect(err.join("")).toMatch(/^sync acme\/app: .*rate 4,990\/5,000 left \(core\)\n/);
    expect(await runSync(options, d)).toBe(
      "acme/app is unchanged since the last sync (1 request, answered 304 Not Modified)\n",
    );
    const store = await d.openStore();
    expect(await store.getThread({ ...REPO, number: 2 })).not.toBeNull();
    await store.close();
  });

  it("draws a bar on a terminal and ends its line", async () => {
    const { d, err } = deps(new FakeGitHub([thread(1, 1)]), "tty.db", { stderrIsTTY: true });
    await runSync(parseSyncCommand("acme/app", {}, {}), d);
    expect(err[0]?.startsWith("\r[")).toBe(true);
    expect(err.at(-1)).toBe("\n");
  });

  it("with --queue enqueues a sync job and runs nothing", async () => {
    const sent: unknown[] = [];
    let stopped = false;
    const queue = {
      enqueue: async (kind: string, data: unknown) => {
        sent.push({ kind, data });
        return "job-1";
      },
      stop: async () => {
        stopped = true;
      },
    } as unknown as JobQueue;
    const gh = new FakeGitHub([thread(1, 1)]);
    const { d } = deps(gh, "q.db", { openQueue: async () => queue });
    const options = parseSyncCommand("acme/app", { queue: true, deep: true }, { DATABASE_URL: PG });
    expect(await runSync(options, d)).toMatch(/^queued deep sync of acme\/app \(job job-1\)/);
    expect(sent).toEqual([{ kind: "sync", data: { repo: REPO, deep: true } }]);
    expect(stopped).toBe(true);
    expect(gh.calls).toEqual([]);
  });
});

describe("formatSyncSummary", () => {
  const base: SyncResult = {
    repo: REPO,
    deep: true,
    pages: 3,
    threads: 150,
    fetched: 149,
    listed: 153,
    unchanged: 2,
    missing: 1,
    requests: 152,
    requestsBy: { rest: 3, graphql: 149 },
    notModified: false,
    watermark: { since: "2024-01-01T00:00:00Z", listEtag: null, cursor: null },
  };
  it("says what was stored, fetched and skipped", () => {
    expect(formatSyncSummary(base)).toBe(
      "synced acme/app (deep): 150 threads stored, 149 fetched whole, 2 unchanged, 1 gone; 3 list pages, 152 requests; up to date to 2024-01-01T00:00:00Z\n",
    );
  });
});
