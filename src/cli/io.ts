// What commands may touch of the outside world, injected so tests run commands in-process.
import { spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { OutputError } from "../core/errors.js";
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
    writeFile: writeOutputFile,
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

/** Writes a file, creating its directory; any file-system failure is an OutputError (exit 11). */
export async function writeOutputFile(path: string, content: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, "utf8");
  } catch (e) {
    throw outputError(path, e);
  }
}

const FREE_SPACE = "Free some space or write somewhere else.";
const WRITABLE = "Write to a path you may write to.";
const NEEDS_DIRECTORY = "export --out needs a directory";

/** What is wrong with the path itself, per errno code: the words after "--out PATH" and a hint. */
const PATH_PROBLEMS: Record<string, [string, string]> = {
  EISDIR: ["is a directory", "Give a file name, e.g. --out report.md."],
  ENOTDIR: ["is inside something that is not a directory", `${NEEDS_DIRECTORY}; report --out a file.`],
  EEXIST: ["is in the way (a file where a directory is needed)", `${NEEDS_DIRECTORY}; pick a new path.`],
  ENOENT: ["could not be created", "Check the path."],
  ENAMETOOLONG: ["has a name that is too long", "Use a shorter path."],
};

/** Why writing failed, per errno code: the words after "could not be written:" and a hint. */
const WRITE_FAILURES: Record<string, [string, string]> = {
  ENOSPC: ["no space left on the device", FREE_SPACE],
  EDQUOT: ["disk quota exceeded", FREE_SPACE],
  EFBIG: ["the file is too large for the device", "Write somewhere else."],
  EACCES: ["permission denied", WRITABLE],
  EPERM: ["not permitted", WRITABLE],
  EROFS: ["the file system is read-only", "Write to a writable path."],
  EIO: ["an I/O error", "Check the device, or write somewhere else."],
};

/** A failed write as an OutputError (exit 11) with a hint for its cause, never "a bug". */
function outputError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!code) return error as Error;
  const failure = WRITE_FAILURES[code];
  const [what, hint] = PATH_PROBLEMS[code] ??
    (failure && [`could not be written: ${failure[0]}`, failure[1]]) ?? [
      `could not be written (${code})`,
      "Check the path.",
    ];
  return new OutputError(`--out ${path} ${what}`, hint, { cause: error });
}
