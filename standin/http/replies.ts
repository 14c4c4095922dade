// What every stand-in answer carries: GitHub's fixed headers (as recorded in @octokit/fixtures),
// a request id, and the per-request facts the reply builders share.
import type { Caller } from "../rate-limits.js";
import type { RecordedRequest } from "./server.js";

export type Reply = { status: number; headers: Record<string, string>; body: string | null };

/** One request as the reply builders see it. */
export type Exchange = {
  record: RecordedRequest;
  caller: Caller;
  method: string;
  url: URL;
  /** The body of a POST/PUT/PATCH, else "". */
  raw: string;
  /** The peer address (rate limits of anonymous callers, GitHub's messages). */
  address: string;
  header(name: string): string | undefined;
};

/** What api.github.com sends with every answer (as recorded in @octokit/fixtures), whatever the route. */
const GITHUB_HEADERS: Record<string, string> = {
  server: "GitHub.com",
  "access-control-expose-headers":
    "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset",
  "access-control-allow-origin": "*",
  "strict-transport-security": "max-age=31536000; includeSubdomains; preload",
  "x-frame-options": "deny",
  "x-content-type-options": "nosniff",
  "x-xss-protection": "0",
  "referrer-policy": "origin-when-cross-origin, strict-origin-when-cross-origin",
  "content-security-policy": "default-src 'none'",
  vary: "Accept-Encoding, Accept, X-Requested-With",
};
/** GitHub's second Vary on cacheable answers, sent as one joined header (the same thing in HTTP). */
export const CACHE_VARY = "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding, Accept, X-Requested-With";

export const baseHeaders = (record: RecordedRequest): Record<string, string> => ({
  ...GITHUB_HEADERS,
  "content-type": "application/json; charset=utf-8",
  "x-github-media-type": "github.v3; format=json",
  "x-github-api-version-selected": "2022-11-28",
  // GitHub's form: five colon-separated hex fields.
  "x-github-request-id": `5TAD:${record.seq.toString(16).toUpperCase().padStart(4, "0")}:0:0:0`,
  // A classic token with the repo scope; issues and pulls accept it.
  ...(record.authenticated ? { "x-oauth-scopes": "repo", "x-accepted-oauth-scopes": "repo" } : {}),
});

export const toResponse = (reply: Reply): Response =>
  new Response(reply.body, { status: reply.status, headers: reply.headers });

/** The REST path without a GHES /api/v3 prefix. */
export function restPath(pathname: string): { ghes: boolean; path: string } {
  const ghes = pathname === "/api/v3" || pathname.startsWith("/api/v3/");
  return { ghes, path: ghes ? pathname.slice("/api/v3".length) || "/" : pathname };
}
