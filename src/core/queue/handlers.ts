// What each job does: `sync` runs syncRepo; `report` runs the report use-case, which fetches the
// thread, stores it with its error signature, analyses it and stores the report. Everything is
// injected, as for the use-cases.
import type { GitHubClient } from "../github/index.js";
import type { Store } from "../store/types.js";
import { buildReport } from "../use-cases/report.js";
import type { RateBudget } from "../use-cases/sync/progress.js";
import { syncRepo } from "../use-cases/sync/sync-repo.js";
import type { JobData, JobKind } from "./jobs.js";

export type JobHandlers = { [K in JobKind]: (data: JobData[K]) => Promise<Record<string, unknown>> };

export type JobHandlerDeps = {
  store: Store;
  client: GitHubClient;
  now: () => Date;
  budget?: () => RateBudget | null;
};

export function makeJobHandlers(deps: JobHandlerDeps): JobHandlers {
  return {
    async sync(job) {
      const r = await syncRepo({ repo: job.repo, deep: job.deep }, deps);
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
      // Fills in a shallow copy a sync left, and answers with the id of the report it stored.
      const before = deps.client.requests();
      const { stored } = await buildReport(
        job.ref,
        { depth: job.depth ?? 1 },
        { source: deps.client, now: deps.now, store: deps.store },
      );
      const after = deps.client.requests();
      return { reportId: stored.id, requests: after.rest - before.rest + after.graphql - before.graphql };
    },
  };
}
