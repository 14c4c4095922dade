// The thread fixture format v1 (shared/fixtures/FORMAT.md) as zod schemas. Files are validated at
// load time so a malformed fixture fails with the file's name instead of a confusing 500 later.
import { z } from "zod";
import { REF_TEXT_PATTERN, REPO_TEXT_PATTERN } from "../src/core/refs/names.js";
import { AUTHOR_ASSOCIATIONS } from "../src/core/thread/types.js";

export const associations = AUTHOR_ASSOCIATIONS;
export type Association = (typeof associations)[number];

export const reactionKeys = ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"] as const;
export type ReactionKey = (typeof reactionKeys)[number];

const timestamp = z.iso.datetime({ offset: true });
const threadRef = z.string().regex(new RegExp(`^${REF_TEXT_PATTERN}$`), "expected a thread ref like owner/repo#123");
const sha = z.string().regex(/^[0-9a-f]{7,40}$/, "expected a hex commit sha");

const author = z.object({ login: z.string().min(1), association: z.enum(associations) });
const reactions = z.partialRecord(z.enum(reactionKeys), z.number().int().nonnegative());

const comment = z.object({
  id: z.number().int().positive(),
  author,
  created_at: timestamp,
  updated_at: timestamp.optional(),
  body: z.string(),
  reactions: reactions.optional(),
});

const base = { actor: z.string().min(1).nullable(), created_at: timestamp };
const event = z.discriminatedUnion("event", [
  z.object({ event: z.enum(["labeled", "unlabeled"]), ...base, label: z.string() }),
  z.object({ event: z.literal("cross-referenced"), ...base, source: threadRef }),
  z.object({ event: z.enum(["connected", "disconnected"]), ...base, subject: threadRef }),
  z.object({ event: z.literal("referenced"), ...base, commit_id: sha }),
  z.object({
    event: z.literal("closed"),
    ...base,
    state_reason: z.enum(["completed", "not_planned", "duplicate"]).nullable().optional(),
    closer: threadRef.nullable().optional(),
    commit_id: sha.nullable().optional(),
  }),
  z.object({ event: z.literal("reopened"), ...base, state_reason: z.literal("reopened").nullable().optional() }),
  z.object({ event: z.enum(["marked_as_duplicate", "unmarked_as_duplicate"]), ...base, canonical: threadRef }),
  z.object({ event: z.literal("renamed"), ...base, from: z.string(), to: z.string() }),
  z.object({ event: z.enum(["assigned", "unassigned"]), ...base, assignee: z.string().min(1) }),
  z.object({
    event: z.literal("locked"),
    ...base,
    lock_reason: z.enum(["off-topic", "too heated", "resolved", "spam"]).nullable().optional(),
  }),
  z.object({ event: z.literal("unlocked"), ...base }),
  z.object({
    event: z.literal("transferred"),
    ...base,
    from_repo: z.string().regex(new RegExp(`^${REPO_TEXT_PATTERN}$`)),
  }),
  z.object({ event: z.literal("merged"), ...base, commit_id: sha.nullable().optional() }),
  z.object({
    event: z.literal("reviewed"),
    ...base,
    state: z.enum(["approved", "changes_requested", "commented", "dismissed"]),
    body: z.string().nullable().optional(),
  }),
]);

const pull = z.object({
  merged: z.boolean(),
  merged_at: timestamp.nullable(),
  draft: z.boolean().default(false),
  base: z.string().default("main"),
  merge_commit_sha: sha.nullable().optional(),
  closes: z.array(threadRef).default([]),
});

export const threadFileSchema = z.object({
  type: z.enum(["issue", "pull"]),
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string(),
  author,
  state: z.enum(["open", "closed"]),
  state_reason: z.enum(["completed", "not_planned", "duplicate", "reopened"]).nullable(),
  labels: z.array(z.string()),
  locked: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: timestamp.nullable(),
  reactions: reactions.default({}),
  pull: pull.nullable(),
  comments: z.array(comment),
  events: z.array(event),
  _note: z.string().optional(),
});

export const repoFileSchema = z.object({
  id: z.number().int().positive().optional(),
  default_branch: z.string().default("main"),
  private: z.boolean().default(false),
  description: z.string().nullable().optional(),
  created_at: timestamp.optional(),
  history: z.array(sha).default([]),
  releases: z
    .array(
      z.object({
        tag: z.string().min(1),
        sha,
        name: z.string().nullable().optional(),
        published_at: timestamp,
        body: z.string().nullable().optional(),
        draft: z.boolean().optional(),
        prerelease: z.boolean().optional(),
      }),
    )
    .default([]),
  _note: z.string().optional(),
});

export type ThreadFile = z.input<typeof threadFileSchema>;
export type RepoFile = z.input<typeof repoFileSchema>;
export type ParsedThread = z.output<typeof threadFileSchema>;
export type ParsedRepo = z.output<typeof repoFileSchema>;
export type FixtureEvent = z.output<typeof event>;
export type FixtureComment = z.output<typeof comment>;
export type FixturePull = z.output<typeof pull>;
export type Reactions = z.output<typeof reactions>;

/** A thread as given in memory: the file's JSON plus the repository it lives in. */
export type FixtureThread = ThreadFile & { owner: string; repo: string };
/** A repository description as given in memory: `_repo.json` plus its name. */
export type FixtureRepo = RepoFile & { owner: string; repo: string };

/** Parses one thread; `where` names the file (or in-memory index) in the error. */
export function parseThread(value: unknown, where: string): ParsedThread {
  const result = threadFileSchema.safeParse(value);
  if (!result.success) throw new Error(`malformed thread fixture ${where}:\n${z.prettifyError(result.error)}`);
  return result.data;
}

export function parseRepo(value: unknown, where: string): ParsedRepo {
  const result = repoFileSchema.safeParse(value);
  if (!result.success) throw new Error(`malformed repository fixture ${where}:\n${z.prettifyError(result.error)}`);
  return result.data;
}
