// Errors only the web face raises. Like the core's, each carries one hint; error-map.ts turns all
// of them into statuses in one place.
import { IssuegraphError, RateLimitedError } from "../core/errors.js";

/** No (or a malformed) Authorization header on an admin endpoint. */
export class UnauthorizedError extends IssuegraphError {}

/** Cross-site request, bad CSRF token, or a wrong admin token. */
export class ForbiddenError extends IssuegraphError {}

/** The endpoint exists but is switched off in this deployment (e.g. no admin token configured). */
export class DisabledError extends IssuegraphError {}

/** A POST whose body is not the declared type (the JSON API only takes application/json). */
export class UnsupportedMediaTypeError extends IssuegraphError {}

/** This client sent too many requests (our own limit, unlike RateLimitedError from GitHub). */
export class TooManyRequestsError extends RateLimitedError {}
