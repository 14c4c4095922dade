// The CLI's error contract for hostile or odd input: every failure has its documented exit code
// and a hint, never "a bug" (exit 1). In-process against the stand-in.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Standin, startStandin } from "../../standin/index.js";
import { EXIT } from "./exit-codes.js";
import { main } from "./main.js";
import { captureIo } from "./test-io.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const FLAGSHIP = "anthropics/claude-code#45203";

describe("the CLI's error contract", () => {
  let standin: Standin;
  let dir: string;
  beforeAll(async () => {
    standin = await startStandin({ fixturesDir: join(root, "examples/fixtures") });
    dir = mkdtempSync(join(tmpdir(), "issuegraph-contract-"));
  });
  afterAll(async () => {
    await standin.close();
  });

  const run = async (argv: string[], env: Record<string, string> = {}) => {
    const io = captureIo({ HOME: dir, GITHUB_API_URL: standin.url, ...env });
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  it("--out to a directory: exit 11 with a hint", async () => {
    const r = await run(["report", FLAGSHIP, "--no-store", "--out", dir]);
    expect(r.code).toBe(EXIT.output);
    expect(r.err).toMatch(/error: --out .* is a directory/);
    expect(r.err).toMatch(/hint: Give a file name/);
    expect(r.err).not.toMatch(/bug/);
  });

  it.runIf(existsSync("/dev/full"))("--out to a full device: exit 11 with a hint", async () => {
    const r = await run(["report", FLAGSHIP, "--no-store", "--out", "/dev/full"]);
    expect(r.code).toBe(EXIT.output);
    expect(r.err).toMatch(/no space left/);
  });

  it("export --out naming a file: exit 11 saying a directory is needed", async () => {
    const db = join(dir, "store.db");
    expect((await run(["report", FLAGSHIP, "--db", db, "--out", join(dir, "r.md")])).code).toBe(EXIT.ok);
    const file = join(dir, "not-a-dir");
    writeFileSync(file, "x");
    const r = await run(["export", FLAGSHIP, "--db", db, "--out", file]);
    expect(r.code).toBe(EXIT.output);
    expect(r.err).toMatch(/hint: export --out needs a directory/);
  });

  it("an issue number beyond GitHub's range is a usage error (exit 2), with no request", async () => {
    standin.clearRequests();
    const r = await run(["report", "nodejs/node#2147483648", "--no-store"], { GITHUB_TOKEN: "t" });
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/not a GitHub issue number/);
    expect(standin.requests).toHaveLength(0);
  });

  it("`..` as a repository name is a usage error on every command", async () => {
    standin.clearRequests();
    for (const argv of [
      ["report", "xss/...git#2", "--no-store"],
      ["sync", "evil/..", "--db", join(dir, "s.db")],
      ["similar", "a/..#1", "--db", join(dir, "s.db")],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(" ")).toBe(EXIT.usage);
    }
    expect(standin.requests).toHaveLength(0);
  });

  it("--api-url with a query string, fragment or userinfo is refused (exit 2)", async () => {
    for (const url of [
      `${standin.url}?access_token=abc`,
      `${standin.url}#x`,
      standin.url.replace("http://", "http://user:pw@"),
    ]) {
      const r = await run(["report", FLAGSHIP, "--no-store", "--api-url", url]);
      expect(r.code, url).toBe(EXIT.usage);
      expect(r.err).not.toContain("abc");
    }
  });
});
