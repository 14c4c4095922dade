// Title similarity: Dice coefficient over stemmed content words. Titles are short, so a light
// suffix stemmer (plural, -ing, -ed, -ness, -ly) and stop-word removal carry most of the signal.
import { queryTerms } from "../store/query-terms.js";

/** A light English stemmer: enough to make "windows"/"window" and "blurry"/"blurriness" meet. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ["ingly", "edly", "ness", "ment", "ing", "ed", "ly"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith("y") && w.length > 3) w = `${w.slice(0, -1)}i`;
  // "stopped" -> "stopp" -> "stop"
  if (/([bdfgmnprt])\1$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

export function contentStems(text: string): Set<string> {
  return new Set(queryTerms(text, 200).map(stem));
}

/** The last title's stems: a ranking compares one anchor title with many candidates. */
let lastTitle: { text: string; stems: Set<string> } | null = null;
function titleStems(text: string): Set<string> {
  if (lastTitle?.text !== text) lastTitle = { text, stems: contentStems(text) };
  return lastTitle.stems;
}

/** Dice coefficient of the two titles' content stems, in [0, 1]. */
export function titleSimilarity(a: string, b: string): number {
  const sa = titleStems(a);
  const sb = contentStems(b);
  if (!sa.size || !sb.size) return 0;
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return (2 * shared) / (sa.size + sb.size);
}

/** The stems two texts share (for the "why" of a match). */
export function sharedStems(a: string, b: string): string[] {
  const sb = contentStems(b);
  return [...contentStems(a)].filter((s) => sb.has(s));
}
