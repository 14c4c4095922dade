// Cross-site request checks for state-changing requests. No page carries a per-reader token (pages
// are rendered once for everyone), so forgery is refused by what the browser says about the request:
// - Sec-Fetch-Site and Origin: a request that says it comes from another site is refused. Requests
//   with neither come from non-browser clients, which cannot ride on a visitor's cookies; a form
//   post must say it (every current browser sends Origin or Sec-Fetch-Site on a POST).
// - For scripted votes, a double-submit cookie: the page's script echoes a cookie of this site in
//   a header, which another site can neither read nor send without a CORS preflight.
import { constantTimeEqual } from "./tokens.js";

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

export function checkSameOrigin(
  headers: { origin: string | undefined; secFetchSite: string | undefined },
  expectedOrigins: readonly string[],
  options: { requireHeader?: boolean } = {},
): OriginVerdict {
  const site = headers.secFetchSite?.toLowerCase();
  if (site !== undefined && site !== "same-origin") {
    return { ok: false, reason: `Sec-Fetch-Site is ${site}` };
  }
  if (headers.origin !== undefined) {
    const origin = headers.origin.toLowerCase();
    if (!expectedOrigins.some((o) => o.toLowerCase() === origin)) {
      return { ok: false, reason: `Origin ${headers.origin.slice(0, 100)} is not this site` };
    }
  }
  if (options.requireHeader && site === undefined && headers.origin === undefined) {
    return { ok: false, reason: "the request does not say where it comes from" };
  }
  return { ok: true };
}

/** The double-submit check: needed only when the request carries a voter cookie (ambient authority). */
export function checkDoubleSubmit(input: {
  hasVoterCookie: boolean;
  cookie: string | undefined;
  header: string | undefined;
}): OriginVerdict {
  if (!input.hasVoterCookie) return { ok: true };
  if (!input.cookie || input.cookie.length < 16) return { ok: false, reason: "no double-submit cookie" };
  if (!input.header) return { ok: false, reason: "no X-CSRF-Token header" };
  if (!constantTimeEqual(input.cookie, input.header)) return { ok: false, reason: "X-CSRF-Token does not match" };
  return { ok: true };
}
