// Parses the repository a person names on the command line: `owner/repo` or a repository URL on an
// allowed host. Like parseIssueRef, any other host is refused so input never chooses where we fetch.
import { UsageError } from "../../errors.js";
import { checkRepoNames, OWNER_PATTERN, REPO_PATTERN } from "../../refs/names.js";
import { allowedGitHubUrl } from "../../refs/parse-ref.js";
import type { RepoRef } from "../../store/types.js";

const SHORTHAND = new RegExp(`^(${OWNER_PATTERN})/(${REPO_PATTERN})$`);
const URL_PATH = new RegExp(`^/(${OWNER_PATTERN})/(${REPO_PATTERN})/?$`);

export function parseRepoArg(input: string, allowedHosts: readonly string[] = ["github.com"]): RepoRef {
  const text = input.trim();
  const defaultHost = allowedHosts[0] ?? "github.com";
  const short = SHORTHAND.exec(text);
  if (short?.[1] && short[2]) return repoRef(defaultHost, short[1], short[2]);
  const url = allowedGitHubUrl(text, allowedHosts, {
    what: "a repository",
    hint: "Name it as owner/repo or https://github.com/owner/repo.",
  });
  const host = url.hostname;
  const m = URL_PATH.exec(url.pathname);
  if (!m?.[1] || !m[2]) {
    throw new UsageError(
      `${url.pathname} is not the path of a repository`,
      "It should look like https://github.com/owner/repo.",
    );
  }
  return repoRef(host, m[1], m[2]);
}

/** "owner/repo" (the host is left out, as formatRef does). */
export const formatRepo = (r: Pick<RepoRef, "owner" | "repo">): string => `${r.owner}/${r.repo}`;

function repoRef(host: string, owner: string, repo: string): RepoRef {
  return { host, ...checkRepoNames(owner, repo) };
}
