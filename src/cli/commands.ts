// Registers every command on the commander program. Each command's parse/run lives in commands/;
// heavy modules load lazily so a command pays only for what it uses at start-up.

import type { Command } from "commander";
import { webHostForApiUrl } from "../core/github/web-host.js";
import type { Store, StoreLocation } from "../core/store/types.js";
import { commonConfig } from "./config.js";
import { PortInUseError } from "./exit-codes.js";
import type { Io } from "./io.js";
import { depthOption, formatOption, outputFormatOption } from "./options.js";
import { registerSyncCommands } from "./register-sync-commands.js";
import { registerWhereUsersWork } from "./register-where-users-work.js";
import { checkStoreFolder } from "./store-folder.js";

export function registerCommands(program: Command, io: Io): void {
  registerReportCommands(program, io);
  registerServe(program, io);
  registerSyncCommands(program, io);
  registerFixtureCommands(program, io);
  registerDiscoveryCommands(program, io);
  registerWhereUsersWork(program, io, (location, fn, db) => withStore(location, fn, io, db));
  program
    .command("completion")
    .description("print a shell completion script: bash, zsh or fish")
    .argument("<shell>", "bash, zsh or fish")
    .action(async (shell: string) => {
      const { completionScript } = await import("./completion.js");
      io.stdout(completionScript(shell, program));
    });
}

const DB_HELP = "store: SQLite file or postgres:// URL";
const webHostOf = (flags: { apiUrl?: string }, io: Io) => webHostForApiUrl(commonConfig(flags, io.env).apiUrl);

/** report (one issue, or refs from stdin) and demo (the flagship report from the bundled stand-in). */
function registerReportCommands(program: Command, io: Io): void {
  program
    .command("report")
    .description("fetch an issue with its comments, timeline and links, and write the report")
    .argument("<ref>", "issue URL, owner/repo#number, #number or number with -R; - reads refs from stdin (NDJSON out)")
    .option("-R, --repo <owner/repo>", "repository for a bare #number (default $GH_REPO)")
    .option("--json [fields]", "print JSON; optionally only these comma-separated top-level fields")
    .option("--jq <expression>", "filter the JSON with a jq expression")
    .addOption(outputFormatOption())
    .addOption(depthOption())
    .option("--api-url <url>", "GitHub API base URL (default $GITHUB_API_URL, GH_HOST's, or https://api.github.com)")
    .option("--out <file>", "write to a file (.json: JSON, .md: Markdown); - is stdout")
    .option("--db <path>", `${DB_HELP} (default $ISSUEGRAPH_DB, $DATABASE_URL or the XDG data dir)`)
    .option("--refresh", "fetch from GitHub even if the stored thread is fresh")
    .option("--offline", "use only the store; never call GitHub")
    .option("--no-store", "neither read nor write the store")
    .option(
      "--llm <provider>",
      "write the five sections with a language model: anthropic, openai or off (default $ISSUEGRAPH_LLM)",
    )
    .option("--llm-model <name>", "model name (default $ISSUEGRAPH_LLM_MODEL or the provider's default)")
    .option("--llm-url <url>", "OpenAI-compatible server base URL, e.g. http://127.0.0.1:11434 for Ollama")
    .option("--llm-timeout <seconds>", "give up on the model after this long and keep the deterministic sections")
    .action(async (ref: string, flags) => {
      const { runReportCommand } = await import("./commands/report-command.js");
      await runReportCommand(ref, flags, io, (location, fn) => withOptionalStore(location, fn, io, flags.db));
    });

  program
    .command("demo")
    .description("start the bundled GitHub stand-in on the sample data and print the flagship report")
    .addOption(formatOption("the report's format").default("md"))
    .option("--json", "print the JSON report")
    .action(async (flags) => {
      const { runDemo } = await import("./commands/demo.js");
      const { emitText } = await import("./output.js");
      const format = flags.json ? "json" : flags.format;
      await emitText(io, await runDemo({ format }, io), null, format === "json" ? "plain" : "markdown");
    });
}

function registerServe(program: Command, io: Io): void {
  program
    .command("serve")
    .description("serve the web site and JSON API (one page per issue, votes, tools, trending, search)")
    .option("--port <n>", "port to listen on (0: any free port)", "3000")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--api-url <url>", "GitHub API base URL")
    .option("--db <path>", DB_HELP)
    .option("--catalog <file>", "tool catalog JSON replacing the bundled catalog/tools.json")
    .option("--public-origin <origin...>", "public origin(s) of the site; requests for any other Host are refused")
    .option("--trust-proxy <address...>", "reverse proxies (addresses or CIDR) whose X-Forwarded-For is believed")
    .action(async (flags) => {
      const { parseServeCommand } = await import("./commands/serve.js");
      const { serveCommand } = await import("../server/node.js");
      const config = parseServeCommand(flags, io.env);
      if (config.store.kind === "sqlite") checkStoreFolder(config.store, io, flags.db);
      const server = await serveCommand(config).catch((error: unknown) => {
        throw portInUse(error, config.host, config.port);
      });
      io.stdout(`${server.url}\n`);
      await io.untilStopped();
      await server.close();
    });
}

/** import and export: fixture directories in and out of the store. */
function registerFixtureCommands(program: Command, io: Io): void {
  program
    .command("import")
    .description("load a fixture directory (format v1) into the store")
    .argument("<dir>", "fixture directory: DIR/owner/repo/N.json")
    .option("--db <path>", DB_HELP)
    .action(async (dir: string, flags) => {
      const { parseImportCommand, runImport } = await import("./commands/import.js");
      const options = parseImportCommand(dir, flags, io.env);
      io.stdout(await withStore(options.store, (store) => runImport(options, { store, io }), io, flags.db));
    });

  program
    .command("export")
    .description("write stored threads (fixture JSON) and reports (Markdown) of an issue or a repository")
    .argument("<target>", "owner/repo#n, an issue URL, or owner/repo")
    .requiredOption("--out <dir>", "directory to write to")
    .option("--db <path>", DB_HELP)
    .action(async (target: string, flags) => {
      const { parseExportCommand, runExport } = await import("./commands/export.js");
      const options = parseExportCommand(target, flags, io.env, webHostOf(flags, io));
      io.stdout(await withStore(options.store, (store) => runExport(options, { store, io }), io, flags.db));
    });
}

/** similar and search: ranked stored issues, as text or JSON. */
function registerDiscoveryCommands(program: Command, io: Io): void {
  const rankedOutput = (command: Command) =>
    command
      .option("--limit <n>", "how many results", "10")
      .option("--json [fields]", "print [{ref, title, state, stateReason, score, sameError, why}] (or these fields)")
      .option("--jq <expression>", "filter the JSON with a jq expression")
      .option("--out <file>", "write to a file (.json: JSON); - is stdout");

  rankedOutput(
    program
      .command("similar")
      .description("issues with the same error or similar text, from the store")
      .argument("<ref>", "issue URL, owner/repo#number, or #number with -R (must be in the store)")
      .option("-R, --repo <owner/repo>", "repository for a bare #number (default $GH_REPO)"),
  )
    .option("--all-repos", "match text across every stored repository (same-error matches always do)")
    .option("--db <path>", DB_HELP)
    .action(async (ref: string, flags) => {
      const { parseSimilarCommand, runSimilar } = await import("./commands/similar.js");
      const { refInput } = await import("./ref-input.js");
      const options = parseSimilarCommand(refInput(ref, flags.repo, io.env), flags, io.env, webHostOf(flags, io));
      const text = await withStore(options.store, (store) => runSimilar(options, store), io, flags.db);
      await emitData(io, text, flags.out);
    });

  rankedOutput(
    program
      .command("search")
      .description("search stored issues by pasted error text or keywords")
      .argument("<text>", "error message or keywords; - reads the text from stdin")
      .option("-R, --repo <owner/repo>", "only this repository"),
  )
    .option("--db <path>", DB_HELP)
    .action(async (text: string, flags) => {
      const { parseSearchCommand, runSearch } = await import("./commands/similar.js");
      const query = text === "-" ? await io.readStdin() : text;
      const options = parseSearchCommand(query, flags, io.env, webHostOf(flags, io));
      const out = await withStore(options.store, (store) => runSearch(options, store), io, flags.db);
      await emitData(io, out, flags.out);
    });
}

/** Opens the store, runs `fn`, and always closes it. An explicit SQLite path's folder must exist. */
async function withStore<T>(
  location: StoreLocation,
  fn: (store: Store) => Promise<T>,
  io: Io,
  db: string | undefined,
): Promise<T> {
  checkStoreFolder(location, io, db);
  const { openStore } = await import("../core/store/open-store.js");
  const store = await openStore(location);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** As withStore, but no location (--no-store) runs `fn` without one. */
function withOptionalStore<T>(
  location: StoreLocation | null,
  fn: (store: Store | null) => Promise<T>,
  io: Io,
  db: string | undefined,
): Promise<T> {
  return location ? withStore(location, fn, io, db) : fn(null);
}

function portInUse(error: unknown, host: string, port: number): unknown {
  if ((error as { code?: string }).code !== "EADDRINUSE") return error;
  return new PortInUseError(
    `port ${port} on ${host} is already in use`,
    `Stop the other server, or pick another port: --port ${port + 1} (or --port 0 for any free port).`,
  );
}

/** similar/search text or JSON, to stdout or --out. */
async function emitData(io: Io, text: string, out: string | undefined): Promise<void> {
  const { emitText } = await import("./output.js");
  await emitText(io, text, out ?? null, "plain");
}
