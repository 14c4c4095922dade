// The per-request rate limits of the site: token buckets per voter and per client address (IPv6
// grouped by /64). Every refusal is a 429 with the time the bucket has a token again.
import type { Context } from "hono";
import type { ServerDeps, ServerLimits } from "../deps.js";
import { TooManyRequestsError } from "../http-errors.js";
import { addressGroup } from "./admission.js";
import { RateLimiter } from "./rate-limit.js";

export interface RequestLimits {
  /** The client's address group (IPv6 by /64), the key of every per-address limit. */
  clientIp(c: Context): string;
  /** A vote: limited per address and per voter. */
  vote(c: Context, voterId: string): void;
  /** A new voter id (a cookie made on a first vote): limited per address. */
  newVoter(c: Context): void;
  /** Called only when a request would make the server fetch from GitHub. */
  analysis(c: Context): void;
  /** Refuses (429) an admin request from an address that has used up its wrong guesses. */
  adminAttempt(c: Context): void;
  /** Counts a wrong admin token against the address. */
  adminFailure(c: Context): void;
}

export function createRequestLimits(
  limits: ServerLimits,
  nowMs: () => number,
  addressOf: ServerDeps["clientIp"],
): RequestLimits {
  const bucket = (name: keyof ServerLimits) => new RateLimiter(limits[name], nowMs);
  const votesPerVoter = bucket("votesPerVoter");
  const votesPerIp = bucket("votesPerIp");
  const analysesPerIp = bucket("analysesPerIp");
  const newVotersPerIp = bucket("newVotersPerIp");
  const adminFailuresPerIp = bucket("adminFailuresPerIp");

  const refuse = (message: string, hint: string, retryAfterMs: number): never => {
    throw new TooManyRequestsError(message, hint, new Date(nowMs() + retryAfterMs));
  };
  const take = (limiter: RateLimiter, key: string, what: string) => {
    const r = limiter.take(key);
    if (!r.ok) refuse(`Too many ${what} from you right now.`, "Wait a little, then try again.", r.retryAfterMs);
  };
  const clientIp = (c: Context): string => {
    try {
      const address = addressOf?.(c);
      return address ? addressGroup(address) : "unknown";
    } catch {
      return "unknown";
    }
  };

  return {
    clientIp,
    vote(c, voterId) {
      take(votesPerIp, clientIp(c), "votes");
      take(votesPerVoter, voterId, "votes");
    },
    newVoter: (c) => take(newVotersPerIp, clientIp(c), "new voters"),
    analysis: (c) => take(analysesPerIp, clientIp(c), "new issues to analyse"),
    adminAttempt(c) {
      const r = adminFailuresPerIp.peek(clientIp(c));
      if (!r.ok) refuse("Too many wrong admin tokens from you.", "Wait, then send the right token.", r.retryAfterMs);
    },
    adminFailure: (c) => void adminFailuresPerIp.take(clientIp(c)),
  };
}
