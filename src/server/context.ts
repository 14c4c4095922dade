// What every route shares: deps with defaults filled in, the services, and the request helpers
// (voter cookie, rate limits, same-origin check, refs from paths). Built once per app.
import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { getCookie, getSignedCookie, setCookie, setSignedCookie } from "hono/cookie";
import { LRUCache } from "lru-cache";
import { UsageError } from "../core/errors.js";
import { parseIssueRef, refKey } from "../core/refs/parse-ref.js";
import type { IssueRef } from "../core/thread/types.js";
import { DEFAULT_LIMITS, type ServerDeps } from "./deps.js";
import { createInProcessMarkdown } from "./html/markdown-pool.js";
import { ForbiddenError, TooManyRequestsError } from "./http-errors.js";
import { addressGroup } from "./security/admission.js";
import { RateLimiter } from "./security/rate-limit.js";
import { checkDoubleSubmit, checkSameOrigin } from "./security/same-origin.js";
import { isVoterId } from "./security/tokens.js";
import { defaultAnalyse } from "./services/analyse.js";
import { memoiseSimilar, storeSearch, storeSimilar } from "./services/discovery.js";
import { RenderCache } from "./services/render-cache.js";
import { ReportService } from "./services/report-service.js";
import { loadTrending, type TrendingEntry } from "./services/trending.js";

export type AppEnv = { Variables: { secureHeadersNonce?: string } };

export const VOTER_COOKIE = "ig_voter";
/** The double-submit cookie: readable by the page's script, which echoes it in X-CSRF-Token. */
export const CSRF_COOKIE = "ig_csrf";
const CSRF_HEADER = "x-csrf-token";
/** How long a kept page or JSON answer is trusted before its inputs are read again. */
const RENDER_TTL_MS = 10_000;
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
  if (deps.adminToken !== null && deps.adminToken.length < 32) {
    throw new UsageError("the admin token is too short", "Use at least 32 random characters.");
  }
  const nowMs = () => deps.now().getTime();
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const limiters = {
    votesPerVoter: new RateLimiter(limits.votesPerVoter, nowMs),
    votesPerIp: new RateLimiter(limits.votesPerIp, nowMs),
    analysesPerIp: new RateLimiter(limits.analysesPerIp, nowMs),
    newVotersPerIp: new RateLimiter(limits.newVotersPerIp, nowMs),
    adminFailuresPerIp: new RateLimiter(limits.adminFailuresPerIp, nowMs),
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
  const rendered = new RenderCache({ ttlMs: RENDER_TTL_MS, nowMs });
  const reports = new ReportService({
    store: deps.store,
    analyse,
    now: deps.now,
    freshnessMs: deps.freshnessMs,
    logger: deps.logger,
    // A new report changes the issue's page, JSON answer and feed.
    onStored: (ref) => rendered.invalidatePrefix(`${refKey(ref)}|`),
  });
  const defaultHost = deps.allowedHosts[0] ?? "github.com";
  const similar = memoiseSimilar(deps.similar ?? storeSimilar(deps.store, defaultHost), {
    nowMs,
    ttlMs: deps.freshnessMs,
  });
  const search: NonNullable<ServerDeps["search"]> = deps.search ?? storeSearch(deps.store);
  const randomId = deps.randomId ?? (() => randomBytes(16).toString("base64url"));

  let trendingCache: { at: number; items: Promise<TrendingEntry[]> } | null = null;
  // Verifying a signed cookie costs an HMAC; returning readers send the same cookie again and again.
  const verifiedVoters = new LRUCache<string, string>({ max: 20_000 });
  const lastViews = new Map<string, number>();

  /** The client's address group (IPv6 by /64), the key of every per-address limit. */
  const clientIp = (c: Context): string => {
    try {
      const address = deps.clientIp?.(c);
      return address ? addressGroup(address) : "unknown";
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
    markdownBody: deps.markdownBody ?? createInProcessMarkdown(),
    similar,
    search,
    defaultHost,
    /** Kept pages and JSON answers; keys start with the issue's refKey and "|". */
    rendered,

    /** The absolute URL of a site path, when the public origin is configured (never from the Host header). */
    publicUrl(path: string): string | null {
      const origin = deps.publicOrigins?.[0];
      return origin ? `${origin.replace(/\/+$/, "")}${path}` : null;
    },

    /** A ref from the site's own paths (`/owner/repo/issues/n`): always on the default host. */
    refFromPath(owner: string, repo: string, num: string): IssueRef {
      return parseIssueRef(`${owner}/${repo}#${num}`, [defaultHost]);
    },

    /** A ref typed by a person or sent to the API: only the allowed hosts pass. */
    refFromInput(text: string): IssueRef {
      return parseIssueRef(text, deps.allowedHosts);
    },

    /** The voter id of a cookie value verified before, else null (verify it with `voter`). */
    knownVoter(rawCookie: string): string | null {
      return verifiedVoters.get(rawCookie) ?? null;
    },

    async voter(c: Context): Promise<string | null> {
      const raw = getCookie(c, VOTER_COOKIE);
      if (!raw) return null;
      const known = verifiedVoters.get(raw);
      if (known) return known;
      const v = await getSignedCookie(c, deps.secret, VOTER_COOKIE);
      if (typeof v !== "string" || !isVoterId(v)) return null;
      verifiedVoters.set(raw, v);
      return v;
    },

    /**
     * The voter id, creating the cookie on a first vote. New voters are limited per address
     * (`newVotersPerIp`, IPv6 by /64): a script that drops its cookies gets at most that many
     * voters, and so votes per signal and issue, an hour; then 429.
     */
    async ensureVoter(c: Context): Promise<string> {
      const existing = await this.voter(c);
      if (existing) return existing;
      take(limiters.newVotersPerIp, clientIp(c), "new voters");
      const id = randomId();
      await setSignedCookie(c, VOTER_COOKIE, id, deps.secret, {
        path: "/",
        httpOnly: true,
        sameSite: "Lax",
        secure: new URL(c.req.url).protocol === "https:",
        maxAge: YEAR_S,
      });
      // The double-submit value travels with every new voter: not HttpOnly (the script echoes it),
      // Strict (never sent from another site), and meaningless without the voter cookie.
      setCookie(c, CSRF_COOKIE, randomId(), {
        path: "/",
        sameSite: "Strict",
        secure: new URL(c.req.url).protocol === "https:",
        maxAge: YEAR_S,
      });
      return id;
    },

    /**
     * Scripted (JSON) votes from a browser that holds a voter cookie must echo the double-submit
     * cookie in X-CSRF-Token: another site can neither read our cookie nor set the header without
     * a CORS preflight we never grant.
     */
    requireDoubleSubmit(c: Context): void {
      const verdict = checkDoubleSubmit({
        hasVoterCookie: getCookie(c, VOTER_COOKIE) !== undefined,
        cookie: getCookie(c, CSRF_COOKIE),
        header: c.req.header(CSRF_HEADER),
      });
      if (!verdict.ok) {
        throw new ForbiddenError(
          `The vote could not be verified (${verdict.reason}).`,
          `Send the ${CSRF_COOKIE} cookie's value in the X-CSRF-Token header, or vote from the issue's page.`,
        );
      }
    },

    /**
     * Throws ForbiddenError when the browser says the request comes from another site. With
     * `browserForm`, a request must say where it comes from at all (every browser sends Origin or
     * Sec-Fetch-Site on a form post; the form carries no token of its own). With public origins
     * configured, only they count: the Host header is the client's to choose.
     */
    requireSameOrigin(c: Context, options: { browserForm?: boolean } = {}): void {
      const expected = deps.publicOrigins?.length ? deps.publicOrigins : [new URL(c.req.url).origin];
      const verdict = checkSameOrigin(
        { origin: c.req.header("origin"), secFetchSite: c.req.header("sec-fetch-site") },
        expected,
        { requireHeader: options.browserForm ?? false },
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

    /** Refuses (429) an admin request from an address that has used up its wrong guesses. */
    admitAdminAttempt(c: Context): void {
      const r = limiters.adminFailuresPerIp.peek(clientIp(c));
      if (!r.ok) {
        throw new TooManyRequestsError(
          "Too many wrong admin tokens from you.",
          "Wait, then send the right token.",
          new Date(nowMs() + r.retryAfterMs),
        );
      }
    },

    adminFailure(c: Context): void {
      limiters.adminFailuresPerIp.take(clientIp(c));
    },

    /** Called only when a request would make the server fetch from GitHub. */
    admitAnalysis(c: Context): void {
      take(limiters.analysesPerIp, clientIp(c), "new issues to analyse");
    },

    /** Who is reading, for view counting: the voter, else the client's address (IPv6 by /64). */
    viewerKey(c: Context, voterId: string | null): string {
      return voterId ? `voter:${voterId}` : `address:${clientIp(c)}`;
    },

    /** Whether this page view counts (once per viewer and issue per half hour). */
    countView(viewerKey: string, ref: IssueRef): boolean {
      const key = `${viewerKey}|${refKey(ref)}`;
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
