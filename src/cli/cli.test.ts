// The CLI end to end, in-process against the stand-in (real client, real store), plus one run of
// the real launcher. Parsing of every flag is tested apart, without running anything.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Standin, startStandin } from "../../standin/index.js";
import { UsageError } from "../core/errors.js";
import { webHostForApiUrl } from "../core/github/web-host.js";
import { parseReportCommand } from "./commands/report.js";
import { EXIT } from "./exit-codes.js";
import { main } from "./main.js";
import { captureIo } from "./test-io.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = join(root, "examples/fixtures");
const FLAGSHIP = "anthropics/claude-code#45203";
const TOKEN = "ghp_supersecrettoken1234567890";

describe("parseReportCommand", () => {
  const env = { HOME: "/home/x" };
  const parse = (ref: string, flags = {}) => parseReportCommand(ref, flags, env, webHostForApiUrl);

  it("takes URLs and shorthands, defaults to Markdown at depth 1 with the XDG store", () => {
    const o = parse("https://github.com/o/r/issues/12");
    expect(o).toMatchObject({ ref: { owner: "o", repo: "r", number: 12 }, format: "md", depth: 1, token: null });
    expect(o.store).toEqual({ kind: "sqlite", path: "/home/x/.local/share/issuegraph/issuegraph.db" });
    expect(o.cache.mode).toBe("normal");
  });

  it.each([
    ["not a ref", {}],
    ["https://gitlab.com/o/r/issues/1", {}],
    ["o/r#0", {}],
    ["o/r#1", { depth: "4" }],
    ["o/r#1", { format: "pdf" }],
    ["o/r#1", { refresh: true, offline: true }],
    ["o/r#1", { store: false, offline: true }],
    ["o/r#1", { apiUrl: "https://user:pw@ghe.example.com/api/v3" }],
  ])("refuses %s %j with a UsageError", (ref, flags) => {
    expect(() => parse(ref, flags)).toThrow(UsageError);
  });

  it("accepts a GitHub Enterprise URL when --api-url points at that host", () => {
    const o = parse("https://ghe.example.com/o/r/issues/3", { apiUrl: "https://ghe.example.com/api/v3" });
    expect(o.ref.host).toBe("ghe.example.com");
    expect(o.apiUrl).toBe("https://ghe.example.com/api/v3");
  });
});

// One stand-in for the end-to-end describes below; `run` is the CLI in-process against it.
let standin: Standin;
let dir: string;
beforeAll(async () => {
  standin = await startStandin({ fixturesDir: fixtures, validate: true });
  dir = mkdtempSync(join(tmpdir(), "issuegraph-cli-"));
});
afterAll(async () => {
  standin.assertNoValidationFailures();
  await standin.close();
});

const run = async (argv: string[], env: Record<string, string> = {}) => {
  const io = captureIo({ HOME: dir, GITHUB_API_URL: standin.url, ...env });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
};

describe("issuegraph report against the stand-in", () => {
  it("reports the flagship over GraphQL with a token: stats, links, error, 1-2 GraphQL requests and no REST", async () => {
    const r = await run(["report", FLAGSHIP, "--format", "json", "--no-store"], { GITHUB_TOKEN: TOKEN });
    expect(r.code).toBe(EXIT.ok);
    const report = JSON.parse(r.out);
    expect(report.stats).toEqual({ comments: 4, participants: 5, timelineEvents: 10, reactions: 0 });
    expect(report.timelineTop.slice(0, 3)).toEqual([
      { type: "cross-referenced", count: 5 },
      { type: "commented", count: 4 },
      { type: "labeled", count: 1 },
    ]);
    expect(report.errorMessage).toContain("You're out of extra usage.");
    for (const n of [45204, 45240, 45249, 45252, 45911]) {
      expect(report.links.map((l: { ref: string }) => l.ref)).toContain(`anthropics/claude-code#${n}`);
    }
    expect(report.meta.apiRequests.rest).toBe(0);
    expect(report.meta.apiRequests.graphql).toBeGreaterThanOrEqual(1);
    expect(report.meta.apiRequests.graphql).toBeLessThanOrEqual(2);
    expect(r.out + r.err).not.toContain(TOKEN);
  });

  it("gives the same stats over REST without a token", async () => {
    const r = await run(["report", FLAGSHIP, "--format", "json", "--no-store"]);
    const report = JSON.parse(r.out);
    expect(report.stats).toEqual({ comments: 4, participants: 5, timelineEvents: 10, reactions: 0 });
    expect(report.meta.apiRequests.graphql).toBe(0);
  });

  it("writes Markdown to --out", async () => {
    const out = join(dir, "flagship.md");
    const r = await run([
      "report",
      `https://github.com/${FLAGSHIP.replace("#", "/issues/")}`,
      "--out",
      out,
      "--no-store",
    ]);
    expect(r.code).toBe(EXIT.ok);
    const { readFileSync } = await import("node:fs");
    const md = readFileSync(out, "utf8");
    expect(md).toMatch(/\[4 comments, 5 participants\]/);
    expect(md).toContain("<details>");
  });
});

describe("the store as a cache", () => {
  it("a second report within the freshness window costs no request; --refresh fetches again", async () => {
    const db = join(dir, "cache.db");
    const env = { GITHUB_TOKEN: TOKEN };
    await run(["report", FLAGSHIP, "--format", "json", "--db", db], env);
    standin.clearRequests();
    const cached = JSON.parse((await run(["report", FLAGSHIP, "--format", "json", "--db", db], env)).out);
    expect(standin.requests).toHaveLength(0);
    expect(cached.meta.via).toBe("store");
    expect(cached.stats.comments).toBe(4);
    const fresh = JSON.parse((await run(["report", FLAGSHIP, "--format", "json", "--db", db, "--refresh"], env)).out);
    expect(fresh.meta.via).toBe("graphql");
    expect(standin.requests.length).toBeGreaterThan(0);
  });

  it("revalidates a stale stored thread without a token with a 304 (no rate limit spent)", async () => {
    const db = join(dir, "revalidate.db");
    await run(["report", FLAGSHIP, "--format", "json", "--db", db]);
    standin.clearRequests();
    const r = await run(["report", FLAGSHIP, "--format", "json", "--db", db], { ISSUEGRAPH_FRESHNESS_SECONDS: "0" });
    expect(r.code).toBe(EXIT.ok);
    const issueGets = standin.requests.filter((q) => /\/issues\/45203$/.test(q.path));
    expect(issueGets.map((q) => q.status)).toEqual([304]);
    expect(JSON.parse(r.out).meta.via).toBe("store");
  });

  it("--offline answers from the store, and says so clearly for an issue it does not hold", async () => {
    const db = join(dir, "offline.db");
    await run(["report", FLAGSHIP, "--db", db, "--format", "json"]);
    standin.clearRequests();
    const ok = await run(["report", FLAGSHIP, "--db", db, "--offline", "--format", "json"]);
    expect(ok.code).toBe(EXIT.ok);
    expect(standin.requests).toHaveLength(0);
    const missing = await run(["report", "nodejs/node#45028", "--db", db, "--offline"]);
    expect(missing.code).toBe(EXIT.notFound);
    expect(missing.err).toMatch(/not in the store[\s\S]*hint:/);
  });
});

describe("failures, each with its exit code and a hint", () => {
  it.each([
    [["report", "nonsense"], EXIT.usage, /not an issue reference/],
    [["report", "https://evil.example.com/o/r/issues/1"], EXIT.usage, /not a configured GitHub host/],
    [["report", "anthropics/claude-code#999999", "--no-store"], EXIT.notFound, /hint: .*token|hint:/i],
    [["report", FLAGSHIP, "--depth", "9"], EXIT.usage, /--depth/],
    [["frobnicate"], EXIT.usage, /unknown command/],
  ])("%j exits %i with a one-line error and a hint", async (argv, code, pattern) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(pattern);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("help lists --format's and --depth's values; a bad one keeps its own message and exit 2", async () => {
    const help = await run(["report", "--help"]);
    expect(help.out).toMatch(/--format <format>.*\(choices: "md", "json"\)/);
    expect(help.out).toMatch(/--depth <n>[\s\S]*?\(choices: "1", "2", "3",\s+default: "1"\)/);
    const bad = await run(["demo", "--format", "pdf"]);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toBe("error: --format pdf is not known\nhint: Use --format md or --format json.\n");
    const depth = await run(["enqueue", "report", FLAGSHIP, "--depth", "0"]);
    expect([depth.code, depth.err]).toEqual([
      EXIT.usage,
      "error: --depth 0 is out of range\nhint: Use a whole number from 1 to 3.\n",
    ]);
  });

  it("says when a deleted issue is gone (410) and follows a transferred one", async () => {
    standin.faults.deleteIssue("nodejs/node#60552");
    const gone = await run(["report", "nodejs/node#60552", "--no-store"]);
    expect(gone.code).toBe(EXIT.gone);
    expect(gone.err).toMatch(/deleted/i);

    standin.faults.transferIssue("react/react#3329", "nodejs/node");
    const moved = await run(["report", "react/react#3329", "--format", "json", "--no-store"], { GITHUB_TOKEN: TOKEN });
    expect(moved.code).toBe(EXIT.ok);
    const report = JSON.parse(moved.out);
    expect(report.transferredFrom).toBe("react/react#3329");
    expect(report.ref).toMatch(/^nodejs\/node#\d+$/);
  });

  it("stops with the reset time when the rate limit resets far away, without leaking the token", async () => {
    standin.faults.inject({ kind: "primary-rate-limit", path: "/graphql", resetIn: 3600, times: 5 });
    const r = await run(["report", "nodejs/node#45028", "--no-store"], { GITHUB_TOKEN: TOKEN });
    standin.faults.clear();
    expect(r.code).toBe(EXIT.rateLimited);
    expect(r.err).toMatch(/rate limit/i);
    expect(r.err).toMatch(/until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(r.err).not.toContain(TOKEN);
  });
});

describe("a language model, and the store's similar and search", () => {
  it("--llm openai sends the evidence to the model server and falls back, saying why, when its answer is malformed", async () => {
    const { startModelServer } = await import("../../test/llm/model-server.test-helper.js");
    const model = await startModelServer();
    try {
      model.next({ kind: "answer", content: "not json at all" });
      const key = "sk-test-key-should-never-show-1234";
      const r = await run(
        ["report", FLAGSHIP, "--format", "json", "--no-store", "--llm", "openai", "--llm-url", model.url],
        { GITHUB_TOKEN: TOKEN, OPENAI_API_KEY: key },
      );
      expect(r.code).toBe(EXIT.ok);
      const report = JSON.parse(r.out);
      expect(model.requests.length).toBeGreaterThanOrEqual(1);
      expect(report.meta.analyzer).toBe("deterministic");
      expect(report.meta.llm).toMatchObject({ provider: "openai" });
      expect(report.meta.llm.status).not.toBe("used");
      expect(report.sections.tldr.length).toBeGreaterThan(0);
      expect(r.out + r.err).not.toContain(key);
    } finally {
      await model.close();
    }
  });

  it("imports the fixtures and finds the flagship's same-error cluster with similar and search", async () => {
    const db = join(dir, "similar.db");
    const imported = await run(["import", fixtures, "--db", db]);
    expect(imported.code).toBe(EXIT.ok);
    expect(imported.out).toMatch(/imported \d+ threads/);
    const similar = JSON.parse((await run(["similar", FLAGSHIP, "--limit", "50", "--json", "--db", db])).out);
    const same = similar.filter((r: { sameError: boolean }) => r.sameError).map((r: { ref: string }) => r.ref);
    expect(same).toEqual(expect.arrayContaining(["anthropics/claude-code#45039", "anthropics/claude-code#45204"]));
    expect(same).not.toContain("anthropics/claude-code#45911");
    const search = JSON.parse(
      (await run(["search", "You're out of extra usage. Add more at claude.ai/settings/usage", "--json", "--db", db]))
        .out,
    );
    expect(search[0].sameError).toBe(true);
  });
});

describe("bin/issuegraph", () => {
  it("runs from another working directory and prints help listing every command", () => {
    const r = spawnSync(join(root, "bin/issuegraph"), ["--help"], { cwd: tmpdir(), encoding: "utf8" });
    expect(r.status).toBe(0);
    for (const cmd of ["report", "demo", "import", "export", "similar", "search"]) expect(r.stdout).toContain(cmd);
  });
});

describe("parseServeCommand", () => {
  it("defaults to 127.0.0.1:3000, no admin endpoints, the bundled catalog", async () => {
    const { parseServeCommand } = await import("./commands/serve.js");
    const c = parseServeCommand({}, { HOME: "/h" });
    expect(c).toMatchObject({ port: 3000, host: "127.0.0.1", adminToken: null, secret: null, catalogPath: null });
  });

  it.each([
    [{ port: "70000" }, {}],
    [{}, { ISSUEGRAPH_SECRET: "short" }],
    [{}, { ISSUEGRAPH_ADMIN_TOKEN: "a token with spaces and ! marks, long enough" }],
  ])("refuses %j %j", async (flags, env) => {
    const { parseServeCommand } = await import("./commands/serve.js");
    expect(() => parseServeCommand(flags, { HOME: "/h", ...env })).toThrow(UsageError);
  });
});

describe("bin/issuegraph serve", () => {
  it("prints its URL and answers /healthz", async () => {
    const { spawn } = await import("node:child_process");
    const db = join(mkdtempSync(join(tmpdir(), "issuegraph-serve-")), "s.db");
    const child = spawn(join(root, "bin/issuegraph"), ["serve", "--port", "0", "--db", db], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: "" },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = "";
        child.stdout.on("data", (d) => {
          seen += d;
          const m = /http:\/\/\S+/.exec(seen);
          if (m) resolve(m[0]);
        });
        child.on("exit", (code) => reject(new Error(`serve exited ${code}`)));
      });
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-security-policy")).toBeTruthy();
    } finally {
      child.kill("SIGTERM");
    }
  });
});
