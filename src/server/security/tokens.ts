// Secrets and comparisons: the voter id, the CSRF token tied to it, the admin token check.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The CSRF token of a voter: HMAC(secret, voter id). It changes when the voter id or secret does. */
export const csrfTokenFor = (secret: string, voterId: string): string =>
  createHmac("sha256", secret).update(`csrf\u0000${voterId}`).digest("base64url");

export const checkCsrfToken = (secret: string, voterId: string, token: string | null | undefined): boolean =>
  typeof token === "string" && constantTimeEqual(token, csrfTokenFor(secret, voterId));

/**
 * Constant-time string comparison. Both sides are hashed first, so neither the content nor the
 * length of the secret leaks through timing.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/** Voter ids we create are 128 random bits, base64url. Anything else in a cookie is ignored. */
export const isVoterId = (s: string): boolean => /^[A-Za-z0-9_-]{16,64}$/.test(s);
