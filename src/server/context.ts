// What every route shares, built once per app: deps with defaults filled in and the named services
// (reports, render cache, discovery, refs, voters, limits, view counting, trending, cross-site rule).
import { randomBytes } from "node:crypto";
import { UsageError } from "../core/errors.js";
import { refKey } from "../core/refs/parse-ref.js";
import { DEFAULT_LIMITS, type ServerDeps } from "./deps.js";
import { createInProcessMarkdown, type MarkdownRenderer } from "./html/markdown-pool.js";
import { createRequestLimits, type RequestLimits } from "./security/request-limits.js";
import { type SameSiteRule, sameSiteRule } from "./security/same-origin.js";
import { createVoters, type Voters } from "./security/voters.js";
import { defaultAnalyse } from "./services/analyse.js";
import { memoiseSimilar, storeSearch, storeSimilar } from "./services/discovery.js";
import { RenderCache } from "./services/render-cache.js";
import { ReportService } from "./services/report-service.js";
import { cachedTrending, type TrendingEntry } from "./services/trending.js";
import { createViewCounter, type ViewCounter } from "./services/view-counter.js";
import { createSiteRefs, type SiteRefs } from "./site-refs.js";

export { CSRF_COOKIE, VOTER_COOKIE } from "./security/voters.js";

export type AppEnv = { Variables: { secureHeadersNonce?: string } };

/** How long a kept page or JSON answer is trusted before its inputs are read again. */
const RENDER_TTL_MS = 10_000;
const TRENDING_TTL_MS = 60_000;

export interface ServerContext {
  readonly deps: ServerDeps;
  /** Single flight per issue, stale-while-revalidate, transfers followed. */
  readonly reports: ReportService;
  /** Kept pages and JSON answers; keys start with the refKey and "|". */
  readonly rendered: RenderCache;
  readonly markdownBody: MarkdownRenderer;
  readonly similar: NonNullable<ServerDeps["similar"]>;
  readonly search: NonNullable<ServerDeps["search"]>;
  readonly refs: SiteRefs;
  readonly voters: Voters;
  readonly limits: RequestLimits;
  readonly views: ViewCounter;
  /** What counts as this site for state-changing requests (hono/csrf and the JSON vote). */
  readonly sameSite: SameSiteRule;
  /** The site's trending issues, recomputed at most once a minute. */
  trending(): Promise<TrendingEntry[]>;
}

export function createServerContext(deps: ServerDeps): ServerContext {
  checkSecrets(deps);
  const nowMs = () => deps.now().getTime();
  const limits = createRequestLimits({ ...DEFAULT_LIMITS, ...deps.limits }, nowMs, deps.clientIp);
  const refs = createSiteRefs(deps.allowedHosts, deps.publicOrigins);
  const rendered = new RenderCache({ ttlMs: RENDER_TTL_MS, nowMs });
  const randomId = deps.randomId ?? (() => randomBytes(16).toString("base64url"));
  return {
    deps,
    reports: createReports(deps, rendered),
    rendered,
    markdownBody: deps.markdownBody ?? createInProcessMarkdown(),
    similar: memoiseSimilar(deps.similar ?? storeSimilar(deps.store, refs.defaultHost), {
      nowMs,
      ttlMs: deps.freshnessMs,
    }),
    search: deps.search ?? storeSearch(deps.store),
    refs,
    voters: createVoters(deps.secret, limits, randomId),
    limits,
    views: createViewCounter(limits.clientIp, nowMs),
    sameSite: sameSiteRule(deps.publicOrigins),
    trending: cachedTrending(deps.store, deps.now, TRENDING_TTL_MS),
  };
}

function checkSecrets(deps: ServerDeps): void {
  if (deps.secret.length < 32) {
    throw new UsageError("the server secret is too short", "Use at least 32 random characters.");
  }
  if (deps.adminToken !== null && deps.adminToken.length < 32) {
    throw new UsageError("the admin token is too short", "Use at least 32 random characters.");
  }
  // hono/bearer-auth reads only RFC 6750 token characters: any other would make the token unusable.
  if (deps.adminToken !== null && !/^[A-Za-z0-9._~+/-]+=*$/.test(deps.adminToken)) {
    throw new UsageError("the admin token has characters a Bearer token cannot carry", "Use openssl rand -base64 32.");
  }
}

/** The report service over the analyse step (deps.analyse, else the report use-case over the store). */
function createReports(deps: ServerDeps, rendered: RenderCache): ReportService {
  const analyse =
    deps.analyse ??
    defaultAnalyse({
      source: deps.reportSource,
      store: deps.store,
      now: deps.now,
      options: deps.reportOptions ?? { depth: 1 },
      freshnessMs: deps.freshnessMs,
    });
  return new ReportService({
    store: deps.store,
    analyse,
    now: deps.now,
    freshnessMs: deps.freshnessMs,
    logger: deps.logger,
    // A new report changes the page, JSON answer and feed.
    onStored: (ref) => rendered.invalidatePrefix(`${refKey(ref)}|`),
  });
}
