// The CLI's composition root: the only place that reads argv, env, stdout/stderr and the clock.
// Each command is options (parsed and checked apart) + a run function over injected deps.
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { tokensFromEnv } from "../core/github/pool/tokens.js";
import { projectPath } from "../project-paths.js";
import { registerCommands } from "./commands.js";
import { apiUrlForGhHost, GH_CLI_TOKEN_ENV, isEnterpriseApi, normaliseApiUrl } from "./config.js";
import { BatchFailed, describeError, EXIT, exitCodeFor } from "./exit-codes.js";
import type { Io } from "./io.js";
import { redact } from "./redact.js";

export async function main(argv: string[], rawIo: Io): Promise<number> {
  const io = withGhCliToken(rawIo, argv);
  const program = new Command()
    .name("issuegraph")
    .description("Understand a GitHub issue: what is known, what fixes it, what else is linked.")
    .version(packageVersion(), "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError("(run issuegraph --help for usage)");
  registerCommands(program, io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; bad flags with 1 -> our usage code.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof BatchFailed) return exitCodeFor(error.last);
    const secrets = [
      ...tokensFromEnv(io.env),
      io.env.GH_ENTERPRISE_TOKEN,
      io.env.GITHUB_ENTERPRISE_TOKEN,
      io.env[GH_CLI_TOKEN_ENV],
      io.env.ISSUEGRAPH_ADMIN_TOKEN,
      io.env.ISSUEGRAPH_SECRET,
      io.env.ANTHROPIC_API_KEY,
      io.env.OPENAI_API_KEY,
    ];
    io.stderr(`${redact(describeError(error), secrets)}\n`);
    return exitCodeFor(error);
  }
}

/** The version in package.json (the one npm installed). */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(projectPath("package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

/**
 * gh's last resort: when no token variable is set and gh is installed, `gh auth token` for the
 * host the API serves. Asked once, only for commands that may talk to GitHub.
 */
function withGhCliToken(io: Io, argv: string[]): Io {
  const env = io.env;
  const quiet =
    argv.length === 0 ||
    argv.some((a) =>
      ["-V", "--version", "-h", "--help", "completion", "demo", "import", "export", "similar", "search"].includes(a),
    );
  if (quiet || !io.ghAuthToken || env.GH_TOKEN?.trim() || env.GITHUB_TOKEN?.trim()) return io;
  let apiUrl: string;
  try {
    apiUrl = normaliseApiUrl(env.GITHUB_API_URL ?? apiUrlForGhHost(env.GH_HOST) ?? "https://api.github.com");
  } catch {
    return io; // the command reports the bad setting itself
  }
  if (isEnterpriseApi(apiUrl) && (env.GH_ENTERPRISE_TOKEN?.trim() || env.GITHUB_ENTERPRISE_TOKEN?.trim())) return io;
  const host = apiUrl === "https://api.github.com" ? "github.com" : new URL(apiUrl).host;
  const token = io.ghAuthToken(host);
  return token ? { ...io, env: { ...env, [GH_CLI_TOKEN_ENV]: token } } : io;
}

const isEntry = import.meta.url === `file://${process.argv[1]}`;
if (isEntry) {
  const { processIo } = await import("./io.js");
  const io = processIo();
  const code = await main(process.argv.slice(2), io);
  await io.flush();
  process.exitCode = code;
}
