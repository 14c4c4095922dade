// The two paging loops: GraphQL cursors (one connection per named query) and REST Link headers
// (followed verbatim, never built by hand).
import type { z } from "zod";
import { badShape } from "./map-error.js";
import type { Page, PageQuery } from "./queries/paging-types.js";
import { parseWith } from "./schema.js";
import type { Call, Transport } from "./transport.js";

/** Safety stop: 1,000 pages of 100 is far beyond any real thread. */
const MAX_PAGES = 1000;

/**
 * Drains a connection: starts from the page already in hand and asks `op` for the next page
 * (variables + `cursor`) until GitHub says there is no more.
 */
export async function drainConnection<Raw, T>(
  t: Transport,
  call: Call,
  op: PageQuery<Raw, T>,
  variables: Record<string, unknown>,
  first: Page<T>,
  what: string,
): Promise<T[]> {
  const out = [...first.nodes];
  let info = first.pageInfo;
  const seen = new Set<string>();
  while (info.hasNextPage) {
    const cursor = info.endCursor;
    if (!cursor || seen.has(cursor) || seen.size >= MAX_PAGES) {
      throw badShape(what, `${op.name} paging did not advance`, t.scrub);
    }
    seen.add(cursor);
    const { data, errors } = await call.graphql(op, { ...variables, cursor }, what);
    const raw = op.parse(data, what, t.scrub);
    if (!raw) {
      throw badShape(what, `${op.name}: ${errors[0]?.message ?? "the thread vanished while paging"}`, t.scrub);
    }
    const page = op.toDomain(raw, t.webHost);
    out.push(...page.nodes);
    info = page.pageInfo;
  }
  return out;
}

/** `<url>; rel="next"` from a Link header. */
export function nextLink(link: string | undefined): string | null {
  if (!link) return null;
  for (const m of link.matchAll(/<([^>]+)>\s*;\s*rel="([^"]+)"/g)) {
    if ((m[2] ?? "").split(/\s+/).includes("next")) return m[1] ?? null;
  }
  return null;
}

/** GETs `url` (with `params` on the first page only) and every rel="next" page after it. */
export async function restPages<T>(
  t: Transport,
  call: Call,
  url: string,
  params: Record<string, unknown>,
  item: z.ZodType<T>,
  what: string,
): Promise<T[]> {
  const out: T[] = [];
  let next: string | null = url;
  let first = true;
  for (let n = 0; next; n++) {
    if (n >= MAX_PAGES) throw badShape(what, "too many pages", t.scrub);
    const res = await call.rest(next, first ? params : {}, { what });
    if (!Array.isArray(res.data)) throw badShape(what, "expected a list", t.scrub);
    for (const x of res.data) out.push(parseWith(item, x, what, t.scrub));
    next = nextLink(res.headers.link);
    first = false;
  }
  return out;
}
