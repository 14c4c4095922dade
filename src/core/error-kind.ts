// The one table from the core's typed errors to what they mean to whoever reports them: the CLI
// turns a kind into an exit code (cli/exit-codes.ts), the web face into an HTTP status
// (server/error-map.ts). Each face adds only its own errors in front.
import {
  AuthError,
  GoneError,
  NotFoundError,
  OutputError,
  PartialDataError,
  RateLimitedError,
  StoreError,
  UpstreamError,
  UsageError,
} from "./errors.js";

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
