// Registers every command on the commander program. Each command's parse/run lives in commands/.
import type { Command } from "commander";
import { webHostForApiUrl } from "../core/github/index.js";
import { makeGitHubClient } from "./deps.js";
import type { Io } from "./io.js";
import { parseReportCommand, runReport } from "./commands/report.js";
import { runDemo } from "./commands/demo.js";

export function registerCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("report")
    .description("Fetch an issue with its comments, timeline and links, and write the report")
    .argument("<ref>", "issue URL or owner/repo#number")
    .option("--format <format>", "md or json", "md")
    .option("--depth <n>", "how far to follow links (1-3)", "1")
    .option("--api-url <url>", "GitHub API base URL (default $GITHUB_API_URL or https://api.github.com)")
    .option("--out <file>", "write the report to a file instead of stdout")
    .action(async (ref: string, flags) => {
      const options = parseReportCommand(ref, flags, io.env, webHostForApiUrl);
      const client = makeGitHubClient(options, io);
      const text = await runReport(options, { source: client, now: io.now });
      await emit(io, text, options.out);
      setExit(0);
    });

  program
    .command("demo")
    .description("Start the bundled GitHub stand-in on the sample data and print the flagship report")
    .option("--format <format>", "md or json", "md")
    .action(async (flags) => {
      await emit(io, await runDemo(flags, io), null);
    });
}

async function emit(io: Io, text: string, out: string | null): Promise<void> {
  if (out) {
    await io.writeFile(out, text);
    io.stderr(`wrote ${out}\n`);
  } else {
    io.stdout(text);
  }
}
