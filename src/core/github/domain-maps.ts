// Small value mappings shared by the REST and GraphQL paths, so both produce the same Thread.
import {
  type Actor,
  AUTHOR_ASSOCIATIONS,
  type AuthorAssociation,
  emptyReactions,
  GHOST_LOGIN,
  type IssueRef,
  type ReactionCounts,
  type StateReason,
  type ThreadState,
  type TimelineEvent,
} from "../thread/types.js";

const ASSOCIATIONS = new Set<AuthorAssociation>(AUTHOR_ASSOCIATIONS);

export const association = (raw: string | undefined | null): AuthorAssociation => {
  const up = (raw ?? "NONE").toUpperCase() as AuthorAssociation;
  return ASSOCIATIONS.has(up) ? up : "NONE";
};

/**
 * REST names a bot "name[bot]" while GraphQL calls the same Bot "name": use the REST form
 * everywhere (it is also what the fixtures and people write).
 */
export const login = (raw: string, isBotType: boolean): string =>
  isBotType && !raw.endsWith("[bot]") ? `${raw}[bot]` : raw;

export function actor(
  user: { login: string; type?: string | undefined; __typename?: string | undefined } | null | undefined,
  assoc: string | undefined | null,
): Actor | null {
  // GitHub shows deleted accounts as "ghost" (REST) or null (GraphQL); the domain says null for both.
  if (!user || user.login === GHOST_LOGIN) return null;
  const botType = user.type === "Bot" || user.__typename === "Bot";
  const name = login(user.login, botType);
  return { login: name, association: association(assoc), isBot: botType || name.endsWith("[bot]") };
}

/** An event actor as a plain login. */
export const actorLogin = (
  user: { login: string; type?: string | undefined; __typename?: string | undefined } | null | undefined,
): string | null => (user ? login(user.login, user.type === "Bot" || user.__typename === "Bot") : null);

const REASONS = new Set(["completed", "not_planned", "duplicate", "reopened"]);

export const stateReason = (raw: string | null | undefined): StateReason => {
  const low = raw?.toLowerCase();
  return low && REASONS.has(low) ? (low as StateReason) : null;
};

/** OPEN -> open; CLOSED and MERGED (pulls) -> closed. */
export const threadState = (raw: string): ThreadState => (raw.toLowerCase() === "open" ? "open" : "closed");

const LOCK_REASONS: Record<string, string> = {
  OFF_TOPIC: "off-topic",
  TOO_HEATED: "too heated",
  RESOLVED: "resolved",
  SPAM: "spam",
};
/** GraphQL LockReason -> the REST spelling. */
export const lockReason = (raw: string | null | undefined): string | null =>
  raw ? (LOCK_REASONS[raw] ?? raw.toLowerCase()) : null;

export function restReactionCounts(r: Partial<Record<keyof ReactionCounts, number>> | undefined): ReactionCounts {
  const out = emptyReactions();
  if (!r) return out;
  for (const key of Object.keys(out) as (keyof ReactionCounts)[]) out[key] = r[key] ?? 0;
  return out;
}

const CONTENT: Record<string, keyof ReactionCounts> = {
  THUMBS_UP: "+1",
  THUMBS_DOWN: "-1",
  LAUGH: "laugh",
  HOORAY: "hooray",
  CONFUSED: "confused",
  HEART: "heart",
  ROCKET: "rocket",
  EYES: "eyes",
};

export function graphqlReactionCounts(
  groups: { content: string; reactors: { totalCount: number } }[] | null | undefined,
): ReactionCounts {
  const out = emptyReactions();
  for (const g of groups ?? []) {
    const key = CONTENT[g.content];
    if (key) out[key] += g.reactors.totalCount;
  }
  return out;
}

/** "owner/name" + number -> ref on the given host. */
export function refFromNameWithOwner(host: string, nameWithOwner: string, number: number): IssueRef {
  const [owner = "", repo = ""] = nameWithOwner.split("/");
  return { host, owner, repo, number };
}

/** ".../repos/{owner}/{repo}" (any API base) + number -> ref. */
export function refFromRepositoryUrl(host: string, repositoryUrl: string, number: number): IssueRef {
  const m = /\/repos\/([^/]+)\/([^/?#]+)\/?$/.exec(new URL(repositoryUrl).pathname);
  return { host, owner: decodeURIComponent(m?.[1] ?? ""), repo: decodeURIComponent(m?.[2] ?? ""), number };
}

/** REST gives a commit's API URL; GraphQL and people want its page. */
export function commitPageUrl(host: string, apiCommitUrl: string | null | undefined, sha: string): string | null {
  if (!apiCommitUrl) return null;
  const m = /\/repos\/([^/]+)\/([^/]+)\/(?:git\/)?commits\/[0-9a-f]+\/?$/i.exec(safePath(apiCommitUrl));
  return m ? `https://${host}/${m[1]}/${m[2]}/commit/${sha}` : null;
}

const safePath = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
};

/** FooBarEvent -> foo_bar, the REST event name of a GraphQL timeline type. */
export const restEventName = (typename: string): string =>
  typename
    .replace(/Event$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();

/** A submitted review as a timeline event (REST and GraphQL name its fields differently). */
export const reviewedEvent = (
  actor: string | null,
  createdAt: string,
  state: string | null | undefined,
  body: string | null | undefined,
): TimelineEvent => ({ actor, createdAt, type: "reviewed", state: (state ?? "").toLowerCase(), body: body ?? "" });

/** A commit pushed to a pull, kept only as "committed" at its date. */
export const committedEvent = (date: string | null | undefined): TimelineEvent => ({
  actor: null,
  createdAt: date ?? "",
  type: "other",
  name: "committed",
});
