// The MCP server end to end: the SDK's own client spawns `bin/issuegraph mcp` over stdio, and the
// server talks to the stand-in with the same settings the CLI reads (GITHUB_API_URL, a token,
// ISSUEGRAPH_DB).
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Standin, startStandin } from "../../standin/index.js";
import { reportSchema } from "../core/thread/report.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const FLAGSHIP = "anthropics/claude-code#45203";

let standin: Standin;
let client: Client;
let stderr = "";
let db = "";

beforeAll(async () => {
  standin = await startStandin({ fixturesDir: join(root, "examples/fixtures"), validate: true });
  const dir = mkdtempSync(join(tmpdir(), "issuegraph-mcp-"));
  db = join(dir, "s.db");
  const transport = new StdioClientTransport({
    command: join(root, "bin/issuegraph"),
    args: ["mcp"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      GITHUB_API_URL: standin.url,
      GH_TOKEN: "mcp-token",
      ISSUEGRAPH_DB: db,
    },
    stderr: "pipe",
  });
  transport.stderr?.on("data", (d) => {
    stderr += d;
  });
  client = new Client({ name: "issuegraph-test", version: "1.0.0" });
  await client.connect(transport);
}, 60_000);
afterAll(async () => {
  await client?.close();
  standin.assertNoValidationFailures();
  await standin.close();
});

type Structured = Record<string, unknown>;

describe("issuegraph mcp", () => {
  it("lists the five tools with JSON Schema inputs and outputs", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["fix_status", "report", "same_error", "search", "similar"]);
    const report = tools.find((t) => t.name === "report");
    expect(report?.inputSchema.required).toEqual(["ref"]);
    expect(Object.keys(report?.outputSchema?.properties ?? {})).toContain("errorMessage");
  });

  it("report: Markdown text plus the structured report, which satisfies the report's zod schema", async () => {
    const r = await client.callTool({ name: "report", arguments: { ref: FLAGSHIP } });
    expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
    const text = (r.content as { type: string; text: string }[])[0]?.text ?? "";
    expect(text).toMatch(/^# /);
    expect(text).toContain("out of extra usage");
    const report = reportSchema.parse(r.structuredContent);
    expect(report.stats.comments).toBe(4);
    expect(report.ref).toBe(FLAGSHIP);
    // The server used the token (GraphQL) on the configured API URL, and the configured store.
    expect(standin.requests.some((q) => q.api === "graphql" && q.authenticated)).toBe(true);
    expect(existsSync(db)).toBe(true);
  });

  it("report as JSON text when asked", async () => {
    const r = await client.callTool({ name: "report", arguments: { ref: FLAGSHIP, format: "json" } });
    const text = (r.content as { text: string }[])[0]?.text ?? "";
    expect(JSON.parse(text).ref).toBe(FLAGSHIP);
  });

  it("similar, same_error, search and fix_status answer structured content from the same store", async () => {
    const similar = await client.callTool({ name: "similar", arguments: { ref: FLAGSHIP, limit: 3 } });
    expect(similar.isError).toBeFalsy();
    expect(Array.isArray((similar.structuredContent as Structured).results)).toBe(true);

    const same = await client.callTool({ name: "same_error", arguments: { ref: FLAGSHIP } });
    expect(same.isError).toBeFalsy();
    expect((same.structuredContent as Structured).signature).toEqual(expect.any(String));

    const search = await client.callTool({ name: "search", arguments: { text: "You're out of extra usage" } });
    const results = (search.structuredContent as { results: { ref: string }[] }).results;
    expect(results.map((x) => x.ref)).toContain(FLAGSHIP);

    const fix = await client.callTool({ name: "fix_status", arguments: { ref: FLAGSHIP } });
    expect(fix.structuredContent).toMatchObject({ ref: FLAGSHIP, state: "open", fix: { status: expect.any(String) } });
  });

  it("errors come back in MCP's shape: isError with the CLI's message and hint, never the token", async () => {
    const bad = await client.callTool({ name: "report", arguments: { ref: "not a ref" } });
    expect(bad.isError).toBe(true);
    expect((bad.content as { text: string }[])[0]?.text).toMatch(/^error: .*\nhint: /);
    const missing = await client.callTool({ name: "fix_status", arguments: { ref: "anthropics/claude-code#999999" } });
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing)).not.toContain("mcp-token");
    expect(stderr).not.toContain("mcp-token");
  });

  it("invalid arguments are refused by the input schema", async () => {
    const r = await client.callTool({ name: "report", arguments: { ref: FLAGSHIP, depth: 9 } }).catch((e: Error) => e);
    const text = r instanceof Error ? r.message : JSON.stringify(r);
    expect(text).toMatch(/depth|Invalid/i);
  });
});
