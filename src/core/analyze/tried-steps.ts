// The step a "did not help" sentence is about, as the reporter named it: "Switching from Opus to
// Sonnet with /model did not help, and neither did updating Claude Code" gives "switching from Opus
// to Sonnet with /model" and "updating Claude Code". Only gerund phrases are taken (they name an
// action in the reporter's own words); anything else stays a quotation.

const OUTCOME =
  /\s+(?:did(?:n't|\s+not)|does(?:n't|\s+not)|do(?:n't|\s+not)|could(?:n't|\s+not))\s+(?:\w+\s+)?(?:help|work|fix|change|solve|resolve|make)\b|\s+(?:changes?|changed)\s+nothing\b|\s+had\s+no\s+effect\b|\s+made\s+no\s+difference\b|\s+(?:is|was)\s+(?:no|not\s+a)\s+(?:help|fix|workaround)\b/i;
const NEITHER = /\b(?:neither|nor)\s+did\s+([^.;!?]+)/gi;
const GERUND = /^(?:also\s+|even\s+)?([a-z]+ing)\b/i;
const MAX_WORDS = 10;

/** Gerund phrases of the steps a negative sentence says did not help, lower-case first letter. */
export function triedSteps(sentence: string): string[] {
  const out: string[] = [];
  const add = (phrase: string) => {
    const p = phrase
      .trim()
      .replace(/[\s,;:]+$/, "")
      .replace(/^(?:and|but|so|also|even)\s+/i, "");
    const m = GERUND.exec(p);
    if (!m || /^(?:nothing|something|anything|everything|thing|during|morning|evening)$/i.test(m[1] as string)) return;
    if (p.split(/\s+/).length > MAX_WORDS) return;
    out.push(p.charAt(0).toLowerCase() + p.slice(1));
  };
  const outcome = OUTCOME.exec(sentence);
  if (outcome) {
    // The subject is the clause before the outcome: after the last ", and " / ", " / "; ".
    const before = sentence.slice(0, outcome.index);
    const clause = before.split(/,\s*(?:and|but|so)\s+|;\s*|,\s+|^\s*(?:and|but|so)\s+/i).pop() ?? before;
    add(clause);
  }
  for (const m of sentence.matchAll(NEITHER)) add(m[1] as string);
  return out;
}

/** Steps that say the same thing once: "switching models" and "switching from A to B" share a verb; keep the shorter. */
export function distinctSteps(steps: readonly string[]): string[] {
  const byVerb = new Map<string, string>();
  for (const s of steps) {
    const verb = s.split(/\s+/)[0]?.toLowerCase() ?? s;
    const seen = byVerb.get(verb);
    if (!seen || s.length < seen.length) byVerb.set(verb, s);
  }
  return [...byVerb.values()];
}
