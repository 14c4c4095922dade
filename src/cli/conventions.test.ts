// gh's conventions, in-process against the stand-in: --version, token order, GH_HOST, `gh auth
// token`, --json [fields], --jq, -R, `-` on stdin, --out by extension, exit codes 9 and 10, the
// model-fallback line, TTY-aware output and completion scripts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Standin, startStandin } from "../../standin/index.js";
import { commonConfig, GH_CLI_TOKEN_ENV, tokenFor } from "./config.js";
import { EXIT } from "./exit-codes.js";
import { main } from "./main.js";
import { parseOutputFlags, renderMarkdownForTerminal } from "./output.js";
import { refInput, refsFromText } from "./ref-input.js";
import { type CaptureOptions, captureIo } from "./test-io.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const FLAGSHIP = "anthropics/claude-code#45203";
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;

describe("settings as gh reads them", () => {
  it("GH_TOKEN before GITHUB_TOKEN before the token from gh auth", () => {
    const api = "https://api.github.com";
    expect(tokenFor(api, { GH_TOKEN: "a", GITHUB_TOKEN: "b", [GH_CLI_TOKEN_ENV]: "c" })).toBe("a");
    expect(tokenFor(api, { GITHUB_TOKEN: "b", [GH_CLI_TOKEN_ENV]: "c" })).toBe("b");
    expect(tokenFor(api, { [GH_CLI_TOKEN_ENV]: "c" })).toBe("c");
    expect(tokenFor(api, { GH_ENTERPRISE_TOKEN: "e" })).toBeNull();
  });

  it("GH_HOST picks an Enterprise Server API, where GH_ENTERPRISE_TOKEN comes first", () => {
    const c = commonConfig({}, { GH_HOST: "ghe.example.com", GH_ENTERPRISE_TOKEN: "e", GH_TOKEN: "a" });
    expect(c).toMatchObject({ apiUrl: "https://ghe.example.com/api/v3", token: "e" });
    expect(commonConfig({}, { GH_HOST: "github.com" }).apiUrl).toBe("https://api.github.com");
    // An explicit API URL wins over GH_HOST.
    expect(commonConfig({ apiUrl: "http://127.0.0.1:1" }, { GH_HOST: "ghe.example.com" }).apiUrl).toBe(
      "http://127.0.0.1:1",
    );
  });

  it("-R makes #123 and 123 refs; without a repository they are refused", () => {
    expect(refInput("#12", "o/r", {})).toBe("o/r#12");
    expect(refInput("12", undefined, { GH_REPO: "o/r" })).toBe("o/r#12");
    expect(refInput("x/y#3", "o/r", {})).toBe("x/y#3");
    expect(() => refInput("12", undefined, {})).toThrow(/needs a repository/);
    expect(refsFromText("o/r#1\n\n# a comment\n o/r#2  https://github.com/o/r/issues/3\n")).toEqual([
      "o/r#1",
      "o/r#2",
      "https://github.com/o/r/issues/3",
    ]);
  });

  it("--out picks the format from the extension; --format json is --json", () => {
    expect(parseOutputFlags({ out: "r.json" }).json).toEqual({ fields: null });
    expect(parseOutputFlags({ out: "r.md" }).json).toBeNull();
    expect(parseOutputFlags({ format: "json" }).json).toEqual({ fields: null });
    expect(parseOutputFlags({ json: "title,state" }).json).toEqual({ fields: ["title", "state"] });
    expect(() => parseOutputFlags({ json: true, out: "r.md" })).toThrow(/Markdown file/);
  });
});

it("terminal rendering shows a fence in a language the highlighter lacks as plain code, without a warning", async () => {
  const warn = vi.spyOn(console, "error").mockImplementation(() => {});
  // Colours on (as in a terminal), so the highlighter runs; set before marked-terminal is first loaded.
  const force = process.env.FORCE_COLOR;
  process.env.FORCE_COLOR = "1";
  try {
    const out = await renderMarkdownForTerminal('# T\n\n```mermaid\ngraph LR; a-->b\n```\n\n```json\n{"a": 1}\n```\n');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are stripped on purpose
    expect(out.replace(/\u001b\[[0-9;]*m/g, "")).toContain("graph LR; a-->b");
    expect(warn).not.toHaveBeenCalled();
  } finally {
    warn.mockRestore();
    if (force === undefined) delete process.env.FORCE_COLOR;
    else process.env.FORCE_COLOR = force;
  }
});

// One stand-in for the end-to-end describes below; `run` is the CLI in-process against it.
let standin: Standin;
let dir: string;
beforeAll(async () => {
  standin = await startStandin({ fixturesDir: join(root, "examples/fixtures"), validate: true });
  dir = mkdtempSync(join(tmpdir(), "issuegraph-conventions-"));
});
afterAll(async () => {
  standin.assertNoValidationFailures();
  await standin.close();
});
const run = async (argv: string[], env: Record<string, string> = {}, options: CaptureOptions = {}) => {
  const io = captureIo({ HOME: dir, GITHUB_API_URL: standin.url, ...env }, undefined, options);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
};

describe("the CLI against the stand-in: version, token and output flags", () => {
  it("--version prints package.json's version", async () => {
    const r = await run(["--version"]);
    expect(r).toMatchObject({ code: EXIT.ok, out: `${version}\n` });
  });

  it("without a token variable, the token from `gh auth token` is used (and never printed)", async () => {
    const asked: string[] = [];
    standin.clearRequests();
    const r = await run(
      ["report", FLAGSHIP, "--json", "ref", "--no-store"],
      {},
      {
        ghAuthToken: (host) => {
          asked.push(host);
          return "gho_fromghcli";
        },
      },
    );
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(asked).toEqual([new URL(standin.url).host]);
    expect(standin.requests.every((q) => q.authenticated)).toBe(true);
    expect(r.out + r.err).not.toContain("gho_fromghcli");
    // With GH_TOKEN set, gh is not asked.
    asked.length = 0;
    await run(["report", FLAGSHIP, "--json", "ref", "--no-store"], { GH_TOKEN: "t" }, { ghAuthToken: () => "x" });
    expect(asked).toEqual([]);
  });

  it("report --json [fields], --format json (alias) and --jq", async () => {
    const whole = await run(["report", FLAGSHIP, "--json", "--no-store"], { GH_TOKEN: "t" });
    const alias = await run(["report", FLAGSHIP, "--format", "json", "--no-store"], { GH_TOKEN: "t" });
    const strip = (s: string) => s.replace(/"(fetchedAt|generatedAt)": "[^"]+"/g, "");
    expect(strip(alias.out)).toBe(strip(whole.out));
    expect(JSON.parse(whole.out).stats.comments).toBe(4);
    const fields = await run(["report", FLAGSHIP, "--json", "title,state", "--no-store"], { GH_TOKEN: "t" });
    expect(Object.keys(JSON.parse(fields.out))).toEqual(["title", "state"]);
    const jq = await run(["report", FLAGSHIP, "--jq", ".stats.comments", "--no-store"], { GH_TOKEN: "t" });
    expect(jq.out).toBe("4\n");
    const bad = await run(["report", FLAGSHIP, "--json", "nope", "--no-store"], { GH_TOKEN: "t" });
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toMatch(/unknown JSON field: nope\nhint: Available fields: schemaVersion, ref/);
  });

  it("-R owner/repo with #n and n", async () => {
    const a = await run(["report", "#45203", "-R", "anthropics/claude-code", "--jq", ".ref", "--no-store"]);
    const b = await run(["report", "45203", "--repo", "anthropics/claude-code", "--jq", ".ref", "--no-store"]);
    expect([a.out, b.out]).toEqual([`${FLAGSHIP}\n`, `${FLAGSHIP}\n`]);
    expect((await run(["report", "45203", "--no-store"])).code).toBe(EXIT.usage);
  });
});

describe("the CLI against the stand-in: stdin, files and exit codes", () => {
  it("report - reads refs from stdin: NDJSON, progress on stderr, a failed ref keeps its line and its exit code", async () => {
    const stdin = `not-a-ref\n${FLAGSHIP}\nanthropics/claude-code#999999\n`;
    const r = await run(["report", "-", "--json", "ref,title", "--no-store"], { GH_TOKEN: "t" }, { stdin });
    expect(r.code).toBe(EXIT.notFound);
    const lines = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ ref: "not-a-ref", exitCode: EXIT.usage });
    expect(lines[1]).toEqual({ ref: FLAGSHIP, title: expect.any(String) });
    expect(lines[2]).toMatchObject({ ref: "anthropics/claude-code#999999", exitCode: EXIT.notFound });
    expect(r.err).toMatch(/\[2\/3\] anthropics\/claude-code#45203\n/);
    expect(r.err).toMatch(/\[3\/3\] /);
  });

  it("search - reads the text from stdin", async () => {
    const db = join(dir, "search.db");
    expect((await run(["report", FLAGSHIP, "--db", db, "--json", "ref"], { GH_TOKEN: "t" })).code).toBe(EXIT.ok);
    const r = await run(["search", "-", "--db", db, "--json", "ref"], {}, { stdin: "You're out of extra usage" });
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(JSON.parse(r.out).map((x: { ref: string }) => x.ref)).toContain(FLAGSHIP);
  });

  it("--out FILE.json writes JSON, FILE.md Markdown, and - is stdout (no file named -)", async () => {
    const json = join(dir, "r.json");
    const md = join(dir, "r.md");
    await run(["report", FLAGSHIP, "--out", json, "--no-store"], { GH_TOKEN: "t" });
    await run(["report", FLAGSHIP, "--out", md, "--no-store"], { GH_TOKEN: "t" });
    expect(JSON.parse(readFileSync(json, "utf8")).ref).toBe(FLAGSHIP);
    expect(readFileSync(md, "utf8")).toMatch(/^# /);
    const dash = await run(["report", FLAGSHIP, "--out", "-", "--no-store"], { GH_TOKEN: "t" });
    expect(dash.out).toMatch(/^# /);
    expect(existsSync(join(process.cwd(), "-"))).toBe(false);
  });

  it("exit 10 for a --db whose folder does not exist, and no store is created", async () => {
    const db = join(dir, "typo-folder", "s.db");
    const r = await run(["report", FLAGSHIP, "--db", db], { GH_TOKEN: "t" });
    expect(r.code).toBe(EXIT.storeFolderMissing);
    expect(r.code).toBe(10);
    expect(r.err).toMatch(/^error: the folder of the store .* does not exist\nhint: /);
    expect((await run(["sync", "anthropics/claude-code", "--db", db], { GH_TOKEN: "t" })).code).toBe(10);
    expect((await run(["similar", FLAGSHIP, "--db", db])).code).toBe(10);
    expect(existsSync(join(dir, "typo-folder"))).toBe(false);
  });
});

describe("the CLI against the stand-in: triage, serve, the model and the terminal", () => {
  it("triage (dry run) names the fix already shipped and the release that first contains it", async () => {
    const r = await run(["triage", "nodejs/node#45028", "--json", "fixStatus,body,action"], { GH_TOKEN: "t" });
    expect(r.code, r.err).toBe(EXIT.ok);
    const result = JSON.parse(r.out);
    expect(result).toMatchObject({ fixStatus: "fixed", action: "dry-run" });
    expect(result.body).toMatch(
      /nodejs\/node#45161\]\(https:\/\/github\.com\/nodejs\/node\/pull\/45161\) merged on 2022-10-28, first released in v19\.1\.0/,
    );
  });

  it("exit 9 for a port in use", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((ok) => blocker.listen(0, "127.0.0.1", ok));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await run(["serve", "--port", String(port), "--db", join(dir, "serve.db")]);
      expect(r.code).toBe(EXIT.portInUse);
      expect(r.code).toBe(9);
      expect(r.err).toMatch(new RegExp(`^error: port ${port} on 127.0.0.1 is already in use\\nhint: `));
    } finally {
      blocker.close();
    }
  });

  it("one stderr line when the model writer fell back", async () => {
    const r = await run(
      ["report", FLAGSHIP, "--no-store", "--llm", "openai", "--llm-url", "http://127.0.0.1:9", "--llm-timeout", "2"],
      { GH_TOKEN: "t", OPENAI_API_KEY: "sk-secret-key" },
    );
    expect(r.code, r.err).toBe(EXIT.ok);
    const notes = r.err.split("\n").filter((l) => l.startsWith("note: "));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^note: the language model \(openai, .+\) was not used \((failed|timeout): /);
    expect(r.err).not.toContain("sk-secret-key");
  });

  it("Markdown is rendered on a terminal, plain when piped or with NO_COLOR", async () => {
    const piped = await run(["report", FLAGSHIP, "--no-store"], { GH_TOKEN: "t" });
    const tty = await run(["report", FLAGSHIP, "--no-store"], { GH_TOKEN: "t" }, { stdoutIsTTY: true });
    const noColor = await run(
      ["report", FLAGSHIP, "--no-store"],
      { GH_TOKEN: "t", NO_COLOR: "1" },
      { stdoutIsTTY: true },
    );
    expect(piped.out).toContain("\\[Bug]"); // Markdown source, escaped
    expect(tty.out).not.toContain("\\[Bug]"); // rendered
    expect(tty.out).toContain("[Bug]");
    expect(noColor.out.replace(/"(fetchedAt|generatedAt)".*/g, "")).toBe(
      piped.out.replace(/"(fetchedAt|generatedAt)".*/g, ""),
    );
  });

  it.each(["bash", "zsh", "fish"])(
    "completion %s lists the commands and flags, and bash parses its script",
    async (shell) => {
      const r = await run(["completion", shell]);
      expect(r.code).toBe(EXIT.ok);
      const flags = shell === "fish" ? ["-l json", "-l jq"] : ["--json", "--jq"];
      for (const word of ["report", "mcp", "triage", "watch", ...flags]) expect(r.out).toContain(word);
      if (shell === "bash") expect(spawnSync("bash", ["-n"], { input: r.out }).status).toBe(0);
    },
  );
});

describe("launchers", () => {
  it("a symlink to bin/issuegraph on PATH runs (npm install -g links it so), and so does the gh extension", () => {
    const bin = mkdtempSync(join(tmpdir(), "issuegraph-bin-"));
    symlinkSync(join(root, "bin/issuegraph"), join(bin, "issuegraph"));
    symlinkSync(join(root, "gh-issuegraph"), join(bin, "gh-issuegraph"));
    const env = { PATH: process.env.PATH ?? "", HOME: bin };
    const linked = spawnSync(join(bin, "issuegraph"), ["--version"], { encoding: "utf8", cwd: bin, env });
    expect(linked.stderr).toBe("");
    expect(linked.stdout).toBe(`${version}\n`);
    const gh = spawnSync(join(bin, "gh-issuegraph"), ["report", "--help"], { encoding: "utf8", cwd: bin, env });
    expect(gh.status).toBe(0);
    expect(gh.stdout).toMatch(/-R, --repo <owner\/repo>/);
  });
});
