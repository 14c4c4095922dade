// "Same error elsewhere" and search, from the similar/search use-cases (the CLI's ranking), mapped
// to what the pages and the API show. The page and the API show the report's own same-error part
// (computed once, with the report); only a report stored before it had `related` is computed here.
import { parseIssueRef, refKey } from "../../core/refs/parse-ref.js";
import type { SimilarResult } from "../../core/similar/rank.js";
import type { Store } from "../../core/store/types.js";
import type { Report } from "../../core/thread/report.js";
import type { IssueRef } from "../../core/thread/types.js";
import { search } from "../../core/use-cases/search.js";
import { similar } from "../../core/use-cases/similar.js";
import type { SearchAnswer, SimilarIssue } from "../deps.js";
import { memoiseWithTtl } from "./ttl-memo.js";

/** How many similar issues a page shows. */
const SIMILAR_LIMIT = 10;

export function storeSimilar(store: Store, host: string): (ref: IssueRef, report: Report) => Promise<SimilarIssue[]> {
  return async (ref, report) => {
    const related = report.sameError?.related;
    if (related) return related.slice(0, SIMILAR_LIMIT).flatMap((r) => toIssue(r, report.host || host));
    const answer = await similar(store, ref, { limit: SIMILAR_LIMIT, allRepos: true });
    return answer.results.map((r) => shown(r, r.issueRef));
  };
}

export function storeSearch(store: Store): (query: string, limit: number) => Promise<SearchAnswer> {
  return async (query, limit) => {
    const answer = await search(store, query, { limit });
    return {
      results: answer.results.map((r) => shown(r, r.issueRef)),
      message: answer.message ?? null,
    };
  };
}

function toIssue(r: Omit<SimilarResult, "issueRef">, host: string): SimilarIssue[] {
  try {
    return [shown(r, parseIssueRef(r.ref, [host]))];
  } catch {
    return [];
  }
}

/** One ranked issue as the pages and the API show it. */
function shown(r: Omit<SimilarResult, "issueRef">, ref: IssueRef): SimilarIssue {
  return {
    ref,
    title: r.title,
    state: r.state,
    stateReason: r.stateReason,
    sameError: r.sameError,
    score: r.score,
    why: r.why,
  };
}

/**
 * Remembers each issue's similar issues for `ttlMs` (and shares one computation between concurrent
 * views): similar() over a large store takes seconds, and a page view must not pay that each time.
 * A newer report of the issue (another generatedAt) computes afresh. At most `max` issues are kept.
 */
export function memoiseSimilar(
  compute: (ref: IssueRef, report: Report) => Promise<SimilarIssue[]>,
  options: { nowMs: () => number; ttlMs: number; max?: number },
): (ref: IssueRef, report: Report) => Promise<SimilarIssue[]> {
  return memoiseWithTtl(compute, (ref, report) => `${refKey(ref)}@${report.meta.generatedAt}`, {
    ...options,
    max: options.max ?? 500,
  });
}
