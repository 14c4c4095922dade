// Free-text search over the store, ranked and flagged like `similar` (core/similar/rank.ts).
import { UsageError } from "../errors.js";
import { refKey } from "../refs/parse-ref.js";
import { errorSignature } from "../similar/error-signature.js";
import { type Candidate, rankSearchHits, type SimilarAnswer } from "../similar/rank.js";
import type { RepoRef, Store, ThreadRow } from "../store/types.js";

export type SearchOptions = { repo?: RepoRef; limit: number };

const POOL = 100;

export async function search(store: Store, text: string, options: SearchOptions): Promise<SimilarAnswer> {
  if (!text.trim())
    throw new UsageError("nothing to search for", 'Give some words, e.g. issuegraph search "rate limit".');
  const hits = await store.search(text, { repo: options.repo, limit: Math.max(POOL, options.limit * 2) });
  const rows = new Map<string, { row: ThreadRow; rank: number }>(
    hits.map((h) => [refKey(h.ref), { row: h, rank: h.rank }]),
  );
  // A pasted error message finds the threads that carry it even when their words differ.
  const signature = errorSignature(text);
  for (const r of [
    ...(await store.findBySignature(signature.key)),
    ...(await store.findByErrorFamily(signature.family)),
  ]) {
    if (options.repo && refKey({ ...options.repo, number: 0 }).split("#")[0] !== refKey(r.ref).split("#")[0]) continue;
    if (!rows.has(refKey(r.ref))) rows.set(refKey(r.ref), { row: r, rank: 0 });
  }
  const candidates: Candidate[] = [...rows.values()].map(({ row, rank }) => ({ row, fullRank: rank, titleRank: 0 }));
  return rankSearchHits(text, candidates, options.limit);
}
