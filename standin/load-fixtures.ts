// Reads a fixture directory (<dir>/<owner>/<repo>/<number>.json, optional _repo.json) into the
// in-memory input of a World. Files starting with "_" other than _repo.json are notes or answer keys.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type FixtureRepo, type FixtureThread, parseRepo, parseThread } from "./fixture-schema.js";
import type { WorldInput } from "./world.js";

const threadFile = /^(\d+)\.json$/;

export function loadFixtureDir(dir: string): WorldInput {
  const threads: FixtureThread[] = [];
  const repos: FixtureRepo[] = [];
  const subdirs = (path: string): string[] =>
    readdirSync(path)
      .filter((name) => !name.startsWith(".") && !name.startsWith("_") && statSync(join(path, name)).isDirectory())
      .sort();
  for (const owner of subdirs(dir)) {
    for (const repo of subdirs(join(dir, owner))) {
      const repoDir = join(dir, owner, repo);
      for (const name of readdirSync(repoDir).sort()) {
        const file = join(repoDir, name);
        if (name === "_repo.json") {
          const json = readJson(file);
          parseRepo(json, file); // fail here, naming the file, rather than later in the World
          repos.push({ ...(json as object), owner, repo } as FixtureRepo);
          continue;
        }
        if (name.startsWith("_") || !name.endsWith(".json")) continue;
        const match = threadFile.exec(name);
        if (match === null) throw new Error(`fixture ${file}: thread files are named <number>.json`);
        const json = readJson(file) as { number?: unknown };
        if (json.number !== Number(match[1]))
          throw new Error(
            `malformed thread fixture ${file}: "number" is ${String(json.number)}, the file name says ${match[1]}`,
          );
        parseThread(json, file);
        threads.push({ ...(json as object), owner, repo } as FixtureThread);
      }
    }
  }
  return { threads, repos };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`malformed fixture ${file}: ${(error as Error).message}`);
  }
}
