// Launcher: bin/issuegraph-standin --fixtures DIR [--port N] [--host H] [--validate] [--html-host H]
// Prints the base URL as the first line of stdout, then serves until SIGTERM/SIGINT.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { startStandin } from "./index.js";

export type LaunchOptions = { fixturesDir: string; port: number; host: string; validate: boolean; htmlHost?: string };

export function parseLaunchArgs(argv: string[], cwd: string): LaunchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      fixtures: { type: "string" },
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      validate: { type: "boolean", default: false },
      "html-host": { type: "string" },
    },
    strict: true,
  });
  if (!values.fixtures) throw new Error("--fixtures DIR is required");
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port`);
  return {
    fixturesDir: resolve(cwd, values.fixtures),
    port,
    host: values.host,
    validate: values.validate,
    ...(values["html-host"] ? { htmlHost: values["html-host"] } : {}),
  };
}

async function main(): Promise<void> {
  let options: LaunchOptions;
  try {
    options = parseLaunchArgs(process.argv.slice(2), process.cwd());
  } catch (error) {
    process.stderr.write(`issuegraph-standin: ${(error as Error).message}\n`);
    process.stderr.write("usage: issuegraph-standin --fixtures DIR [--port N] [--host 127.0.0.1] [--validate] [--html-host H]\n");
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
