// The jobs issuegraph workers run, and their payloads, checked when a job is taken: a payload
// written by another version (or by hand) fails its job with a clear message, not deep inside.
import { z } from "zod";
import { UsageError } from "../errors.js";
import type { RepoRef } from "../store/types.js";
import type { IssueRef } from "../thread/types.js";

export type JobKind = "sync" | "report";

/** pg-boss queue names. */
export const QUEUE_NAMES: Record<JobKind, string> = { sync: "issuegraph-sync", report: "issuegraph-report" };

const name = z.string().min(1).max(100);
const repoRef = z.object({ host: name, owner: name, repo: name });

const syncJob = z.object({ repo: repoRef, deep: z.boolean() });
const reportJob = z.object({
  ref: repoRef.extend({ number: z.number().int().positive() }),
  depth: z.number().int().min(1).max(3).optional(),
});

export type SyncJob = { repo: RepoRef; deep: boolean };
export type ReportJob = { ref: IssueRef; depth?: number };
export type JobData = { sync: SyncJob; report: ReportJob };

const schemas = { sync: syncJob, report: reportJob } as const;

export function parseJobData<K extends JobKind>(kind: K, data: unknown): JobData[K] {
  const parsed = schemas[kind].safeParse(data);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new UsageError(
      `a ${kind} job has a malformed payload (${problem ? `${problem.path.join(".") || "payload"}: ${problem.message}` : "invalid"})`,
      "Enqueue jobs with issuegraph (sync --queue, enqueue); the payload may come from another version.",
    );
  }
  return parsed.data as JobData[K];
}
