// Everything a repository's page shows, from the store: its top error clusters (stored issues that
// share an error signature), open issues that are likely duplicates (marked as such, or sharing
// the error of an earlier issue), fixes shipped recently (from the stored reports), and its
// trending issues. Null when nothing of the repository is stored.
import { NotFoundError } from "../../core/errors.js";
import { refKey } from "../../core/refs/parse-ref.js";
import type { RepoRef, ThreadRow } from "../../core/store/types.js";
import type { IssueRef, StateReason, ThreadState } from "../../core/thread/types.js";
import type { ServerContext } from "../context.js";
import { loadTrending, type TrendingEntry } from "./trending.js";

/** How many stored issues of the repository are read (most recently updated first). */
const MAX_ROWS = 1_000;
/** How many stored reports are read for shipped fixes. */
const MAX_REPORTS = 150;

export type RepoIssue = { ref: IssueRef; title: string; state: ThreadState; stateReason: StateReason };

export type ErrorCluster = { errorText: string; issues: RepoIssue[]; open: number };

export type LikelyDuplicate = { issue: RepoIssue; of: IssueRef; why: "marked" | "same-error" };

export type ShippedFix = {
  issue: RepoIssue;
  pull: { ref: string; url: string; title: string | null };
  mergedAt: string | null;
  releasedIn: string | null;
  releasedAt: string | null;
};

export type RepoModel = {
  repo: RepoRef;
  stored: number;
  analysed: number;
  clusters: ErrorCluster[];
  duplicates: LikelyDuplicate[];
  fixes: ShippedFix[];
  trending: TrendingEntry[];
  canonicalUrl: string | null;
};

/** The repository of `/owner/repo`, on the default host; a malformed name is a 400 before any work. */
export function repoFromPath(ctx: ServerContext, owner: string, repo: string): RepoRef {
  const ref = ctx.refs.fromPath(owner, repo, "1");
  return { host: ref.host, owner: ref.owner, repo: ref.repo };
}

/** The 404 of a repository page or feed when nothing from the repository is stored. */
export function repoNotStored(repo: RepoRef): NotFoundError {
  return new NotFoundError(
    `Nothing from ${repo.owner}/${repo.repo} is stored here yet.`,
    "Paste one of its issues on the home page, or sync the repository.",
  );
}

export async function buildRepoModel(ctx: ServerContext, repo: RepoRef): Promise<RepoModel | null> {
  const { store } = ctx.deps;
  const rows = (await store.listThreads({ repo, limit: MAX_ROWS })).filter((r) => r.kind === "issue");
  if (rows.length === 0) return null;
  const trending = await loadTrending(store, ctx.deps.now(), 10, repo).catch(() => []);
  const fixes: ShippedFix[] = [];
  let analysed = 0;
  for (const row of rows.slice(0, MAX_REPORTS)) {
    const stored = await store.getReport(row.ref).catch(() => null);
    if (!stored) continue;
    analysed++;
    for (const pull of stored.report.fix.pulls) {
      if (!pull.merged) continue;
      fixes.push({
        issue: issueOf(row),
        pull: { ref: pull.ref, url: pull.url, title: pull.title },
        mergedAt: pull.mergedAt,
        releasedIn: pull.releasedIn,
        releasedAt: pull.releasedAt,
      });
    }
  }
  fixes.sort((a, b) => byTimeDesc(a.releasedAt ?? a.mergedAt, b.releasedAt ?? b.mergedAt));
  const path = `/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
  return {
    repo,
    stored: rows.length,
    analysed,
    clusters: errorClusters(rows),
    duplicates: likelyDuplicates(rows),
    fixes: dedupeFixes(fixes).slice(0, 10),
    trending,
    canonicalUrl: ctx.refs.publicUrl(path),
  };
}

const issueOf = (r: ThreadRow): RepoIssue => ({
  ref: r.ref,
  title: r.title,
  state: r.state,
  stateReason: r.stateReason,
});

const byTimeDesc = (a: string | null, b: string | null) => ((a ?? "") < (b ?? "") ? 1 : (a ?? "") > (b ?? "") ? -1 : 0);

/** Issues grouped by error signature, biggest group first (groups of one are not clusters). */
export function errorClusters(rows: readonly ThreadRow[], limit = 8): ErrorCluster[] {
  const groups = new Map<string, ThreadRow[]>();
  for (const r of rows) {
    if (!r.signatureKey) continue;
    const g = groups.get(r.signatureKey) ?? [];
    g.push(r);
    groups.set(r.signatureKey, g);
  }
  return [...groups.values()]
    .filter((g) => g.length >= 2)
    .map((g) => {
      const sorted = [...g].sort((a, b) => a.ref.number - b.ref.number);
      return {
        errorText: (sorted.find((r) => r.errorText)?.errorText ?? "").trim().slice(0, 300),
        issues: sorted.map(issueOf),
        open: g.filter((r) => r.state === "open").length,
      };
    })
    .sort((a, b) => b.issues.length - a.issues.length || b.open - a.open || a.errorText.localeCompare(b.errorText))
    .slice(0, limit);
}

/**
 * Open issues that are likely duplicates: marked as a duplicate on GitHub but left open, or sharing
 * the error signature of an earlier issue of the same repository.
 */
export function likelyDuplicates(rows: readonly ThreadRow[], limit = 15): LikelyDuplicate[] {
  const earliest = new Map<string, ThreadRow>();
  for (const r of rows) {
    if (!r.signatureKey) continue;
    const e = earliest.get(r.signatureKey);
    if (!e || r.ref.number < e.ref.number) earliest.set(r.signatureKey, r);
  }
  const out: LikelyDuplicate[] = [];
  for (const r of rows) {
    if (r.state !== "open") continue;
    if (r.duplicateOf) {
      out.push({ issue: issueOf(r), of: r.duplicateOf, why: "marked" });
      continue;
    }
    const first = r.signatureKey ? earliest.get(r.signatureKey) : undefined;
    if (first && refKey(first.ref) !== refKey(r.ref)) out.push({ issue: issueOf(r), of: first.ref, why: "same-error" });
  }
  return out.sort((a, b) => b.issue.ref.number - a.issue.ref.number).slice(0, limit);
}

/** One line per (issue, pull): a report lists a pull once, but several reports may share it. */
function dedupeFixes(fixes: ShippedFix[]): ShippedFix[] {
  const seen = new Set<string>();
  return fixes.filter((f) => {
    const key = `${refKey(f.issue.ref)}|${f.pull.ref}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
