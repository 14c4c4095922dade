// `issuegraph sync owner/repo [--deep] [--queue]`: bring a repository's threads into the store
// (or, with --queue, leave a sync job for the workers).
import { UsageError } from "../../core/errors.js";
import { createGitHubClient, type GitHubClient, webHostForApiUrl } from "../../core/github/index.js";
import { trackRateLimits } from "../../core/github/pool/rate-budget.js";
import { createTokenPool } from "../../core/github/pool/token-pool.js";
import { tokensFromEnv } from "../../core/github/pool/tokens.js";
import { type JobQueue, openJobQueue } from "../../core/queue/pg-boss-queue.js";
import { openStore } from "../../core/store/open-store.js";
import type { RepoRef, Store, StoreLocation } from "../../core/store/types.js";
import { createProgressReporter, type RateBudget } from "../../core/use-cases/sync/progress.js";
import { formatRepo, parseRepoArg } from "../../core/use-cases/sync/repo-arg.js";
import { type SyncClient, type SyncResult, syncRepo } from "../../core/use-cases/sync/sync-repo.js";
import { type CommonConfig, commonConfig, type Env, storeLocationOf } from "../config.js";
import { makeLogger } from "../deps.js";
import type { Io } from "../io.js";
import { jsonText, type OutputOptions, parseOutputFlags } from "../output.js";

export type SyncFlags = {
  deep?: boolean;
  queue?: boolean;
  apiUrl?: string;
  db?: string;
  json?: boolean | string;
  jq?: string;
};

export type SyncCommandOptions = CommonConfig & {
  repo: RepoRef;
  deep: boolean;
  /** Enqueue a sync job instead of running it (PostgreSQL only). */
  queue: boolean;
  store: StoreLocation;
  /** Every token configured (GITHUB_TOKENS, GITHUB_TOKEN_n, GITHUB_TOKEN, GH_TOKEN); pooled when more than one. */
  tokens: string[];
  /** pg-boss's schema (ISSUEGRAPH_QUEUE_SCHEMA, default "pgboss"). */
  queueSchema: string;
  /** --json [fields] / --jq: the SyncResult as JSON instead of the summary line. */
  output?: OutputOptions;
};

/** argv + env -> checked options. Pure. */
export function parseSyncCommand(repoArg: string, flags: SyncFlags, env: Env): SyncCommandOptions {
  const common = commonConfig(flags, env);
  const store = storeLocationOf(flags.db, env);
  const queue = flags.queue === true;
  if (queue && store.kind !== "postgres") {
    throw new UsageError(
      "--queue needs the PostgreSQL store (the job queue lives there)",
      "Set DATABASE_URL=postgres://... or pass --db postgres://..., and run `issuegraph worker` somewhere.",
    );
  }
  const tokens = tokensFromEnv(env);
  return {
    ...common,
    token: common.token ?? tokens[0] ?? null,
    repo: parseRepoArg(repoArg, [webHostForApiUrl(common.apiUrl)]),
    deep: flags.deep === true,
    queue,
    store,
    tokens,
    queueSchema: env.ISSUEGRAPH_QUEUE_SCHEMA?.trim() || "pgboss",
    ...(flags.json !== undefined || flags.jq !== undefined
      ? {
          output: parseOutputFlags({
            ...(flags.json !== undefined ? { json: flags.json } : {}),
            ...(flags.jq !== undefined ? { jq: flags.jq } : {}),
          }),
        }
      : {}),
  };
}

export type GitHubForSync = { client: SyncClient; budget: () => RateBudget | null };

export type SyncRunDeps = {
  openStore(): Promise<Store>;
  github(): GitHubForSync;
  openQueue(): Promise<JobQueue>;
  now: () => Date;
  stderr: (text: string) => void;
  stderrIsTTY: boolean;
  /** Terminal width for the progress bar. */
  columns?: number;
};

/** Runs the sync (or enqueues it); returns the summary for stdout. Errors are typed (exit codes). */
export async function runSync(options: SyncCommandOptions, deps: SyncRunDeps): Promise<string> {
  const name = formatRepo(options.repo);
  if (options.queue) {
    const queue = await deps.openQueue();
    try {
      const id = await queue.enqueue("sync", { repo: options.repo, deep: options.deep });
      return `queued ${options.deep ? "deep " : ""}sync of ${name} (job ${id}); run \`issuegraph worker\` to process it\n`;
    } finally {
      await queue.stop({ timeoutMs: 1000 });
    }
  }
  const store = await deps.openStore();
  const reporter = createProgressReporter({
    isTTY: deps.stderrIsTTY,
    write: deps.stderr,
    now: deps.now,
    width: deps.columns,
  });
  let last: Parameters<typeof reporter.update>[0] | null = null;
  try {
    const { client, budget } = deps.github();
    const result = await syncRepo(
      { repo: options.repo, deep: options.deep },
      {
        client,
        store,
        now: deps.now,
        budget,
        onProgress: (p) => {
          last = p;
          reporter.update(p);
        },
      },
    );
    if (last) reporter.finish(last);
    return options.output?.json ? await jsonText(result, options.output) : formatSyncSummary(result);
  } catch (error) {
    if (last) reporter.finish(last);
    throw error;
  } finally {
    await store.close();
  }
}

export function formatSyncSummary(r: SyncResult): string {
  const name = formatRepo(r.repo);
  const requests = `${r.requests} request${r.requests === 1 ? "" : "s"}`;
  if (r.notModified) return `${name} is unchanged since the last sync (${requests}, answered 304 Not Modified)\n`;
  const parts = [`${r.threads} threads stored`];
  if (r.deep) parts.push(`${r.fetched} fetched whole`);
  if (r.unchanged) parts.push(`${r.unchanged} unchanged`);
  if (r.missing) parts.push(`${r.missing} gone`);
  const upTo = r.watermark.since ? `; up to date to ${r.watermark.since}` : "";
  return `synced ${name}${r.deep ? " (deep)" : ""}: ${parts.join(", ")}; ${r.pages} list pages, ${requests}${upTo}\n`;
}

/** The real dependencies, built from checked options (the composition root passes its Io). */
export function makeSyncDeps(options: SyncCommandOptions, io: Io): SyncRunDeps {
  return {
    openStore: () => openStore(options.store),
    github: () => githubFor(options, io),
    openQueue: () => openQueueFor(options.store, options.queueSchema),
    now: io.now,
    stderr: io.stderr,
    stderrIsTTY: io.stderrIsTTY,
    columns: Number(io.env.COLUMNS) || 100,
  };
}

/** One client, or a pool when several tokens are configured; both report the rate-limit budget. */
export function githubFor(
  options: Pick<CommonConfig, "apiUrl" | "token" | "logLevel"> & { tokens: string[] },
  io: Pick<Io, "stderr">,
): GitHubForSync & { client: GitHubClient } {
  const logger = makeLogger(options);
  const onRateLimitWait = ({ seconds, resetAt }: { seconds: number; resetAt: Date }) =>
    io.stderr(`GitHub rate limit reached; waiting ${Math.ceil(seconds)} s (resets at ${resetAt.toISOString()})...\n`);
  if (options.tokens.length > 1) {
    const pool = createTokenPool({
      tokens: options.tokens,
      client: { apiUrl: options.apiUrl, logger },
      onWait: onRateLimitWait,
    });
    return { client: pool, budget: () => pool.budget() };
  }
  const tracker = trackRateLimits(globalThis.fetch);
  const client = createGitHubClient({
    apiUrl: options.apiUrl,
    token: options.token,
    fetch: tracker.fetch,
    logger,
    onRateLimitWait: (w) => onRateLimitWait(w),
  });
  return { client, budget: () => tracker.budget() };
}

export function openQueueFor(store: StoreLocation, schema: string, pollSeconds?: number): Promise<JobQueue> {
  if (store.kind !== "postgres") {
    throw new UsageError(
      "the job queue needs PostgreSQL",
      "Set DATABASE_URL=postgres://... or pass --db postgres://...",
    );
  }
  return openJobQueue({
    connectionString: store.url,
    schema,
    ...(pollSeconds ? { pollingIntervalSeconds: pollSeconds } : {}),
  });
}
