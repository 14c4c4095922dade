// Parses the launcher's flags (kept apart from main.ts, which starts the server on import).
import { resolve } from "node:path";
import { parseArgs } from "node:util";

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
