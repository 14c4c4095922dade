import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startStandin } from "./index.js";
import { parseLaunchArgs } from "./launch-args.js";
import { exampleFixtures } from "./standin.test-helper.js";

const launcher = fileURLToPath(new URL("../bin/issuegraph-standin", import.meta.url));

describe("launcher", () => {
  it("parses flags; relative fixture dirs resolve against the caller's cwd", () => {
    expect(parseLaunchArgs(["--fixtures", "fx", "--port", "8123"], "/somewhere")).toEqual({
      fixturesDir: "/somewhere/fx",
      port: 8123,
      host: "127.0.0.1",
      validate: false,
    });
    expect(() => parseLaunchArgs([], "/")).toThrow(/--fixtures/);
    expect(() => parseLaunchArgs(["--fixtures", "x", "--port", "http"], "/")).toThrow(/port/);
  });

  it("prints its URL first, serves from any cwd, and stops cleanly on SIGTERM", async () => {
    const child = spawn(launcher, ["--fixtures", exampleFixtures], { cwd: "/", stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: string) => {
        stdout += chunk;
        if (stdout.includes("\n")) resolve(stdout.split("\n")[0] as string);
      });
      child.once("exit", (code) => reject(new Error(`launcher exited early with ${code}`)));
    });
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${firstLine}/repos/nodejs/node/issues/45028`);
    expect(res.status).toBe(200);
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(0);
  }, 30_000);
});

describe("a requested port that is taken", () => {
  const holdPort = async (): Promise<{ port: number; release: () => Promise<void> }> => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;
    return { port, release: () => new Promise<void>((resolve) => blocker.close(() => resolve())) };
  };

  it("is waited for while another socket lets it go", async () => {
    const held = await holdPort();
    setTimeout(() => void held.release(), 400);
    const standin = await startStandin({ fixturesDir: exampleFixtures, port: held.port });
    expect(standin.url).toBe(`http://127.0.0.1:${held.port}`);
    await standin.close();
  });

  it("fails with EADDRINUSE when it stays taken", async () => {
    const held = await holdPort();
    await expect(startStandin({ fixturesDir: exampleFixtures, port: held.port })).rejects.toMatchObject({
      code: "EADDRINUSE",
    });
    await held.release();
  });
});
