// The one engine over the cue tables of findings.rules.ts: scores a sentence per table and decides
// what the sentence reports. The decision, strongest evidence first:
//   a failure cue                          -> did-not-help (or temporary, with a success cue)
//   a state description without a step     -> nothing ("worked fine at first")
//   relief that did not last               -> temporary
//   a condition, unless a strong success
//   names a step in the same sentence      -> conditional ("only with X", "still works in Y")
//   a strong success, or success + a step  -> worked ("works" alone describes, it reports nothing)
//   a declared workaround                  -> worked
//   a suggestion naming a step, or generic
//   advice ("should fix it") with an action -> suggested
import {
  ANAPHOR,
  CONDITION,
  type Cue,
  DECLARED,
  FAILURE,
  HEDGE,
  REQUEST,
  STATE,
  STEP,
  SUCCESS,
  SUGGESTION,
  TEMPORARY,
  TEMPORARY_RELIEF,
} from "./findings.rules.js";

export type CueScores = {
  failure: number;
  success: number;
  /** The strongest single success cue (2: needs no context; 1: "works"). */
  successMax: number;
  step: number;
  /** The strongest single step cue: 2 is an action (downgrade, set a flag, delete); 1 a command or version named. */
  stepMax: number;
  suggestion: number;
  declared: number;
  condition: number;
  state: number;
  temporary: number;
  hedge: number;
  request: number;
  anaphor: boolean;
  question: boolean;
};

export type Outcome = "worked" | "did-not-help" | "temporary" | "conditional" | "suggested";

const total = (table: readonly Cue[], s: string): number => {
  let n = 0;
  for (const c of table) if (c.pattern.test(s)) n += c.weight;
  return n;
};
/** A success cue with a negation before it in its clause ("didn't turn up anything that fixes it") is none. */
const NEGATION = /\b(?:not|no|never|nothing|nobody|none|neither|nor|without)\b|n't\b|\bcan(?:not)?\s+not\b/i;
const CLAUSE_START = /[,;:]\s|\s(?:but|and|so|then)\s/gi;

function negated(s: string, at: number): boolean {
  let from = 0;
  for (const m of s.slice(0, at).matchAll(CLAUSE_START)) from = m.index + m[0].length;
  return NEGATION.test(s.slice(from, at));
}

const max = (table: readonly Cue[], s: string): number => {
  let n = 0;
  for (const c of table) {
    if (c.weight <= n) continue;
    const m = c.pattern.exec(s);
    if (m && !negated(s, m.index)) n = c.weight;
  }
  return n;
};

export function scoreSentence(sentence: string): CueScores {
  const s = sentence.trim();
  return {
    failure: total(FAILURE, s),
    success: total(SUCCESS, s),
    successMax: max(SUCCESS, s),
    step: total(STEP, s),
    stepMax: max(STEP, s),
    suggestion: total(SUGGESTION, s),
    declared: total(DECLARED, s),
    condition: total(CONDITION, s),
    state: total(STATE, s),
    temporary: total(TEMPORARY, s),
    hedge: total(HEDGE, s),
    request: total(REQUEST, s),
    anaphor: ANAPHOR.test(s),
    question: /\?\s*$/.test(s) || /？\s*$/.test(s),
  };
}

/** What one sentence reports about a step, or null when it reports no outcome. */
export function outcomeOf(sentence: string): Outcome | null {
  const x = scoreSentence(sentence);
  if (x.failure > 0) return x.temporary > 0 && x.successMax > 0 ? "temporary" : "did-not-help";
  // A request for logs or output asks for information: it is no step, proposed or reported.
  if (x.request > 0 && x.successMax < 2) return null;
  if (x.question) {
    // "Can you try `X`?" proposes a step; any other question reports nothing.
    return x.suggestion >= 2 || (x.suggestion > 0 && x.step > 0) ? "suggested" : null;
  }
  if (x.state > 0 && x.stepMax < 2) return null;
  if (x.temporary > 0 && TEMPORARY_RELIEF.test(sentence)) return "temporary";
  const strong = x.successMax >= 2;
  if (x.condition > 0 && !(strong && x.stepMax >= 2)) return "conditional";
  // "works" needs an action beside it (a command or version alone is the subject, not a step).
  const reported = strong || (x.successMax > 0 && (x.stepMax >= 2 || x.anaphor));
  if (reported) return x.hedge > 0 ? "suggested" : "worked";
  if (x.successMax > 0 && x.step > 0) return "conditional";
  if (x.declared > 0) return "worked";
  // Generic advice ("should fix it", "that usually fixes these") with an action proposes that action.
  if ((x.suggestion > 0 && x.step > 0) || (x.hedge >= 2 && x.stepMax >= 2)) return "suggested";
  return null;
}

/** How much a sentence says about a working step: the strongest sentence speaks for its comment. */
export function strengthOf(sentence: string): number {
  const x = scoreSentence(sentence);
  return x.successMax * 2 + Math.min(x.step, 3) + x.declared;
}
