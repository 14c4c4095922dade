// `issuegraph watch` from the command line against the stand-in: a first line per issue, then
// nothing while nothing changes; NDJSON with --json; intervals checked.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Standin, startStandin } from "../../../standin/index.js";
import { EXIT } from "../exit-codes.js";
import { main } from "../main.js";
import { captureIo } from "../test-io.js";
import { parseInterval } from "./watch.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
let standin: Standin;
let dir: string;
beforeAll(async () => {
  standin = await startStandin({ fixturesDir: join(root, "examples/fixtures"), validate: true });
  dir = mkdtempSync(join(tmpdir(), "issuegraph-watch-cli-"));
});
afterAll(async () => {
  standin.assertNoValidationFailures();
  await standin.close();
});
const run = async (argv: string[]) => {
  const io = captureIo({ HOME: dir, GITHUB_API_URL: standin.url, GH_TOKEN: "t" });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
};

describe("issuegraph watch", () => {
  it("prints where each issue stands first, then only changes (none here), as text or NDJSON", async () => {
    const first = await run(["watch", "45203", "-R", "anthropics/claude-code", "--json"]);
    expect(first.code, first.err).toBe(EXIT.ok);
    const event = JSON.parse(first.out);
    expect(event).toMatchObject({ ref: "anthropics/claude-code#45203", baseline: true, state: "open", changes: [] });
    standin.clearRequests();
    const again = await run(["watch", "anthropics/claude-code#45203"]);
    expect(again).toMatchObject({ code: EXIT.ok, out: "" });
    expect(standin.requests.map((r) => r.status)).toEqual([304]);
  });

  it("takes 30s, 15m, 1h, 1d and refuses less than 10 seconds", async () => {
    expect(parseInterval("1h")).toBe(3_600_000);
    expect(parseInterval("15m")).toBe(900_000);
    expect(parseInterval("30")).toBe(30_000);
    expect(() => parseInterval("5s")).toThrow(/10 s or more/);
    expect((await run(["watch", "anthropics/claude-code#45203", "--every", "soon"])).code).toBe(EXIT.usage);
  });
});
