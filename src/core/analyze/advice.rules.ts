// What labels and release notes mean for the advice, as data. Adding a label vocabulary is a row.
import { REF_TEXT_PATTERN } from "../refs/names.js";

/** "resolved in version 22.6.3", "released in v1.4.0", "fixed in 2.31.1", "shipped in 5.0". */
export const RELEASED_IN =
  /\b(?:released|resolved|fixed|shipped|landed|available|included)\s+in\s+(?:version\s+|release\s+|v(?=\d))?(v?\d+\.\d+(?:\.\d+)?(?:[-.][\w.]+)?)\b/i;

/**
 * What a label says about the report, and so what advice fits:
 * - not-a-bug: invalid, not a bug, works as intended: no fix will come; the reading is the answer;
 * - wontfix: declined;
 * - support: a usage question, answered rather than fixed;
 * - external: the cause lives elsewhere (upstream, a dependency, the platform): follow it there;
 * - needs-info: waiting on the reporter;
 * - stale: closed or flagged for inactivity, not because it was solved.
 */
export type LabelMeaning = "not-a-bug" | "wontfix" | "support" | "external" | "needs-info" | "stale";

const LABEL_MEANINGS: readonly { pattern: RegExp; meaning: LabelMeaning; phrase: string }[] = [
  {
    pattern:
      /^(?:invalid|not[\s:_-]*a[\s_-]*bug|works[\s_-]*as[\s_-]*(?:intended|designed)|by[\s_-]*design|as[\s_-]*designed|expected[\s_-]*behaviou?r)\b/i,
    meaning: "not-a-bug",
    phrase: "the maintainers do not treat it as a bug",
  },
  {
    pattern: /\bwon'?t[\s_-]*fix\b|\bwontfix\b|\bdeclined\b/i,
    meaning: "wontfix",
    phrase: "the maintainers decided not to fix it",
  },
  {
    pattern: /\b(?:support|question|usage|help[\s_-]*request|how[\s_-]*to)\b/i,
    meaning: "support",
    phrase: "it is handled as a support question",
  },
  {
    pattern:
      /\b(?:upstream|external|third[\s_-]*party|dependenc(?:y|ies)|not[\s_-]*our[\s_-]*bug|blocked[\s_/-]*upstream)\b/i,
    meaning: "external",
    phrase: "the cause is outside this project",
  },
  {
    pattern:
      /\b(?:needs?|awaiting|waiting)[\s:_-]*(?:more[\s_-]*)?(?:info|information|response|feedback|author[\s_-]*feedback|repro\w*)\b|\bneed-info\b/i,
    meaning: "needs-info",
    phrase: "the maintainers are waiting for more information",
  },
  {
    pattern: /\bstale\b|\binactive\b|\bno[\s_-]*activity\b/i,
    meaning: "stale",
    phrase: "it was flagged for inactivity",
  },
];

/** The meaning of each label that has one, in label order. */
export function labelMeanings(labels: readonly string[]): { label: string; meaning: LabelMeaning; phrase: string }[] {
  const out: { label: string; meaning: LabelMeaning; phrase: string }[] = [];
  for (const label of labels) {
    const row = LABEL_MEANINGS.find((r) => r.pattern.test(label));
    if (row) out.push({ label, meaning: row.meaning, phrase: row.phrase });
  }
  return out;
}

/**
 * A comment that says a pull request fixed this ("Fixed by #12", "#12 fixes it", "closed via
 * #12", "this PR fixes it"); read in the sentence that names the pull request.
 */
export const FIX_CLAIM =
  /\b(?:fix(?:ed|es)?|resolv(?:ed|es)|clos(?:ed|es))\s+(?:by|via|with|in)\b|\b(?:fix(?:ed|es)|resolv(?:ed|es)|address(?:ed|es))\s+(?:it|this|that|the\s+(?:issue|problem|bug))\b|\b(?:this|the)\s+(?:PR|pull\s+request|change)\s+(?:fixes|resolves|closes|addresses)\b|\b(?:landed|merged)\s+in\b|\bfixes\s*:/i;
/** A negated or hoped-for fix ("not fixed by", "might fix") is no claim. */
export const FIX_CLAIM_DOUBT =
  /\b(?:not|never|n't|might|may|could|would|hope(?:fully)?|should)\s+(?:\w+\s+)?(?:fix|resolve|close)|\bwhether\b|\?/i;

/** On a pull request: another one took its place ("Replaced by #14", "superseded by #14"). */
export const REPLACED_BY = new RegExp(
  String.raw`\b(?:replaced|superseded|succeeded|obsoleted)\s+by\b|\bin\s+favou?r\s+of\b|\bcontinued\s+in\b|\bmoved\s+to\s+(?=#|https?:|${REF_TEXT_PATTERN})`,
  "i",
);
