// The one check of owner names, repository names and issue numbers, used by every face (CLI
// arguments, site paths, API bodies, references found in issue text) and again by the GitHub client
// before any request, so a name can never turn into another path on the API host ("..").
// GitHub's rules:
// - an owner (user or organisation) is 1-39 letters, digits or hyphens, not starting with a hyphen;
// - a repository name is 1-100 letters, digits, ".", "_" or "-", and never "." or ".." (".git" at
//   the end is dropped, as GitHub does);
// - issue and pull request numbers are GraphQL Ints: 1 to 2,147,483,647.

import { UsageError } from "../errors.js";
import { cut } from "../text/format.js";

/** Regex sources for embedding in larger patterns (anchoring is up to the caller). */
export const OWNER_PATTERN = "[A-Za-z0-9][A-Za-z0-9-]{0,38}";
export const REPO_PATTERN = "[A-Za-z0-9._-]{1,100}";
export const MAX_ISSUE_NUMBER = 2_147_483_647;

/** "owner/repo" with both names captured. */
export const REPO_TEXT_PATTERN = `(${OWNER_PATTERN})\\/(${REPO_PATTERN})`;
/** "owner/repo#12" with owner, repository and number captured. */
export const REF_TEXT_PATTERN = `${REPO_TEXT_PATTERN}#(\\d{1,10})`;

const OWNER = new RegExp(`^${OWNER_PATTERN}$`);
const REPO = new RegExp(`^${REPO_PATTERN}$`);
const REPO_TEXT = new RegExp(`^${REPO_TEXT_PATTERN}$`);
const REF_TEXT = new RegExp(`^${REF_TEXT_PATTERN}$`);

export const isOwnerName = (name: string): boolean => OWNER.test(name);

/** The repository name GitHub would use (".git" dropped), or null when it is not one. */
export function repoNameOf(raw: string): string | null {
  const name = raw.replace(/\.git$/i, "");
  if (!REPO.test(name) || name === "." || name === "..") return null;
  return name;
}

/** "owner/repo" in GitHub's names (not checked further: see checkRepoNames). */
export const isRepoText = (text: string): boolean => REPO_TEXT.test(text);

/** "owner/repo#12" split into its parts, or null when it is not one in GitHub's names. */
export function parseRefText(text: string): { owner: string; repo: string; number: number } | null {
  const m = REF_TEXT.exec(text);
  return m ? { owner: m[1] as string, repo: m[2] as string, number: Number(m[3]) } : null;
}

export const isIssueNumber = (n: number): boolean => Number.isSafeInteger(n) && n >= 1 && n <= MAX_ISSUE_NUMBER;

const HINT = "Name it as owner/repo: letters, digits, '-', and for the repository also '.' and '_' (not . or ..).";

/** The owner and repository name, checked; a UsageError (exit 2, HTTP 400) otherwise. */
export function checkRepoNames(owner: string, repo: string): { owner: string; repo: string } {
  if (!isOwnerName(owner)) throw new UsageError(`"${cut(owner, 60, "...")}" is not a GitHub owner name`, HINT);
  const name = repoNameOf(repo);
  if (name === null) throw new UsageError(`"${cut(repo, 60, "...")}" is not a GitHub repository name`, HINT);
  return { owner, repo: name };
}

/** An issue number from text, checked against GitHub's range; a UsageError otherwise. */
export function checkIssueNumber(text: string): number {
  const n = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!isIssueNumber(n)) {
    throw new UsageError(
      `"${cut(text, 60, "...")}" is not a GitHub issue number`,
      `Issue numbers run from 1 to ${MAX_ISSUE_NUMBER.toLocaleString("en-US")}.`,
    );
  }
  return n;
}
