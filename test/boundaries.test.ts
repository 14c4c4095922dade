// The boundary rules are real lint rules: the project's own biome.json, run by Biome on copies of
// source files placed at the same paths in a scratch folder, refuses what src/core may not do and
// lets through what it may. scripts/boundaries.mjs keeps biome.json and the folder READMEs in step.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectPath } from "../src/project-paths.js";

const scratch = mkdtempSync(join(tmpdir(), "issuegraph-boundaries-"));
cpSync(projectPath("biome.json"), join(scratch, "biome.json"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const LEAK = 'import { readFileSync } from "node:fs"; export const leak = readFileSync(process.env.HOME ?? "");';

/** The lint rules Biome reports for `text` placed at `path` (relative to the project root). */
function lintRules(path: string, text: string): string[] {
  const file = join(scratch, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const biome = projectPath("node_modules/.bin/biome");
  const r = spawnSync(biome, ["lint", "--vcs-enabled=false", "--max-diagnostics=50", path], {
    cwd: scratch,
    encoding: "utf8",
  });
  rmSync(file);
  return [...`${r.stdout}${r.stderr}`.matchAll(/lint\/\w+\/(\w+)/g)].map((m) => m[1] as string);
}

const source = (path: string): string => readFileSync(projectPath(path), "utf8");

describe("boundary lint rules", () => {
  it("refuses node:fs and process appended to a file of src/core/analyze", () => {
    const rules = lintRules("src/core/analyze/analyze.ts", `${source("src/core/analyze/analyze.ts")}\n${LEAK}\n`);
    expect(rules).toContain("noNodejsModules");
    expect(rules).toContain("noProcessGlobal");
  });

  it("refuses them in a test file of src/core too, and console anywhere in src/core", () => {
    expect(lintRules("src/core/similar/x.test.ts", `${LEAK}\n`)).toContain("noNodejsModules");
    expect(lintRules("src/core/render/x.ts", 'console.log("x");\n')).toContain("noConsole");
  });

  it("lets the unchanged file through", () => {
    expect(lintRules("src/core/analyze/analyze.ts", source("src/core/analyze/analyze.ts"))).toEqual([]);
  });

  it("refuses an import its folder's README does not allow, and one from outside the core", () => {
    expect(lintRules("src/core/analyze/x.ts", 'export { openStore } from "../store/open-store.js";\n')).toContain(
      "noRestrictedImports",
    );
    expect(lintRules("src/core/render/x.ts", 'export { startServer } from "../../server/node.js";\n')).toContain(
      "noRestrictedImports",
    );
    expect(lintRules("src/core/analyze/x.ts", 'export { formatRef } from "../refs/parse-ref.js";\n')).toEqual([]);
  });

  it("allows Node in the store's one documented file and in the server", () => {
    expect(lintRules("src/core/store/sqlite/sqlite-store.ts", 'export { mkdirSync } from "node:fs";\n')).toEqual([]);
    expect(lintRules("src/server/x.ts", 'export { readFileSync } from "node:fs";\n')).toEqual([]);
  });

  it("refuses a function over 80 lines outside the stand-in's resolver map", () => {
    const long = `export function f(): number {\n${"  let a = 1;\n".repeat(80)}  return 1;\n}\n`;
    expect(lintRules("src/cli/x.ts", long)).toContain("noExcessiveLinesPerFunction");
    expect(lintRules("standin/graphql/resolvers.ts", long)).not.toContain("noExcessiveLinesPerFunction");
  });
});
