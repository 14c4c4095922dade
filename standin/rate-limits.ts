// Primary rate-limit accounting: one budget per token (and one per client address without a
// token), per resource, in fixed one-hour windows that start at the first charged request.
import { sha256Hex } from "./ids.js";

export type Limits = { authenticated: number; anonymous: number; graphqlPoints: number };
export const defaultLimits: Limits = { authenticated: 5000, anonymous: 60, graphqlPoints: 5000 };

export type Resource = "core" | "graphql";
export type RateState = { limit: number; used: number; remaining: number; reset: number; resource: Resource };

type Bucket = { used: number; resetAt: number };

const WINDOW_MS = 3_600_000;

/** Who is asking: a hash of the token (the token itself is never kept), or the client address. */
export type Caller = { key: string; authenticated: boolean; userId: number };

export function callerOf(authorization: string | undefined, address: string): Caller {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  if (match === null) return { key: `ip:${address}`, authenticated: false, userId: 0 };
  const hash = sha256Hex(match[1] as string);
  return { key: `token:${hash}`, authenticated: true, userId: (Number.parseInt(hash.slice(0, 7), 16) % 9_000_000) + 1 };
}

export class RateLimits {
  readonly #limits: Limits;
  readonly #clock: () => number;
  #buckets = new Map<string, Bucket>();

  constructor(limits: Partial<Limits> = {}, clock: () => number = Date.now) {
    this.#limits = { ...defaultLimits, ...limits };
    this.#clock = clock;
  }

  limitFor(caller: Caller, resource: Resource): number {
    if (resource === "graphql") return caller.authenticated ? this.#limits.graphqlPoints : 0;
    return caller.authenticated ? this.#limits.authenticated : this.#limits.anonymous;
  }

  #bucket(caller: Caller, resource: Resource): Bucket {
    const id = `${resource}|${caller.key}`;
    const now = this.#clock();
    let bucket = this.#buckets.get(id);
    if (bucket === undefined || now >= bucket.resetAt) {
      bucket = { used: 0, resetAt: now + WINDOW_MS };
      this.#buckets.set(id, bucket);
    }
    return bucket;
  }

  state(caller: Caller, resource: Resource): RateState {
    const bucket = this.#bucket(caller, resource);
    const limit = this.limitFor(caller, resource);
    return {
      limit,
      used: bucket.used,
      remaining: Math.max(0, limit - bucket.used),
      reset: Math.ceil(bucket.resetAt / 1000),
      resource,
    };
  }

  /** Charges `cost`; false (and nothing charged) when the budget cannot cover it. */
  charge(caller: Caller, resource: Resource, cost = 1): boolean {
    const bucket = this.#bucket(caller, resource);
    if (bucket.used + cost > this.limitFor(caller, resource)) return false;
    bucket.used += cost;
    return true;
  }

  reset(): void {
    this.#buckets = new Map();
  }
}

export function rateLimitHeaders(state: RateState): Record<string, string> {
  return {
    "x-ratelimit-limit": String(state.limit),
    "x-ratelimit-remaining": String(state.remaining),
    "x-ratelimit-reset": String(state.reset),
    "x-ratelimit-used": String(state.used),
    "x-ratelimit-resource": state.resource,
  };
}

export function primaryLimitMessage(caller: Caller, address: string): string {
  return caller.authenticated
    ? `API rate limit exceeded for user ID ${caller.userId}.`
    : `API rate limit exceeded for ${address}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`;
}

export const PRIMARY_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
export const SECONDARY_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
export const SECONDARY_DOCS =
  "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
