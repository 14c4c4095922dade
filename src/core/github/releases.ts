// The first release that contains a commit. Releases are sorted by publication; with a linear
// history, "contains" is monotonic, so one look at the newest plus a binary search over the rest
// needs about log2(n) compare requests.

import { NotFoundError } from "../errors.js";
import { restPages } from "./paging.js";
import { parseWith, restCompare, restRelease } from "./schema.js";
import type { Call, Transport } from "./transport.js";

export type RepoRef = { host: string; owner: string; repo: string };
export type FirstRelease = { tag: string; publishedAt: string | null };

export async function findFirstRelease(
  t: Transport,
  call: Call,
  repo: RepoRef,
  sha: string,
): Promise<FirstRelease | null> {
  const what = `releases of ${repo.owner}/${repo.repo}`;
  const all = await restPages(
    t,
    call,
    "GET /repos/{owner}/{repo}/releases",
    { owner: repo.owner, repo: repo.repo, per_page: 100 },
    restRelease,
    what,
  );
  // Drafts are unpublished; ties keep GitHub's order (the sort is stable).
  const releases = all
    .filter((r) => !r.draft && r.published_at)
    .sort((a, b) => (a.published_at ?? "").localeCompare(b.published_at ?? ""));
  const contains = async (tag: string): Promise<boolean> => {
    try {
      const res = await call.rest(
        "GET /repos/{owner}/{repo}/compare/{basehead}",
        { owner: repo.owner, repo: repo.repo, basehead: `${tag}...${sha}`, per_page: 1 },
        { what: `${repo.owner}/${repo.repo} ${tag}...${sha.slice(0, 12)}` },
      );
      const { status } = parseWith(restCompare, res.data, what, t.scrub);
      // "behind": the commit is an ancestor of the tag; "identical": it is the tag.
      return status === "behind" || status === "identical";
    } catch (err) {
      if (err instanceof NotFoundError) return false; // unknown commit (or tag): not contained
      throw err;
    }
  };
  const last = releases.length - 1;
  const newest = releases[last];
  if (!newest || !(await contains(newest.tag_name))) return null;
  let found = last;
  let lo = 0;
  let hi = last - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (await contains((releases[mid] as (typeof releases)[number]).tag_name)) {
      found = mid;
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  const hit = releases[found] as (typeof releases)[number];
  return { tag: hit.tag_name, publishedAt: hit.published_at };
}
