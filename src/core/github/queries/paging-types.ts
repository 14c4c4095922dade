import type { z } from "zod";
import type { Scrub } from "../map-error.js";
import { parseWith } from "../schema.js";
import { withFragments } from "./fragments.js";

export type PageInfo = { hasNextPage: boolean; endCursor: string | null };
export type Page<T> = { pageInfo: PageInfo; nodes: T[] };

/** A named query that returns one page of one connection (DESIGN pattern 3). */
export type PageQuery<Raw, T> = {
  name: string;
  query: string;
  /** The connection page, or null when its owner no longer resolves. */
  parse(data: unknown, what: string, scrub: Scrub): Page<Raw> | null;
  toDomain(page: Page<Raw>, host: string): Page<T>;
};

/** The next page of one connection (`comments`, `timelineItems`) of an issue or a pull request. */
export function threadConnectionQuery<Raw, T>(spec: {
  name: string;
  field: string;
  /** The connection's arguments (before `after`) and page fragment, on an Issue and on a PullRequest. */
  onIssue: { args: string; fragment: string };
  onPull: { args: string; fragment: string };
  page: z.ZodType<Page<Raw>>;
  toDomain(nodes: Raw[], host: string): T[];
}): PageQuery<Raw, T> {
  const { name, field } = spec;
  return {
    name,
    query: withFragments(`query ${name}($owner: String!, $name: String!, $number: Int!, $cursor: String!) {
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue { ${field}(${spec.onIssue.args}, after: $cursor) { ...${spec.onIssue.fragment} } }
      ... on PullRequest { ${field}(${spec.onPull.args}, after: $cursor) { ...${spec.onPull.fragment} } }
    }
  }
}`),
    parse(data, what, scrub) {
      const node = (data as { repository?: { issueOrPullRequest?: Record<string, unknown> | null } | null } | null)
        ?.repository?.issueOrPullRequest;
      if (!node) return null;
      return parseWith(spec.page, node[field], what, scrub);
    },
    toDomain: (page, host) => ({ pageInfo: page.pageInfo, nodes: spec.toDomain(page.nodes, host) }),
  };
}
