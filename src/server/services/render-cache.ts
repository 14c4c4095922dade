// Render once, serve many: a page (or JSON answer) is built when its inputs change and kept in
// memory with its ETag and its gzip and brotli bodies, each computed once per version. Requests in
// between are answered from memory; a conditional request gets a 304.
//
// An entry is trusted for `ttlMs` (so a change made by another server process over the same store
// shows within that time; it is then re-checked in the background while still served), until its
// `validUntil` (the report turns stale), or until it is invalidated (a vote or a new report in this
// process). Building is single-flight: concurrent requests share one build, and a build whose
// bytes did not change keeps the compressed bodies it already has.
import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";

export type Encoding = "br" | "gzip" | "identity";

/** Bytes in an ArrayBuffer of their own (what a Response body takes). */
export type Bytes = Uint8Array<ArrayBuffer>;
const own = (b: Buffer): Bytes => new Uint8Array(b);

export type Rendered = {
  etag: string;
  contentType: string;
  /** The body per encoding; compressed ones only when they are smaller. */
  bodies: Record<Encoding, Bytes | undefined>;
  /** When this version was built (ms since epoch), for Last-Modified-free freshness checks. */
  builtAt: number;
};

export type Built = {
  body: string;
  contentType: string;
  /** Trust the entry until this time at the latest (e.g. when the report goes stale); default ttl. */
  validUntil?: number;
};

type Entry = { rendered: Rendered; checkedAt: number; validUntil: number };

/** Below this size compression costs more than it saves. */
const MIN_COMPRESS_BYTES = 1024;

export class RenderCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly building = new Map<string, { promise: Promise<Rendered | null>; generation: number }>();
  /** Bumped on every invalidation, so a build that started before one does not overwrite it. */
  private readonly generations = new Map<string, number>();

  constructor(private readonly options: { ttlMs: number; nowMs: () => number; maxEntries?: number }) {
    this.entries = new LRUCache({ max: options.maxEntries ?? 2_000 });
  }

  /**
   * The current version of `key`. With none (or one invalidated, or past its `validUntil`), it is
   * built with `build` and awaited. One only older than the trust window is served as it is while
   * a rebuild runs in the background (readers never wait for a re-check that usually changes
   * nothing). `build` returns null when there is nothing to keep (e.g. the issue is still being
   * analysed); then `get` returns null and nothing is cached.
   */
  async get(key: string, build: () => Promise<Built | null>): Promise<Rendered | null> {
    const now = this.options.nowMs();
    const entry = this.entries.get(key);
    if (entry && now < entry.validUntil) {
      if (now - entry.checkedAt >= this.options.ttlMs && !this.building.has(key)) {
        this.build(key, build).catch(() => undefined); // the old version stays until a rebuild succeeds
      }
      return entry.rendered;
    }
    const running = this.building.get(key);
    if (running && running.generation === this.generation(key)) return running.promise;
    return this.build(key, build);
  }

  private async build(key: string, build: () => Promise<Built | null>): Promise<Rendered | null> {
    const generation = this.generation(key);
    let built: Built | null = null;
    const promise = (async () => {
      built = await build();
      if (!built) return null;
      const bytes = Buffer.from(built.body, "utf8");
      const etag = etagOf(bytes);
      const previous = this.entries.get(key)?.rendered;
      return previous && previous.etag === etag && previous.contentType === built.contentType
        ? previous
        : compressAll(bytes, etag, built.contentType, this.options.nowMs());
    })();
    this.building.set(key, { promise, generation });
    try {
      const rendered = await promise;
      if (rendered && this.generation(key) === generation) {
        const at = this.options.nowMs();
        const until = (built as Built | null)?.validUntil ?? Number.POSITIVE_INFINITY;
        this.entries.set(key, { rendered, checkedAt: at, validUntil: until });
      }
      return rendered;
    } finally {
      if (this.building.get(key)?.promise === promise) this.building.delete(key);
    }
  }

  /**
   * The version of `key` a request may be answered with now, without building anything: a trusted
   * one, or one being re-checked in the background. Null when `get` has work to do.
   */
  peek(key: string): Rendered | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    const now = this.options.nowMs();
    if (now >= entry.validUntil) return null;
    return now - entry.checkedAt < this.options.ttlMs || this.building.has(key) ? entry.rendered : null;
  }

  /** Forget `key` (its inputs changed here): the next request builds it again. */
  invalidate(key: string): void {
    this.entries.delete(key);
    this.generations.set(key, this.generation(key) + 1);
    if (this.generations.size > 10_000) this.generations.clear();
  }

  /** Forget every key that starts with `prefix`. */
  invalidatePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.invalidate(key);
  }

  private generation(key: string): number {
    return this.generations.get(key) ?? 0;
  }
}

const etagOf = (bytes: Buffer | string): string =>
  `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`;

export function compressAll(bytes: Buffer, etag: string, contentType: string, builtAt: number): Rendered {
  const bodies: Rendered["bodies"] = { identity: own(bytes), gzip: undefined, br: undefined };
  if (bytes.length >= MIN_COMPRESS_BYTES) {
    const gz = gzipSync(bytes, { level: 9 });
    if (gz.length < bytes.length) bodies.gzip = own(gz);
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 10,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    if (br.length < bytes.length) bodies.br = own(br);
  }
  return { etag, contentType, bodies, builtAt };
}

/** The best encoding the client accepts among those we have (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined, r: Rendered): Encoding {
  if (!acceptEncoding) return "identity";
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (r.bodies.br && ok("br")) return "br";
  if (r.bodies.gzip && ok("gzip")) return "gzip";
  return "identity";
}

/** Whether an If-None-Match header matches our ETag (weak comparison, lists and `*` included). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => strip(t) === etag);
}

export type PreparedResponse = { status: 200 | 304; headers: Record<string, string>; body: Bytes | null };

/** The response for a kept version: 304 when the client has it, else the best encoding. */
export function prepareResponse(
  r: Rendered,
  request: { ifNoneMatch: string | undefined; acceptEncoding: string | undefined },
  extraHeaders: Record<string, string>,
): PreparedResponse {
  const headers: Record<string, string> = { ...extraHeaders, etag: r.etag, vary: "accept-encoding" };
  if (matchesEtag(request.ifNoneMatch, r.etag)) return { status: 304, headers, body: null };
  const encoding = chooseEncoding(request.acceptEncoding, r);
  const body = r.bodies[encoding] ?? r.bodies.identity ?? new Uint8Array(0);
  headers["content-type"] = r.contentType;
  if (encoding !== "identity") headers["content-encoding"] = encoding;
  return { status: 200, headers, body };
}
