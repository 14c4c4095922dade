// One place maps typed errors to exit codes and a one-line hint. Documented in the README.
import { type ErrorKind, errorKind, IssuegraphError } from "../core/errors.js";

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  notFound: 3,
  gone: 4,
  auth: 5,
  rateLimited: 6,
  upstream: 7,
  store: 8,
  portInUse: 9,
  storeFolderMissing: 10,
  output: 11,
} as const;

/** `serve` (or `mcp`'s sibling servers) could not listen: the port is taken. */
export class PortInUseError extends IssuegraphError {}
/** An explicit --db / ISSUEGRAPH_DB whose folder does not exist: most likely a typo, so no new store. */
export class StoreFolderMissingError extends IssuegraphError {}

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const EXIT_FOR_KIND: Record<ErrorKind, ExitCode> = {
  usage: EXIT.usage,
  notFound: EXIT.notFound,
  gone: EXIT.gone,
  auth: EXIT.auth,
  rateLimited: EXIT.rateLimited,
  upstream: EXIT.upstream,
  store: EXIT.store,
  output: EXIT.output,
  unexpected: EXIT.unexpected,
};

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof PortInUseError) return EXIT.portInUse;
  if (error instanceof StoreFolderMissingError) return EXIT.storeFolderMissing;
  return EXIT_FOR_KIND[errorKind(error)];
}

/** "error: <message>\nhint: <hint>" — never a stack trace for an expected error. */
export function describeError(error: unknown): string {
  if (error instanceof IssuegraphError) return `error: ${error.message}\nhint: ${error.hint}`;
  const message = error instanceof Error ? error.message : String(error);
  return `error: unexpected failure: ${message}\nhint: this is a bug in issuegraph; rerun with ISSUEGRAPH_LOG=debug and report it.`;
}

/** A batch printed every line (failures included); the process still exits with the last failure's code. */
export class BatchFailed extends Error {
  constructor(readonly last: unknown) {
    super("some refs failed");
  }
}
