// Turns whatever Octokit, fetch or GitHub throws into our typed errors with clean messages.
// Octokit's RequestError carries the request (headers, authorization) and the response: none of
// that may escape, so the typed errors are built from scratch and never get a `cause`.

import { AuthError, GoneError, IssuegraphError, NotFoundError, RateLimitedError, UpstreamError } from "../errors.js";
import { cut } from "../text/format.js";

export type Scrub = (text: string) => string;

/** Replaces the token (and any authorization header value) in text that might be shown or logged. */
export function makeScrubber(token: string | null): Scrub {
  return (text) => {
    let out = text.replace(/\b(token|bearer)\s+[A-Za-z0-9_.\-=]{8,}/gi, "$1 [REDACTED]");
    if (token) out = out.split(token).join("[REDACTED]");
    return out;
  };
}

export type ErrorContext = {
  /** What was being fetched, for the message: "anthropics/claude-code#45203", "releases of o/r". */
  what: string;
  hasToken: boolean;
  now: () => Date;
  scrub: Scrub;
};

type Upstream = {
  status: number | null;
  message: string;
  headers: Record<string, string | undefined>;
  graphqlErrors: { type?: unknown }[];
};

function inspectUpstream(err: unknown): Upstream {
  const e = (typeof err === "object" && err !== null ? err : {}) as Record<string, unknown>;
  const response = (typeof e.response === "object" && e.response !== null ? e.response : {}) as Record<string, unknown>;
  const headers = (typeof response.headers === "object" && response.headers !== null ? response.headers : {}) as Record<
    string,
    string | undefined
  >;
  const data = (typeof response.data === "object" && response.data !== null ? response.data : {}) as Record<
    string,
    unknown
  >;
  return {
    // A response-less RequestError is a network failure that Octokit labels 500.
    status: typeof e.status === "number" && e.response !== undefined ? e.status : null,
    message: err instanceof Error ? err.message : String(err),
    headers,
    graphqlErrors: Array.isArray(data.errors) ? (data.errors as { type?: unknown }[]) : [],
  };
}

const hhmm = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Is this failure GitHub's rate limit (primary or secondary)? Returns when it lifts. */
export function rateLimitOf(err: unknown, now: () => Date): { kind: "primary" | "secondary"; resetAt: Date } | null {
  const u = inspectUpstream(err);
  if (/\bsecondary rate\b/i.test(u.message) && (u.status === 403 || u.status === 429 || u.status === 200)) {
    const seconds = Number(u.headers["retry-after"]) || 60;
    return { kind: "secondary", resetAt: new Date(now().getTime() + seconds * 1000) };
  }
  const primary =
    u.headers["x-ratelimit-remaining"] === "0" && (u.status === 403 || u.status === 429 || u.status === 200);
  if (primary || u.graphqlErrors.some((e) => e.type === "RATE_LIMITED")) {
    const reset = Number(u.headers["x-ratelimit-reset"]);
    const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(now().getTime() + 60_000);
    return { kind: "primary", resetAt };
  }
  return null;
}

/** Maps any failure to one of our typed errors. Typed errors pass through unchanged. */
export function toTypedError(err: unknown, ctx: ErrorContext): IssuegraphError {
  if (err instanceof IssuegraphError) return err;
  const u = inspectUpstream(err);
  const limit = rateLimitOf(err, ctx.now);
  if (limit) {
    return new RateLimitedError(
      `GitHub's ${limit.kind} rate limit is used up until ${hhmm(limit.resetAt)}`,
      ctx.hasToken || limit.kind === "secondary"
        ? `Wait until ${hhmm(limit.resetAt)} and run again.`
        : `Wait until ${hhmm(limit.resetAt)}, or set GITHUB_TOKEN: authenticated requests get 5,000 an hour instead of 60.`,
      limit.resetAt,
    );
  }
  switch (u.status) {
    case 404:
      return notFound(ctx);
    case 410:
      return new GoneError(
        `${ctx.what} was deleted on GitHub`,
        "Nothing to fetch: the issue no longer exists; remove it from your list.",
      );
    case 401:
      return new AuthError(
        "GitHub rejected the token (401 Bad credentials)",
        "Check that GITHUB_TOKEN (or GH_TOKEN) is valid and not expired, or unset it to fetch anonymously.",
      );
    case 403:
      return new AuthError(
        `GitHub refused access to ${ctx.what} (403)`,
        "Check that the token can read this repository (and is SSO-authorised for its organisation).",
      );
  }
  const detail = cut(ctx.scrub(u.message), 200, "...");
  if (u.status === null || u.status >= 500) {
    return new UpstreamError(
      `GitHub did not answer for ${ctx.what}${u.status ? ` (HTTP ${u.status})` : ""}: ${detail}`,
      "GitHub or the network failed even after retries; try again in a few minutes.",
      u.status,
    );
  }
  return new UpstreamError(
    `GitHub answered HTTP ${u.status} for ${ctx.what}: ${detail}`,
    "This looks like a bug in issuegraph or an API change; please report it with the command you ran.",
    u.status,
  );
}

export function notFound(ctx: Pick<ErrorContext, "what" | "hasToken">): NotFoundError {
  return new NotFoundError(
    `${ctx.what} was not found on GitHub`,
    ctx.hasToken
      ? "Check the URL, and that your token can read this repository."
      : "Check the URL; if the repository is private, set GITHUB_TOKEN to a token with access to it.",
  );
}

/** A response GitHub sent but we cannot read (schema drift, a proxy's HTML page). */
export function badShape(what: string, detail: string, scrub: Scrub): UpstreamError {
  return new UpstreamError(
    `GitHub sent an unexpected response for ${what}: ${cut(scrub(detail), 200, "...")}`,
    "Check --api-url points at a GitHub API; if it does, GitHub's API may have changed, so please report this.",
    null,
  );
}
