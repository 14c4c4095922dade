// Files that ship with the project (sample fixtures, the tool catalog, schemas), found from the
// project root so the same code works run from source (tsx) and from the bundled dist/.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | null = null;

/** The directory holding issuegraph's package.json, found by walking up from this module. */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("issuegraph: cannot find the project root (package.json)");
    dir = parent;
  }
  root = dir;
  return dir;
}

export const projectPath = (...parts: string[]): string => join(projectRoot(), ...parts);
