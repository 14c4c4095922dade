// Free text -> search terms both backends can take safely: lowercase words of letters and digits
// (no operators, no quotes), English stop words dropped, deduplicated, capped.
import { STOP_WORDS } from "../text/lexicon.js";

export const MAX_QUERY_TERMS = 64;

export function queryTerms(text: string, max = MAX_QUERY_TERMS): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (w.length < 2 || w.length > 40 || STOP_WORDS.has(w) || seen.has(w)) continue;
    seen.add(w);
    out.push(w);
    if (out.length >= max) break;
  }
  return out;
}
