// Small formatting helpers shared by the views: times, refs and site paths. Pure.
import { parseRefText } from "../../core/refs/names.js";
import type { IssueRef } from "../../core/thread/types.js";

/** "2026-04-09 07:55 UTC": the same on every machine and in every test. */
export function utc(iso: string | null | undefined): string {
  if (!iso) return "unknown";
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return "unknown";
  return `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The site's page of an issue. Owner and repo are already restricted to GitHub's characters. */
export const issuePath = (ref: Pick<IssueRef, "owner" | "repo" | "number">): string =>
  `/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}/issues/${ref.number}`;

export const refText = (ref: Pick<IssueRef, "owner" | "repo" | "number">): string =>
  `${ref.owner}/${ref.repo}#${ref.number}`;

/** "owner/repo#12" -> the site path, or null when it is not a ref. */
export function pathOfRefText(text: string): string | null {
  const r = parseRefText(text);
  return r ? issuePath(r) : null;
}

/** The site's page of a repository. */
export const repoPathOf = (repo: { owner: string; repo: string }): string =>
  `/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;

/** "owner/repo#12" -> "/owner/repo", or null when it is not a ref. */
export function repoPath(refString: string): string | null {
  const r = parseRefText(refString);
  return r ? repoPathOf(r) : null;
}
