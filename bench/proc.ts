// Helpers for the benchmarks that need more than one process or watch memory: child processes
// (a stand-in or a server of their own, so the measured process holds only what it measures) and
// a peak-memory sampler.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export type ChildExit = { maxRssMb: number | null };

export type Child = {
  /** The first line the child printed (its base URL). */
  url: string;
  pid: number;
  /** SIGTERM, then waits for the exit; resolves with the peak RSS the child reported. */
  stop(): Promise<ChildExit>;
};

/** A script next to this file (bench/child-*.ts), run as `node --import tsx <script> '<json>'`. */
export const benchScript = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

export async function startChild(script: string, arg: unknown, timeoutMs = 300_000): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(arg)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  let buffered = "";
  const waiters: (() => void)[] = [];
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      lines.push(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
    for (const w of waiters.splice(0)) w();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const nextLine = (index: number, ms: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script}: no output within ${ms} ms`)), ms);
      const check = () => {
        const line = lines[index];
        if (line !== undefined) {
          clearTimeout(timer);
          resolve(line);
        } else waiters.push(check);
      };
      check();
      void exited.then((code) => {
        if (lines[index] === undefined) {
          clearTimeout(timer);
          reject(new Error(`${script} exited with ${code} before printing line ${index + 1}`));
        }
      });
    });
  let url: string;
  try {
    url = await nextLine(0, timeoutMs);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  return {
    url,
    pid: child.pid ?? -1,
    async stop() {
      child.kill("SIGTERM");
      const last = await nextLine(1, 30_000).catch(() => null);
      await exited;
      try {
        return JSON.parse(last ?? "null") as ChildExit;
      } catch {
        return { maxRssMb: null };
      }
    },
  };
}

/** In a child: print the URL, and on SIGTERM close, report the peak RSS and exit. */
export function serveUntilTerminated(url: string, close: () => Promise<void>): void {
  console.log(url);
  process.once("SIGTERM", () => {
    void close()
      .catch(() => {})
      .finally(() => {
        console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 } satisfies ChildExit));
        process.exit(0);
      });
  });
}

let gcFn: (() => void) | null | undefined;

/** A full GC when V8 lets us expose it (so a phase starts from a clean heap); otherwise nothing. */
export function collectGarbage(): void {
  if (gcFn === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      gcFn = runInNewContext("gc") as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
}

export type MemoryPeak = { heapStartMb: number; peakHeapMb: number; rssStartMb: number; peakRssMb: number };

/**
 * Samples heapUsed and RSS every `intervalMs` until stop(). Samples are taken on the event loop,
 * so a long synchronous stretch is seen only at its end (peaks are lower bounds).
 */
export function sampleMemory(intervalMs = 20): { stop(): MemoryPeak } {
  collectGarbage();
  const start = process.memoryUsage();
  let peakHeap = start.heapUsed;
  let peakRss = start.rss;
  const tick = () => {
    const m = process.memoryUsage();
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    if (m.rss > peakRss) peakRss = m.rss;
  };
  const timer = setInterval(tick, intervalMs);
  return {
    stop() {
      tick();
      clearInterval(timer);
      const mb = (b: number) => b / 1024 / 1024;
      return {
        heapStartMb: mb(start.heapUsed),
        peakHeapMb: mb(peakHeap),
        rssStartMb: mb(start.rss),
        peakRssMb: mb(peakRss),
      };
    },
  };
}

/** Runs `fn` while sampling memory; returns its result, wall seconds and the memory peak. */
export async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; memory: MemoryPeak }> {
  const sampler = sampleMemory();
  const started = performance.now();
  try {
    const value = await fn();
    const seconds = (performance.now() - started) / 1000;
    return { value, seconds, memory: sampler.stop() };
  } catch (e) {
    sampler.stop();
    throw e;
  }
}
