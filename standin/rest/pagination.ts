// GitHub's page-number pagination: per_page (default 30, clamped to 100), page (default 1), and a
// Link header with first/prev/next/last in the /repositories/{id}/... form, omitted on a single page.

export type Page<T> = { items: T[]; link: string | null };

export function pageParams(query: URLSearchParams, defaultPerPage = 30): { perPage: number; page: number } {
  const perPage = Number.parseInt(query.get("per_page") ?? "", 10);
  const page = Number.parseInt(query.get("page") ?? "", 10);
  return {
    perPage: Number.isFinite(perPage) && perPage > 0 ? Math.min(perPage, 100) : defaultPerPage,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** `linkBase` is an absolute URL without query; the request's other query parameters are kept. */
export function paginate<T>(
  items: readonly T[],
  query: URLSearchParams,
  linkBase: string,
  defaultPerPage = 30,
): Page<T> {
  const { perPage, page } = pageParams(query, defaultPerPage);
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  if (last === 1 && page === 1) return { items: slice, link: null };
  const href = (n: number): string => {
    const params = new URLSearchParams(query);
    params.set("page", String(n));
    return `${linkBase}?${params.toString()}`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${href(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) rels.push(`<${href(page + 1)}>; rel="next"`);
  if (page < last) rels.push(`<${href(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${href(1)}>; rel="first"`);
  return { items: slice, link: rels.length > 0 ? rels.join(", ") : null };
}
