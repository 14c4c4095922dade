// The import boundaries of src/core, in one table. Biome enforces them: `--write` renders the table
// into biome.json's overrides (noRestrictedImports per folder, and no Node built-ins, `process` or
// `console` anywhere in src/core but the store's one documented file), plus the one file exempt from
// the 80-line function limit. `--check`, run by
// `npm run lint`, fails when biome.json or a folder README's "May import" line disagrees with it.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Every unit of src/core: its folders, and errors.ts. */
const CORE = [
  "analyze",
  "errors",
  "fixture-codec",
  "github",
  "graph",
  "llm",
  "markdown",
  "queue",
  "refs",
  "render",
  "similar",
  "store",
  "text",
  "thread",
  "tools",
  "trending",
  "use-cases",
  "votes",
];

/** What the production code of each folder may import from src/core (its own folder always). */
export const MAY_IMPORT = {
  analyze: ["thread", "refs", "text"],
  "fixture-codec": ["thread", "refs", "errors", "graph", "text"],
  github: ["errors", "thread", "refs", "text"],
  "github/pool": ["github", "errors"],
  graph: ["thread", "refs", "errors"],
  llm: ["thread", "errors", "text"],
  markdown: [],
  queue: ["use-cases", "store", "github", "similar", "refs", "errors", "thread"],
  refs: ["thread", "errors", "markdown", "text"],
  render: ["thread", "refs", "text"],
  similar: ["thread", "refs", "store", "text"],
  store: ["thread", "refs", "errors", "text"],
  text: [],
  thread: [],
  tools: ["thread", "errors"],
  trending: ["thread"],
  "use-cases": CORE.filter((unit) => unit !== "queue" && unit !== "use-cases"),
  "use-cases/sync": ["errors", "github", "store", "refs", "thread", "similar"],
  votes: ["thread"],
};

/** The one function-length exception: the stand-in's GraphQL resolver map (one object literal). */
const LONG_FUNCTIONS_ALLOWED = "standin/graphql/resolvers.ts";

/** The one file of src/core that may touch Node's file system (SQLite folder creation). */
const NODE_IO_FILE = "src/core/store/sqlite/sqlite-store.ts";

const OUTSIDE_CORE = ["**/server/**", "**/cli/**", "**/mcp/**", "**/eval/**", "**/standin/**", "**/project-paths.js"];
const TEST_FILES = ["!**/*.test.ts", "!**/*.test.tsx", "!**/*.test-helper.ts"];

const unitPattern = (unit) => (unit === "errors" ? "**/errors.js" : `**/${unit}/**`);

function denied(folder) {
  const own = folder.split("/")[0];
  const allowed = new Set([own, ...MAY_IMPORT[folder]]);
  return CORE.filter((unit) => !allowed.has(unit)).map(unitPattern);
}

function folderOverride(folder) {
  const allowed = MAY_IMPORT[folder];
  const message = `src/core/${folder} may import ${allowed.length ? allowed.map((u) => `core/${u}`).join(", ") : "nothing else of src"} (scripts/boundaries.mjs, its README's "May import" line).`;
  return {
    includes: [`src/core/${folder}/**`, ...TEST_FILES],
    linter: {
      rules: {
        style: {
          noRestrictedImports: {
            level: "error",
            options: { patterns: [{ group: [...OUTSIDE_CORE, ...denied(folder)], message }] },
          },
        },
      },
    },
  };
}

/** The overrides biome.json must hold, in order: general first, narrower folders after. */
export function boundaryOverrides() {
  const folders = Object.keys(MAY_IMPORT).sort(
    (a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b),
  );
  return [
    {
      includes: ["src/core/**"],
      linter: {
        rules: {
          correctness: { noNodejsModules: "error", noProcessGlobal: "error" },
          suspicious: { noConsole: "error" },
        },
      },
    },
    ...folders.map(folderOverride),
    { includes: [NODE_IO_FILE], linter: { rules: { correctness: { noNodejsModules: "off" } } } },
    { includes: [LONG_FUNCTIONS_ALLOWED], linter: { rules: { complexity: { noExcessiveLinesPerFunction: "off" } } } },
  ];
}

/** The `core/x` names a README's "May import:" paragraph gives for production code. */
export function readmeMayImport(text) {
  const start = text.search(/^May import:/m);
  if (start < 0) return null;
  const paragraph = text
    .slice(start)
    .split(/\n\s*\n/)[0]
    .split(/\b(?:Tests|Not)\b/)[0];
  return [...new Set([...paragraph.matchAll(/`core\/([a-z-]+)/g)].map((m) => m[1]))].sort();
}

function readmeProblems() {
  const problems = [];
  for (const [folder, allowed] of Object.entries(MAY_IMPORT)) {
    const path = join(root, "src/core", folder, "README.md");
    let text;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      problems.push(`src/core/${folder}/README.md is missing (it must carry a "May import:" line)`);
      continue;
    }
    const named = readmeMayImport(text);
    const own = folder.split("/")[0];
    const want = [...new Set(allowed)].filter((u) => u !== own).sort();
    const got = (named ?? []).filter((u) => u !== own && u !== folder);
    if (named === null) problems.push(`src/core/${folder}/README.md has no "May import:" line`);
    else if (got.join() !== want.join())
      problems.push(`src/core/${folder}/README.md names [${got.join(", ")}], the table [${want.join(", ")}]`);
  }
  return problems;
}

function main() {
  const configPath = join(root, "biome.json");
  const config = JSON.parse(readFileSync(configPath, "utf8"));
  const want = boundaryOverrides();
  if (process.argv.includes("--write")) {
    config.overrides = want;
    writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
    return;
  }
  const problems = readmeProblems();
  if (JSON.stringify(config.overrides ?? []) !== JSON.stringify(want))
    problems.push(
      "biome.json's overrides differ from scripts/boundaries.mjs: run `node scripts/boundaries.mjs --write`",
    );
  for (const p of problems) console.error(`boundaries: ${p}`);
  if (problems.length) process.exit(1);
  console.log(`boundaries: ${Object.keys(MAY_IMPORT).length} folders, biome.json and READMEs agree`);
}

main();
