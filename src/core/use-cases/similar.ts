// Similar issues for a stored thread: candidates from full-text search (the thread's whole text
// and its title alone) and from its error signature, scored by core/similar/rank.ts.
import { NotFoundError } from "../errors.js";
import { formatRef, refKey } from "../refs/parse-ref.js";
import { errorSignature } from "../similar/error-signature.js";
import { queryTextOf } from "../similar/query-text.js";
import { type Candidate, rankCandidates, type SimilarAnswer } from "../similar/rank.js";
import { duplicateOf } from "../store/thread-columns.js";
import type { Store, ThreadRow } from "../store/types.js";
import type { IssueRef } from "../thread/types.js";

export type SimilarOptions = {
  limit: number;
  /** Search every repository in the store, not only the thread's own (same-error matches always span all). */
  allRepos?: boolean;
};

/** How many text hits each query contributes before scoring (more than `limit`, so scoring can reorder). */
const POOL = 100;

export async function similar(store: Store, ref: IssueRef, options: SimilarOptions): Promise<SimilarAnswer> {
  const stored = await store.getThread(ref);
  if (!stored) {
    throw new NotFoundError(
      `${formatRef(ref)} is not in the store`,
      "Import it (issuegraph import DIR) or sync its repository first.",
    );
  }
  const thread = stored.thread;
  const errorText = (await store.getSignature(ref))?.errorText ?? stored.errorMessage;
  const signature = errorText ? errorSignature(errorText) : null;
  const fullQuery = queryTextOf(thread, errorText);
  const titleQuery = thread.title;
  const repo = options.allRepos ? undefined : thread.ref;
  const pool = Math.max(POOL, options.limit * 2);

  const [fullHits, titleHits] = await Promise.all([
    store.search(fullQuery, { repo, limit: pool }),
    store.search(titleQuery, { repo, limit: pool }),
  ]);
  const rows = new Map<string, ThreadRow>();
  for (const h of [...fullHits, ...titleHits]) rows.set(refKey(h.ref), h);
  if (signature) {
    const sameKey = await store.findBySignature(signature.key);
    const sameFamily = await store.findByErrorFamily(signature.family);
    for (const r of [...sameKey, ...sameFamily]) rows.set(refKey(r.ref), r);
  }

  // Canonicals of duplicate candidates (and of the thread itself) compete too, even when their own
  // text is thin (a canonical often has an empty body).
  const canonicals = [duplicateOf(thread), ...[...rows.values()].map((r) => r.duplicateOf)].filter(
    (r): r is IssueRef => r !== null && !rows.has(refKey(r)),
  );
  for (const r of await store.findThreads(canonicals)) rows.set(refKey(r.ref), r);

  // Every candidate needs both ranks, and the anchor its own (the normaliser).
  const full = new Map(fullHits.map((h) => [refKey(h.ref), h.rank]));
  const title = new Map(titleHits.map((h) => [refKey(h.ref), h.rank]));
  const missing = (m: Map<string, number>) =>
    [thread.ref, ...[...rows.values()].map((r) => r.ref)].filter((r) => !m.has(refKey(r)));
  for (const [k, v] of await store.rankText(fullQuery, missing(full))) full.set(k, v);
  for (const [k, v] of await store.rankText(titleQuery, missing(title))) title.set(k, v);

  const candidates: Candidate[] = [...rows.values()].map((row) => ({
    row,
    fullRank: full.get(refKey(row.ref)) ?? 0,
    titleRank: title.get(refKey(row.ref)) ?? 0,
  }));
  return rankCandidates(
    {
      ref: thread.ref,
      title: thread.title,
      signature,
      duplicateOf: duplicateOf(thread),
      selfFull: full.get(refKey(thread.ref)) ?? null,
      selfTitle: title.get(refKey(thread.ref)) ?? null,
    },
    candidates,
    options.limit,
  );
}

export type SameErrorThread = {
  ref: string;
  title: string;
  state: ThreadRow["state"];
  stateReason: ThreadRow["stateReason"];
  /** What suggests it was fixed or worked around. */
  how: string;
};

export type SameErrorSummary = {
  /** The thread's normalised error signature, null when it has no error message. */
  signature: string | null;
  /** Other stored threads (any repository) with the same error. */
  count: number;
  /** Those of them that were fixed, or have a fix or a workaround on record. */
  fixedOrWorkaround: SameErrorThread[];
  /** The strongest matches overall (score >= LIKELY_DUPLICATE), best first. */
  likelyDuplicates: { ref: string; score: number }[];
};

/** Score from which a similar thread is called a likely duplicate (the same error plus some text, or strong text). */
export const LIKELY_DUPLICATE = 0.5;

/** The report's "Same error elsewhere" section, from what the store holds. */
export async function sameErrorSummary(store: Store, ref: IssueRef): Promise<SameErrorSummary> {
  const answer = await similar(store, ref, { limit: 500, allRepos: true });
  const errorText = (await store.getSignature(ref))?.errorText ?? (await store.getThread(ref))?.errorMessage ?? null;
  const same = answer.results.filter((r) => r.sameError);
  const fixedOrWorkaround: SameErrorThread[] = [];
  for (const r of same) {
    const target = parseFormatted(r.ref, ref.host);
    const how = await fixEvidence(store, target, r);
    if (how) fixedOrWorkaround.push({ ref: r.ref, title: r.title, state: r.state, stateReason: r.stateReason, how });
  }
  return {
    signature: errorText ? errorSignature(errorText).signature : null,
    count: same.length,
    fixedOrWorkaround,
    likelyDuplicates: answer.results
      .filter((r) => r.score >= LIKELY_DUPLICATE)
      .slice(0, 5)
      .map((r) => ({ ref: r.ref, score: r.score })),
  };
}

async function fixEvidence(
  store: Store,
  ref: IssueRef,
  row: { state: string; stateReason: string | null },
): Promise<string | null> {
  const report = (await store.getReport(ref))?.report;
  if (report?.fix.status === "fixed") return `fixed: ${report.fix.summary}`;
  if (report?.fix.status === "fix-open") return `a fix is open: ${report.fix.summary}`;
  const thread = (await store.getThread(ref))?.thread;
  if (thread?.state === "closed" && thread.closedByPulls.length) {
    return `closed by ${thread.closedByPulls.map((p) => formatRef(p)).join(", ")}`;
  }
  if (row.state === "closed" && row.stateReason === "completed") return "closed as completed";
  const workaround = report?.workarounds?.[0];
  if (workaround) return `a workaround is reported: ${workaround.text.slice(0, 120)}`;
  return null;
}

function parseFormatted(text: string, host: string): IssueRef {
  const m = /^([^/]+)\/([^#]+)#(\d+)$/.exec(text);
  return { host, owner: m?.[1] ?? "", repo: m?.[2] ?? "", number: Number(m?.[3] ?? 0) };
}
