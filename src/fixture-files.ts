// A fixture directory (format v1) read from disk into the `{ path, text }` list the fixture codec
// takes: by default thread files only (`owner/repo/N.json`), paths relative to the directory with "/".
// The one reader for the evaluation, the end-to-end support and the tests.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { isThreadFixturePath } from "./core/fixture-codec/load-files.js";

export interface FixtureFileText {
  path: string;
  text: string;
}

export function readFixtureDir(dir: string, keep: (path: string) => boolean = isThreadFixturePath): FixtureFileText[] {
  const out: FixtureFileText[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const path = relative(dir, full).split("\\").join("/");
        if (keep(path)) out.push({ path, text: readFileSync(full, "utf8") });
      }
    }
  };
  walk(dir);
  return out;
}

/** A JSON file of the directory beside the threads (`_answers.json`, `_repo.json`), parsed. */
export const readFixtureJson = (dir: string, name: string): unknown =>
  JSON.parse(readFileSync(join(dir, name), "utf8"));
