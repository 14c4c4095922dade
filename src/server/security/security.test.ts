import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit.js";
import { checkDoubleSubmit, checkSameOrigin } from "./same-origin.js";
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

describe("checkSameOrigin", () => {
  const own = ["http://localhost:3000"];
  it("accepts same-origin requests and clients that send neither header", () => {
    expect(checkSameOrigin({ origin: "http://localhost:3000", secFetchSite: "same-origin" }, own).ok).toBe(true);
    expect(checkSameOrigin({ origin: undefined, secFetchSite: undefined }, own).ok).toBe(true);
  });

  it("refuses other sites, same-site other ports, and opaque origins", () => {
    expect(checkSameOrigin({ origin: "http://evil.example", secFetchSite: "cross-site" }, own).ok).toBe(false);
    expect(checkSameOrigin({ origin: "http://localhost:4000", secFetchSite: "same-site" }, own).ok).toBe(false);
    expect(checkSameOrigin({ origin: "http://localhost:4000", secFetchSite: undefined }, own).ok).toBe(false);
    expect(checkSameOrigin({ origin: "null", secFetchSite: undefined }, own).ok).toBe(false);
    expect(checkSameOrigin({ origin: undefined, secFetchSite: "cross-site" }, own).ok).toBe(false);
  });

  it("refuses a form post that does not say where it comes from", () => {
    const form = { requireHeader: true };
    expect(checkSameOrigin({ origin: undefined, secFetchSite: undefined }, own, form).ok).toBe(false);
    expect(checkSameOrigin({ origin: "http://localhost:3000", secFetchSite: undefined }, own, form).ok).toBe(true);
    expect(checkSameOrigin({ origin: undefined, secFetchSite: "same-origin" }, own, form).ok).toBe(true);
  });
});
