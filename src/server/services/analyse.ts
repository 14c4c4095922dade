// Fetch, analyse and store one issue through the report use-case (which caches the thread, indexes
// it for search and keeps the report), reporting the phase it is in so the loading page can say so.
import { StoreError } from "../../core/errors.js";
import { parseIssueRef } from "../../core/refs/parse-ref.js";
import type { Store, StoredReport } from "../../core/store/types.js";
import type { IssueRef } from "../../core/thread/types.js";
import { buildReport, type ReportOptions, type ReportSource } from "../../core/use-cases/report.js";

export type AnalysePhase = "queued" | "fetching" | "linking" | "releases" | "saving";

export type Progress = (phase: AnalysePhase) => void;

/** `force`: fetch the thread whole even when the stored copy is fresh (admin refresh). */
export type Analyse = (ref: IssueRef, progress: Progress, options?: { force?: boolean }) => Promise<StoredReport>;

export function defaultAnalyse(deps: {
  source: ReportSource;
  store: Store;
  now: () => Date;
  options: ReportOptions;
  /** A stored thread younger than this is reused; an older one is revalidated (a 304 is free). */
  freshnessMs: number;
}): Analyse {
  return async (ref, progress, options = {}) => {
    const { source } = deps;
    // The same source and store, telling the loading page where the work is.
    const tracked: ReportSource = {
      apiUrl: source.apiUrl,
      fetchThread: (r, opts) => {
        progress("fetching");
        return source.fetchThread(r, opts);
      },
      fetchSummaries: (refs) => {
        progress("linking");
        return source.fetchSummaries(refs);
      },
      findFirstRelease: (repo, sha) => {
        progress("releases");
        return source.findFirstRelease(repo, sha);
      },
      requests: () => source.requests(),
    };
    const store = new Proxy(deps.store, {
      get(target, prop, receiver) {
        if (prop === "putLinks" || prop === "putReport") progress("saving");
        return Reflect.get(target, prop, receiver);
      },
    });
    const report = await buildReport(
      ref,
      { ...deps.options, cache: { mode: options.force ? "refresh" : "normal", freshnessMs: deps.freshnessMs } },
      { source: tracked, now: deps.now, store },
    );
    const stored = await deps.store.getReport(parseIssueRef(report.ref, [ref.host]));
    if (!stored) throw new StoreError(`the report of ${report.ref} was not kept`, "Try again in a minute.");
    return stored;
  };
}
