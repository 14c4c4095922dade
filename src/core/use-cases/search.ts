// Free-text search over the store, ranked by the same evidence as `similar` (core/similar): the
// text's words by rarity (the index's statistics), their postings, and the threads carrying the
// text's error signature, in three store queries.
import { UsageError } from "../errors.js";
import { errorSignature, isEmptySignature } from "../similar/error-signature.js";
import { type Candidate, finishAnswer, rankCandidates, SEARCH_CONFIDENT, type SimilarAnswer } from "../similar/rank.js";
import { bestDocs, SEARCH_TERMS, wordsOf } from "../similar/terms.js";
import { repoKeyOf } from "../store/thread-columns.js";
import type { RepoRef, Store } from "../store/types.js";
import { textCoverage } from "./similar.js";

export type SearchOptions = { repo?: RepoRef; limit: number };

/** How many of the best text matches are fetched and scored in full. */
const POOL = 40;

export async function search(store: Store, text: string, options: SearchOptions): Promise<SimilarAnswer> {
  if (!text.trim())
    throw new UsageError("nothing to search for", 'Give some words, e.g. issuegraph search "rate limit".');
  const words = wordsOf(text, "title");
  const covers = await textCoverage(store, words, { k: SEARCH_TERMS, self: false, byRepo: Boolean(options.repo) });
  // With --repo, the best matches within the repository.
  const repoKey = options.repo ? repoKeyOf(options.repo) : undefined;
  const docIds = bestDocs(covers, Math.max(POOL, options.limit * 2), repoKey);
  // A pasted error message finds the threads that carry it even when their words differ.
  const parsed = errorSignature(text);
  const signature = isEmptySignature(parsed) ? null : parsed;
  const fetched = await store.candidates({
    docIds,
    signatureKey: signature?.key ?? null,
    family: signature?.family ?? null,
    perSignature: Math.max(60, options.limit),
  });
  const candidates: Candidate[] = fetched.rows
    .filter((row) => !repoKey || repoKeyOf(row.ref) === repoKey)
    .map((row) => ({
      row,
      cover: covers.get(row.docId)?.cover ?? 0,
      words: covers.get(row.docId)?.words ?? [],
    }));
  const scored = rankCandidates({ ref: null, title: text, signature }, candidates, "search");
  return finishAnswer(scored, options.limit, SEARCH_CONFIDENT);
}
