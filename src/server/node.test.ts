// The composition root: the catalog file, and serveCommand wired to the real GitHub client, the
// stand-in and a temp SQLite file, the way `issuegraph serve` runs it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Standin, startStandin } from "../../standin/index.js";
import { UsageError } from "../core/errors.js";
import { ADMIN_TOKEN, GITHUB_TOKEN, makeTestApp, SECRET } from "./app.test-helper.js";
import { loadCatalogFile, type RunningServer, serveCommand, startServer } from "./node.js";

const FIXTURES = new URL("../../examples/fixtures", import.meta.url).pathname;

describe("loadCatalogFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "ig-catalog-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads the bundled catalog", () => {
    expect(loadCatalogFile(null).length).toBe(60);
  });

  it("names the problem: missing file, bad JSON, bad schema", () => {
    expect(() => loadCatalogFile(join(dir, "nope.json"))).toThrow(/Cannot read the catalog .*nope\.json \(ENOENT\)/);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    expect(() => loadCatalogFile(bad)).toThrow(UsageError);
    expect(() => loadCatalogFile(bad)).toThrow(/bad\.json is not valid JSON/);
    const wrong = join(dir, "wrong.json");
    writeFileSync(wrong, JSON.stringify({ tools: [{ id: "x", name: "x" }] }));
    expect(() => loadCatalogFile(wrong)).toThrow(/wrong\.json is not a valid tool catalog: tools\.0\.url/);
    const ok = join(dir, "ok.json");
    writeFileSync(
      ok,
      JSON.stringify({
        tools: [{ id: "a", name: "A", url: "https://a.example", description: "d", tags: [], categories: ["bug"] }],
      }),
    );
    expect(loadCatalogFile(ok)).toHaveLength(1);
  });
});

describe("startServer", () => {
  it("listens on a free port and closes", async () => {
    const t = await makeTestApp();
    const running = await startServer({ app: t.app, port: 0, host: "127.0.0.1" });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${running.url}/healthz`);
    expect(await res.json()).toEqual({ ok: true });
    await running.close();
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });
});

describe("serveCommand against the stand-in", () => {
  let standin: Standin;
  let server: RunningServer;
  let dir: string;

  beforeAll(async () => {
    standin = await startStandin({ fixturesDir: FIXTURES });
    dir = mkdtempSync(join(tmpdir(), "ig-serve-"));
    server = await serveCommand({
      port: 0,
      host: "127.0.0.1",
      apiUrl: standin.url,
      githubToken: GITHUB_TOKEN,
      store: { kind: "sqlite", path: join(dir, "issuegraph.db") },
      adminToken: ADMIN_TOKEN,
      secret: SECRET,
      catalogPath: null,
      logLevel: "silent",
    });
  });

  afterAll(async () => {
    await server?.close();
    await standin?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the flagship report fetched through the real client", async () => {
    const res = await fetch(`${server.url}/api/v1/issues/anthropics/claude-code/45203`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { report: { ref: string; title: string; meta: { via: string } } };
    expect(body.report.ref).toBe("anthropics/claude-code#45203");
    expect(body.report.title).toContain("extra usage");
    expect(body.report.meta.via).toBe("graphql");
    const page = await fetch(`${server.url}/anthropics/claude-code/issues/45203`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("View on GitHub");
    expect(html).not.toContain(GITHUB_TOKEN);
    expect(standin.requests.length).toBeGreaterThan(0);
  });

  it("syncs a repository through the admin endpoint, and only with the admin token", async () => {
    const post = (auth: string | null) =>
      fetch(`${server.url}/api/v1/admin/sync`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify({ repo: "nodejs/node" }),
      });
    expect((await post(null)).status).toBe(401);
    expect((await post("Bearer nope")).status).toBe(403);
    const res = await post(`Bearer ${ADMIN_TOKEN}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { repo: string; result: { listed: number; threads: number } };
    expect(body.repo).toBe("nodejs/node");
    expect(body.result.listed).toBeGreaterThan(3);
    const search = await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent("flush option ignored")}`);
    expect(((await search.json()) as { results: { ref: string }[] }).results[0]?.ref).toBe("nodejs/node#60552");
  });

  it("serves the API documentation", async () => {
    const res = await fetch(`${server.url}/api/v1/docs`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("# issuegraph JSON API");
  });
});
