// Token buckets in memory, one per key (voter, IP). The clock is injected so tests can step time.
// One process only: behind a load balancer each server limits on its own, which is good enough
// for abuse control (not for billing).

export type BucketConfig = {
  /** Most requests in a burst. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
};

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

type Bucket = { tokens: number; at: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: BucketConfig,
    private readonly nowMs: () => number,
    /** Above this many keys, full buckets are forgotten (they are the same as new ones). */
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string, cost = 1): TakeResult {
    const now = this.nowMs();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      this.buckets.set(key, bucket);
      if (this.buckets.size > this.maxKeys) this.prune(now);
      return { ok: true };
    }
    this.buckets.set(key, bucket);
    const missing = cost - bucket.tokens;
    return { ok: false, retryAfterMs: Math.ceil((missing / this.config.refillPerSecond) * 1000) };
  }

  /** Whether `take(key, cost)` would succeed now, without taking anything. */
  peek(key: string, cost = 1): TakeResult {
    const bucket = this.refilled(key, this.nowMs());
    if (bucket.tokens >= cost) return { ok: true };
    return { ok: false, retryAfterMs: Math.ceil(((cost - bucket.tokens) / this.config.refillPerSecond) * 1000) };
  }

  /** How many keys are tracked (for tests of pruning). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const b = this.buckets.get(key);
    if (!b) return { tokens: this.config.capacity, at: now };
    const elapsed = Math.max(0, now - b.at) / 1000;
    return { tokens: Math.min(this.config.capacity, b.tokens + elapsed * this.config.refillPerSecond), at: now };
  }

  private prune(now: number): void {
    for (const [key] of this.buckets) {
      if (this.refilled(key, now).tokens >= this.config.capacity) this.buckets.delete(key);
    }
  }
}
