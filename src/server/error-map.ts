// The one mapping from errors to HTTP: status, a stable code, the message and hint a person sees,
// and retry-after when waiting helps. Unknown errors become a bare 500: their messages may carry
// internals (paths, SQL, upstream URLs), so they are logged, never shown.
import { HTTPException } from "hono/http-exception";
import { type ErrorKind, errorKind, IssuegraphError, RateLimitedError } from "../core/errors.js";
import {
  DisabledError,
  ForbiddenError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from "./http-errors.js";

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "gone"
  | "unsupported_media_type"
  | "payload_too_large"
  | "rate_limited"
  | "upstream_rate_limited"
  | "upstream_error"
  | "upstream_auth"
  | "store_unavailable"
  | "internal";

export type HttpError = {
  status: 400 | 401 | 403 | 404 | 410 | 413 | 415 | 429 | 500 | 502 | 503;
  code: ErrorCode;
  message: string;
  hint: string;
  /** Seconds, for the retry-after header. */
  retryAfter: number | null;
  /** Whether the server should log it as its own failure (5xx that is not a known upstream state). */
  unexpected: boolean;
};

type Shown = Pick<HttpError, "status" | "code">;

/** The web face's own errors, before the core's kinds. */
const WEB_ERRORS: [new (message: string, hint: string) => IssuegraphError, Shown][] = [
  [UnauthorizedError, { status: 401, code: "unauthorized" }],
  [ForbiddenError, { status: 403, code: "forbidden" }],
  [DisabledError, { status: 404, code: "not_found" }],
  [UnsupportedMediaTypeError, { status: 415, code: "unsupported_media_type" }],
];

/** The core's error kinds whose message and hint a reader may see. */
const SHOWN_KINDS: Partial<Record<ErrorKind, Shown>> = {
  usage: { status: 400, code: "bad_request" },
  notFound: { status: 404, code: "not_found" },
  gone: { status: 410, code: "gone" },
  rateLimited: { status: 503, code: "upstream_rate_limited" },
  upstream: { status: 502, code: "upstream_error" },
};

/** Answers whose details stay in the log: the reader gets a fixed message. */
const fixed = (status: HttpError["status"], code: ErrorCode, message: string, hint: string, unexpected: boolean) => ({
  status,
  code,
  message,
  hint,
  retryAfter: null,
  unexpected,
});
const UPSTREAM_AUTH = fixed(
  502,
  "upstream_auth",
  "GitHub refused this server's credentials.",
  "Try again later; the site's operator has to fix the GitHub token.",
  true,
);
const STORE_DOWN = {
  ...fixed(503, "store_unavailable", "The report store is unavailable.", "Try again in a minute.", true),
  retryAfter: 30,
};
const TOO_LARGE = fixed(413, "payload_too_large", "The request body is too large.", "Send a smaller body.", false);
const UNREADABLE = fixed(
  400,
  "bad_request",
  "The request could not be read.",
  "Check the request body and parameters.",
  false,
);
const INTERNAL = fixed(
  500,
  "internal",
  "Something went wrong on our side.",
  "Try again; if it keeps failing, tell the site's operator.",
  true,
);

export function httpErrorFor(err: unknown, now: Date): HttpError {
  const wait = (resetAt: Date) => Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
  const retryAfter = err instanceof RateLimitedError ? wait(err.resetAt) : null;
  if (err instanceof TooManyRequestsError) return { ...shown(err, { status: 429, code: "rate_limited" }), retryAfter };
  const web = WEB_ERRORS.find(([type]) => err instanceof type);
  if (web && err instanceof IssuegraphError) return shown(err, web[1]);
  const kind = errorKind(err);
  const known = SHOWN_KINDS[kind];
  if (known && err instanceof IssuegraphError) return { ...shown(err, known), retryAfter };
  if (kind === "auth") return UPSTREAM_AUTH;
  if (kind === "store") return STORE_DOWN;
  if (err instanceof HTTPException && err.status === 413) return TOO_LARGE;
  if (err instanceof HTTPException && err.status >= 400 && err.status < 500) return UNREADABLE;
  return INTERNAL;
}

const shown = (e: IssuegraphError, as: Shown): HttpError => ({
  ...as,
  message: e.message,
  hint: e.hint,
  retryAfter: null,
  unexpected: false,
});

/** The JSON body of every API error. */
export const errorBody = (e: HttpError) => ({ error: { code: e.code, message: e.message, hint: e.hint } });
