// Typed errors the core throws. Faces map them to exit codes (cli/exit-codes.ts) and HTTP
// statuses (server) in one place each. Messages never contain tokens.

export class IssuegraphError extends Error {
  /** One actionable sentence for the person who hit the error. */
  readonly hint: string;
  constructor(message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** Bad input from the user: a malformed reference, an unknown flag value, a non-GitHub host. */
export class UsageError extends IssuegraphError {}

/** The issue or repository does not exist, or is private to this token. */
export class NotFoundError extends IssuegraphError {}

/** GitHub answered 410: the issue was deleted. */
export class GoneError extends IssuegraphError {}

/** 401, or a token without the needed access. */
export class AuthError extends IssuegraphError {}

/** The primary rate limit is spent and resets later than we are willing to wait. */
export class RateLimitedError extends IssuegraphError {
  readonly resetAt: Date;
  constructor(message: string, hint: string, resetAt: Date, options?: { cause?: unknown }) {
    super(message, hint, options);
    this.resetAt = resetAt;
  }
}

/** GitHub (or the network) failed after every retry. */
export class UpstreamError extends IssuegraphError {
  readonly status: number | null;
  constructor(message: string, hint: string, status: number | null, options?: { cause?: unknown }) {
    super(message, hint, options);
    this.status = status;
  }
}

/** Some data came back, some did not (e.g. a GraphQL partial error). */
export class PartialDataError<T = unknown> extends IssuegraphError {
  readonly data: T;
  constructor(message: string, hint: string, data: T) {
    super(message, hint);
    this.data = data;
  }
}

/** The local store could not be opened or written. */
export class StoreError extends IssuegraphError {}

/** An output file (--out) could not be written: a directory, a full disk, no permission. */
export class OutputError extends IssuegraphError {}

// The one table from these errors to what they mean to whoever reports them: the CLI turns a kind
// into an exit code (cli/exit-codes.ts), the web face into an HTTP status (server/error-map.ts).
// Each face adds only its own errors in front.
export type ErrorKind =
  | "usage"
  | "notFound"
  | "gone"
  | "auth"
  | "rateLimited"
  | "upstream"
  | "store"
  | "output"
  | "unexpected";

// biome-ignore lint/suspicious/noExplicitAny: error classes take differing constructor arguments
const KINDS: [new (...args: any[]) => Error, ErrorKind][] = [
  [UsageError, "usage"],
  [NotFoundError, "notFound"],
  [GoneError, "gone"],
  [AuthError, "auth"],
  [RateLimitedError, "rateLimited"],
  [UpstreamError, "upstream"],
  [PartialDataError, "upstream"],
  [StoreError, "store"],
  [OutputError, "output"],
];

export function errorKind(error: unknown): ErrorKind {
  for (const [type, kind] of KINDS) if (error instanceof type) return kind;
  return "unexpected";
}
