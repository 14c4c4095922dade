// What the store derives from a Thread for its indexed columns and its search document. Pure, and
// shared by both backends so they index the same way.
import { REPO_TEXT_PATTERN } from "../refs/names.js";
import type { IssueRef, Thread } from "../thread/types.js";
import type { SearchDoc } from "./driver.js";

/** "host/owner/repo#n" with the original case: a ref that round-trips through one text column. */
export const refText = (r: IssueRef): string => `${r.host}/${r.owner}/${r.repo}#${r.number}`;

export function refFromStoredText(text: string): IssueRef {
  const m = /^([^/]+)\/([^/]+)\/([^#]+)#(\d+)$/.exec(text);
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) throw new Error(`not a stored ref: ${text}`);
  return { host: m[1], owner: m[2], repo: m[3], number: Number(m[4]) };
}

export const repoKeyOf = (r: Pick<IssueRef, "host" | "owner" | "repo">): string =>
  `${r.host}/${r.owner}/${r.repo}`.toLowerCase();

/**
 * The canonical of the last `marked_as_duplicate` not undone by a later `unmarked_as_duplicate`;
 * without such an event, a closed thread with a comment "Duplicate of #N" (GitHub's
 * own convention, which REST cannot tie to the event), the last such comment.
 */
export function duplicateOf(thread: Thread): IssueRef | null {
  let canonical: IssueRef | null = null;
  let marked = false;
  for (const e of thread.events) {
    if (e.type === "marked_as_duplicate" && e.canonical) {
      canonical = e.canonical;
      marked = true;
    } else if (e.type === "unmarked_as_duplicate") canonical = null;
  }
  if (marked || thread.state !== "closed") return canonical;
  for (const c of [...thread.comments].reverse()) {
    const named = duplicateNamedIn(c.body, thread.ref);
    if (named) return named;
  }
  return null;
}

const DUPLICATE_LINE = new RegExp(
  String.raw`^\s*(?:closing as (?:a )?)?(?:duplicate|dupe|dup) of:?\s+(?:https?:\/\/([\w.-]+)\/${REPO_TEXT_PATTERN}\/(?:issues|pull)\/(\d+)|(?:${REPO_TEXT_PATTERN})?#(\d+))`,
  "im",
);

/** "Duplicate of #12", "duplicate of owner/repo#12" or of an issue URL on the thread's host, at the start of a line. */
export function duplicateNamedIn(text: string, self: IssueRef): IssueRef | null {
  const m = DUPLICATE_LINE.exec(text);
  if (!m) return null;
  if (m[4]) {
    if ((m[1] ?? "").toLowerCase() !== self.host.toLowerCase()) return null;
    return { host: self.host, owner: m[2] ?? "", repo: m[3] ?? "", number: Number(m[4]) };
  }
  const ref = { host: self.host, owner: m[5] ?? self.owner, repo: m[6] ?? self.repo, number: Number(m[7]) };
  return ref.number === self.number && ref.owner === self.owner && ref.repo === self.repo ? null : ref;
}

// Caps keep one thread's document bounded (PostgreSQL's tsvector is limited to 1 MB).
const MAX_BODY = 20_000;
const MAX_COMMENTS = 20_000;

/** Title, body and what people (not bots) said; the error text is added by putSignature/putThread. */
export function searchDoc(thread: Thread, errorText: string | null): SearchDoc {
  const comments: string[] = [];
  let size = 0;
  for (const c of thread.comments) {
    if (c.author?.isBot) continue;
    if (size + c.body.length > MAX_COMMENTS) break;
    comments.push(c.body);
    size += c.body.length + 1;
  }
  return {
    title: thread.title,
    body: thread.body.slice(0, MAX_BODY),
    error: errorText ?? "",
    comments: comments.join("\n"),
  };
}

/** ISO 8601 in one format (UTC, milliseconds), so text columns sort by time. */
export function isoTime(value: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new RangeError(`not a timestamp: ${value}`);
  return new Date(t).toISOString();
}
