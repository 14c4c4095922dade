// Watching issues for a fix: each pass reports each issue again from the stored history and keeps
// only what a watcher waits for: the state, a fix merged (fix status), and the first release that
// contains it. The history diff is diffReports (analyze/changes.ts, shared with the issue page and
// the Atom feed); this module only selects from it. Every pass revalidates the issue with a
// conditional request (a free 304 when unchanged) and asks for releases conditionally too.
import { formatRef } from "../refs/parse-ref.js";
import type { Store } from "../store/types.js";
import type { Report, ReportChange, ReportChanges } from "../thread/report.js";
import type { IssueRef } from "../thread/types.js";
import { buildReport, type ReleaseInfo, type ReportSource } from "./report.js";

/** The change kinds a watcher is told about. */
const WATCHED_KINDS: ReadonlySet<ReportChange["kind"]> = new Set<ReportChange["kind"]>(["state", "fix", "release"]);

/** The items of a report-history diff that a watch reports (fix merged, first release, state). */
export function watchedChanges(changes: ReportChanges | null | undefined): ReportChange[] {
  return (changes?.items ?? []).filter((c) => WATCHED_KINDS.has(c.kind));
}

export type WatchEvent = {
  ref: string;
  at: string;
  /** True on the first pass over an issue with no stored report: the status it starts from. */
  baseline: boolean;
  state: string;
  fix: Report["fix"]["status"];
  firstRelease: string | null;
  changes: ReportChange[];
};

export type WatchSource = ReportSource & {
  issueEtag?(ref: IssueRef): Promise<string | null>;
  releasesEtag?(
    repo: { host: string; owner: string; repo: string },
    etag: string | null,
  ): Promise<{ notModified: boolean; etag: string | null }>;
};

type ReleaseMemo = Map<string, { etag: string | null; answers: Map<string, ReleaseInfo | null> }>;

/**
 * A thread fetched over GraphQL has no REST etag, so the next pass could not revalidate it with a
 * 304. Ask for the etag first (before the thread: a change in between is then seen next time).
 */
function revalidatable(source: WatchSource): WatchSource {
  const issueEtag = source.issueEtag?.bind(source);
  if (!issueEtag) return source;
  return Object.assign(Object.create(source) as WatchSource, {
    async fetchThread(ref: IssueRef, opts: { etag?: string | null } = {}) {
      if (opts.etag) return source.fetchThread(ref, opts);
      const etag = await issueEtag(ref);
      const fetched = await source.fetchThread(ref, opts);
      if (!fetched.notModified && fetched.meta.etag === null) fetched.meta.etag = etag;
      return fetched;
    },
  });
}

/**
 * The first-release lookup, asked again only when the repository's release list changed: a
 * conditional GET of the newest release answers 304 (free) while nothing was published.
 */
export function conditionalReleases(source: WatchSource, memo: ReleaseMemo = new Map()): WatchSource {
  const releasesEtag = source.releasesEtag?.bind(source);
  if (!releasesEtag) return source;
  return Object.assign(Object.create(revalidatable(source)) as WatchSource, {
    async findFirstRelease(repo: { host: string; owner: string; repo: string }, sha: string) {
      const key = `${repo.host}/${repo.owner}/${repo.repo}`.toLowerCase();
      const known = memo.get(key);
      const check = await releasesEtag(repo, known?.etag ?? null);
      if (known && check.notModified && known.answers.has(sha)) return known.answers.get(sha) ?? null;
      const answer = await source.findFirstRelease(repo, sha);
      const entry = check.notModified && known ? known : { etag: check.etag, answers: new Map() };
      entry.answers.set(sha, answer);
      memo.set(key, entry);
      return answer;
    },
  });
}

export type WatchDeps = { source: WatchSource; store: Store; now: () => Date };

/** One pass: an event per issue that changed (or is seen for the first time). */
export async function watchPass(refs: readonly IssueRef[], deps: WatchDeps): Promise<WatchEvent[]> {
  const events: WatchEvent[] = [];
  for (const ref of refs) {
    // Freshness 0: always revalidate, so the answer is "as of now" and an unchanged issue costs a 304.
    const { report } = await buildReport(ref, { depth: 1, cache: { mode: "normal", freshnessMs: 0 } }, deps);
    // The use-case compares with the previous stored report; it had none when `changes` is null.
    const hadReport = report.changes != null;
    const changes = watchedChanges(report.changes);
    if (hadReport && changes.length === 0) continue;
    events.push({
      ref: report.ref ?? formatRef(ref),
      at: deps.now().toISOString(),
      baseline: !hadReport,
      state: report.state === "closed" && report.stateReason ? `closed (${report.stateReason})` : report.state,
      fix: report.fix.status,
      firstRelease: report.fix.pulls.find((p) => p.releasedIn)?.releasedIn ?? null,
      changes,
    });
  }
  return events;
}

/** One line per event, for people. */
export function formatWatchEvent(e: WatchEvent): string {
  if (e.baseline) {
    return `${e.ref}: watching (state ${e.state}, fix ${e.fix}${e.firstRelease ? `, released in ${e.firstRelease}` : ""})`;
  }
  return e.changes.map((c) => `${e.ref}: ${c.text}`).join("\n");
}
