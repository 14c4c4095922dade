import type { Scrub } from "../map-error.js";

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
