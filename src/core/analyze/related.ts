// Which linked issues look like reports of the same problem. Only titles are known for linked
// threads, so this is a word-overlap test between a link's title and the thread's title plus its
// error message; duplicates (marked either way) always count. Callers must word it as "similar".
import { STOP_WORDS, TRACKER_WORDS } from "../text/lexicon.js";
import type { ReportLink } from "../thread/report.js";
import type { Thread } from "../thread/types.js";

/** Words that say nothing about a subject: function words and issue-tracker words. */
const isFiller = (w: string): boolean => STOP_WORDS.has(w) || TRACKER_WORDS.has(w);

/** Distinct words of four letters or more, minus stop words and the repository's own name. */
export function keywords(text: string, exclude: ReadonlySet<string> = new Set()): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}']+/u)) {
    const word = w.replace(/^'+|'+$/g, "");
    if (word.length >= 4 && !isFiller(word) && !exclude.has(word) && !/^\d+$/.test(word)) out.add(word);
  }
  return out;
}

/** Linked issues (depth 1) that are duplicates or share at least two keywords with the thread. */
export function similarIssues(thread: Thread, links: readonly ReportLink[], errorGist: string | null): ReportLink[] {
  const exclude = new Set(
    [thread.ref.owner, thread.ref.repo].flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean),
  );
  const mine = keywords(`${thread.title} ${errorGist ?? ""}`, exclude);
  return links.filter((l) => {
    if (l.type !== "issue" || l.depth !== 1) return false;
    if (l.relations.includes("duplicate-of") || l.relations.includes("duplicated-by")) return true;
    if (!l.title) return false;
    let shared = 0;
    for (const w of keywords(l.title, exclude)) if (mine.has(w)) shared++;
    return shared >= 2;
  });
}

/** Words of a text, lower-case, punctuation dropped ("You're" → "you're"). */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter(Boolean);

const PHRASE_MIN_WORDS = 3;
const PHRASE_MIN_CHARS = 12;

/**
 * Whether a title quotes the error: a run of at least three consecutive words (twelve letters or
 * more, not all stop words) of the error's first sentence appears in the title in the same order.
 */
export function titleQuotesError(title: string, errorGist: string): boolean {
  const first = errorGist.replace(/^["']/, "").split(/(?<=[.!?])\s/)[0] ?? errorGist;
  const e = words(first);
  const t = words(title);
  if (e.length < PHRASE_MIN_WORDS || t.length < PHRASE_MIN_WORDS) return false;
  for (let i = 0; i + PHRASE_MIN_WORDS <= e.length; i++) {
    for (let j = 0; j + PHRASE_MIN_WORDS <= t.length; j++) {
      let k = 0;
      while (i + k < e.length && j + k < t.length && e[i + k] === t[j + k]) k++;
      if (k < PHRASE_MIN_WORDS) continue;
      const run = e.slice(i, i + k);
      if (run.join(" ").length >= PHRASE_MIN_CHARS && run.some((w) => w.length >= 4 && !isFiller(w))) return true;
    }
  }
  return false;
}

export type SameErrorLink = { link: ReportLink; why: "title" | "reporter" | "duplicate" };

/**
 * Linked issues (depth 1) that report the same error: their title quotes it, a commenter who says
 * they have the same problem points to it as their own report ("I wrote it up in #12"), or it is
 * marked as a duplicate of this one.
 */
export function sameErrorLinks(
  thread: Thread,
  links: readonly ReportLink[],
  errorGist: string | null,
  sameHereUrls: ReadonlySet<string>,
): SameErrorLink[] {
  if (thread.kind === "pull") return [];
  const out: SameErrorLink[] = [];
  for (const l of links) {
    if (l.type !== "issue" || l.depth !== 1) continue;
    if (l.relations.includes("duplicate-of")) continue; // the canonical issue is followed, not counted
    if (l.relations.includes("duplicated-by")) {
      out.push({ link: l, why: "duplicate" });
    } else if (errorGist && l.title && titleQuotesError(l.title, errorGist)) {
      out.push({ link: l, why: "title" });
    } else if (l.evidence.some((e) => e.source === "comment" && sameHereUrls.has(e.url))) {
      out.push({ link: l, why: "reporter" });
    }
  }
  return out;
}
