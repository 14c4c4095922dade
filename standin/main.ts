// Launcher: bin/issuegraph-standin --fixtures DIR [--port N] [--host H] [--validate] [--html-host H]
// Prints the base URL as the first line of stdout, then serves until SIGTERM/SIGINT.
import { startStandin } from "./index.js";
import { type LaunchOptions, parseLaunchArgs } from "./launch-args.js";

async function main(): Promise<void> {
  let options: LaunchOptions;
  try {
    options = parseLaunchArgs(process.argv.slice(2), process.cwd());
  } catch (error) {
    process.stderr.write(`issuegraph-standin: ${(error as Error).message}\n`);
    process.stderr.write(
      "usage: issuegraph-standin --fixtures DIR [--port N] [--host 127.0.0.1] [--validate] [--html-host H]\n",
    );
    process.exit(2);
  }
  const standin = await startStandin({
    fixturesDir: options.fixturesDir,
    port: options.port,
    host: options.host,
    validate: options.validate,
    ...(options.htmlHost ? { htmlHost: options.htmlHost } : {}),
  });
  process.stdout.write(`${standin.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    standin.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`issuegraph-standin: ${(error as Error).message}\n`);
  process.exit(1);
});
