// Similar-issue ranking, pure and shared by both backends: the store supplies candidates and the
// index's statistics; terms.ts turns them into `cover`; this turns evidence into a calibrated score.
//
//   text   = 0.75 · cover + 0.25 · titleDice          (similar: a thread against a thread)
//   text   = cover                                    (search: pasted text against a thread)
//   score  = 1 − (1 − 0.6 · sig) · (1 − text)
//
// cover (terms.ts) is the share of the query's IDF-weighted terms the candidate holds; titleDice the
// Dice coefficient of stemmed title words; sig 1 for the same error signature, 0.9 for a truncated
// prefix, the token Jaccard (≥ 0.8) for a near match, else 0. Both are absolute, so a score means
// the same whatever the query: the same error alone gives 0.6, text alone gives `text`.
//
// The canonical rises. A candidate marked a duplicate of X (the marked_as_duplicate event, or a
// closing "Duplicate of #X" comment) lends X its evidence, and X goes above its duplicates:
//   score(X) ← max(1 − (1 − score(X)) · (1 − 0.5 · maxᵢ score(Cᵢ)),  maxᵢ score(Cᵢ) + 0.01)
// (chains are followed to the last canonical). The duplicates stay in the list, below it. When the
// thread asked about is itself marked a duplicate of X, or X a duplicate of it, score(X) ←
// 1 − (1 − score(X)) · 0.1: the project said so.
//
// Calibration (similar.test.ts, the dev and corpus fixtures): true duplicates score 0.3–0.9,
// same-error threads 0.6–1, the best hit of a thread with no relative in the store stays under
// 0.25. Hence CONFIDENT = 0.3: below it, "no confident match". Search: a pasted text is a
// confident match from 0.5 (half its weighted words in one thread, or the same error).
import { formatRef, refKey } from "../refs/parse-ref.js";
import type { FixInfo, ThreadRow } from "../store/types.js";
import type { RelatedIssue } from "../thread/report.js";
import type { IssueRef } from "../thread/types.js";
import {
  compareSignatures,
  type ErrorSignature,
  errorSignature,
  isEmptySignature,
  type SignatureMatch,
} from "./error-signature.js";
import { titleSimilarity } from "./text-similarity.js";

export const WEIGHTS = {
  cover: 0.75,
  dice: 0.25,
  sameError: 0.6,
  viaDuplicate: 0.5,
  ownCanonical: 0.9,
  aboveSiblings: 0.01,
} as const;
/** The best result must reach this score for the answer to be "confident". */
export const CONFIDENT = 0.3;
/** Free-text search: confident from this score. */
export const SEARCH_CONFIDENT = 0.5;

/** A similar issue as every face shows it, with its ref as an IssueRef too: never parse `ref` back. */
export type SimilarResult = RelatedIssue & { issueRef: IssueRef };

export type SimilarAnswer = { results: SimilarResult[]; confident: boolean; message?: string };

export type Anchor = {
  ref: IssueRef | null;
  title: string;
  signature: ErrorSignature | null;
  /** The thread the anchor is marked a duplicate of, if any. */
  duplicateOf?: IssueRef | null;
};

/**
 * A candidate with its text evidence: cover (terms.ts) and the matched words as written. With the
 * stored signature's key and family (CandidateRow), the error is parsed only when it can match.
 */
export type Candidate = {
  row: ThreadRow & { fix?: FixInfo; signatureFamily?: string | null };
  cover: number;
  words: readonly string[];
};

export type Scored = SimilarResult & {
  key: string;
  sig: number;
  duplicateOf: string | null;
  row: Candidate["row"];
};

const EXACT: SignatureMatch = { same: true, how: "exact", similarity: 1 };

/**
 * Same error? Never on an empty or frame-only signature. A stored key equal to the anchor's is the
 * same error (types cannot contradict: the key hashes the message); a stored family other than the
 * anchor's cannot be a prefix or near match, so only the rest is parsed and compared.
 */
export function signatureMatch(anchor: ErrorSignature | null, row: Candidate["row"]): SignatureMatch | null {
  const errorText = row.errorText;
  if (!anchor || !errorText || isEmptySignature(anchor)) return null;
  if (row.signatureKey && row.signatureKey === anchor.key) return EXACT;
  if (row.signatureKey && row.signatureFamily !== undefined && row.signatureFamily !== anchor.family) return null;
  const other = errorSignature(errorText);
  if (isEmptySignature(other)) return null;
  return compareSignatures(anchor, other);
}

export function scoreCandidate(anchor: Anchor, c: Candidate, mode: "similar" | "search" = "similar"): Scored {
  const dice = mode === "similar" ? titleSimilarity(anchor.title, c.row.title) : 0;
  const text = mode === "similar" ? WEIGHTS.cover * c.cover + WEIGHTS.dice * dice : c.cover;
  const match = signatureMatch(anchor.signature, c.row);
  const sig = match?.same ? match.similarity : 0;
  const score = 1 - (1 - WEIGHTS.sameError * sig) * (1 - clamp(text));

  const reasons: string[] = [];
  if (match?.same) reasons.push(match.how === "exact" ? "same error" : `same error (${match.how} match)`);
  if (c.words.length) reasons.push(`shares ${c.words.slice(0, 5).join(", ")}`);
  if (c.row.duplicateOf) reasons.push(`marked duplicate of ${formatRef(c.row.duplicateOf)}`);

  return {
    key: refKey(c.row.ref),
    ref: formatRef(c.row.ref),
    issueRef: c.row.ref,
    title: c.row.title,
    state: c.row.state,
    stateReason: c.row.stateReason,
    score: round(score),
    sameError: sig > 0,
    sig,
    duplicateOf: c.row.duplicateOf ? refKey(c.row.duplicateOf) : null,
    row: c.row,
    why: reasons.join("; ") || "weak text overlap",
  };
}

/** Follows duplicate marks to the last canonical among the candidates (cycle-safe). */
function canonicalOf(key: string, byKey: Map<string, Scored>): string | null {
  let current = byKey.get(key)?.duplicateOf ?? null;
  let last: string | null = null;
  const seen = new Set([key]);
  while (current && byKey.has(current) && !seen.has(current)) {
    seen.add(current);
    last = current;
    current = byKey.get(current)?.duplicateOf ?? null;
  }
  return last;
}

/** Canonicals gain their duplicates' evidence and go above them (see the formula above). */
function raiseCanonicals(anchor: Anchor, byKey: Map<string, Scored>): void {
  const self = anchor.ref ? refKey(anchor.ref) : null;
  const own = anchor.duplicateOf ? refKey(anchor.duplicateOf) : null;
  const children = new Map<string, Scored[]>();
  for (const s of byKey.values()) {
    const canonical = canonicalOf(s.key, byKey);
    if (canonical && canonical !== s.key) children.set(canonical, [...(children.get(canonical) ?? []), s]);
  }
  for (const [key, target] of byKey) {
    const kids = children.get(key) ?? [];
    const dupOfAnchor = self !== null && target.duplicateOf === self;
    let score = target.score;
    const notes: string[] = [];
    if (key === own || dupOfAnchor) {
      score = 1 - (1 - score) * (1 - WEIGHTS.ownCanonical);
      notes.push(key === own ? "the thread is marked a duplicate of it" : "marked a duplicate of the thread");
    }
    if (kids.length) {
      const best = Math.max(...kids.map((k) => k.score));
      score = Math.max(1 - (1 - score) * (1 - WEIGHTS.viaDuplicate * best), Math.min(1, best + WEIGHTS.aboveSiblings));
      const named = [...kids].sort((a, b) => b.score - a.score).slice(0, 3);
      notes.push(`canonical of ${named.map((k) => k.ref).join(", ")}`);
    }
    if (!notes.length || score <= target.score) continue;
    byKey.set(key, { ...target, score: round(score), why: `${notes.join("; ")}; ${target.why}` });
  }
}

/** Scores, drops the anchor itself, raises canonicals (similar only), sorts best first. */
export function rankCandidates(
  anchor: Anchor,
  candidates: readonly Candidate[],
  mode: "similar" | "search" = "similar",
): Scored[] {
  const self = anchor.ref ? refKey(anchor.ref) : null;
  const byKey = new Map<string, Scored>();
  for (const c of candidates) {
    const s = scoreCandidate(anchor, c, mode);
    if (s.key === self) continue;
    const prev = byKey.get(s.key);
    if (!prev || s.score > prev.score) byKey.set(s.key, s);
  }
  if (mode === "similar") raiseCanonicals(anchor, byKey);
  return [...byKey.values()].sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.sameError) - Number(a.sameError) ||
      (a.state === "open" ? 0 : 1) - (b.state === "open" ? 0 : 1) ||
      a.row.updatedAt.localeCompare(b.row.updatedAt) ||
      a.key.localeCompare(b.key),
  );
}

/** What the report's same-error part and the faces show of a scored candidate. */
export function relatedIssue(s: Scored): RelatedIssue {
  return {
    ref: s.ref,
    title: s.title,
    state: s.state,
    stateReason: s.stateReason,
    score: s.score,
    sameError: s.sameError,
    why: s.why,
  };
}

export function publicResult(s: Scored): SimilarResult {
  return { ...relatedIssue(s), issueRef: s.issueRef };
}

/** The first `limit` results, and whether the best reaches `threshold` (else "no confident match"). */
export function finishAnswer(scored: readonly Scored[], limit: number, threshold: number): SimilarAnswer {
  const results = scored.slice(0, Math.max(0, limit)).map(publicResult);
  const best = results[0]?.score ?? 0;
  if (best >= threshold) return { results, confident: true };
  return {
    results,
    confident: false,
    message: results.length
      ? `No confident match: the best score is ${best} (below ${threshold}).`
      : "No confident match: nothing in the store resembles it.",
  };
}

const clamp = (x: number) => Math.max(0, Math.min(1, x));
const round = (x: number) => Math.round(x * 1000) / 1000;
