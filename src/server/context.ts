// What every route shares: deps with defaults filled in, the services, and the request helpers
// (voter cookie, rate limits, same-origin check, refs from paths). Built once per app.
import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { getSignedCookie, setSignedCookie } from "hono/cookie";
import { UsageError } from "../core/errors.js";
import { parseIssueRef, refKey } from "../core/refs/parse-ref.js";
import type { IssueRef } from "../core/thread/types.js";
import { DEFAULT_LIMITS, type ServerDeps } from "./deps.js";
import { ForbiddenError, TooManyRequestsError } from "./http-errors.js";
import { RateLimiter } from "./security/rate-limit.js";
import { checkSameOrigin } from "./security/same-origin.js";
import { isVoterId } from "./security/tokens.js";
import { defaultAnalyse } from "./services/analyse.js";
import { memoiseSimilar, storeSearch, storeSimilar } from "./services/discovery.js";
import { ReportService } from "./services/report-service.js";
import { loadTrending, type TrendingEntry } from "./services/trending.js";

export type AppEnv = { Variables: { secureHeadersNonce?: string } };

export const VOTER_COOKIE = "ig_voter";
const YEAR_S = 365 * 24 * 3600;
const TRENDING_TTL_MS = 60_000;
/** A reader reloading a page counts as one view per this window (views feed trending). */
const VIEW_WINDOW_MS = 30 * 60_000;
const MAX_VIEW_KEYS = 50_000;

export type ServerContext = ReturnType<typeof createServerContext>;

export function createServerContext(deps: ServerDeps) {
  if (deps.secret.length < 32) {
    throw new UsageError("the server secret is too short", "Use at least 32 random characters.");
  }
  const nowMs = () => deps.now().getTime();
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const limiters = {
    votesPerVoter: new RateLimiter(limits.votesPerVoter, nowMs),
    votesPerIp: new RateLimiter(limits.votesPerIp, nowMs),
    analysesPerIp: new RateLimiter(limits.analysesPerIp, nowMs),
  };
  const analyse =
    deps.analyse ??
    defaultAnalyse({
      source: deps.reportSource,
      store: deps.store,
      now: deps.now,
      options: deps.reportOptions ?? { depth: 1 },
      freshnessMs: deps.freshnessMs,
    });
  const reports = new ReportService({
    store: deps.store,
    analyse,
    now: deps.now,
    freshnessMs: deps.freshnessMs,
    logger: deps.logger,
  });
  const defaultHost = deps.allowedHosts[0] ?? "github.com";
  const similar = memoiseSimilar(deps.similar ?? storeSimilar(deps.store, defaultHost), {
    nowMs,
    ttlMs: deps.freshnessMs,
  });
  const search: NonNullable<ServerDeps["search"]> = deps.search ?? storeSearch(deps.store);
  const randomId = deps.randomId ?? (() => randomBytes(16).toString("base64url"));

  let trendingCache: { at: number; items: Promise<TrendingEntry[]> } | null = null;
  const lastViews = new Map<string, number>();

  const clientIp = (c: Context): string => {
    try {
      return deps.clientIp?.(c) ?? "unknown";
    } catch {
      return "unknown";
    }
  };

  const take = (limiter: RateLimiter, key: string, what: string) => {
    const r = limiter.take(key);
    if (!r.ok) {
      throw new TooManyRequestsError(
        `Too many ${what} from you right now.`,
        "Wait a little, then try again.",
        new Date(nowMs() + r.retryAfterMs),
      );
    }
  };

  return {
    deps,
    reports,
    similar,
    search,
    defaultHost,

    /** A ref from the site's own paths (`/owner/repo/issues/n`): always on the default host. */
    refFromPath(owner: string, repo: string, num: string): IssueRef {
      return parseIssueRef(`${owner}/${repo}#${num}`, [defaultHost]);
    },

    /** A ref typed by a person or sent to the API: only the allowed hosts pass. */
    refFromInput(text: string): IssueRef {
      return parseIssueRef(text, deps.allowedHosts);
    },

    async voter(c: Context): Promise<string | null> {
      const v = await getSignedCookie(c, deps.secret, VOTER_COOKIE);
      return typeof v === "string" && isVoterId(v) ? v : null;
    },

    /** The voter id, creating the cookie when there is none (or it was tampered with). */
    async ensureVoter(c: Context): Promise<string> {
      const existing = await this.voter(c);
      if (existing) return existing;
      const id = randomId();
      await setSignedCookie(c, VOTER_COOKIE, id, deps.secret, {
        path: "/",
        httpOnly: true,
        sameSite: "Lax",
        secure: new URL(c.req.url).protocol === "https:",
        maxAge: YEAR_S,
      });
      return id;
    },

    /** Throws ForbiddenError when the browser says the request comes from another site. */
    requireSameOrigin(c: Context): void {
      const own = new URL(c.req.url).origin;
      const verdict = checkSameOrigin(
        { origin: c.req.header("origin"), secFetchSite: c.req.header("sec-fetch-site") },
        [own, ...(deps.publicOrigins ?? [])],
      );
      if (!verdict.ok) {
        throw new ForbiddenError(
          `Cross-site request refused (${verdict.reason}).`,
          "Vote from the issue's page on this site.",
        );
      }
    },

    limitVote(c: Context, voterId: string): void {
      take(limiters.votesPerIp, clientIp(c), "votes");
      take(limiters.votesPerVoter, voterId, "votes");
    },

    /** Called only when a request would make the server fetch from GitHub. */
    admitAnalysis(c: Context): void {
      take(limiters.analysesPerIp, clientIp(c), "new issues to analyse");
    },

    /** Whether this page view counts (once per voter and issue per half hour). */
    countView(voterId: string, ref: IssueRef): boolean {
      const key = `${voterId}|${refKey(ref)}`;
      const now = nowMs();
      const last = lastViews.get(key);
      if (last !== undefined && now - last < VIEW_WINDOW_MS) return false;
      if (lastViews.size >= MAX_VIEW_KEYS) {
        for (const [k, t] of lastViews) if (now - t >= VIEW_WINDOW_MS) lastViews.delete(k);
        if (lastViews.size >= MAX_VIEW_KEYS) lastViews.clear();
      }
      lastViews.set(key, now);
      return true;
    },

    /** Trending, recomputed at most once a minute. */
    trending(): Promise<TrendingEntry[]> {
      const now = nowMs();
      if (!trendingCache || now - trendingCache.at >= TRENDING_TTL_MS) {
        const items = loadTrending(deps.store, deps.now(), 10);
        trendingCache = { at: now, items };
        // A failed load is not cached.
        items.catch(() => {
          if (trendingCache?.items === items) trendingCache = null;
        });
      }
      return trendingCache.items;
    },
  };
}
