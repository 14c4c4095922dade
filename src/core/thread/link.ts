import { z } from "zod";
import type { IssueRef, ThreadSummary } from "./types.js";

/**
 * How a linked thread relates to the thread being reported on, read from the reported thread's side,
 * strongest first (a link with several relations is listed under the first it has):
 * - closed-by: the target pull request (or the closer of the closed event) closes the reported issue;
 * - closes: the reported pull request closes the target (closing keyword or `closes` link);
 * - duplicate-of: the reported thread is a duplicate of the target;
 * - duplicated-by: the target is marked as a duplicate of the reported thread;
 * - connected: linked by hand in the Development sidebar;
 * - mentioned-by: the target mentions the reported thread (cross-reference);
 * - mentions: the reported thread's body or a comment mentions the target.
 */
export const relationStrength = [
  "closed-by",
  "closes",
  "duplicate-of",
  "duplicated-by",
  "connected",
  "mentioned-by",
  "mentions",
] as const;

export type Relation = (typeof relationStrength)[number];

/** A URL a person can open; reports only ever point at http(s). */
export const httpUrlSchema = z.string().regex(/^https?:\/\//, "an http(s) URL");

/** Where a link was seen. `url` always points at something a person can open. */
export const evidenceSchema = z.object({
  source: z.enum(["body", "comment", "timeline", "pull"]),
  url: httpUrlSchema,
  /** GitHub's event name for timeline evidence, e.g. "cross-referenced". */
  event: z.string().nullable(),
  actor: z.string().nullable(),
  at: z.string().nullable(),
  /** A short quote of the text that made the link, e.g. "Fixes #12". */
  excerpt: z.string().nullable(),
});

export type Evidence = z.infer<typeof evidenceSchema>;
export type EvidenceSource = Evidence["source"];

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
