// The CLI's composition root: the only place that reads argv, env, stdout/stderr and the clock.
// Each command is options (parsed and checked apart) + a run function over injected deps.
import { Command, CommanderError } from "commander";
import { tokensFromEnv } from "../core/github-pool/tokens.js";
import { registerCommands } from "./commands.js";
import { describeError, EXIT, exitCodeFor } from "./exit-codes.js";
import type { Io } from "./io.js";
import { redact } from "./redact.js";

export async function main(argv: string[], io: Io): Promise<number> {
  const program = new Command()
    .name("issuegraph")
    .description("Understand a GitHub issue: what is known, what fixes it, what else is linked.")
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
    const secrets = [
      ...tokensFromEnv(io.env),
      io.env.ISSUEGRAPH_ADMIN_TOKEN,
      io.env.ISSUEGRAPH_SECRET,
      io.env.ANTHROPIC_API_KEY,
      io.env.OPENAI_API_KEY,
    ];
    io.stderr(`${redact(describeError(error), secrets)}\n`);
    return exitCodeFor(error);
  }
}

const isEntry = import.meta.url === `file://${process.argv[1]}`;
if (isEntry) {
  const { processIo } = await import("./io.js");
  const io = processIo();
  const code = await main(process.argv.slice(2), io);
  await io.flush();
  process.exitCode = code;
}
