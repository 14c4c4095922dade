// Which linked issues look like reports of the same problem. Only titles are known for linked
// threads, so this is a word-overlap test between a link's title and the thread's title plus its
// error message; duplicates (marked either way) always count. Callers must word it as "similar".
import type { ReportLink } from "../thread/report.js";
import type { Thread } from "../thread/types.js";

const STOP = new Set(
  `about above after again against also always another because been before being below between both
  bug cannot could does doesn't doing done during each even error errors every feature from have having
  into issue issues just like made make many more most much must never only other over same should
  since some still such than that their them then there these they this those through under until using
  very want what when where which while will with without would your you're youre instead despite
  incorrectly request support please allow able`
    .split(/\s+/)
    .filter(Boolean),
);

/** Distinct words of four letters or more, minus stop words and the repository's own name. */
export function keywords(text: string, exclude: ReadonlySet<string> = new Set()): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}']+/u)) {
    const word = w.replace(/^'+|'+$/g, "");
    if (word.length >= 4 && !STOP.has(word) && !exclude.has(word) && !/^\d+$/.test(word)) out.add(word);
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
