// What each job does: `sync` runs syncRepo; `report` fetches the thread, stores it with its error
// signature, analyses it and stores the report. Everything is injected, as for the use-cases.
import type { GitHubClient, ThreadFetchMeta } from "../github/index.js";
import { errorSignature } from "../similar/error-signature.js";
import type { Store } from "../store/types.js";
import type { RateBudget } from "../sync/progress.js";
import type { IssueRef, Thread } from "../thread/types.js";
import { type ReportSource, reportFromThread } from "../use-cases/report.js";
import { syncRepo } from "../use-cases/sync.js";
import type { JobData, JobKind } from "./jobs.js";

export type JobHandlers = { [K in JobKind]: (data: JobData[K]) => Promise<Record<string, unknown>> };

export type JobHandlerDeps = {
  store: Store;
  client: GitHubClient;
  extractError: (thread: Thread) => string | null;
  now: () => Date;
  budget?: () => RateBudget | null;
};

export function makeJobHandlers(deps: JobHandlerDeps): JobHandlers {
  return {
    async sync(job) {
      const r = await syncRepo(
        { repo: job.repo, deep: job.deep },
        { client: deps.client, store: deps.store, extractError: deps.extractError, now: deps.now, budget: deps.budget },
      );
      return {
        pages: r.pages,
        threads: r.threads,
        fetched: r.fetched,
        unchanged: r.unchanged,
        requests: r.requests,
        notModified: r.notModified,
      };
    },
    async report(job) {
      const source = reportSource(deps.client);
      const before = source.requests();
      const { thread, meta } = await source.fetchThread(job.ref);
      const errorMessage = deps.extractError(thread);
      // The thread is stored whole (this also fills in a shallow copy a sync left).
      await deps.store.transaction(async (tx) => {
        await tx.putThread(thread, { ...meta, errorMessage });
        if (errorMessage) {
          const sig = errorSignature(errorMessage);
          await tx.putSignature(
            thread.ref,
            { key: sig.key, family: sig.family, signature: sig.signature },
            errorMessage,
          );
        }
      });
      const report = await reportFromThread(thread, meta, { depth: job.depth ?? 1 }, { source, now: deps.now }, before);
      const stored = await deps.store.putReport(report, { etag: meta.etag, fetchedAt: meta.fetchedAt });
      const after = source.requests();
      return { reportId: stored.id, requests: after.rest - before.rest + after.graphql - before.graphql };
    },
  };
}

/** The GitHub client as the report use-case wants it (a fetch without an etag never answers 304). */
export function reportSource(client: GitHubClient): ReportFetcher {
  return {
    async fetchThread(ref) {
      const res = await client.fetchThread(ref);
      if (res.notModified) throw new Error("invariant: a fetch without an etag answered 304");
      return { thread: res.thread, meta: res.meta };
    },
    fetchSummaries: (refs) => client.fetchSummaries(refs),
    findFirstRelease: (repo, sha) => client.findFirstRelease(repo, sha),
    requests: () => client.requests(),
  };
}

export type ReportFetcher = Omit<ReportSource, "fetchThread"> & {
  fetchThread(ref: IssueRef): Promise<{ thread: Thread; meta: ThreadFetchMeta }>;
};
