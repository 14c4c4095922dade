// Registers `mcp`, `triage` and `watch`: issuegraph where its users already work (coding agents,
// GitHub Actions, a terminal left open). Same style as the other commands: lazy imports.
import type { Command } from "commander";
import type { Store, StoreLocation } from "../core/store/types.js";
import type { Io } from "./io.js";

type WithStore = <T>(location: StoreLocation, fn: (store: Store) => Promise<T>, db: string | undefined) => Promise<T>;

export function registerWhereUsersWork(program: Command, io: Io, withStore: WithStore): void {
  program
    .command("mcp")
    .description("serve the MCP tools report, similar, search, same_error and fix_status on stdio")
    .option("--api-url <url>", "GitHub API base URL (default $GITHUB_API_URL, GH_HOST's, or https://api.github.com)")
    .option(
      "--db <path>",
      "store: SQLite file or postgres:// URL (default $ISSUEGRAPH_DB, $DATABASE_URL or the XDG data dir)",
    )
    .action(async (flags) => {
      const { runMcpCommand } = await import("./commands/mcp.js");
      await runMcpCommand(flags, io, program.version() ?? "0.0.0");
    });

  program
    .command("triage")
    .description(
      "one triage comment: the error, same-error issues, likely duplicates, any fix shipped (dry run unless --comment)",
    )
    .argument("[ref]", "issue URL, owner/repo#number, or #number with -R")
    .option("-R, --repo <owner/repo>", "repository for a bare #number (default $GH_REPO)")
    .option("--comment", "post the comment (or update the one posted before); without it, print only")
    .option("--event <file>", "a webhook payload (issues.opened, issue_comment.created), e.g. $GITHUB_EVENT_PATH")
    .option(
      "--json [fields]",
      "print {ref, action, commentId, commentUrl, body, sameErrorCount, likelyDuplicates, fixStatus}",
    )
    .option("--jq <expression>", "filter the JSON with a jq expression")
    .option("--api-url <url>", "GitHub API base URL (default $GITHUB_API_URL, GH_HOST's, or https://api.github.com)")
    .option("--db <path>", "store: SQLite file or postgres:// URL")
    .action(async (ref: string | undefined, flags) => {
      const { runTriageCommand } = await import("./commands/triage.js");
      await runTriageCommand(ref, flags, io, (location, fn) => withStore(location, fn, flags.db));
    });

  program
    .command("watch")
    .description("report only what changed on issues: a fix merged, the first release containing it, the state")
    .argument("<refs...>", "issue URLs or owner/repo#number (#number with -R)")
    .option("-R, --repo <owner/repo>", "repository for bare #numbers (default $GH_REPO)")
    .option("--every <interval>", "check again every interval (30s, 15m, 1h) until stopped; default: once")
    .option("--json [fields]", "print one JSON event per line (NDJSON)")
    .option("--jq <expression>", "filter each JSON event with a jq expression")
    .option("--api-url <url>", "GitHub API base URL (default $GITHUB_API_URL, GH_HOST's, or https://api.github.com)")
    .option("--db <path>", "store: SQLite file or postgres:// URL")
    .action(async (refs: string[], flags) => {
      const { runWatchCommand } = await import("./commands/watch.js");
      await runWatchCommand(refs, flags, io, (location, fn) => withStore(location, fn, flags.db));
    });
}
