/** Default REST base URL (GitHub.com). */
export const DEFAULT_API_URL = "https://api.github.com";

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * The web host whose issue URLs an API base URL serves, so refs parsed from a pasted URL can be
 * matched to the client that can fetch them.
 * - https://api.github.com -> github.com
 * - https://HOST/api/v3 (GitHub Enterprise Server) -> HOST (hostname only, as parseIssueRef keeps it)
 * - anything else, and any loopback address even under /api/v3 (a local stand-in, a caching
 *   proxy) -> github.com: such servers mirror github.com and hand out github.com html_urls, so
 *   github.com is the host their refs carry.
 */
export function webHostForApiUrl(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    return "github.com";
  }
  const host = url.hostname.toLowerCase();
  if (host === "api.github.com" || LOOPBACK.test(host)) return "github.com";
  if (/^\/api\/v3\/?$/.test(url.pathname)) return host;
  return "github.com";
}
