// Fetch, analyse and store one issue through the report use-case (which caches the thread, indexes
// it for search and keeps the report), passing on the phase it is in so the loading page can say so.
import type { Store, StoredReport } from "../../core/store/types.js";
import type { IssueRef } from "../../core/thread/types.js";
import { buildReport, type ReportOptions, type ReportPhase, type ReportSource } from "../../core/use-cases/report.js";

/** Where a page's analysis is: waiting for its turn, then the report use-case's phases. */
export type AnalysePhase = "queued" | ReportPhase;

/** The stored report, under the ref GitHub answered with (another than the requested after a transfer). */
export type Analysed = { stored: StoredReport; ref: IssueRef };

/** `force`: fetch the thread whole even when the stored copy is fresh (admin refresh). */
export type Analyse = (
  ref: IssueRef,
  onPhase: (phase: ReportPhase) => void,
  options?: { force?: boolean },
) => Promise<Analysed>;

export function defaultAnalyse(deps: {
  source: ReportSource;
  store: Store;
  now: () => Date;
  options: ReportOptions;
  /** A stored thread younger than this is reused; an older one is revalidated (a 304 is free). */
  freshnessMs: number;
}): Analyse {
  return async (ref, onPhase, options = {}) => {
    const cache = { mode: options.force ? "refresh" : "normal", freshnessMs: deps.freshnessMs } as const;
    const built = await buildReport(
      ref,
      { ...deps.options, cache },
      { source: deps.source, now: deps.now, store: deps.store, onPhase },
    );
    return { stored: built.stored, ref: built.ref };
  };
}
