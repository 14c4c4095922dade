// Route faults (faults.ts) as answers: what GitHub sends for a primary or secondary limit, a
// transient GraphQL error or a bare status; or what the connection does (drop, stall).
import type { RouteFaultSpec } from "../faults.js";
import {
  PRIMARY_DOCS,
  primaryLimitMessage,
  rateLimitHeaders,
  SECONDARY_DOCS,
  SECONDARY_MESSAGE,
} from "../rate-limits.js";
import { baseHeaders, type Exchange, type Reply } from "./replies.js";
import type { ServerState } from "./server.js";

/** A fault's effect: a reply, a dropped connection, a body stalled half way, or null (answer normally). */
export type FaultOutcome = Reply | "dropped" | "mid-body" | null;

const statusMessages: Record<number, string> = {
  401: "Bad credentials",
  403: "Forbidden",
  404: "Not Found",
  410: "This issue was deleted",
  422: "Validation Failed",
  500: "Server Error",
  502: "Server Error",
  503: "Service Unavailable",
  504: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function faultOutcome(
  state: ServerState,
  fault: RouteFaultSpec,
  ex: Exchange,
  isGraphQL: boolean,
): Promise<FaultOutcome> {
  const headers = { ...baseHeaders(ex.record), ...(fault.headers ?? {}) };
  const rate = state.rates.state(ex.caller, isGraphQL ? "graphql" : "core");
  switch (fault.kind) {
    case "drop":
      return "dropped";
    case "slow":
      if (fault.stage === "body") return "mid-body";
      await sleep(fault.delayMs ?? 0);
      return null;
    case "primary-rate-limit":
      return primaryLimited(state, fault, ex, isGraphQL, headers);
    case "secondary-rate-limit":
      return {
        status: fault.status ?? 403,
        headers: { ...headers, ...rateLimitHeaders(rate), "retry-after": String(fault.retryAfter ?? 1) },
        body: JSON.stringify(fault.body ?? { message: SECONDARY_MESSAGE, documentation_url: SECONDARY_DOCS }),
      };
    case "graphql-error": {
      const message = `Something went wrong while executing your query. Please include \`5TAND:${ex.record.seq}\` when reporting this issue.`;
      return {
        status: fault.status ?? 200,
        headers: { ...headers, ...rateLimitHeaders(rate) },
        body: JSON.stringify(fault.body ?? { data: null, errors: [{ message }] }),
      };
    }
    case "status": {
      const status = fault.status ?? 500;
      const body = fault.body ?? {
        message: statusMessages[status] ?? "Error",
        documentation_url: "https://docs.github.com/rest",
        status: String(status),
      };
      return { status, headers, body: JSON.stringify(body) };
    }
  }
}

/** A spent primary limit: REST's 403, or GraphQL's RATE_LIMITED inside a 200 (unless a status is given). */
function primaryLimited(
  state: ServerState,
  fault: RouteFaultSpec,
  ex: Exchange,
  isGraphQL: boolean,
  headers: Record<string, string>,
): Reply {
  const current = state.rates.state(ex.caller, isGraphQL ? "graphql" : "core");
  const reset = Math.ceil(state.clock() / 1000) + (fault.resetIn ?? 60);
  const rate = rateLimitHeaders({ ...current, remaining: 0, used: current.limit, reset });
  if (isGraphQL && fault.status === undefined) {
    const body = {
      errors: [{ type: "RATE_LIMITED", message: `API rate limit exceeded for user ID ${ex.caller.userId}.` }],
    };
    return { status: 200, headers: { ...headers, ...rate }, body: JSON.stringify(fault.body ?? body) };
  }
  const message = primaryLimitMessage(ex.caller, ex.address);
  return {
    status: fault.status ?? 403,
    headers: { ...headers, ...rate },
    body: JSON.stringify(fault.body ?? { message, documentation_url: PRIMARY_DOCS }),
  };
}
