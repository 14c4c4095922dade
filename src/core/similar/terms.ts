// More-like-this, pure: which words a thread (or a pasted text) is searched by, and how much of that
// query a stored thread covers. The store supplies the index's own statistics (each word's term and
// how many threads hold it) and the postings of the chosen terms; everything else is here, so both
// backends rank with the same formula.
//
//   idf(t)     = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))            (BM25's, never negative)
//   weight(t)  = idf(t) · where(t)    where(t): 1 in the title or the error, 0.5 in the body only
//   query      = the K heaviest terms whose documents add up to at most MAX_POSTINGS
//   cover(d)   = Σ_{t ∈ query ∩ d} weight(t) · field(t, d) / Σ_{t ∈ query} weight(t)
//                field(t, d): 1 in d's title or error, 0.6 in its body or comments only
//
// cover is absolute: the share of the query's information found in d, comparable across queries.

import type { Posting, TermStats } from "../store/types.js";
import { STOP_WORDS } from "../text/lexicon.js";

/** Where a word was found in the text searched by. */
export type Source = "title" | "error" | "body";

export type QueryWord = { word: string; source: Source };

/** A chosen query term: the index term, its weight, and the word as the thread wrote it. */
export type QueryTerm = { term: string; word: string; weight: number; docs: number };

export type Query = {
  terms: QueryTerm[];
  /** Σ weight over the chosen terms, plus (for free text) the words no stored thread holds. */
  mass: number;
};

/** At most this many terms in a query (Coverage keeps one bit per term in a double). */
const MAX_TERMS = 53;
/** How many terms a thread is searched by. */
export const MORE_LIKE_THIS_TERMS = 24;
/** Free text: every word counts, up to this many. */
export const SEARCH_TERMS = 32;
/** The chosen terms' documents add up to at most this: rare terms first, so a query stays cheap. */
export const MAX_POSTINGS = 1200;

const SOURCE_WEIGHT: Record<Source, number> = { title: 1, error: 1, body: 0.5 };
const MAX_BODY_CHARS = 6000;

/** The words of a thread's title, error and body (without template boilerplate), as written. */
export function threadWords(input: { title: string; body: string; errorText: string | null }): QueryWord[] {
  const body = input.body
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/^\s*[-*]\s+\[[ xX]\].*$/gm, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<img[^>]*>/gi, " ")
    .replace(/\bhttps?:\/\/\S+/g, " ")
    .slice(0, MAX_BODY_CHARS);
  return [...wordsOf(input.title, "title"), ...wordsOf(input.errorText ?? "", "error"), ...wordsOf(body, "body")];
}

/** Content words as written (stop words, 1-letter words and long tokens left out). */
export function wordsOf(text: string, source: Source): QueryWord[] {
  const out: QueryWord[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (w.length < 2 || w.length > 40 || STOP_WORDS.has(w.toLowerCase())) continue;
    // Pure numbers and hex-like ids differ per occurrence; they are values, not vocabulary.
    if (/^\d+$/.test(w) || /^(?=.*\d)[0-9a-f]{8,}$/i.test(w)) continue;
    out.push({ word: w, source });
  }
  return out;
}

export const idf = (docs: number, total: number): number =>
  Math.log(1 + (Math.max(total, docs) - docs + 0.5) / (docs + 0.5));

/**
 * The query: each term's weight from its rarity and where the text has it; the heaviest first
 * while their documents fit MAX_POSTINGS. `self`: the text is a stored thread (its own document
 * counts once in every df, so a term only it holds is left out: it can match nothing else).
 * For free text (`self` false), words no thread holds still weigh in `mass`, so a query of unknown
 * words is not a confident match for whatever shares its one common word.
 */
export function chooseTerms(
  words: readonly QueryWord[],
  stats: TermStats,
  options: { k: number; self: boolean; maxPostings?: number },
): Query {
  const termOf = new Map<string, { term: string; docs: number }>();
  for (const t of stats.terms) termOf.set(t.word.toLowerCase(), { term: t.term, docs: t.docs });
  const byTerm = new Map<string, QueryTerm & { where: number }>();
  let unknownMass = 0;
  const unknownSeen = new Set<string>();
  for (const w of words) {
    const lower = w.word.toLowerCase();
    const t = termOf.get(lower);
    const where = SOURCE_WEIGHT[w.source];
    if (!t || t.docs <= (options.self ? 1 : 0)) {
      if (!options.self && !unknownSeen.has(lower)) {
        unknownSeen.add(lower);
        unknownMass += idf(0, stats.docs) * where;
      }
      continue;
    }
    const prev = byTerm.get(t.term);
    if (prev && prev.where >= where) continue;
    byTerm.set(t.term, { term: t.term, word: prev?.word ?? w.word, weight: 0, docs: t.docs, where });
  }
  const ranked = [...byTerm.values()]
    .map((t) => ({ ...t, weight: idf(t.docs, stats.docs) * t.where }))
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
  const budget = options.maxPostings ?? MAX_POSTINGS;
  const terms: QueryTerm[] = [];
  let postings = 0;
  for (const t of ranked) {
    if (terms.length >= Math.min(options.k, MAX_TERMS)) break;
    if (postings + t.docs > budget) continue;
    postings += t.docs;
    terms.push({ term: t.term, word: t.word, weight: t.weight, docs: t.docs });
  }
  const mass = terms.reduce((s, t) => s + t.weight, 0) + unknownMass;
  return { terms, mass };
}

/** A term found only in a thread's body or comments counts this much of one in its title or error. */
const WEAK_FIELD = 0.6;

/**
 * cover(d) of one thread, and the words it matched (heaviest first, as written). Built for every
 * thread in the postings (about a thousand per query) but read for a few dozen: it holds a sum and
 * a bit per query term, and makes the word list only when asked.
 */
export class Coverage {
  private sum = 0;
  private matched = 0;

  constructor(
    private readonly query: Query,
    readonly repoKey: string | null,
  ) {}

  get cover(): number {
    return this.query.mass > 0 ? Math.min(1, this.sum / this.query.mass) : 0;
  }

  get words(): string[] {
    return this.query.terms.filter((_, i) => this.has(i)).map((t) => t.word);
  }

  /** Query term `i` found in the thread, weighing `weight` there (once per term). */
  add(i: number, weight: number): void {
    if (this.has(i)) return;
    this.sum += weight;
    this.matched += 2 ** i;
  }

  private has(i: number): boolean {
    return Math.floor(this.matched / 2 ** i) % 2 === 1;
  }
}

/** cover(d) for every thread in the postings (query terms are heaviest first, so are the words). */
export function coverage(query: Query, postings: readonly Posting[]): Map<number, Coverage> {
  const index = new Map(query.terms.map((t, i) => [t.term, i]));
  const out = new Map<number, Coverage>();
  for (const p of postings) {
    const i = index.get(p.term);
    const t = i === undefined ? undefined : query.terms[i];
    if (i === undefined || !t) continue;
    let c = out.get(p.docId);
    if (!c) {
      c = new Coverage(query, p.repoKey);
      out.set(p.docId, c);
    }
    c.add(i, t.weight * (p.strong ? 1 : WEAK_FIELD));
  }
  return out;
}

/**
 * The `n` threads with the highest cover, best first (ties: the older thread, by store id); with
 * `repoKey`, the best within that repository.
 */
export function bestDocs(covers: ReadonlyMap<number, Coverage>, n: number, repoKey?: string): number[] {
  // The n best kept in order while the covers stream by: no array of every thread to sort (a
  // thousand per query), and numbers compared in place.
  const docs: number[] = [];
  const scores: number[] = [];
  if (n < 1) return docs;
  const better = (s: number, doc: number, i: number) =>
    s > (scores[i] as number) || (s === scores[i] && doc < (docs[i] as number));
  covers.forEach((c, doc) => {
    if (repoKey !== undefined && c.repoKey !== repoKey) return;
    const s = c.cover;
    let i = docs.length;
    if (i === n) {
      if (!better(s, doc, n - 1)) return;
      i = n - 1;
    }
    for (; i > 0 && better(s, doc, i - 1); i--) {
      scores[i] = scores[i - 1] as number;
      docs[i] = docs[i - 1] as number;
    }
    scores[i] = s;
    docs[i] = doc;
  });
  return docs;
}
