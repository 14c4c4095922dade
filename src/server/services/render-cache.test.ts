import { describe, expect, it } from "vitest";
import { deferred } from "../app.test-helper.js";
import { chooseEncoding, compressAll, matchesEtag, RenderCache } from "./render-cache.js";

const html = (n: number) => `<p>${"version ".repeat(200)}${n}</p>`;

describe("RenderCache", () => {
  it("builds once for concurrent requests, and keeps the version", async () => {
    let t = 0;
    const cache = new RenderCache({ ttlMs: 1000, nowMs: () => t });
    let builds = 0;
    const gate = deferred();
    const build = async () => {
      builds++;
      await gate.promise;
      return { body: html(1), contentType: "text/html" };
    };
    const all = Promise.all([1, 2, 3].map(() => cache.get("k", build)));
    gate.resolve();
    const [a, b, c] = await all;
    expect(builds).toBe(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(cache.peek("k")).toBe(a);
    t = 999;
    expect(await cache.get("k", build)).toBe(a);
    expect(builds).toBe(1);
  });

  it("serves the kept version past the trust window while it re-checks in the background", async () => {
    let t = 0;
    const cache = new RenderCache({ ttlMs: 1000, nowMs: () => t });
    let version = 1;
    const gate = deferred();
    let wait = false;
    const build = async () => {
      if (wait) await gate.promise;
      return { body: html(version), contentType: "text/html" };
    };
    const first = await cache.get("k", build);
    t = 1500;
    version = 2;
    wait = true;
    expect(cache.peek("k")).toBeNull(); // nothing re-checks it yet: the app must see the request
    expect(await cache.get("k", build)).toBe(first); // served at once, rebuild started
    expect(cache.peek("k")).toBe(first); // re-check running: the fast path may answer
    gate.resolve();
    await new Promise((r) => setTimeout(r, 10));
    const second = cache.peek("k");
    expect(second?.etag).not.toBe(first?.etag);
  });

  it("rebuilds at once after invalidation or past validUntil, and never keeps a build that an invalidation overtook", async () => {
    let t = 0;
    const cache = new RenderCache({ ttlMs: 10_000, nowMs: () => t });
    let version = 1;
    const build = async () => ({ body: html(version), contentType: "text/html", validUntil: 100 });
    const v1 = await cache.get("k", build);
    version = 2;
    cache.invalidate("k");
    const v2 = await cache.get("k", build);
    expect(v2?.etag).not.toBe(v1?.etag);
    t = 100;
    expect(cache.peek("k")).toBeNull();
    version = 3;
    expect((await cache.get("k", build))?.etag).not.toBe(v2?.etag);

    const gate = deferred();
    const slow = cache.get("j", async () => {
      await gate.promise;
      return { body: html(9), contentType: "text/html" };
    });
    cache.invalidate("j");
    gate.resolve();
    await slow;
    expect(cache.peek("j")).toBeNull();
  });

  it("keeps nothing when the build has nothing", async () => {
    const cache = new RenderCache({ ttlMs: 1000, nowMs: () => 0 });
    expect(await cache.get("k", async () => null)).toBeNull();
    expect(cache.peek("k")).toBeNull();
  });
});

describe("encodings and ETags", () => {
  const r = compressAll(Buffer.from(html(1)), '"e"', "text/html", 0);
  it("picks brotli, then gzip, as accepted, and refuses q=0", () => {
    expect(chooseEncoding("gzip, deflate, br", r)).toBe("br");
    expect(chooseEncoding("gzip", r)).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0.5", r)).toBe("gzip");
    expect(chooseEncoding("*;q=0", r)).toBe("identity");
    expect(chooseEncoding(undefined, r)).toBe("identity");
    const tiny = compressAll(Buffer.from("<p>hi</p>"), '"t"', "text/html", 0);
    expect(chooseEncoding("br", tiny)).toBe("identity");
  });
  it("matches If-None-Match lists, weak tags and *", () => {
    expect(matchesEtag('"e"', '"e"')).toBe(true);
    expect(matchesEtag('"x", W/"e"', '"e"')).toBe(true);
    expect(matchesEtag("*", '"e"')).toBe(true);
    expect(matchesEtag('"x"', '"e"')).toBe(false);
    expect(matchesEtag(undefined, '"e"')).toBe(false);
  });
});
