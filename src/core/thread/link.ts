import type { IssueRef, ThreadSummary } from "./types.js";

/**
 * How a linked thread relates to the thread being reported on, read from the reported thread's side:
 * - closes: the reported pull request closes the target (closing keyword or `closes` link);
 * - closed-by: the target pull request (or the closer of the closed event) closes the reported issue;
 * - duplicate-of: the reported thread is a duplicate of the target;
 * - duplicated-by: the target is marked as a duplicate of the reported thread;
 * - mentioned-by: the target mentions the reported thread (cross-reference);
 * - mentions: the reported thread's body or a comment mentions the target;
 * - connected: linked by hand in the Development sidebar.
 */
export type Relation =
  | "closes"
  | "closed-by"
  | "duplicate-of"
  | "duplicated-by"
  | "connected"
  | "mentioned-by"
  | "mentions";

/** Strongest first: a link with several relations is listed under the first it has. */
export const relationStrength: readonly Relation[] = [
  "closed-by",
  "closes",
  "duplicate-of",
  "duplicated-by",
  "connected",
  "mentioned-by",
  "mentions",
];

export type EvidenceSource = "body" | "comment" | "timeline" | "pull";

/** Where a link was seen. `url` always points at something a person can open. */
export type Evidence = {
  source: EvidenceSource;
  url: string;
  /** GitHub's event name for timeline evidence, e.g. "cross-referenced". */
  event: string | null;
  actor: string | null;
  at: string | null;
  /** A short quote of the text that made the link, e.g. "Fixes #12". */
  excerpt: string | null;
};

export type Link = {
  target: IssueRef;
  /** Strongest relation first; never empty. */
  relations: Relation[];
  evidence: Evidence[];
};

/** A linked thread with what is known about it (summary fetched in a batch; null when not fetched). */
export type LinkedThread = Link & {
  summary: ThreadSummary | null;
  depth: number;
  /** The thread it was found on (the root for depth 1), when the crawl recorded it. */
  from?: IssueRef;
};

export type CommitRef = { sha: string; url: string | null; evidence: Evidence[] };
