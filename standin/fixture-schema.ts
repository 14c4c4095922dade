// The thread fixture format v1 as the stand-in reads it: the core's schemas (src/core/fixture-codec/
// schema.ts, the one definition of the format) with the stand-in's stricter checks on top, since it
// must answer as GitHub would: every author is a real account, commit ids are hex shas, enums are
// GitHub's, and every event is one GitHub has (the core keeps unknown events; here they fail).
// Files are validated at load time so a malformed fixture fails with the file's name instead of a
// confusing 500 later.
import { z } from "zod";
import {
  authorSchema,
  eventBase as base,
  commentSchema,
  repoFileSchema as coreRepoFile,
  eventSchemas,
  fixtureSchema,
  parseWith,
  pullSchema,
  releaseSchema,
  repoTextPattern,
  threadRefSchema,
} from "../src/core/fixture-codec/schema.js";

// The reaction names and the thread ref pattern are the core's; the stand-in takes them from here.
export { fixtureRefPattern } from "../src/core/fixture-codec/schema.js";
export { REACTION_KEYS as reactionKeys, type ReactionKey } from "../src/core/thread/types.js";

const sha = z.string().regex(/^[0-9a-f]{7,40}$/, "expected a hex commit sha");
const e = eventSchemas;

const event = z.discriminatedUnion("event", [
  e.labeled,
  e.crossReferenced,
  e.connected.extend({ subject: threadRefSchema }),
  e.referenced.extend({ commit_id: sha }),
  e.closed.extend({
    state_reason: z.enum(["completed", "not_planned", "duplicate"]).nullable().optional(),
    commit_id: sha.nullable().optional(),
  }),
  e.reopened.extend({ state_reason: z.literal("reopened").nullable().optional() }),
  e.duplicate.extend({ canonical: threadRefSchema }),
  e.renamed,
  // Events the core keeps as they are (its "other" events), checked here against FORMAT.md.
  z.object({ event: z.enum(["assigned", "unassigned"]), ...base, assignee: z.string().min(1) }),
  z.object({
    event: z.literal("locked"),
    ...base,
    lock_reason: z.enum(["off-topic", "too heated", "resolved", "spam"]).nullable().optional(),
  }),
  z.object({ event: z.literal("unlocked"), ...base }),
  e.transferred.extend({ from_repo: z.string().regex(repoTextPattern) }),
  e.merged.extend({ commit_id: sha.nullable().optional() }),
  e.reviewed.extend({ state: z.enum(["approved", "changes_requested", "commented", "dismissed"]) }),
]);

const comment = commentSchema.extend({ author: authorSchema });
const pull = pullSchema.extend({ base: z.string().default("main"), merge_commit_sha: sha.nullable().optional() });

export const threadFileSchema = fixtureSchema.extend({
  author: authorSchema,
  pull: pull.nullable(),
  comments: z.array(comment),
  events: z.array(event),
});

export const repoFileSchema = coreRepoFile.extend({
  history: z.array(sha).default([]),
  releases: z.array(releaseSchema.extend({ sha })).default([]),
});

export type ThreadFile = z.input<typeof threadFileSchema>;
export type RepoFile = z.input<typeof repoFileSchema>;
export type ParsedThread = z.output<typeof threadFileSchema>;
export type ParsedRepo = z.output<typeof repoFileSchema>;
export type FixtureEvent = z.output<typeof event>;
export type FixtureComment = z.output<typeof comment>;
export type FixturePull = z.output<typeof pull>;

/** A thread as given in memory: the file's JSON plus the repository it lives in. */
export type FixtureThread = ThreadFile & { owner: string; repo: string };
/** A repository description as given in memory: `_repo.json` plus its name. */
export type FixtureRepo = RepoFile & { owner: string; repo: string };

/** Parses one thread; `where` names the file (or in-memory index) in the error. */
export function parseThread(value: unknown, where: string): ParsedThread {
  return parseOrThrow(threadFileSchema, value, `malformed thread fixture ${where}`);
}

export function parseRepo(value: unknown, where: string): ParsedRepo {
  return parseOrThrow(repoFileSchema, value, `malformed repository fixture ${where}`);
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = parseWith(schema, value);
  if (!parsed.ok) throw new Error(`${what}:\n${parsed.error}`);
  return parsed.value;
}
