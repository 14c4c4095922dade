// An in-memory Io for running CLI commands in-process in tests.
import { readdir, readFile } from "node:fs/promises";
import type { Env } from "./config.js";
import { type Io, writeOutputFile } from "./io.js";

export type CapturedIo = Io & { out: () => string; err: () => string };

export type CaptureOptions = { stdin?: string; stdoutIsTTY?: boolean; ghAuthToken?: (host: string) => string | null };

export function captureIo(
  env: Env,
  now = () => new Date("2026-11-27T12:00:00Z"),
  options: CaptureOptions = {},
): CapturedIo {
  let out = "";
  let err = "";
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env,
    cwd: process.cwd(),
    now,
    stderrIsTTY: false,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    readStdin: async () => options.stdin ?? "",
    ...(options.ghAuthToken ? { ghAuthToken: options.ghAuthToken } : {}),
    writeFile: writeOutputFile,
    readFile: (path) => readFile(path, "utf8"),
    readDir: async (path) =>
      (await readdir(path, { withFileTypes: true })).map((d) => ({ name: d.name, isDirectory: d.isDirectory() })),
    flush: async () => {},
    untilStopped: () => new Promise(() => {}),
    out: () => out,
    err: () => err,
  };
}
