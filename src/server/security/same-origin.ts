// Cross-site request checks for state-changing requests. No page carries a per-reader token (pages
// are rendered once for everyone), so forgery is refused by what the browser says about the request:
// - Sec-Fetch-Site and Origin: a request that says it comes from another site is refused. Form posts
//   (what another site can send without asking) go through hono/csrf, which also refuses a form post
//   that says neither. A scripted request with neither header comes from a non-browser client, which
//   cannot ride on a visitor's cookies.
// - For scripted votes, a double-submit cookie: the page's script echoes a cookie of this site in
//   a header, which another site can neither read nor send without a CORS preflight.
import type { Context, MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { ForbiddenError } from "../http-errors.js";
import { constantTimeEqual } from "./tokens.js";

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/** What counts as this site. hono/csrf passes a request when either check passes, so each also refuses a contradicting other header. */
export type SameSiteRule = {
  origin: (origin: string, c: Context) => boolean;
  secFetchSite: (site: string, c: Context) => boolean;
};

/** With public origins configured, only they count: the Host header is the client's to choose. */
export function sameSiteRule(publicOrigins: readonly string[] | undefined): SameSiteRule {
  const originOk = (origin: string | undefined, c: Context) => {
    if (origin === undefined) return true;
    const expected = publicOrigins?.length ? publicOrigins : [new URL(c.req.url).origin];
    return expected.some((o) => o.toLowerCase() === origin.toLowerCase());
  };
  const siteOk = (site: string | undefined) => site === undefined || site.toLowerCase() === "same-origin";
  return {
    origin: (origin, c) => originOk(origin, c) && siteOk(c.req.header("sec-fetch-site")),
    secFetchSite: (site, c) => siteOk(site) && originOk(c.req.header("origin"), c),
  };
}

/** Form posts: hono/csrf with the rule; its bare 403 becomes the site's ForbiddenError (page or JSON). */
export function refuseCrossSiteForms(rule: SameSiteRule): MiddlewareHandler {
  const check = csrf(rule);
  return async (c, next) => {
    try {
      await check(c, async () => undefined);
    } catch (e) {
      if (e instanceof HTTPException && e.status === 403) throw crossSite(c);
      throw e;
    }
    await next();
  };
}

/** Scripted requests (JSON, which hono/csrf leaves alone): the same rule; a client sending neither header passes. */
export function requireSameSite(c: Context, rule: SameSiteRule): void {
  const origin = c.req.header("origin");
  const site = c.req.header("sec-fetch-site");
  if (origin === undefined && site === undefined) return;
  const ok = site !== undefined ? rule.secFetchSite(site, c) : rule.origin(origin ?? "", c);
  if (!ok) throw crossSite(c);
}

function crossSite(c: Context): ForbiddenError {
  const site = c.req.header("sec-fetch-site");
  const origin = c.req.header("origin");
  const reason =
    site !== undefined && site.toLowerCase() !== "same-origin"
      ? `Sec-Fetch-Site is ${site.slice(0, 40)}`
      : origin !== undefined
        ? `Origin ${origin.slice(0, 100)} is not this site`
        : "the request does not say where it comes from";
  return new ForbiddenError(`Cross-site request refused (${reason}).`, "Vote from the issue's page on this site.");
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
