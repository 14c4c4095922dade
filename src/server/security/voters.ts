// The voter: a random id in a signed, HttpOnly, SameSite=Lax cookie, made on the first vote (never
// on a page view, so pages stay the same for everyone), with the `ig_csrf` double-submit cookie
// that scripted votes echo.
import type { Context } from "hono";
import { getCookie, getSignedCookie, setCookie, setSignedCookie } from "hono/cookie";
import { LRUCache } from "lru-cache";
import { ForbiddenError } from "../http-errors.js";
import type { RequestLimits } from "./request-limits.js";
import { checkDoubleSubmit } from "./same-origin.js";
import { isVoterId } from "./tokens.js";

export const VOTER_COOKIE = "ig_voter";
/** The double-submit cookie: readable by the page's script, which echoes it in X-CSRF-Token. */
export const CSRF_COOKIE = "ig_csrf";
const CSRF_HEADER = "x-csrf-token";
const YEAR_S = 365 * 24 * 3600;

export interface Voters {
  /** The voter id of a cookie value verified before, else null (verify it with `current`). */
  known(rawCookie: string): string | null;
  /** The request's voter id, when it carries a valid voter cookie. */
  current(c: Context): Promise<string | null>;
  /**
   * The voter id, creating the cookie on a first vote. New voters are limited per address
   * (`newVotersPerIp`, IPv6 by /64): a script that drops its cookies gets at most that many
   * voters, and so votes per signal and issue, an hour; then 429.
   */
  ensure(c: Context): Promise<string>;
  /**
   * Scripted (JSON) votes from a browser that holds a voter cookie must echo the double-submit
   * cookie in X-CSRF-Token: another site can neither read our cookie nor set the header without
   * a CORS preflight we never grant.
   */
  requireDoubleSubmit(c: Context): void;
}

export function createVoters(secret: string, limits: RequestLimits, randomId: () => string): Voters {
  // Verifying a signed cookie costs an HMAC; returning readers send the same cookie again and again.
  const verified = new LRUCache<string, string>({ max: 20_000 });

  const current = async (c: Context): Promise<string | null> => {
    const raw = getCookie(c, VOTER_COOKIE);
    if (!raw) return null;
    const known = verified.get(raw);
    if (known) return known;
    const v = await getSignedCookie(c, secret, VOTER_COOKIE);
    if (typeof v !== "string" || !isVoterId(v)) return null;
    verified.set(raw, v);
    return v;
  };

  const ensure = async (c: Context): Promise<string> => {
    const existing = await current(c);
    if (existing) return existing;
    limits.newVoter(c);
    const id = randomId();
    const secure = new URL(c.req.url).protocol === "https:";
    await setSignedCookie(c, VOTER_COOKIE, id, secret, {
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
      secure,
      maxAge: YEAR_S,
    });
    // The double-submit value travels with every new voter: not HttpOnly (the script echoes it),
    // Strict (never sent from another site), and meaningless without the voter cookie.
    setCookie(c, CSRF_COOKIE, randomId(), { path: "/", sameSite: "Strict", secure, maxAge: YEAR_S });
    return id;
  };

  return { known: (raw) => verified.get(raw) ?? null, current, ensure, requireDoubleSubmit };
}

function requireDoubleSubmit(c: Context): void {
  const verdict = checkDoubleSubmit({
    hasVoterCookie: getCookie(c, VOTER_COOKIE) !== undefined,
    cookie: getCookie(c, CSRF_COOKIE),
    header: c.req.header(CSRF_HEADER),
  });
  if (!verdict.ok) {
    throw new ForbiddenError(
      `The vote could not be verified (${verdict.reason}).`,
      `Send the ${CSRF_COOKIE} cookie's value in the X-CSRF-Token header, or vote from the issue's page.`,
    );
  }
}
