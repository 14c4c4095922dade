// Test-only CLI entry: src/cli/main.ts's program with the lead's commands, plus sync/worker/enqueue
// when src/cli/commands.ts does not register them yet. Spawned by the process-level tests.
import { Command, CommanderError } from "commander";
import { registerCommands } from "../../src/cli/commands.js";
import { describeError, EXIT, exitCodeFor } from "../../src/cli/exit-codes.js";
import { processIo } from "../../src/cli/io.js";
import { redact } from "../../src/cli/redact.js";
import { registerSyncCommands } from "./register-sync-commands.js";

const io = processIo();
const program = new Command()
  .name("issuegraph")
  .exitOverride()
  .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
registerCommands(program, io);
if (!program.commands.some((c) => c.name() === "sync")) registerSyncCommands(program, io);
let code: number = EXIT.ok;
try {
  await program.parseAsync(process.argv.slice(2), { from: "user" });
} catch (error) {
  if (error instanceof CommanderError) code = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  else {
    const secrets = [io.env.GITHUB_TOKEN, io.env.GH_TOKEN, ...(io.env.GITHUB_TOKENS ?? "").split(/[\s,]+/)];
    io.stderr(`${redact(describeError(error), secrets)}\n`);
    code = exitCodeFor(error);
  }
}
await io.flush();
process.exitCode = code;
