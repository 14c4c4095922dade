// The job queue: pg-boss (v10) tables in the same PostgreSQL database the store uses. pg-boss takes
// each job with SELECT ... FOR UPDATE SKIP LOCKED, so any number of workers on any number of
// machines share the work and no job runs twice at once; a job whose worker dies is retried after
// it expires. v10 needs every queue created before send/work (createQueue is idempotent).
import PgBoss from "pg-boss";
import { StoreError } from "../errors.js";
import { type JobData, type JobKind, parseJobData, QUEUE_NAMES } from "./jobs.js";

export type QueueOptions = {
  connectionString: string;
  /** pg-boss's own schema (default "pgboss"). */
  schema?: string;
  /** How often an idle poller asks for work (seconds, at least 0.5; default 2). */
  pollingIntervalSeconds?: number;
  /** Background errors (a lost connection while polling). Without it they are dropped. */
  onError?: (error: Error) => void;
};

export type EnqueueOptions = { startAfter?: Date };

export type TakenJob = { [K in JobKind]: { id: string; kind: K; data: JobData[K]; retryCount: number } }[JobKind];

export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

export type JobRecord = {
  id: string;
  kind: JobKind;
  state: JobState;
  data: unknown;
  output: unknown;
  retryCount: number;
  startAfter: Date | null;
  startedOn: Date | null;
  completedOn: Date | null;
};

export type JobHandler = (job: TakenJob) => Promise<Record<string, unknown>>;

export type JobQueue = {
  enqueue<K extends JobKind>(kind: K, data: JobData[K], options?: EnqueueOptions): Promise<string>;
  /** Starts `concurrency` pollers per kind; each takes one job at a time. Resolves once polling runs. */
  work(handle: JobHandler, options: { kinds: readonly JobKind[]; concurrency: number }): Promise<void>;
  getJob(kind: JobKind, id: string): Promise<JobRecord | null>;
  /** Stops taking jobs, lets running ones finish (up to timeoutMs, default 30 s), and disconnects. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
};

/** Per-queue policy: a sync may run long (and resumes if it expires); reports are quick. */
const QUEUE_SETTINGS: Record<JobKind, PgBoss.Queue> = {
  sync: { name: QUEUE_NAMES.sync, retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 4 * 3600 },
  report: { name: QUEUE_NAMES.report, retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 15 * 60 },
};

const kindOfQueue = (name: string): JobKind => (name === QUEUE_NAMES.sync ? "sync" : "report");

export async function openJobQueue(options: QueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema ?? "pgboss",
    // Only the queue's own maintenance; no cron schedules are used.
    schedule: false,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  });
  boss.on("error", (error) => options.onError?.(error));
  try {
    await boss.start();
    for (const settings of Object.values(QUEUE_SETTINGS)) await boss.createQueue(settings.name, settings);
  } catch (error) {
    await boss.stop({ graceful: false, wait: false }).catch(() => {});
    throw new StoreError(
      `could not open the job queue: ${scrubUrl(error instanceof Error ? error.message : String(error))}`,
      "The queue lives in PostgreSQL: check DATABASE_URL (or --db) and that the server is reachable.",
    );
  }

  return {
    async enqueue(kind, data, enqueueOptions = {}) {
      // Checked on the way in too: a bad payload is the enqueuer's bug, caught where it is made.
      parseJobData(kind, data);
      const id = await boss.send(QUEUE_NAMES[kind], data as object, {
        ...(enqueueOptions.startAfter ? { startAfter: enqueueOptions.startAfter } : {}),
      });
      if (!id) throw new StoreError(`the queue refused a ${kind} job`, "This is a bug; please report it.");
      return id;
    },
    async work(handle, workOptions) {
      for (const kind of workOptions.kinds) {
        for (let i = 0; i < Math.max(1, workOptions.concurrency); i++) {
          await boss.work<unknown>(QUEUE_NAMES[kind], { batchSize: 1 }, async (jobs) => {
            const job = jobs[0];
            if (!job) return {};
            const meta = job as PgBoss.Job<unknown> & { retryCount?: number };
            const taken = {
              id: job.id,
              kind,
              data: parseJobData(kind, job.data),
              retryCount: meta.retryCount ?? 0,
            } as TakenJob;
            return handle(taken);
          });
        }
      }
    },
    async getJob(kind, id) {
      const job = await boss.getJobById<unknown>(QUEUE_NAMES[kind], id, { includeArchive: true });
      if (!job) return null;
      return {
        id: job.id,
        kind: kindOfQueue(job.name),
        state: job.state,
        data: job.data,
        output: job.output,
        retryCount: job.retryCount,
        startAfter: job.startAfter ?? null,
        startedOn: job.startedOn ?? null,
        completedOn: job.completedOn ?? null,
      };
    },
    async stop(stopOptions = {}) {
      // Graceful: running jobs finish (or are failed, to be retried, after the timeout).
      await boss.stop({ graceful: true, wait: true, timeout: stopOptions.timeoutMs ?? 30_000 });
    },
  };
}

const scrubUrl = (text: string) => text.replace(/\/\/[^@/\s]*@/g, "//***@");
