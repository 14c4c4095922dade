// Remembers an async answer for a while (lru-cache with a ttl on the server's clock): concurrent
// callers share one computation, a failed one is not remembered, the least recently used go first.
import { LRUCache } from "lru-cache";

export type TtlMemoOptions = { nowMs: () => number; ttlMs: number; max: number };

export function memoiseWithTtl<A extends unknown[], V extends {}>(
  compute: (...args: A) => Promise<V>,
  keyOf: (...args: A) => string,
  options: TtlMemoOptions,
): (...args: A) => Promise<V> {
  const memo = new LRUCache<string, Promise<V>>({
    max: options.max,
    ttl: options.ttlMs,
    ttlResolution: 0,
    perf: { now: options.nowMs },
  });
  return (...args) => {
    const key = keyOf(...args);
    const kept = memo.get(key);
    if (kept) return kept;
    const value = compute(...args);
    memo.set(key, value);
    value.catch(() => {
      if (memo.peek(key) === value) memo.delete(key);
    });
    return value;
  };
}
