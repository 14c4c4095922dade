// Serving many readers from few upstream fetches:
// - single flight: concurrent requests for one issue share one analysis (one GitHub fetch);
// - fresh reports come from the store; stale ones are served at once and refreshed in the background;
// - a failed analysis is remembered briefly, so a reloading page does not hammer GitHub.

import { refKey } from "../../core/refs/parse-ref.js";
import type { Store, StoredReport } from "../../core/store/types.js";
import type { IssueRef } from "../../core/thread/types.js";
import type { ServerLogger } from "../deps.js";
import type { Analyse, Analysed, AnalysePhase } from "./analyse.js";

export type JobView = { ref: IssueRef; phase: AnalysePhase; startedAt: Date; kind: "new" | "refresh" };

export type Lookup =
  | { kind: "ready"; stored: StoredReport; stale: boolean; refreshing: boolean }
  | { kind: "pending"; job: JobView }
  | { kind: "failed"; error: unknown };

type Job = { view: JobView; promise: Promise<Analysed> };

export type ReportServiceDeps = {
  store: Store;
  analyse: Analyse;
  now: () => Date;
  freshnessMs: number;
  logger: ServerLogger;
  /** How long a failure is shown before the next request tries again. */
  failureTtlMs?: number;
  /** Told about every new report (under the requested ref and, after a transfer, the answered one). */
  onStored?: (ref: IssueRef) => void;
};

/** Finished jobs are remembered this long, closing the gap between a store miss and the job map. */
const RECENT_MS = 5_000;

export class ReportService {
  private readonly jobs = new Map<string, Job>();
  private readonly failures = new Map<string, { error: unknown; at: number }>();
  private readonly recent = new Map<string, { stored: StoredReport; at: number }>();
  /** Requested ref -> the ref GitHub answered with (transferred issues). */
  private readonly aliases = new Map<string, IssueRef>();
  private readonly failureTtlMs: number;

  constructor(private readonly deps: ReportServiceDeps) {
    this.failureTtlMs = deps.failureTtlMs ?? 15_000;
  }

  /**
   * For pages: never waits for GitHub. Starts an analysis when the issue is not stored (after
   * `admit()`, which throws when the client may not start one now).
   */
  async lookup(ref: IssueRef, admit: () => void): Promise<Lookup> {
    const key = refKey(ref);
    const stored = await this.stored(ref);
    if (stored) {
      const stale = this.isStale(stored);
      if (stale) this.refreshInBackground(this.actual(ref));
      return { kind: "ready", stored, stale, refreshing: this.jobs.has(refKey(this.actual(ref))) };
    }
    const job = this.jobs.get(key);
    if (job) return { kind: "pending", job: { ...job.view } };
    const failure = this.failures.get(key);
    if (failure && this.nowMs() - failure.at < this.failureTtlMs) return { kind: "failed", error: failure.error };
    admit();
    return { kind: "pending", job: { ...this.start(ref, "new").view } };
  }

  /** For the API: waits for the analysis when the issue is not stored yet. */
  async get(ref: IssueRef, admit: () => void): Promise<{ stored: StoredReport; stale: boolean }> {
    const stored = await this.stored(ref);
    if (stored) {
      const stale = this.isStale(stored);
      if (stale) this.refreshInBackground(this.actual(ref));
      return { stored, stale };
    }
    const key = refKey(ref);
    let job = this.jobs.get(key);
    if (!job) {
      const failure = this.failures.get(key);
      if (failure && this.nowMs() - failure.at < this.failureTtlMs) throw failure.error;
      admit();
      job = this.start(ref, "new");
    }
    return { stored: (await job.promise).stored, stale: false };
  }

  /** Analyse again now (admin), sharing a running analysis if there is one. */
  async refresh(ref: IssueRef): Promise<StoredReport> {
    const key = refKey(this.actual(ref));
    return (await (this.jobs.get(key) ?? this.start(this.actual(ref), "refresh", true)).promise).stored;
  }

  /** The ref to use for a requested one (after a transfer, the new place). */
  actual(ref: IssueRef): IssueRef {
    return this.aliases.get(refKey(ref)) ?? ref;
  }

  /** Whether the ref was answered by GitHub under another one (a transfer): its page redirects. */
  hasAlias(ref: IssueRef): boolean {
    return this.aliases.size > 0 && this.aliases.has(refKey(ref));
  }

  job(ref: IssueRef): JobView | null {
    const job = this.jobs.get(refKey(ref));
    return job ? { ...job.view } : null;
  }

  /** Resolves when no analysis is running (tests; graceful shutdown). */
  async idle(): Promise<void> {
    while (this.jobs.size > 0) {
      await Promise.allSettled([...this.jobs.values()].map((j) => j.promise));
    }
  }

  get running(): number {
    return this.jobs.size;
  }

  private async stored(ref: IssueRef): Promise<StoredReport | null> {
    const actual = this.actual(ref);
    const fromStore = await this.deps.store.getReport(actual);
    if (fromStore) return fromStore;
    const recent = this.recent.get(refKey(ref));
    if (recent && this.nowMs() - recent.at < RECENT_MS) return recent.stored;
    return null;
  }

  private isStale(stored: StoredReport): boolean {
    const fetched = Date.parse(stored.report.meta.fetchedAt);
    const at = Number.isFinite(fetched) ? fetched : Date.parse(stored.storedAt);
    return this.nowMs() - at > this.deps.freshnessMs;
  }

  private refreshInBackground(ref: IssueRef): void {
    const key = refKey(ref);
    if (this.jobs.has(key)) return;
    const failure = this.failures.get(key);
    if (failure && this.nowMs() - failure.at < this.failureTtlMs) return;
    this.start(ref, "refresh");
  }

  private start(ref: IssueRef, kind: JobView["kind"], force = false): Job {
    const key = refKey(ref);
    const view: JobView = { ref, phase: "queued", startedAt: this.deps.now(), kind };
    // Started on the next microtask, so a synchronous throw in `analyse` still lands in the promise.
    const promise = Promise.resolve().then(() =>
      this.deps.analyse(
        ref,
        (phase) => {
          view.phase = phase;
        },
        { force },
      ),
    );
    const job: Job = { view, promise };
    this.jobs.set(key, job);
    promise.then(
      ({ stored, ref: answered }) => {
        this.failures.delete(key);
        this.recent.set(key, { stored, at: this.nowMs() });
        if (refKey(answered) !== key) this.aliases.set(key, answered);
        this.jobs.delete(key);
        this.deps.onStored?.(ref);
        if (refKey(answered) !== key) this.deps.onStored?.(answered);
        this.prune();
      },
      (error: unknown) => {
        this.failures.set(key, { error, at: this.nowMs() });
        this.jobs.delete(key);
        const log = kind === "refresh" ? "background refresh failed; serving the stored report" : "analysis failed";
        this.deps.logger.warn({ ref: key, err: errorName(error) }, log);
      },
    );
    return job;
  }

  private prune(): void {
    const now = this.nowMs();
    for (const [k, v] of this.recent) if (now - v.at >= RECENT_MS) this.recent.delete(k);
    for (const [k, v] of this.failures) if (now - v.at >= this.failureTtlMs) this.failures.delete(k);
  }

  private nowMs(): number {
    return this.deps.now().getTime();
  }
}

/** Name and the start of the message: core messages never carry tokens, and stacks stay out of the log. */
const errorName = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : "unknown error");
