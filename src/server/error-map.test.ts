import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import {
  AuthError,
  GoneError,
  NotFoundError,
  PartialDataError,
  RateLimitedError,
  StoreError,
  UpstreamError,
  UsageError,
} from "../core/errors.js";
import { errorBody, httpErrorFor } from "./error-map.js";
import {
  DisabledError,
  ForbiddenError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from "./http-errors.js";

const now = new Date("2026-04-10T12:00:00Z");
const later = (s: number) => new Date(now.getTime() + s * 1000);

describe("httpErrorFor", () => {
  it.each([
    [new UsageError("m", "h"), 400, "bad_request"],
    [new UnauthorizedError("m", "h"), 401, "unauthorized"],
    [new ForbiddenError("m", "h"), 403, "forbidden"],
    [new NotFoundError("m", "h"), 404, "not_found"],
    [new DisabledError("m", "h"), 404, "not_found"],
    [new GoneError("m", "h"), 410, "gone"],
    [new UnsupportedMediaTypeError("m", "h"), 415, "unsupported_media_type"],
    [new UpstreamError("m", "h", 500), 502, "upstream_error"],
    [new PartialDataError("m", "h", {}), 502, "upstream_error"],
  ] as const)("maps %o to %i", (err, status, code) => {
    const e = httpErrorFor(err, now);
    expect([e.status, e.code, e.message, e.hint, e.retryAfter]).toEqual([status, code, "m", "h", null]);
  });

  it("tells our own rate limit (429) from GitHub's (503), both with retry-after", () => {
    expect(httpErrorFor(new TooManyRequestsError("m", "h", later(2.2)), now)).toMatchObject({
      status: 429,
      code: "rate_limited",
      retryAfter: 3,
    });
    expect(httpErrorFor(new RateLimitedError("m", "h", later(600)), now)).toMatchObject({
      status: 503,
      code: "upstream_rate_limited",
      retryAfter: 600,
    });
    expect(httpErrorFor(new RateLimitedError("m", "h", later(-5)), now).retryAfter).toBe(1);
  });

  it("hides the details of store, auth and unknown errors", () => {
    const store = httpErrorFor(new StoreError("SQLITE_FULL at /var/db/secret-path.db", "h"), now);
    expect(store).toMatchObject({ status: 503, code: "store_unavailable", unexpected: true });
    expect(store.message).not.toContain("secret-path");
    const auth = httpErrorFor(new AuthError("Bad credentials for token ghp_x", "h"), now);
    expect(auth).toMatchObject({ status: 502, code: "upstream_auth" });
    expect(auth.message).not.toContain("ghp_x");
    const unknown = httpErrorFor(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2"), now);
    expect(unknown).toMatchObject({ status: 500, code: "internal", unexpected: true });
    expect(JSON.stringify(errorBody(unknown))).not.toMatch(/hunter2|ECONNREFUSED/);
    expect(httpErrorFor("a string", now).status).toBe(500);
  });

  it("maps hono's own exceptions", () => {
    expect(httpErrorFor(new HTTPException(413), now)).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(httpErrorFor(new HTTPException(400), now)).toMatchObject({ status: 400, code: "bad_request" });
    expect(httpErrorFor(new HTTPException(500), now).status).toBe(500);
  });

  it("shapes the JSON body", () => {
    expect(errorBody(httpErrorFor(new NotFoundError("gone missing", "look again"), now))).toEqual({
      error: { code: "not_found", message: "gone missing", hint: "look again" },
    });
  });
});
