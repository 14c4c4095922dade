// Spawning the CLI (the real bin/issuegraph launcher) as a child process, for process-level tests.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const launcher = `${root}/bin/issuegraph`;

export type Exit = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

export type CliProcess = { child: ChildProcess; exited: Promise<Exit>; stdout(): string };

/** The environment a child gets: only what the test gives it (no DATABASE_URL or tokens leaking in). */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "SYSTEMROOT", "TMPDIR", "LANG"];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k]) env[k] = process.env[k];
  return { ...env, ISSUEGRAPH_LOG: "silent", ...extra };
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn(launcher, [...args], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<Exit>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, exited, stdout: () => stdout };
}

export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Exit> {
  return startCli(args, env).exited;
}

/** Resolves when `check` holds, polling every few milliseconds; rejects after `timeoutMs`. */
export function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }
    }, 2);
  });
}
