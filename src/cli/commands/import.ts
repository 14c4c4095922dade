// `issuegraph import DIR`: load a fixture directory (format v1) straight into the store.
import { join, relative } from "node:path";
import { UsageError } from "../../core/errors.js";
import { isThreadFixturePath } from "../../core/fixture-codec/load-files.js";
import type { Store, StoreLocation } from "../../core/store/types.js";
import { importFixtures } from "../../core/use-cases/import-fixtures.js";
import { type Env, storeLocationOf } from "../config.js";
import type { Io } from "../io.js";

export type ImportCommandOptions = { dir: string; store: StoreLocation };

export function parseImportCommand(dir: string, flags: { db?: string }, env: Env): ImportCommandOptions {
  if (!dir.trim()) throw new UsageError("import needs a directory", "Run: issuegraph import path/to/fixtures");
  return { dir, store: storeLocationOf(flags.db, env) };
}

export async function runImport(options: ImportCommandOptions, deps: { store: Store; io: Io }): Promise<string> {
  const files = await readFixtureFiles(options.dir, deps.io);
  const result = await importFixtures({ store: deps.store, files, now: deps.io.now });
  const skipped = result.skipped.length ? `, skipped ${result.skipped.length} non-thread file(s)` : "";
  return `imported ${result.threads} threads (${result.withError} with an error message) from ${result.repos.length} repositories${skipped}\n`;
}

/** Every file below `dir` that may be a thread fixture, with its path relative to `dir`. */
async function readFixtureFiles(dir: string, io: Io): Promise<{ path: string; text: string }[]> {
  let paths: string[];
  try {
    paths = await walk(dir, io);
  } catch (error) {
    throw new UsageError(`cannot read the directory ${dir}: ${(error as Error).message}`, "Check the path.", {
      cause: error,
    });
  }
  const files: { path: string; text: string }[] = [];
  for (const full of paths) {
    const path = relative(dir, full).split("\\").join("/");
    if (isThreadFixturePath(path)) files.push({ path, text: await io.readFile(full) });
  }
  if (files.length === 0) {
    throw new UsageError(`no thread fixtures under ${dir}`, "Expect files like DIR/owner/repo/123.json.");
  }
  return files;
}

async function walk(dir: string, io: Io): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await io.readDir(dir)) {
    const full = join(dir, entry.name);
    if (entry.isDirectory) out.push(...(await walk(full, io)));
    else out.push(full);
  }
  return out;
}
