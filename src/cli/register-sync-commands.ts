// Registers `sync`, `worker` and `enqueue`: repository sync and the PostgreSQL job queue.
// Same style as the other commands: lazy imports, errors thrown to main.ts.
import type { Command } from "commander";
import type { Io } from "./io.js";
import { depthOption } from "./options.js";

export function registerSyncCommands(program: Command, io: Io): void {
  program
    .command("sync")
    .description("bring a repository's issues and pull requests into the store (incremental, resumable)")
    .argument("<repo>", "owner/repo or https://github.com/owner/repo")
    .option("--deep", "also fetch every changed thread's comments and timeline")
    .option("--queue", "enqueue a sync job for `issuegraph worker` instead of running it (PostgreSQL store)")
    .option("--json [fields]", "print the sync result as JSON (or these fields)")
    .option("--jq <expression>", "filter the JSON with a jq expression")
    .option("--api-url <url>", "GitHub API base URL (default $GITHUB_API_URL or https://api.github.com)")
    .option(
      "--db <path>",
      "store: SQLite file or postgres:// URL (default $ISSUEGRAPH_DB, $DATABASE_URL or the XDG data dir)",
    )
    .action(async (repo: string, flags) => {
      const { makeSyncDeps, parseSyncCommand, runSync } = await import("./commands/sync.js");
      const options = parseSyncCommand(repo, flags, io.env);
      const { checkStoreFolder } = await import("./store-folder.js");
      checkStoreFolder(options.store, io, flags.db);
      io.stdout(await runSync(options, makeSyncDeps(options, io)));
    });

  program
    .command("worker")
    .description("take sync and report jobs from the PostgreSQL job queue until SIGINT/SIGTERM")
    .option("--jobs <kinds>", "job kinds to take: sync, report or sync,report", "sync,report")
    .option("--concurrency <n>", "jobs run at once per kind (1-16)", "1")
    .option("--poll <seconds>", "how often an idle worker asks for jobs (0.5-60)", "2")
    .option("--id <name>", "worker name in logs and job results (default $ISSUEGRAPH_WORKER_ID or host-pid)")
    .option("--api-url <url>", "GitHub API base URL (default $GITHUB_API_URL or https://api.github.com)")
    .option("--db <url>", "postgres:// URL of the shared store and queue (default $DATABASE_URL)")
    .action(async (flags) => {
      const { makeWorkerDeps, parseWorkerCommand, runWorker } = await import("./commands/worker.js");
      const options = parseWorkerCommand([], flags, io.env);
      await runWorker(options, makeWorkerDeps(options, io));
    });

  program
    .command("enqueue")
    .description("queue jobs for the workers: enqueue sync owner/repo... [--deep] | enqueue report REF... [--depth n]")
    .argument("<kind>", "sync or report")
    .argument("<targets...>", "repositories (sync) or issue URLs / owner/repo#n (report)")
    .option("--deep", "sync jobs: also fetch comments and timelines")
    .addOption(depthOption("report jobs: how far to follow links"))
    .option("--api-url <url>", "GitHub API base URL (default $GITHUB_API_URL or https://api.github.com)")
    .option("--db <url>", "postgres:// URL of the shared store and queue (default $DATABASE_URL)")
    .action(async (kind: string, targets: string[], flags) => {
      const { parseEnqueueCommand, runEnqueue } = await import("./commands/worker.js");
      const { openQueueFor } = await import("./commands/sync.js");
      const options = parseEnqueueCommand(kind, targets, flags, io.env);
      io.stdout(await runEnqueue(options, { openQueue: () => openQueueFor(options.store, options.queueSchema) }));
    });
}
