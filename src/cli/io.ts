// What commands may touch of the outside world, injected so tests run commands in-process.
import { spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Env } from "./config.js";

export type Io = {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Env;
  cwd: string;
  now(): Date;
  stderrIsTTY: boolean;
  /** Markdown is rendered for a terminal only when stdout is one (tests inject it). */
  stdoutIsTTY: boolean;
  /** All of standard input, for `-` arguments. */
  readStdin(): Promise<string>;
  /** `gh auth token --hostname HOST` when gh is installed and logged in, else null. */
  ghAuthToken?(host: string): string | null;
  writeFile(path: string, content: string): Promise<void>;
  readFile(path: string): Promise<string>;
  readDir(path: string): Promise<{ name: string; isDirectory: boolean }[]>;
  /** Resolves once everything written to stdout/stderr has been flushed. */
  flush(): Promise<void>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands await it. */
  untilStopped(): Promise<void>;
};

export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    ghAuthToken: (host) => {
      // gh may be absent (ENOENT) or logged out (non-zero exit): both mean "no token from gh".
      const r = spawnSync("gh", ["auth", "token", "--hostname", host], { encoding: "utf8", timeout: 5000 });
      return r.status === 0 ? r.stdout.trim() || null : null;
    },
    writeFile: async (path, content) => {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content, "utf8");
    },
    readFile: (path) => readFile(path, "utf8"),
    readDir: async (path) =>
      (await readdir(path, { withFileTypes: true })).map((d) => ({ name: d.name, isDirectory: d.isDirectory() })),
    flush: () =>
      new Promise((resolve) => {
        process.stdout.write("", () => process.stderr.write("", () => resolve()));
      }),
    untilStopped: () =>
      new Promise((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      }),
  };
}
