// Fault injection. Route faults are keyed by method + path pattern and hit the next N matching
// requests; world faults (transfer, delete, private) change the world and persist until reset.
import type { ThreadRecord, World } from "./world.js";

export type RouteFaultKind =
  /** 403/429 with x-ratelimit-remaining: 0, a reset time and GitHub's primary message (GraphQL: 200 RATE_LIMITED). */
  | "primary-rate-limit"
  /** 403/429 with retry-after and GitHub's secondary-limit message. */
  | "secondary-rate-limit"
  /** Any status with GitHub's body for it (500, 502, 503, 404, 410, 422, ...). */
  | "status"
  /** Waits delayMs (before the headers, or after the first half of the body), then answers normally. */
  | "slow"
  /** Destroys the socket without answering. */
  | "drop"
  /** GraphQL's transient "Something went wrong while executing your query" (200). */
  | "graphql-error";

export type RouteFaultSpec = {
  kind: RouteFaultKind;
  /** Regular expression (source string or RegExp) matched against the request path, e.g. "/issues/1/timeline$". */
  path: string | RegExp;
  /** Only this method (any when absent). */
  method?: string;
  /** Only GraphQL requests with this operation name. */
  operationName?: string;
  /** How many matching requests it hits (default 1; Infinity for all). */
  times?: number;
  status?: number;
  /** Seconds, for secondary-rate-limit (default 1). */
  retryAfter?: number;
  /** Seconds until the reset a primary-rate-limit fault announces (default 60). */
  resetIn?: number;
  delayMs?: number;
  stage?: "headers" | "body";
  /** Replaces the default body. */
  body?: unknown;
  /** Extra response headers (e.g. a `location` for a 301). */
  headers?: Record<string, string>;
};

export type WorldFaultSpec =
  | { kind: "transfer"; ref: string; to: string; number?: number }
  | { kind: "delete"; ref: string }
  | { kind: "private"; repo: string; private?: boolean };

export type FaultSpec = RouteFaultSpec | WorldFaultSpec;

export type ActiveFault = RouteFaultSpec & { id: number; remaining: number; hits: number };

export type FaultController = {
  /** Adds a route fault; returns its live record (remaining, hits). */
  inject(spec: RouteFaultSpec): ActiveFault;
  /** Applies any spec, route or world (what POST /__control/faults does). */
  apply(spec: FaultSpec): ActiveFault | { kind: WorldFaultSpec["kind"]; url?: string; number?: number };
  /** The route faults still waiting for requests. */
  pending(): ActiveFault[];
  /** Removes route faults (world changes stay; see reset on the stand-in). */
  clear(): void;
  transferIssue(ref: string, toRepo: string, options?: { number?: number }): ThreadRecord;
  deleteIssue(ref: string): void;
  setRepoPrivate(repo: string, isPrivate?: boolean): void;
  /** Takes the first fault matching a request (used by the server). */
  take(method: string, path: string, operationName: string | null): ActiveFault | null;
};

const routeKinds = new Set<string>([
  "primary-rate-limit",
  "secondary-rate-limit",
  "status",
  "slow",
  "drop",
  "graphql-error",
]);

export function isRouteFault(spec: FaultSpec): spec is RouteFaultSpec {
  return routeKinds.has(spec.kind);
}

export function createFaultController(world: World): FaultController {
  let faults: (ActiveFault & { pattern: RegExp })[] = [];
  let nextId = 1;
  const controller: FaultController = {
    inject(spec) {
      if (!routeKinds.has(spec.kind)) throw new Error(`unknown fault kind ${String(spec.kind)}`);
      if (spec.kind === "status" && spec.status === undefined) throw new Error("a status fault needs a status");
      const pattern = typeof spec.path === "string" ? new RegExp(spec.path) : spec.path;
      const fault = { ...spec, id: nextId++, remaining: spec.times ?? 1, hits: 0, pattern };
      faults.push(fault);
      return fault;
    },
    apply(spec) {
      if (isRouteFault(spec)) return controller.inject(spec);
      switch (spec.kind) {
        case "transfer": {
          const moved = controller.transferIssue(
            spec.ref,
            spec.to,
            spec.number === undefined ? {} : { number: spec.number },
          );
          return { kind: "transfer", number: moved.number };
        }
        case "delete":
          controller.deleteIssue(spec.ref);
          return { kind: "delete" };
        case "private":
          controller.setRepoPrivate(spec.repo, spec.private ?? true);
          return { kind: "private" };
        default:
          throw new Error(`unknown fault kind ${String((spec as { kind: unknown }).kind)}`);
      }
    },
    pending: () => faults.filter((f) => f.remaining > 0),
    clear() {
      faults = [];
    },
    transferIssue: (ref, toRepo, options = {}) => world.transferIssue(ref, toRepo, options),
    deleteIssue: (ref) => world.deleteIssue(ref),
    setRepoPrivate: (repo, isPrivate = true) => world.setRepoPrivate(repo, isPrivate),
    take(method, path, operationName) {
      for (const fault of faults) {
        if (fault.remaining <= 0) continue;
        if (fault.method !== undefined && fault.method.toUpperCase() !== method) continue;
        if (fault.operationName !== undefined && fault.operationName !== operationName) continue;
        if (!fault.pattern.test(path)) continue;
        fault.remaining--;
        fault.hits++;
        faults = faults.filter((f) => f.remaining > 0);
        return fault;
      }
      return null;
    },
  };
  return controller;
}
