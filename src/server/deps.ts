// What the web face needs from the outside world. `createApp(deps)` is a function of these only:
// no env, ports or globals, so tests build an app from fakes and the real server from real parts.
import type { Context } from "hono";
import type { Store } from "../core/store/types.js";
import type { Report } from "../core/thread/report.js";
import type { IssueRef, StateReason, ThreadState } from "../core/thread/types.js";
import type { Tool } from "../core/tools/catalog.js";
import type { ReportOptions, ReportSource } from "../core/use-cases/report.js";
import type { MarkdownRenderer } from "./html/markdown-pool.js";
import type { BucketConfig } from "./security/rate-limit.js";
import type { Analyse } from "./services/analyse.js";

/** pino's call shape, so a pino logger fits as is. */
export type ServerLogger = {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

/** Another issue like this one: the same (or a near) error, similar text, or a marked duplicate. */
export type SimilarIssue = {
  ref: IssueRef;
  title: string;
  state: ThreadState;
  stateReason: StateReason;
  /** Reports the same error as the issue asked about. */
  sameError: boolean;
  /** 0..1, higher is closer. */
  score: number;
  /** Why it matched, in words ("same error; title has usage, quota"). */
  why: string;
};

/** One search hit; `sameError` hits share the error of the query (a cluster). */
export type SearchResult = SimilarIssue;

export type SearchAnswer = {
  results: SearchResult[];
  /** A note for the reader, e.g. that no match is confident. */
  message: string | null;
};

export type ServerLimits = {
  /** Votes per voter cookie. */
  votesPerVoter: BucketConfig;
  /** Votes per client address (catches cookie-less scripts minting new voters). */
  votesPerIp: BucketConfig;
  /** Requests that make the server fetch from GitHub (issues not stored yet), per client address. */
  analysesPerIp: BucketConfig;
  /** Voter cookies issued per client address (IPv6 /64): each is one more vote per signal. */
  newVotersPerIp: BucketConfig;
  /** Wrong admin tokens per client address. */
  adminFailuresPerIp: BucketConfig;
};

export type ServerDeps = {
  store: Store;
  /** The GitHub client, as the report use-case needs it. */
  reportSource: ReportSource;
  /** Web hosts issues may come from; the first is the default for "owner/repo#n" and site paths. */
  allowedHosts: readonly string[];
  now: () => Date;
  /** Signs voter cookies and CSRF tokens. At least 32 characters. */
  secret: string;
  /** Bearer token of the admin endpoints; null switches them off. */
  adminToken: string | null;
  catalog: readonly Tool[];
  /** Stored reports younger than this are served as they are; older ones are refreshed in the background. */
  freshnessMs: number;
  logger: ServerLogger;
  /** Markdown of a report (core/render/markdown.ts), for the download. */
  renderMarkdown: (report: Report) => string;
  /** Syncs a whole repository (admin only). Absent: the endpoint answers 404. */
  runSync?: (repo: { host: string; owner: string; repo: string }) => Promise<unknown>;
  /** Builds and stores a report. Default: the report use-case over `reportSource`, then the store. */
  analyse?: Analyse;
  /** Default depth 1. */
  reportOptions?: ReportOptions;
  /** "Same error elsewhere". Default: the similar use-case over the store (all repositories). */
  similar?: (ref: IssueRef, report: Report) => Promise<SimilarIssue[]>;
  /** Search over stored issues. Default: the search use-case, ranked as the CLI's `search`. */
  search?: (query: string, limit: number) => Promise<SearchAnswer>;
  /** Voter ids. Default: 128 random bits. */
  randomId?: () => string;
  /**
   * The client's address for rate limits (node.ts: the socket, or X-Forwarded-For from a trusted
   * proxy). IPv6 addresses are grouped by /64 here. Default: one shared bucket.
   */
  clientIp?: (c: Context) => string | null;
  /** The site's public origin(s) when behind a proxy; by default the request's own origin. */
  publicOrigins?: readonly string[];
  limits?: Partial<ServerLimits>;
  /**
   * Issue bodies to safe HTML, cached per body. node.ts passes the worker pool (off the event loop,
   * with a deadline); the default renders in this thread.
   */
  markdownBody?: MarkdownRenderer;
  /** API.md, served at /api/v1/docs when given. */
  apiDocs?: string;
};

/** Documented in the README: the most votes per signal and issue one address can add in an hour. */
export const NEW_VOTERS_PER_HOUR = 10;

export const DEFAULT_LIMITS: ServerLimits = {
  votesPerVoter: { capacity: 30, refillPerSecond: 0.5 },
  votesPerIp: { capacity: 120, refillPerSecond: 2 },
  analysesPerIp: { capacity: 20, refillPerSecond: 0.2 },
  newVotersPerIp: { capacity: NEW_VOTERS_PER_HOUR, refillPerSecond: NEW_VOTERS_PER_HOUR / 3600 },
  adminFailuresPerIp: { capacity: 10, refillPerSecond: 10 / 3600 },
};
