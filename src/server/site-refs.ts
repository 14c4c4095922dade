// Issue refs as the site reads them: from its own paths (always the default host) or typed by a
// person (only the allowed hosts pass), and absolute URLs from the configured public origin.
import { parseIssueRef } from "../core/refs/parse-ref.js";
import type { IssueRef } from "../core/thread/types.js";

export interface SiteRefs {
  /** The host of the site's own paths: the first allowed host. */
  readonly defaultHost: string;
  /** A ref from the site's own paths (`/owner/repo/issues/n`). */
  fromPath(owner: string, repo: string, num: string): IssueRef;
  /** A ref typed by a person or sent to the API. */
  fromInput(text: string): IssueRef;
  /** The absolute URL of a site path, when the public origin is configured (never from the Host header). */
  publicUrl(path: string): string | null;
}

export function createSiteRefs(
  allowedHosts: readonly string[],
  publicOrigins: readonly string[] | undefined,
): SiteRefs {
  const defaultHost = allowedHosts[0] ?? "github.com";
  const origin = publicOrigins?.[0]?.replace(/\/+$/, "");
  return {
    defaultHost,
    fromPath: (owner, repo, num) => parseIssueRef(`${owner}/${repo}#${num}`, [defaultHost]),
    fromInput: (text) => parseIssueRef(text, allowedHosts),
    publicUrl: (path) => (origin ? `${origin}${path}` : null),
  };
}
