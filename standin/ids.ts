// Deterministic ids, node ids and hashes. Everything the stand-in invents is derived from the
// fixture content, so two runs over the same fixtures answer byte for byte the same.
import { createHash } from "node:crypto";

/** FNV-1a, 32 bits: fast and good enough to spread seeds over an id range. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Hands out numeric ids below 2^31 (GraphQL `Int` is 32-bit), derived from a seed and unique
 * within one world: a collision moves to the next free number.
 */
export class IdAllocator {
  readonly #used = new Set<number>();

  claim(id: number): number {
    this.#used.add(id);
    return id;
  }

  alloc(seed: string): number {
    let id = (fnv1a(seed) % 2_000_000_000) + 10_000;
    while (this.#used.has(id)) id = id >= 2_100_000_000 ? 10_000 : id + 1;
    this.#used.add(id);
    return id;
  }
}

const b64url = (text: string): string => Buffer.from(text, "utf8").toString("base64url");

/** GitHub-looking global node id that the stand-in can decode again (`Query.node`). */
export function nodeId(prefix: NodePrefix, key: string | number): string {
  return `${prefix}_kwDO${b64url(String(key))}`;
}

export type NodePrefix = "R" | "I" | "PR" | "IC" | "U" | "BOT" | "O" | "LA" | "RE" | "C" | "EV" | "PRR" | "REA";

export function decodeNodeId(id: string): { prefix: NodePrefix; key: string } | null {
  const match = /^([A-Z]+)_kwDO([A-Za-z0-9_-]+)$/.exec(id);
  if (match === null) return null;
  return { prefix: match[1] as NodePrefix, key: Buffer.from(match[2] as string, "base64url").toString("utf8") };
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A made-up 40-hex commit sha for things fixtures leave out (PR head commits, tree shas). */
export function fakeSha(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

/** Small seeded PRNG (mulberry32) for the generators. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
