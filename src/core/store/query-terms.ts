// Free text -> search terms both backends can take safely: lowercase words of letters and digits
// (no operators, no quotes), English stop words dropped, deduplicated, capped.
export const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off
  on once only or other our ours ourselves out over own same she should so some such than that the their theirs
  them themselves then there these they this those through to too under until up very was we were what when where
  which while who whom why will with would you your yours yourself yourselves get got its it's im ive dont cant
  please thanks thank hi hello would like also`
    .split(/\s+/)
    .filter(Boolean),
);

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
