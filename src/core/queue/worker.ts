// One worker: takes jobs from the queue until told to stop, runs them, and reports what it did.
// A job that meets GitHub's rate limit is not failed: its progress is committed (sync is
// resumable), so it is enqueued again to start after the reset and this one completes as deferred.
import { RateLimitedError } from "../errors.js";
import { formatRef } from "../refs/parse-ref.js";
import { formatRepo } from "../use-cases/sync/repo-arg.js";
import type { JobHandlers } from "./handlers.js";
import type { JobKind } from "./jobs.js";
import type { JobQueue, TakenJob } from "./pg-boss-queue.js";

export type WorkerEvent =
  | { type: "started"; workerId: string; kinds: JobKind[]; concurrency: number }
  | { type: "job-started"; workerId: string; kind: JobKind; id: string; subject: string; retry: number }
  | { type: "job-done"; workerId: string; kind: JobKind; id: string; subject: string; ms: number; output: object }
  | { type: "job-deferred"; workerId: string; kind: JobKind; id: string; subject: string; until: string; next: string }
  | { type: "job-failed"; workerId: string; kind: JobKind; id: string; subject: string; error: string }
  | { type: "stopped"; workerId: string; summary: WorkerSummary };

export type WorkerSummary = { done: number; deferred: number; failed: number; byKind: Record<JobKind, number> };

export type WorkerOptions = {
  workerId: string;
  kinds: readonly JobKind[];
  /** Jobs run at once per kind (default 1). */
  concurrency?: number;
};

export type WorkerDeps = {
  queue: JobQueue;
  handlers: JobHandlers;
  clock: () => Date;
  log: (event: WorkerEvent) => void;
  /** Resolves when the worker should stop (the CLI passes SIGINT/SIGTERM). */
  until: Promise<void>;
};

export const subjectOf = (job: TakenJob): string =>
  job.kind === "sync" ? `${formatRepo(job.data.repo)}${job.data.deep ? " (deep)" : ""}` : formatRef(job.data.ref);

export async function runWorker(options: WorkerOptions, deps: WorkerDeps): Promise<WorkerSummary> {
  const { workerId } = options;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const summary: WorkerSummary = { done: 0, deferred: 0, failed: 0, byKind: { sync: 0, report: 0 } };

  const handle = async (job: TakenJob): Promise<Record<string, unknown>> => {
    const subject = subjectOf(job);
    const base = { workerId, kind: job.kind, id: job.id, subject };
    deps.log({ type: "job-started", ...base, retry: job.retryCount });
    const started = deps.clock().getTime();
    try {
      const output = await run(job);
      summary.done++;
      summary.byKind[job.kind]++;
      const result = { worker: workerId, ...output };
      deps.log({ type: "job-done", ...base, ms: deps.clock().getTime() - started, output: result });
      return result;
    } catch (error) {
      if (error instanceof RateLimitedError) {
        const next = await deps.queue.enqueue(job.kind, job.data as never, { startAfter: error.resetAt });
        summary.deferred++;
        deps.log({ type: "job-deferred", ...base, until: error.resetAt.toISOString(), next });
        return { worker: workerId, deferredUntil: error.resetAt.toISOString(), requeuedAs: next };
      }
      summary.failed++;
      deps.log({ type: "job-failed", ...base, error: error instanceof Error ? error.message : String(error) });
      // pg-boss records the failure and retries the job per its queue's policy.
      throw error;
    }
  };

  const run = (job: TakenJob) => (job.kind === "sync" ? deps.handlers.sync(job.data) : deps.handlers.report(job.data));

  await deps.queue.work(handle, { kinds: options.kinds, concurrency });
  deps.log({ type: "started", workerId, kinds: [...options.kinds], concurrency });
  await deps.until;
  await deps.queue.stop();
  deps.log({ type: "stopped", workerId, summary });
  return summary;
}

/** One line per event, for the worker's log. */
export function formatWorkerEvent(e: WorkerEvent): string {
  switch (e.type) {
    case "started":
      return `worker ${e.workerId}: taking ${e.kinds.join(", ")} jobs (${e.concurrency} at a time per kind)`;
    case "job-started":
      return `worker ${e.workerId}: ${e.kind} ${e.subject} started (job ${e.id}${e.retry ? `, retry ${e.retry}` : ""})`;
    case "job-done":
      return `worker ${e.workerId}: ${e.kind} ${e.subject} done in ${e.ms} ms (job ${e.id})`;
    case "job-deferred":
      return `worker ${e.workerId}: ${e.kind} ${e.subject} hit the rate limit; requeued to start after ${e.until} (job ${e.id} -> ${e.next})`;
    case "job-failed":
      return `worker ${e.workerId}: ${e.kind} ${e.subject} failed (job ${e.id}): ${e.error}`;
    case "stopped":
      return `worker ${e.workerId}: stopped after ${e.summary.done} jobs (${e.summary.deferred} deferred, ${e.summary.failed} failed)`;
  }
}
