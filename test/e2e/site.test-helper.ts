// End-to-end support: the real site (serveCommand: real GitHub client, SQLite file) in front of
// the stand-in, and one real Chromium. Each test file starts one of each and reuses them.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { openSqliteStore } from "../../src/core/store/sqlite/sqlite-store.js";
import { importFixtures } from "../../src/core/use-cases/import-fixtures.js";
import { readFixtureDir } from "../../src/fixture-files.js";
import { type RunningServer, serveCommand } from "../../src/server/node.js";
import { type FixtureThread, type Standin, startStandin } from "../../standin/index.js";

export const CHROMIUM = "/usr/bin/chromium";
export const EXAMPLE_FIXTURES = new URL("../../examples/fixtures", import.meta.url).pathname;
export const FLAGSHIP_URL = "https://github.com/anthropics/claude-code/issues/45203";

/** Known secrets: the tests assert they never reach a page. */
export const SECRETS = {
  githubToken: "ghp_e2eTOKEN0123456789abcdefghijklmnopqr",
  adminToken: "admin-e2e-4f1c9a0b7d2e-secret-0123456789",
  secret: "e2e-cookie-secret-0123456789abcdefghijklmnopqrstuv",
};

/**
 * Chromium as the brief asks. Playwright launches it with a fresh, empty temporary profile
 * (user-data-dir) of its own and removes it on close; it refuses a --user-data-dir argument.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export type Site = { url: string; standin: Standin; dbPath: string; close(): Promise<void> };

/**
 * The stand-in over `fixturesDir` and/or in-memory fixtures, a SQLite file pre-filled by importing
 * the same fixtures (so search and "same error" have neighbours), and `serveCommand` on 127.0.0.1.
 */
export async function startSite(options: {
  fixturesDir?: string;
  fixtures?: FixtureThread[];
  importFixtures?: boolean;
}): Promise<Site> {
  const standin = await startStandin({ fixturesDir: options.fixturesDir, fixtures: options.fixtures });
  const dir = mkdtempSync(join(tmpdir(), "ig-e2e-"));
  const dbPath = join(dir, "issuegraph.db");
  if (options.importFixtures !== false) {
    const store = await openSqliteStore(dbPath);
    try {
      const files = [
        ...(options.fixturesDir ? readFixtureDir(options.fixturesDir) : []),
        ...(options.fixtures ?? []).map((f) => {
          const { owner, repo, ...file } = f;
          return { path: `${owner}/${repo}/${f.number}.json`, text: JSON.stringify(file) };
        }),
      ];
      await importFixtures({ store, files, now: () => new Date() });
    } finally {
      await store.close();
    }
  }
  let server: RunningServer;
  try {
    server = await serveCommand({
      port: 0,
      host: "127.0.0.1",
      apiUrl: standin.url,
      githubToken: SECRETS.githubToken,
      store: { kind: "sqlite", path: dbPath },
      adminToken: SECRETS.adminToken,
      secret: SECRETS.secret,
      catalogPath: null,
      logLevel: "silent",
    });
  } catch (e) {
    await standin.close();
    throw e;
  }
  return {
    url: server.url,
    standin,
    dbPath,
    close: async () => {
      await server.close();
      await standin.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens a site page and waits until it is past the "analysing…" page. */
export async function openAnalysed(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector("#issue-title, #error-page-title", { timeout: 30_000 });
}

/** A second origin serving one HTML page (for cross-site forgery attempts). */
export async function startOtherOrigin(
  html: string,
  host = "127.0.0.1",
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const AXE_SOURCE = readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core in the page. It is evaluated through the DevTools protocol, which the page's CSP
 * does not govern, so the site's CSP stays exactly as served.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, not a function: this project's TypeScript has no DOM types.
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
  return result;
}
