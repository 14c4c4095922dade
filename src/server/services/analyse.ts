// Fetch, analyse and store one issue, reporting which phase it is in so a loading page can say so.
import { indexThread } from "../../core/similar/index-thread.js";
import type { Store, StoredReport } from "../../core/store/types.js";
import type { IssueRef } from "../../core/thread/types.js";
import { type ReportOptions, type ReportSource, reportFromThread } from "../../core/use-cases/report.js";

export type AnalysePhase = "queued" | "fetching" | "linking" | "releases" | "saving";

export type Progress = (phase: AnalysePhase) => void;

export type Analyse = (ref: IssueRef, progress: Progress) => Promise<StoredReport>;

export function defaultAnalyse(deps: {
  source: ReportSource;
  store: Store;
  now: () => Date;
  options: ReportOptions;
}): Analyse {
  return async (ref, progress) => {
    const before = deps.source.requests();
    progress("fetching");
    const { thread, meta } = await deps.source.fetchThread(ref);
    progress("linking");
    // The same source, telling the loading page when the crawl moves on to releases.
    const tracked: ReportSource = {
      fetchThread: (r) => deps.source.fetchThread(r),
      fetchSummaries: (refs) => deps.source.fetchSummaries(refs),
      requests: () => deps.source.requests(),
      findFirstRelease: (repo, sha) => {
        progress("releases");
        return deps.source.findFirstRelease(repo, sha);
      },
    };
    const report = await reportFromThread(thread, meta, deps.options, { source: tracked, now: deps.now }, before);
    progress("saving");
    // Indexed like import and sync do, so search and "same error" find it; then the report.
    await indexThread(deps.store, thread, { ...meta, etag: null }, () => report.errorMessage);
    return deps.store.putReport(report);
  };
}
