// The one mapping from errors to HTTP: status, a stable code, the message and hint a person sees,
// and retry-after when waiting helps. Unknown errors become a bare 500: their messages may carry
// internals (paths, SQL, upstream URLs), so they are logged, never shown.
import { HTTPException } from "hono/http-exception";
import {
  AuthError,
  GoneError,
  type IssuegraphError,
  NotFoundError,
  PartialDataError,
  RateLimitedError,
  StoreError,
  UpstreamError,
  UsageError,
} from "../core/errors.js";
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

export function httpErrorFor(err: unknown, now: Date): HttpError {
  const base = (status: HttpError["status"], code: ErrorCode, e: IssuegraphError): HttpError => ({
    status,
    code,
    message: e.message,
    hint: e.hint,
    retryAfter: null,
    unexpected: false,
  });
  const wait = (resetAt: Date) => Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));

  if (err instanceof TooManyRequestsError) return { ...base(429, "rate_limited", err), retryAfter: wait(err.resetAt) };
  if (err instanceof RateLimitedError) {
    return { ...base(503, "upstream_rate_limited", err), retryAfter: wait(err.resetAt) };
  }
  if (err instanceof UsageError) return base(400, "bad_request", err);
  if (err instanceof UnauthorizedError) return base(401, "unauthorized", err);
  if (err instanceof ForbiddenError) return base(403, "forbidden", err);
  if (err instanceof DisabledError) return base(404, "not_found", err);
  if (err instanceof NotFoundError) return base(404, "not_found", err);
  if (err instanceof GoneError) return base(410, "gone", err);
  if (err instanceof UnsupportedMediaTypeError) return base(415, "unsupported_media_type", err);
  if (err instanceof UpstreamError || err instanceof PartialDataError) return base(502, "upstream_error", err);
  if (err instanceof AuthError) {
    // The server's own GitHub token was refused: the reader can do nothing, and details stay in the log.
    return {
      status: 502,
      code: "upstream_auth",
      message: "GitHub refused this server's credentials.",
      hint: "Try again later; the site's operator has to fix the GitHub token.",
      retryAfter: null,
      unexpected: true,
    };
  }
  if (err instanceof StoreError) {
    return {
      status: 503,
      code: "store_unavailable",
      message: "The report store is unavailable.",
      hint: "Try again in a minute.",
      retryAfter: 30,
      unexpected: true,
    };
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) {
      return {
        status: 413,
        code: "payload_too_large",
        message: "The request body is too large.",
        hint: "Send a smaller body.",
        retryAfter: null,
        unexpected: false,
      };
    }
    if (status >= 400 && status < 500) {
      return {
        status: 400,
        code: "bad_request",
        message: "The request could not be read.",
        hint: "Check the request body and parameters.",
        retryAfter: null,
        unexpected: false,
      };
    }
  }
  return {
    status: 500,
    code: "internal",
    message: "Something went wrong on our side.",
    hint: "Try again; if it keeps failing, tell the site's operator.",
    retryAfter: null,
    unexpected: true,
  };
}

/** The JSON body of every API error. */
export const errorBody = (e: HttpError) => ({ error: { code: e.code, message: e.message, hint: e.hint } });
