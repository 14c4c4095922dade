// What tests under src/core need from Node (temp folders, the test database, package data, the
// sample fixtures), in one place: src/core itself may not import node:* or read process (see
// scripts/boundaries.mjs), and its tests keep to that rule through these helpers.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { projectPath } from "../../src/project-paths.js";

/** The sample fixtures that ship with the project (`examples/fixtures`). */
export const EXAMPLES_DIR = projectPath("examples/fixtures");

/** A file of the project (catalog, schemas) as text. */
export const readProjectText = (...parts: string[]): string => readFileSync(projectPath(...parts), "utf8");

/** A fresh temporary folder and a way to remove it with everything in it. */
export function tempFolder(prefix: string): { path: string; file: (...parts: string[]) => string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `issuegraph-${prefix}-`));
  return {
    path,
    file: (...parts) => join(path, ...parts),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** The PostgreSQL URL tests run against ("" when none is set; those tests are skipped). */
export const testDatabaseUrl = (): string => process.env.ISSUEGRAPH_TEST_DATABASE_URL || process.env.DATABASE_URL || "";

/** Why the PostgreSQL tests are skipped when there is no URL. */
export const NO_DATABASE_REASON =
  "set DATABASE_URL or ISSUEGRAPH_TEST_DATABASE_URL (eval $(scripts/start-test-postgres.sh)) to run";

/** An npm package's JSON data (e.g. @octokit/webhooks-examples). */
export const requirePackageData = (specifier: string): unknown => createRequire(import.meta.url)(specifier);

/** A short stable digest of a text, for fake ETags. */
export const digest = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** Everything util.inspect shows of a value (hidden fields included), e.g. to prove a token never leaks. */
export const inspectDeep = (value: unknown): string => inspect(value, { depth: 20, showHidden: true });
