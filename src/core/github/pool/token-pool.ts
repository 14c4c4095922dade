// A GitHub client over several tokens: each operation goes to the token with the most budget left
// for what it uses (REST "core" or GraphQL); a token that hits its rate limit rests until its reset
// while the others carry on. When every token rests, the pool waits if the earliest reset is near
// and otherwise throws RateLimitedError with that time. Tokens are known only as "token 1", "token 2":
// they never appear in what the pool logs or throws.
import { RateLimitedError, UsageError } from "../../errors.js";
import type { RateBudget } from "../../use-cases/sync/progress.js";
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from "../index.js";
import { type RateTracker, tightest, trackRateLimits } from "./rate-budget.js";

export type TokenPoolOptions = {
  tokens: readonly string[];
  /** Options for every member client (the pool sets token, fetch and rate-limit waiting). */
  client?: Omit<GitHubClientOptions, "token" | "fetch" | "maxRateLimitWaitSeconds">;
  fetch?: typeof fetch;
  /** For tests: builds a member client. */
  createClient?: (options: GitHubClientOptions) => GitHubClient;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** When every token rests: wait for the earliest reset if it is at most this far (default 60 s). */
  maxWaitSeconds?: number;
  onWait?: (info: { seconds: number; resetAt: Date }) => void;
};

export type PoolMemberStatus = {
  label: string;
  core: number | null;
  graphql: number | null;
  restingUntil: string | null;
  operations: number;
};

export type TokenPool = GitHubClient & {
  readonly size: number;
  /** The pooled budget (sums over tokens) of a resource, or the tightest pooled budget. */
  budget(resource?: string): RateBudget | null;
  status(): PoolMemberStatus[];
};

type Resource = "core" | "graphql";

type Member = {
  label: string;
  client: GitHubClient;
  tracker: RateTracker;
  restingUntil: number;
  operations: number;
};

export function createTokenPool(options: TokenPoolOptions): TokenPool {
  if (options.tokens.length === 0) {
    throw new UsageError("the token pool needs at least one token", "Set GITHUB_TOKENS=t1,t2 or GITHUB_TOKEN.");
  }
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWait = options.maxWaitSeconds ?? 60;
  const make = options.createClient ?? createGitHubClient;
  const members: Member[] = options.tokens.map((token, i) => {
    const tracker = trackRateLimits(options.fetch ?? globalThis.fetch);
    // Members never wait for a limit themselves: another token may have budget now.
    const client = make({ ...options.client, token, fetch: tracker.fetch, maxRateLimitWaitSeconds: 0 });
    return { label: `token ${i + 1}`, client, tracker, restingUntil: 0, operations: 0 };
  });
  const first = members[0] as Member;
  let turn = 0;

  /** Budget left for `resource`; unknown (never used) counts as full so every token gets tried. */
  const left = (m: Member, resource: Resource, now: number): number => {
    const b = m.tracker.budget(resource);
    if (!b) return Number.POSITIVE_INFINITY;
    // A token whose window has reset has its whole budget again.
    if (b.resetAt && Date.parse(b.resetAt) <= now) return b.limit;
    return b.remaining;
  };

  function pick(resource: Resource): Member | null {
    const now = clock().getTime();
    let best: Member | null = null;
    let bestLeft = 0;
    // Start after the last pick so equal budgets take turns.
    for (let k = 0; k < members.length; k++) {
      const m = members[(turn + k) % members.length] as Member;
      if (m.restingUntil > now) continue;
      const l = left(m, resource, now);
      if (l > bestLeft) {
        best = m;
        bestLeft = l;
      }
    }
    if (best) turn = (members.indexOf(best) + 1) % members.length;
    return best;
  }

  /** When the first resting token (or a spent one) is back. */
  function earliestReturn(resource: Resource): number {
    const now = clock().getTime();
    const times = members.map((m) => {
      if (m.restingUntil > now) return m.restingUntil;
      const reset = Date.parse(m.tracker.budget(resource)?.resetAt ?? "");
      return Number.isFinite(reset) ? reset : now;
    });
    return Math.min(...times);
  }

  async function run<T>(resource: Resource, fn: (client: GitHubClient) => Promise<T>): Promise<T> {
    for (;;) {
      const member = pick(resource);
      if (!member) {
        const resetAt = new Date(earliestReturn(resource));
        const seconds = Math.max(0, (resetAt.getTime() - clock().getTime()) / 1000);
        if (seconds > maxWait) {
          throw new RateLimitedError(
            `all ${members.length} GitHub tokens are rate limited until ${resetAt.toISOString()}`,
            `Wait until ${resetAt.toISOString().slice(0, 16).replace("T", " ")} UTC, or add tokens to GITHUB_TOKENS.`,
            resetAt,
          );
        }
        options.onWait?.({ seconds, resetAt });
        await sleep(seconds * 1000);
        continue;
      }
      member.operations++;
      try {
        return await fn(member.client);
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        // This token rests until its reset; the operation is retried on another one.
        member.restingUntil = Math.max(error.resetAt.getTime(), clock().getTime() + 1000);
      }
    }
  }

  const sumBudget = (resource: string): RateBudget | null => {
    const known = members.map((m) => m.tracker.budget(resource)).filter((b): b is RateBudget => b !== null);
    if (known.length === 0) return null;
    const resets = known
      .map((b) => b.resetAt)
      .filter(Boolean)
      .sort();
    return {
      resource,
      limit: known.reduce((s, b) => s + b.limit, 0),
      remaining: known.reduce((s, b) => s + b.remaining, 0),
      resetAt: resets[0] ?? "",
    };
  };

  return {
    apiUrl: first.client.apiUrl,
    webHost: first.client.webHost,
    hasToken: true,
    size: members.length,
    // With an etag the thread is revalidated over REST first; the bulk of the cost is GraphQL.
    fetchThread: (ref, opts) => run("graphql", (c) => c.fetchThread(ref, opts)),
    fetchSummaries: (refs) => run("graphql", (c) => c.fetchSummaries(refs)),
    findFirstRelease: (repo, sha) => run("core", (c) => c.findFirstRelease(repo, sha)),
    listIssuesPage: (repo, opts) => run("core", (c) => c.listIssuesPage(repo, opts)),
    requests: () =>
      members.reduce(
        (sum, m) => {
          const r = m.client.requests();
          return { rest: sum.rest + r.rest, graphql: sum.graphql + r.graphql };
        },
        { rest: 0, graphql: 0 },
      ),
    budget: (resource) =>
      resource
        ? sumBudget(resource)
        : tightest(["core", "graphql"].map(sumBudget).filter((b): b is RateBudget => b !== null)),
    status: () =>
      members.map((m) => ({
        label: m.label,
        core: m.tracker.budget("core")?.remaining ?? null,
        graphql: m.tracker.budget("graphql")?.remaining ?? null,
        restingUntil: m.restingUntil > clock().getTime() ? new Date(m.restingUntil).toISOString() : null,
        operations: m.operations,
      })),
  };
}
