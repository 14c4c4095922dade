// Secrets and comparisons: the voter id format and the admin token check.
import { createHash, timingSafeEqual } from "node:crypto";

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
