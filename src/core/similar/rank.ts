// Similar-issue ranking, pure: the store supplies candidates with raw text ranks; this turns them
// into a calibrated score in [0, 1].
//
//   text   = 0.4 · min(1, fullRank / selfFullRank) + 0.3 · min(1, titleRank / selfTitleRank)
//            + 0.3 · titleDice
//   score  = 1 − (1 − 0.6 · sig) · (1 − text)
//
// fullRank is the backend's relevance (bm25 / ts_rank) of the candidate to the anchor's title,
// body and error text; titleRank the same for the anchor's title alone. Dividing by the anchor's
// own rank for the same query makes them "how close to a copy of the anchor", comparable across
// queries and backends. titleDice is the Dice coefficient of stemmed title words. sig is 1 for the
// same error signature, 0.9 for a truncated prefix, the token Jaccard (≥ 0.8) for a near match,
// else 0. The noisy-OR lets either kind of evidence raise the score without exceeding 1: the same
// error alone gives 0.6; text alone gives `text`.
//
// Duplicates point at their canonical: when candidates C₁…Cₙ are marked duplicates of X, X gains
// the best one's resemblance at half strength, score(X) ← 1 − (1 − score(X)) · (1 − 0.5 · maxᵢ score(Cᵢ))
// (the best only: duplicates of one issue are near-copies, not independent evidence), and
// when the anchor itself is marked a duplicate of X, or X a duplicate of the anchor, X gets
// score(X) ← 1 − (1 − score(X)) · 0.1: the project said so.
// A person asking what resembles an issue is best served by the issue the project tracks.
//
// Calibration on the dev fixtures (similar.e2e.test.ts): the true canonical of each unmarked
// duplicate scores 0.18–0.46; same-error threads 0.65–0.9; the best hit of a thread with no real
// relative in the store stays under 0.15. Hence CONFIDENT = 0.18: below it, "no confident match".
import { formatRef, refKey } from "../refs/parse-ref.js";
import type { ThreadRow } from "../store/types.js";
import type { IssueRef, StateReason, ThreadState } from "../thread/types.js";
import { compareSignatures, type ErrorSignature, errorSignature } from "./error-signature.js";
import { contentStems, sharedStems, titleSimilarity } from "./text-similarity.js";

export const WEIGHTS = {
  full: 0.4,
  title: 0.3,
  dice: 0.3,
  sameError: 0.6,
  viaDuplicate: 0.5,
  ownCanonical: 0.9,
} as const;
/** The best result must reach this score for the answer to be "confident". */
export const CONFIDENT = 0.18;

export type SimilarResult = {
  /** "owner/repo#n" */
  ref: string;
  title: string;
  state: ThreadState;
  stateReason: StateReason;
  score: number;
  sameError: boolean;
  why: string;
};

export type SimilarAnswer = { results: SimilarResult[]; confident: boolean; message?: string };

export type Anchor = {
  ref: IssueRef | null;
  title: string;
  signature: ErrorSignature | null;
  /** The thread the anchor is marked a duplicate of, if any. */
  duplicateOf?: IssueRef | null;
  /** The anchor's own rank for the full query and for the title query (0 or null when unknown). */
  selfFull: number | null;
  selfTitle: number | null;
};

export type Candidate = { row: ThreadRow; fullRank: number; titleRank: number };

type Scored = SimilarResult & { key: string; sig: number; duplicateOf: string | null };

export function scoreCandidate(anchor: Anchor, c: Candidate): Scored {
  const full = ratio(c.fullRank, anchor.selfFull);
  const titleQ = ratio(c.titleRank, anchor.selfTitle);
  const dice = titleSimilarity(anchor.title, c.row.title);
  const text = WEIGHTS.full * full + WEIGHTS.title * titleQ + WEIGHTS.dice * dice;

  const match =
    anchor.signature && c.row.errorText ? compareSignatures(anchor.signature, errorSignature(c.row.errorText)) : null;
  const sig = match?.same ? match.similarity : 0;
  const score = 1 - (1 - WEIGHTS.sameError * sig) * (1 - clamp(text));

  const reasons: string[] = [];
  if (match?.same) reasons.push(match.how === "exact" ? "same error" : `same error (${match.how} match)`);
  const shared = sharedStems(anchor.title, c.row.title);
  if (shared.length) reasons.push(`title shares ${shared.slice(0, 4).join(", ")}`);
  if (full >= 0.1 || titleQ >= 0.1) reasons.push(`text relevance ${round(Math.max(full, titleQ))}`);
  if (c.row.duplicateOf) reasons.push(`marked duplicate of ${formatRef(c.row.duplicateOf)}`);

  return {
    key: refKey(c.row.ref),
    ref: formatRef(c.row.ref),
    title: c.row.title,
    state: c.row.state,
    stateReason: c.row.stateReason,
    score: round(score),
    sameError: sig > 0,
    sig,
    duplicateOf: c.row.duplicateOf ? refKey(c.row.duplicateOf) : null,
    why: reasons.join("; ") || "weak text overlap",
  };
}

/** Canonicals gain the resemblance of their duplicates (see the formula above). */
function propagateToCanonicals(anchor: Anchor, byKey: Map<string, Scored>): void {
  const children = new Map<string, Scored[]>();
  for (const s of byKey.values()) {
    if (s.duplicateOf && s.duplicateOf !== s.key)
      children.set(s.duplicateOf, [...(children.get(s.duplicateOf) ?? []), s]);
  }
  const own = anchor.duplicateOf ? refKey(anchor.duplicateOf) : null;
  const self = anchor.ref ? refKey(anchor.ref) : null;
  for (const [key, target] of byKey) {
    const kids = children.get(key) ?? [];
    let miss = 1 - target.score;
    const best = Math.max(0, ...kids.map((k) => k.score));
    miss *= 1 - WEIGHTS.viaDuplicate * best;
    const dupOfAnchor = self !== null && target.duplicateOf === self;
    if (key === own || dupOfAnchor) miss *= 1 - WEIGHTS.ownCanonical;
    if (miss >= 1 - target.score) continue;
    const notes: string[] = [];
    if (key === own) notes.push("the thread is marked a duplicate of it");
    if (dupOfAnchor) notes.push("marked a duplicate of the thread");
    if (kids.length) {
      const named = [...kids].sort((a, b) => b.score - a.score).slice(0, 3);
      notes.push(`canonical of similar ${named.map((k) => k.ref.replace(/^.*#/, "#")).join(", ")}`);
    }
    byKey.set(key, { ...target, score: round(1 - miss), why: `${notes.join("; ")}; ${target.why}` });
  }
}

/** Scores, drops the anchor itself, sorts best first (ties: same error, then ref), applies the limit. */
export function rankCandidates(anchor: Anchor, candidates: readonly Candidate[], limit: number): SimilarAnswer {
  const self = anchor.ref ? refKey(anchor.ref) : null;
  const byKey = new Map<string, Scored>();
  for (const c of candidates) {
    const s = scoreCandidate(anchor, c);
    if (s.key === self) continue;
    const prev = byKey.get(s.key);
    if (!prev || s.score > prev.score) byKey.set(s.key, s);
  }
  propagateToCanonicals(anchor, byKey);
  return finish([...byKey.values()], limit, CONFIDENT);
}

export const SEARCH_CONFIDENT = 0.6;

/**
 * Free-text search has no anchor thread to normalise by, so relevance is relative to the best hit
 * and confidence comes from the words themselves:
 *
 *   text  = 0.5 · rank / bestRank + 0.5 · coverage     (coverage: share of the query's stemmed words
 *                                                       found in the hit's title or error text)
 *   score = 1 − (1 − 0.6 · sig) · (1 − text)           (sig: the query, read as an error message,
 *                                                       has the hit's error signature)
 *
 * Confident when the best score reaches 0.6, i.e. the best hit's title or error holds at least a
 * fifth of the query's words, or carries the same error.
 */
export function rankSearchHits(query: string, candidates: readonly Candidate[], limit: number): SimilarAnswer {
  const signature = errorSignature(query);
  const queryStems = contentStems(query);
  const best = Math.max(0, ...candidates.map((c) => c.fullRank));
  const byKey = new Map<string, Scored>();
  for (const c of candidates) {
    const rel = best > 0 ? c.fullRank / best : 0;
    const seen = contentStems(`${c.row.title} ${c.row.errorText ?? ""}`);
    const covered = [...queryStems].filter((s) => seen.has(s));
    const coverage = queryStems.size ? covered.length / queryStems.size : 0;
    const match = c.row.errorText ? compareSignatures(signature, errorSignature(c.row.errorText)) : null;
    const sig = match?.same ? match.similarity : 0;
    const score = 1 - (1 - WEIGHTS.sameError * sig) * (1 - clamp(0.5 * rel + 0.5 * coverage));
    const reasons: string[] = [];
    if (sig > 0) reasons.push(match?.how === "exact" ? "same error" : `same error (${match?.how} match)`);
    if (covered.length) reasons.push(`title or error has ${covered.slice(0, 4).join(", ")}`);
    if (rel > 0) reasons.push(`text relevance ${round(rel)} of the best hit`);
    const key = refKey(c.row.ref);
    const prev = byKey.get(key);
    if (prev && prev.score >= score) continue;
    byKey.set(key, {
      key,
      ref: formatRef(c.row.ref),
      title: c.row.title,
      state: c.row.state,
      stateReason: c.row.stateReason,
      score: round(score),
      sameError: sig > 0,
      sig,
      duplicateOf: null,
      why: reasons.join("; ") || "weak text overlap",
    });
  }
  return finish([...byKey.values()], limit, SEARCH_CONFIDENT);
}

function finish(scored: Scored[], limit: number, threshold: number): SimilarAnswer {
  const sorted = scored.sort(
    (a, b) => b.score - a.score || Number(b.sameError) - Number(a.sameError) || a.key.localeCompare(b.key),
  );
  const results = sorted.slice(0, Math.max(0, limit)).map(({ key: _k, sig: _s, duplicateOf: _d, ...r }) => r);
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

const ratio = (rank: number, self: number | null) => (self && self > 0 && rank > 0 ? Math.min(1, rank / self) : 0);
const clamp = (x: number) => Math.max(0, Math.min(1, x));
const round = (x: number) => Math.round(x * 1000) / 1000;
