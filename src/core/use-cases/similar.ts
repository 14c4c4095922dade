// Similar issues for a thread, and the report's "same error elsewhere" part, from three store
// queries: the index's statistics for the thread's words (termStats), the postings of its most
// discriminative terms (postings), and the best candidates with the same error signature and their
// fix information (candidates). Ranking: core/similar/terms.ts and rank.ts, the same for both backends.
import { NotFoundError } from "../errors.js";
import { formatRef, refKey } from "../refs/parse-ref.js";
import { type ErrorSignature, errorSignature, isEmptySignature } from "../similar/error-signature.js";
import {
  type Candidate,
  CONFIDENT,
  finishAnswer,
  rankCandidates,
  relatedIssue,
  type Scored,
  type SimilarAnswer,
} from "../similar/rank.js";
import {
  bestDocs,
  type Coverage,
  chooseTerms,
  coverage,
  MAX_POSTINGS,
  MORE_LIKE_THIS_TERMS,
  type QueryWord,
  threadWords,
} from "../similar/terms.js";
import { duplicateOf, repoKeyOf } from "../store/thread-columns.js";
import type { CandidateRow, FixInfo, Store } from "../store/types.js";
import type { SameErrorPart } from "../thread/report.js";
import type { IssueRef, Thread } from "../thread/types.js";

export type SimilarOptions = {
  limit: number;
  /**
   * Rank every repository's threads alike. Without it, the thread's own repository is searched,
   * and another repository's thread is listed only when it has the same error or a text match of
   * at least CROSS_REPO_SCORE (a Python error reported to two projects).
   */
  allRepos?: boolean;
};

/** Another repository's thread needs this score to be listed without --all-repos (or the same error). */
const CROSS_REPO_SCORE = 0.4;
/**
 * How many of the best text matches are fetched and scored in full: within the thread's own
 * repository (or everywhere, with --all-repos), plus, for the own-repository list, the best
 * CROSS_POOL elsewhere (listed only from CROSS_REPO_SCORE, so only the strongest matter).
 */
const POOL = 60;
const CROSS_POOL = 20;
/** Same-signature and same-family threads fetched per query (the count covers them all). */
const PER_SIGNATURE = 60;

export type SimilarSubject = {
  thread: Pick<Thread, "ref" | "title" | "body" | "events" | "comments" | "state" | "stateReason">;
  errorText: string | null;
};

export type MoreLikeThis = {
  answer: SimilarAnswer;
  /** Every scored candidate, best first (the answer holds the first `limit`). */
  scored: Scored[];
  signature: ErrorSignature | null;
  /** Other stored threads with exactly the thread's signature key (all of them, not only those scored). */
  signatureCount: number;
};

export async function similar(store: Store, ref: IssueRef, options: SimilarOptions): Promise<SimilarAnswer> {
  const stored = await store.getThread(ref);
  if (!stored) {
    throw new NotFoundError(
      `${formatRef(ref)} is not in the store`,
      "Import it (issuegraph import DIR) or sync its repository first.",
    );
  }
  const errorText = (await store.getSignature(ref))?.errorText ?? stored.errorMessage;
  return (await moreLikeThis(store, { thread: stored.thread, errorText }, options)).answer;
}

/**
 * The text step shared with `search`: the words' statistics, the chosen terms' postings, each
 * thread's cover (`byRepo`: and its repository, to take the best within one).
 */
export async function textCoverage(
  store: Store,
  words: readonly QueryWord[],
  options: { k: number; self: boolean; byRepo: boolean },
): Promise<Map<number, Coverage>> {
  const stats = await store.termStats(words.map((w) => w.word));
  const query = chooseTerms(words, stats, options);
  const postings = await store.postings(query.terms, { maxPostings: MAX_POSTINGS, withRepo: options.byRepo });
  return coverage(query, postings);
}

/** The three-query pipeline behind `similar` and the report's same-error part. */
async function moreLikeThis(
  store: Store,
  subject: SimilarSubject,
  options: SimilarOptions & { withFix?: boolean },
): Promise<MoreLikeThis> {
  const { thread, errorText } = subject;
  const parsed = errorText ? errorSignature(errorText) : null;
  const signature = parsed && !isEmptySignature(parsed) ? parsed : null;
  const words = threadWords({ title: thread.title, body: thread.body, errorText });
  const covers = await textCoverage(store, words, {
    k: MORE_LIKE_THIS_TERMS,
    self: true,
    byRepo: !options.allRepos,
  });
  const pool = Math.max(POOL, options.limit * 3);
  const docIds = options.allRepos
    ? bestDocs(covers, pool)
    : [...new Set([...bestDocs(covers, pool, repoKeyOf(thread.ref)), ...bestDocs(covers, CROSS_POOL)])];
  const own = duplicateOf(thread as Thread);
  const fetched = await store.candidates({
    docIds,
    // The thread itself (to know whether the signature count includes it) and its canonical.
    refs: own ? [thread.ref, own] : [thread.ref],
    signatureKey: signature?.key ?? null,
    family: signature?.family ?? null,
    // The best text matches with the error are among docIds already; these add the rest (no shared
    // words) up to the list's length, or the report's leads (fixed first).
    perSignature: options.withFix ? PER_SIGNATURE : Math.max(20, options.limit * 2),
    withFix: options.withFix ?? false,
  });
  const self = refKey(thread.ref);
  const selfCounted = fetched.rows.some((r) => refKey(r.ref) === self && r.signatureKey === signature?.key);
  const candidates: Candidate[] = fetched.rows.map((row) => ({
    row,
    cover: covers.get(row.docId)?.cover ?? 0,
    words: covers.get(row.docId)?.words ?? [],
  }));
  const all = rankCandidates({ ref: thread.ref, title: thread.title, signature, duplicateOf: own }, candidates);
  const ownRepo = repoKeyOf(thread.ref);
  const scored = options.allRepos
    ? all
    : all.filter(
        (s) =>
          repoKeyOf(s.issueRef) === ownRepo ||
          s.sameError ||
          s.score >= CROSS_REPO_SCORE ||
          (own !== null && refKey(own) === s.key),
      );
  return {
    answer: finishAnswer(scored, options.limit, CONFIDENT),
    scored,
    signature,
    signatureCount: Math.max(0, fetched.signatureCount - (selfCounted ? 1 : 0)),
  };
}

/** A similar thread that was fixed, or has a fix or a workaround on record. */
export type SameErrorThread = SameErrorPart["fixedOrWorkaround"][number];

/** Score from which a similar thread is called a likely duplicate (the same error plus some text, or strong text). */
export const LIKELY_DUPLICATE = 0.5;
/** How many related threads the part lists. */
const RELATED = 10;

/**
 * The report's "Same error elsewhere" part (every repository), computed once from the store's three
 * queries and shared by the report, the page and the API. With no usable error (none, or frames
 * only), `signature` is null, `count` 0, and `related` lists text-related threads: related, not the
 * same error.
 */
export async function sameErrorPart(store: Store, subject: SimilarSubject): Promise<SameErrorPart> {
  const { scored, signature, signatureCount } = await moreLikeThis(store, subject, {
    limit: RELATED,
    allRepos: true,
    withFix: true,
  });
  const same = scored.filter((s) => s.sameError);
  // Exact matches are counted by the store (beyond those fetched); near matches are all fetched.
  const near = same.filter((s) => s.row.signatureKey !== signature?.key).length;
  const count = signature ? Math.max(same.length, signatureCount + near) : 0;
  const fixedOrWorkaround: SameErrorThread[] = [];
  for (const s of same) {
    const how = fixEvidence(s.row);
    if (how) fixedOrWorkaround.push({ ref: s.ref, title: s.title, state: s.state, stateReason: s.stateReason, how });
  }
  return {
    signature: signature?.signature ?? null,
    count,
    fixedOrWorkaround,
    likelyDuplicates: scored
      .filter((s) => s.score >= LIKELY_DUPLICATE)
      .slice(0, 5)
      .map((s) => ({ ref: s.ref, score: s.score })),
    related: scored.slice(0, RELATED).map(relatedIssue),
  };
}

/** What suggests a same-error thread was fixed or worked around, from the candidate row alone. */
function fixEvidence(row: CandidateRow | (Scored["row"] & { fix?: FixInfo })): string | null {
  const fix = row.fix;
  if (fix?.status === "fixed") return `fixed: ${fix.summary ?? ""}`.trim();
  if (fix?.status === "fix-open") return `a fix is open: ${fix.summary ?? ""}`.trim();
  if (row.state === "closed" && fix?.closedBy.length) return `closed by ${fix.closedBy.map(formatRef).join(", ")}`;
  if (row.state === "closed" && row.stateReason === "completed") return "closed as completed";
  if (fix?.workaround) return `a workaround is reported: ${fix.workaround.slice(0, 120)}`;
  return null;
}
