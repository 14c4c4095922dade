// Watches the x-ratelimit-* headers of every response a client receives, so a token pool can pick
// the token with the most budget left and progress can show it. Wraps the injected fetch; the
// transport's own counting, redirects and retries sit on top unchanged.
import type { RateBudget } from "../../use-cases/sync/progress.js";

export type RateTracker = {
  /** Pass as the client's `fetch`. */
  fetch: typeof fetch;
  /** The latest budget for a resource ("core", "graphql"), or the tightest one seen (least left). */
  budget(resource?: string): RateBudget | null;
};

export function trackRateLimits(baseFetch: typeof fetch = globalThis.fetch): RateTracker {
  const budgets = new Map<string, RateBudget>();
  const record = (headers: Headers) => {
    const remaining = Number(headers.get("x-ratelimit-remaining"));
    const limit = Number(headers.get("x-ratelimit-limit"));
    const reset = Number(headers.get("x-ratelimit-reset"));
    if (headers.get("x-ratelimit-remaining") === null || !Number.isFinite(remaining) || !Number.isFinite(limit)) return;
    const resource = headers.get("x-ratelimit-resource") ?? "core";
    const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : "";
    budgets.set(resource, { resource, limit, remaining, resetAt });
  };
  return {
    fetch: async (input, init) => {
      const res = await baseFetch(input, init);
      record(res.headers);
      return res;
    },
    budget: (resource) => (resource ? (budgets.get(resource) ?? null) : tightest([...budgets.values()])),
  };
}

/** The budget that will run out first: the least left as a share of its limit. */
export function tightest(budgets: readonly RateBudget[]): RateBudget | null {
  let best: RateBudget | null = null;
  for (const b of budgets) {
    if (!best || b.remaining / Math.max(1, b.limit) < best.remaining / Math.max(1, best.limit)) best = b;
  }
  return best;
}
