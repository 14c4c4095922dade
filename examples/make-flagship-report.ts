// Regenerates examples/reports/anthropics-claude-code-45203.md through the real pipeline: the
// stand-in GitHub serves examples/fixtures, the real client fetches the flagship over GraphQL, a
// throwaway SQLite store holds every fixture (so the report knows the other issues with the same
// error), and the report use-case analyses and renders it. The clock is pinned to the fixtures'
// snapshot time so the file only changes when the analysis does.
//
//   node --import ./node_modules/tsx/dist/loader.mjs examples/make-flagship-report.ts
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { extractThreadError } from "../src/core/analyze/extract-error.js";
import { createGitHubClient } from "../src/core/github/index.js";
import { renderMarkdown } from "../src/core/render/markdown.js";
import { openStore } from "../src/core/store/open-store.js";
import { importFixtures } from "../src/core/use-cases/import-fixtures.js";
import { buildReport } from "../src/core/use-cases/report.js";
import { startStandin } from "../standin/index.js";

const FIXTURES = fileURLToPath(new URL("./fixtures", import.meta.url));
const OUT = fileURLToPath(new URL("./reports/anthropics-claude-code-45203.md", import.meta.url));
/** The fixtures' snapshot time (see the flagship fixture's _note). */
const NOW = new Date("2026-04-09T08:10:52Z");

function files(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (name.endsWith(".json"))
      out.push({ path: relative(FIXTURES, full).split("\\").join("/"), text: readFileSync(full, "utf8") });
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), "issuegraph-example-"));
const standin = await startStandin({ fixturesDir: FIXTURES });
const store = await openStore({ kind: "sqlite", path: join(dir, "example.db") });
try {
  const now = () => NOW;
  await importFixtures({
    store,
    files: files(FIXTURES),
    extractError: (t) => extractThreadError(t)?.message ?? null,
    now,
  });
  const source = createGitHubClient({ apiUrl: standin.url, token: "example-token", clock: now });
  const report = await buildReport(
    { host: "github.com", owner: "anthropics", repo: "claude-code", number: 45203 },
    { depth: 1, cache: { mode: "refresh", freshnessMs: 0 } },
    { source, now, store },
  );
  writeFileSync(OUT, renderMarkdown(report));
  process.stdout.write(`wrote ${relative(process.cwd(), OUT)}\n`);
} finally {
  await store.close();
  await standin.close();
  rmSync(dir, { recursive: true, force: true });
}
