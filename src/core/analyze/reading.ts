// One reading of the thread that every section and the signals share: findings, ranked
// workarounds, the same-error cluster, the reporters' environments, the snapshot, possible
// regressions and the category. Computed once per report.
import { classifyThread } from "./category.js";
import { reporterEnvs, summariseEnvironment } from "./environment-compare.js";
import { readFindings } from "./findings.js";
import { regressionAfterFix } from "./regression.js";
import { sameErrorLinks, similarIssues } from "./related.js";
import type { Reading, SectionInput } from "./section-context.js";
import { snapshotOf } from "./snapshot.js";
import { errorGist } from "./text.js";
import { rankWorkarounds } from "./workarounds.js";

export function readThread(input: SectionInput): Reading & { tags: ReturnType<typeof classifyThread>["tags"] } {
  const { thread, links, error } = input;
  const findings = readFindings(thread);
  const gist = error ? errorGist(error.message) : null;
  const cluster = sameErrorLinks(thread, links, gist, new Set(findings.sameHere.map((s) => s.voice.url)));
  const inCluster = new Set(cluster.map((x) => x.link.ref));
  // A pull request's linked issues are what it fixes, not similar reports.
  const similar =
    thread.kind === "pull"
      ? []
      : similarIssues(thread, links, gist).filter(
          (l) => !l.relations.includes("duplicate-of") && !inCluster.has(l.ref),
        );
  const envs = reporterEnvs(thread, findings);
  const { category, tags } = classifyThread(thread, error?.message ?? null);
  return {
    findings,
    workarounds: rankWorkarounds(thread, findings),
    cluster,
    similar,
    duplicateOf: links.filter((l) => l.depth === 1 && l.relations.includes("duplicate-of")),
    envs,
    environment: summariseEnvironment(envs),
    snapshot: snapshotOf(thread, input.fetchedAt),
    regression: regressionAfterFix(thread, input.fix.pulls, findings, cluster),
    category,
    tags,
  };
}
