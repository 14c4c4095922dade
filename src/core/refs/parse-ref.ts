import { UsageError } from "../errors.js";
import { cut } from "../text/format.js";
import type { IssueRef } from "../thread/types.js";
import { checkIssueNumber, checkRepoNames, OWNER_PATTERN, REPO_PATTERN } from "./names.js";

// Loose on purpose (any digits, names checked by names.ts), so a bad name or number gets its own message.
const SHORTHAND = new RegExp(`^(${OWNER_PATTERN})\\/(${REPO_PATTERN})#(\\d{1,20})$`);
const URL_PATH = new RegExp(`^\\/(${OWNER_PATTERN})\\/(${REPO_PATTERN})\\/(issues|pull|pulls)\\/(\\d{1,20})\\/?$`);

/**
 * Parses what a person pastes: `owner/repo#12`, `https://github.com/owner/repo/issues/12`
 * (also /pull/12, with or without a #fragment or ?query), or the same on a GitHub Enterprise
 * host. `allowedHosts` are web hosts ("github.com", "ghe.example.com"); any other host is refused
 * so user input can never choose where we fetch from.
 */
export function parseIssueRef(input: string, allowedHosts: readonly string[] = ["github.com"]): IssueRef {
  const text = input.trim();
  const defaultHost = allowedHosts[0] ?? "github.com";
  const short = SHORTHAND.exec(text);
  if (short) return ref(defaultHost, short[1], short[2], short[3], input);
  const url = allowedGitHubUrl(text, allowedHosts, {
    what: "an issue reference",
    hint: "Give a URL like https://github.com/owner/repo/issues/123 or the shorthand owner/repo#123.",
  });
  const host = url.hostname;
  const m = URL_PATH.exec(url.pathname);
  if (!m) {
    throw new UsageError(
      `${url.pathname} is not the path of an issue or pull request`,
      "The URL should look like https://github.com/owner/repo/issues/123.",
    );
  }
  return ref(host, m[1], m[2], m[4], input);
}

/**
 * A URL on one of the allowed GitHub web hosts (hostname lower-cased, "www." dropped), or a
 * UsageError: not a URL (saying what was expected), malformed, or on any other host.
 */
/** An absolute http(s) URL, or null for anything else (relative, malformed, javascript:, mailto:). */
export function parseHttpUrl(raw: string): URL | null {
  const url = URL.parse(raw);
  return url && (url.protocol === "https:" || url.protocol === "http:") ? url : null;
}

/** The web host a URL names, as configured hosts are written ("www.github.com" is github.com). */
export const webHostOf = (url: URL): string => url.hostname.toLowerCase().replace(/^www\./, "");

export function allowedGitHubUrl(
  input: string,
  allowedHosts: readonly string[],
  shape: { what: string; hint: string },
): URL {
  const text = input.trim();
  if (!/^https?:\/\//i.test(text)) throw new UsageError(`"${cut(input, 80, "...")}" is not ${shape.what}`, shape.hint);
  const url = parseHttpUrl(text);
  if (!url) throw new UsageError(`"${cut(input, 80, "...")}" is not a valid URL`, "Check the URL for typos.");
  const host = webHostOf(url);
  if (!allowedHosts.includes(host)) {
    throw new UsageError(
      `${host} is not a configured GitHub host`,
      `Only ${allowedHosts.join(", ")} ${allowedHosts.length === 1 ? "is" : "are"} allowed; for GitHub Enterprise pass --api-url https://${host}/api/v3.`,
    );
  }
  url.hostname = host;
  return url;
}

function ref(host: string, owner?: string, repo?: string, num?: string, input = ""): IssueRef {
  if (!owner || !repo || !num) {
    throw new UsageError(`"${cut(input, 80, "...")}" has no valid issue number`, "Issue numbers start at 1.");
  }
  const names = checkRepoNames(owner, repo);
  return { host, ...names, number: checkIssueNumber(num) };
}

/** "owner/repo#12" (the host is left out: refs in one report share it). */
export const formatRef = (r: Pick<IssueRef, "owner" | "repo" | "number">): string => `${r.owner}/${r.repo}#${r.number}`;

/** Same thread? Owner and repo compare case-insensitively, as on GitHub. */
export const sameRef = (a: IssueRef, b: IssueRef): boolean =>
  a.number === b.number &&
  a.host.toLowerCase() === b.host.toLowerCase() &&
  a.owner.toLowerCase() === b.owner.toLowerCase() &&
  a.repo.toLowerCase() === b.repo.toLowerCase();

/** A stable map key for a ref. */
export const refKey = (r: IssueRef): string =>
  `${r.host.toLowerCase()}/${r.owner.toLowerCase()}/${r.repo.toLowerCase()}#${r.number}`;

/** The web URL of a thread. */
export const threadUrl = (r: IssueRef, kind: "issue" | "pull" = "issue"): string =>
  `https://${r.host}/${r.owner}/${r.repo}/${kind === "pull" ? "pull" : "issues"}/${r.number}`;
