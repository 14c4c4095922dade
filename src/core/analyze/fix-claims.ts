// Fix evidence the timeline does not carry:
// - a maintainer, or the pull request's own author, writes in a comment that a pull request fixed
//   this ("This PR fixes it – <url>", "closed via #12"); with that pull request merged, it is a fix,
//   cited to that comment;
// - a closing pull request that was closed unmerged says another took its place ("Replaced by
//   #14"); the replacement is followed (seen when the crawl read that pull request: depth 2 or more).
// Pure: reads the thread and its links only.
import { formatRef, sameRef } from "../refs/parse-ref.js";
import type { Evidence, LinkedThread } from "../thread/link.js";
import type { Thread } from "../thread/types.js";
import { FIX_CLAIM, FIX_CLAIM_DOUBT, REPLACED_BY } from "./advice.rules.js";

export type ClaimedFix = { link: LinkedThread; evidence: Evidence; how: "comment" | "replacement" };

const MAINTAINER = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

/** The sentence of `text` that holds `needle` (the reference as written). */
function sentenceWith(text: string, needle: string): string | null {
  const at = text.indexOf(needle);
  if (at < 0) return null;
  const start = Math.max(text.lastIndexOf(". ", at), text.lastIndexOf("\n", at)) + 1;
  const ends = [text.indexOf(". ", at + needle.length), text.indexOf("\n", at + needle.length)].filter((i) => i >= 0);
  const end = ends.length > 0 ? Math.min(...ends) : text.length;
  return text.slice(start, end);
}

/** Whether a comment states that the linked pull request fixed the thread. */
function claimsFix(thread: Thread, link: LinkedThread, e: Evidence): boolean {
  if (e.source !== "comment") return false;
  const comment = thread.comments.find((c) => c.url === e.url);
  const author = comment?.author;
  if (!comment || !author || author.isBot) return false;
  const pullAuthors = new Set(
    link.evidence.filter((x) => x.event === "cross-referenced" && x.actor).map((x) => x.actor?.toLowerCase()),
  );
  if (!MAINTAINER.has(author.association) && !pullAuthors.has(author.login.toLowerCase())) return false;
  const needles = [e.excerpt, `#${link.target.number}`, `/pull/${link.target.number}`].filter((x): x is string => !!x);
  for (const n of needles) {
    const s = sentenceWith(comment.body, n);
    if (s && FIX_CLAIM.test(s) && !FIX_CLAIM_DOUBT.test(s)) return true;
  }
  return false;
}

/** Merged pull requests a maintainer or their author says fixed this, and replacements of unmerged closers. */
export function claimedFixes(thread: Thread, links: readonly LinkedThread[]): ClaimedFix[] {
  if (thread.kind !== "issue") return [];
  const out: ClaimedFix[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    if (link.depth !== 1 || link.relations.includes("closed-by") || link.summary?.kind !== "pull") continue;
    if (link.summary.merged !== true) continue;
    const e = link.evidence.find((x) => claimsFix(thread, link, x));
    if (e && !seen.has(formatRef(link.target))) {
      seen.add(formatRef(link.target));
      out.push({ link, evidence: e, how: "comment" });
    }
  }
  // A closing pull request closed unmerged, whose own thread names its replacement.
  const unmergedClosers = links.filter(
    (l) =>
      l.depth === 1 &&
      l.summary?.kind === "pull" &&
      l.summary.merged !== true &&
      l.summary.state === "closed" &&
      l.relations.includes("closed-by"),
  );
  for (const closer of unmergedClosers) {
    for (const l of links) {
      if (l.depth !== 2 || !l.from || !sameRef(l.from, closer.target) || l.summary?.kind !== "pull") continue;
      const e = l.evidence.find((x) => x.excerpt && REPLACED_BY.test(x.excerpt));
      const key = formatRef(l.target);
      if (e && !seen.has(key)) {
        seen.add(key);
        out.push({ link: l, evidence: e, how: "replacement" });
      }
    }
  }
  return out;
}
