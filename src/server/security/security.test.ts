import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../http-errors.js";
import { RateLimiter } from "./rate-limit.js";
import { checkDoubleSubmit, refuseCrossSiteForms, requireSameSite, sameSiteRule } from "./same-origin.js";
import { constantTimeEqual, isVoterId } from "./tokens.js";

describe("RateLimiter", () => {
  it("allows a burst, refuses beyond it, and refills with time", () => {
    let t = 0;
    const rl = new RateLimiter({ capacity: 3, refillPerSecond: 1 }, () => t);
    expect([rl.take("a"), rl.take("a"), rl.take("a")].every((r) => r.ok)).toBe(true);
    expect(rl.take("a")).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(rl.take("b").ok).toBe(true);
    t = 500;
    expect(rl.take("a")).toEqual({ ok: false, retryAfterMs: 500 });
    t = 1000;
    expect(rl.take("a").ok).toBe(true);
    expect(rl.take("a").ok).toBe(false);
    t = 100_000;
    expect([rl.take("a"), rl.take("a"), rl.take("a"), rl.take("a")].map((r) => r.ok)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it("forgets full buckets when it tracks too many keys", () => {
    let t = 0;
    const rl = new RateLimiter({ capacity: 1, refillPerSecond: 1 }, () => t, 3);
    for (const k of ["a", "b", "c"]) rl.take(k);
    t = 10_000;
    rl.take("d");
    expect(rl.size).toBe(1);
  });
});

describe("tokens", () => {
  it("double-submit: a request with a voter cookie must echo the CSRF cookie in the header", () => {
    const value = "AbCdEfGhIjKlMnOpQrStUv";
    expect(checkDoubleSubmit({ hasVoterCookie: true, cookie: value, header: value }).ok).toBe(true);
    expect(checkDoubleSubmit({ hasVoterCookie: true, cookie: value, header: `${value}x` }).ok).toBe(false);
    expect(checkDoubleSubmit({ hasVoterCookie: true, cookie: value, header: undefined }).ok).toBe(false);
    expect(checkDoubleSubmit({ hasVoterCookie: true, cookie: undefined, header: value }).ok).toBe(false);
    expect(checkDoubleSubmit({ hasVoterCookie: true, cookie: "short", header: "short" }).ok).toBe(false);
    // Nothing to ride on without a voter cookie: a first vote mints one.
    expect(checkDoubleSubmit({ hasVoterCookie: false, cookie: undefined, header: undefined }).ok).toBe(true);
  });

  it("compares strings in constant time, lengths included", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });

  it("accepts only the voter ids we mint", () => {
    expect(isVoterId("OULxONvCDTZoAQ-MUmAfUg")).toBe(true);
    expect(isVoterId("short")).toBe(false);
    expect(isVoterId("has space in it 1234")).toBe(false);
  });
});

describe("the same-site rule (hono/csrf for forms, requireSameSite for JSON)", () => {
  const rule = sameSiteRule(undefined);
  const app = new Hono();
  app.onError((e, c) => c.text(e instanceof ForbiddenError ? "refused" : "other", 403));
  app.post("/form", refuseCrossSiteForms(rule), (c) => c.text("ok"));
  app.post("/json", (c) => {
    requireSameSite(c, rule);
    return c.text("ok");
  });
  /** Whether a post from a browser saying `origin` / `site` passes, as a form and as JSON. */
  const passes = async (origin: string | undefined, site: string | undefined) => {
    const headers: Record<string, string> = {};
    if (origin !== undefined) headers.origin = origin;
    if (site !== undefined) headers["sec-fetch-site"] = site;
    const post = async (path: string, type: string) =>
      (
        await app.request(`http://localhost:3000${path}`, {
          method: "POST",
          headers: { ...headers, "content-type": type },
          body: "signal=works",
        })
      ).status === 200;
    return {
      form: await post("/form", "application/x-www-form-urlencoded"),
      json: await post("/json", "application/json"),
    };
  };

  it("accepts same-origin requests; a script that sends neither header is no browser", async () => {
    expect(await passes("http://localhost:3000", "same-origin")).toEqual({ form: true, json: true });
    expect(await passes("http://localhost:3000", undefined)).toEqual({ form: true, json: true });
    expect(await passes(undefined, "same-origin")).toEqual({ form: true, json: true });
    expect(await passes(undefined, undefined)).toEqual({ form: false, json: true });
  });

  it("refuses other sites, same-site other ports, opaque origins, and contradicting headers", async () => {
    for (const [origin, site] of [
      ["http://evil.example", "cross-site"],
      ["http://localhost:4000", "same-site"],
      ["http://localhost:4000", undefined],
      ["null", undefined],
      [undefined, "cross-site"],
      ["http://evil.example", "same-origin"],
      ["http://localhost:3000", "cross-site"],
    ] as const) {
      expect(await passes(origin, site), `${origin} ${site}`).toEqual({ form: false, json: false });
    }
  });

  it("with public origins, only they count", async () => {
    const pinned = new Hono();
    pinned.onError((_e, c) => c.text("refused", 403));
    pinned.post("/form", refuseCrossSiteForms(sameSiteRule(["https://issuegraph.example"])), (c) => c.text("ok"));
    const status = async (origin: string) =>
      (
        await pinned.request("http://localhost:3000/form", {
          method: "POST",
          headers: { origin, "content-type": "application/x-www-form-urlencoded" },
          body: "",
        })
      ).status;
    expect(await status("https://issuegraph.example")).toBe(200);
    expect(await status("http://localhost:3000")).not.toBe(200);
  });
});
