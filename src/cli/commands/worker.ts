// `issuegraph worker`: take sync and report jobs from the PostgreSQL job queue until stopped.
// `issuegraph enqueue sync|report TARGET...`: leave jobs for the workers.
import { hostname } from "node:os";
import { UsageError } from "../../core/errors.js";
import { webHostForApiUrl } from "../../core/github/index.js";
import { tokensFromEnv } from "../../core/github/pool/tokens.js";
import { makeJobHandlers } from "../../core/queue/handlers.js";
import type { JobKind } from "../../core/queue/jobs.js";
import type { JobQueue } from "../../core/queue/pg-boss-queue.js";
import { formatWorkerEvent, runWorker as runWorkerLoop, type WorkerSummary } from "../../core/queue/worker.js";
import { parseIssueRef } from "../../core/refs/parse-ref.js";
import { openStore } from "../../core/store/open-store.js";
import type { Store, StoreLocation } from "../../core/store/types.js";
import { parseRepoArg } from "../../core/use-cases/sync/repo-arg.js";
import { type CommonConfig, commonConfig, type Env, parseDepth, storeLocationOf } from "../config.js";
import type { Io } from "../io.js";
import { type GitHubForSync, githubFor, openQueueFor } from "./sync.js";

export type WorkerFlags = {
  apiUrl?: string;
  db?: string;
  jobs?: string;
  concurrency?: string;
  id?: string;
  poll?: string;
};

export type WorkerCommandOptions = CommonConfig & {
  store: Extract<StoreLocation, { kind: "postgres" }>;
  queueSchema: string;
  kinds: JobKind[];
  concurrency: number;
  /** How often an idle worker asks for jobs (seconds, 0.5-60). */
  pollSeconds: number;
  /** null: hostname-pid. */
  workerId: string | null;
  tokens: string[];
};

const KINDS: readonly JobKind[] = ["sync", "report"];

/** argv + env -> checked options. Pure. */
export function parseWorkerCommand(_args: readonly string[], flags: WorkerFlags, env: Env): WorkerCommandOptions {
  const common = commonConfig(flags, env);
  const tokens = tokensFromEnv(env);
  const kinds = (flags.jobs ?? "sync,report")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  for (const k of kinds) {
    if (!KINDS.includes(k as JobKind)) {
      throw new UsageError(`--jobs ${k} is not a job kind`, "Use --jobs sync, --jobs report or --jobs sync,report.");
    }
  }
  const concurrency = Number(flags.concurrency ?? "1");
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new UsageError(`--concurrency ${flags.concurrency} is out of range`, "Use a whole number from 1 to 16.");
  }
  const pollSeconds = Number(flags.poll ?? "2");
  if (!Number.isFinite(pollSeconds) || pollSeconds < 0.5 || pollSeconds > 60) {
    throw new UsageError(`--poll ${flags.poll} is out of range`, "Use a number of seconds from 0.5 to 60.");
  }
  const id = (flags.id ?? env.ISSUEGRAPH_WORKER_ID ?? "").trim();
  if (id && !/^[\w.:@-]{1,64}$/.test(id)) {
    throw new UsageError(`worker id "${id}" has odd characters`, "Use letters, digits and . _ - : @ (at most 64).");
  }
  return {
    ...common,
    token: common.token ?? tokens[0] ?? null,
    store: postgresOnly(storeLocationOf(flags.db, env), "worker"),
    queueSchema: env.ISSUEGRAPH_QUEUE_SCHEMA?.trim() || "pgboss",
    kinds: [...new Set(kinds)] as JobKind[],
    concurrency,
    pollSeconds,
    workerId: id || null,
    tokens,
  };
}

function postgresOnly(location: StoreLocation, what: string): Extract<StoreLocation, { kind: "postgres" }> {
  if (location.kind !== "postgres") {
    throw new UsageError(
      `${what} needs the PostgreSQL store (jobs and results are shared through it)`,
      "Set DATABASE_URL=postgres://user:pass@host/db or pass --db postgres://...",
    );
  }
  return location;
}

export type WorkerRunDeps = {
  openStore(): Promise<Store>;
  openQueue(): Promise<JobQueue>;
  github(): GitHubForSync & { client: Parameters<typeof makeJobHandlers>[0]["client"] };
  now: () => Date;
  /** One line per event. */
  log: (line: string) => void;
  /** Resolves when the process is asked to stop. */
  untilStopped: () => Promise<void>;
  defaultWorkerId: string;
};

export async function runWorker(options: WorkerCommandOptions, deps: WorkerRunDeps): Promise<WorkerSummary> {
  const store = await deps.openStore();
  try {
    const queue = await deps.openQueue();
    const { client, budget } = deps.github();
    const handlers = makeJobHandlers({
      store,
      client,
      now: deps.now,
      budget,
    });
    return await runWorkerLoop(
      { workerId: options.workerId ?? deps.defaultWorkerId, kinds: options.kinds, concurrency: options.concurrency },
      { queue, handlers, clock: deps.now, log: (e) => deps.log(formatWorkerEvent(e)), until: deps.untilStopped() },
    );
  } finally {
    await store.close();
  }
}

export function makeWorkerDeps(options: WorkerCommandOptions, io: Io): WorkerRunDeps {
  return {
    openStore: () => openStore(options.store),
    openQueue: () => openQueueFor(options.store, options.queueSchema, options.pollSeconds),
    github: () => githubFor(options, io),
    now: io.now,
    log: (line) => io.stdout(`${line}\n`),
    untilStopped: () => io.untilStopped(),
    defaultWorkerId: `${hostname()}-${process.pid}`,
  };
}

// ---- enqueue ------------------------------------------------------------------------------------

export type EnqueueFlags = { apiUrl?: string; db?: string; deep?: boolean; depth?: string };

export type EnqueueCommandOptions = {
  store: Extract<StoreLocation, { kind: "postgres" }>;
  queueSchema: string;
  jobs: (
    | { kind: "sync"; data: { repo: ReturnType<typeof parseRepoArg>; deep: boolean } }
    | {
        kind: "report";
        data: { ref: ReturnType<typeof parseIssueRef>; depth: number };
      }
  )[];
};

/** `enqueue sync owner/repo... [--deep]` or `enqueue report REF... [--depth n]`. Pure. */
export function parseEnqueueCommand(
  kind: string,
  targets: readonly string[],
  flags: EnqueueFlags,
  env: Env,
): EnqueueCommandOptions {
  const { apiUrl } = commonConfig(flags, env);
  const hosts = [webHostForApiUrl(apiUrl)];
  if (targets.length === 0) throw new UsageError(`enqueue ${kind} needs at least one target`, enqueueHint);
  const store = postgresOnly(storeLocationOf(flags.db, env), "enqueue");
  const queueSchema = env.ISSUEGRAPH_QUEUE_SCHEMA?.trim() || "pgboss";
  if (kind === "sync") {
    const jobs = targets.map((t) => ({
      kind: "sync" as const,
      data: { repo: parseRepoArg(t, hosts), deep: flags.deep === true },
    }));
    return { store, queueSchema, jobs };
  }
  if (kind === "report") {
    const depth = parseDepth(flags.depth);
    const jobs = targets.map((t) => ({ kind: "report" as const, data: { ref: parseIssueRef(t, hosts), depth } }));
    return { store, queueSchema, jobs };
  }
  throw new UsageError(`enqueue ${kind}: unknown job kind`, enqueueHint);
}

const enqueueHint = "Use `issuegraph enqueue sync owner/repo [--deep]` or `issuegraph enqueue report owner/repo#123`.";

/** Enqueues every job; returns one line per job ("<kind> <target> <job id>"). */
export async function runEnqueue(options: EnqueueCommandOptions, deps: { openQueue(): Promise<JobQueue> }) {
  const queue = await deps.openQueue();
  const lines: string[] = [];
  try {
    for (const job of options.jobs) {
      const id = job.kind === "sync" ? await queue.enqueue("sync", job.data) : await queue.enqueue("report", job.data);
      const target =
        job.kind === "sync"
          ? `${job.data.repo.owner}/${job.data.repo.repo}`
          : `${job.data.ref.owner}/${job.data.ref.repo}#${job.data.ref.number}`;
      lines.push(`${job.kind}\t${target}\t${id}`);
    }
  } finally {
    await queue.stop({ timeoutMs: 1000 });
  }
  return `${lines.join("\n")}\n`;
}
