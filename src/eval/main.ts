// npm run eval -- DIR… [--floors FILE]: the whole pipeline over every fixture directory with an
// answer key, one table per directory with the misses. Exits 1 when a measure falls below its floor
// (floors are per directory name: {"corpus": {"exact error": 0.95, …}}), 2 on bad arguments.
import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { projectPath } from "../project-paths.js";
import { evaluateDir } from "./run-dir.js";
import { belowFloors, formatTallies } from "./score.js";

const DEFAULT_FLOORS = projectPath("src", "eval", "floors.json");

function parseArgs(argv: string[]): { dirs: string[]; floors: string | null } {
  const dirs: string[] = [];
  let floors: string | null = existsSync(DEFAULT_FLOORS) ? DEFAULT_FLOORS : null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--floors") {
      const next = argv[++i];
      if (!next) usage("--floors needs a file");
      floors = next;
    } else if (a === "--no-floors") floors = null;
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else dirs.push(a);
  }
  if (dirs.length === 0) usage("name at least one fixture directory");
  return { dirs, floors };
}

function usage(message: string): never {
  console.error(`eval: ${message}\nusage: npm run eval -- DIR… [--floors FILE | --no-floors]`);
  process.exit(2);
}

const { dirs, floors: floorsPath } = parseArgs(process.argv.slice(2));
let floors: Record<string, Record<string, number>> = {};
if (floorsPath) {
  try {
    floors = JSON.parse(readFileSync(floorsPath, "utf8"));
  } catch (error) {
    usage(`cannot read the floors file ${floorsPath}: ${(error as Error).message}`);
  }
}

let failed = false;
for (const raw of dirs) {
  const dir = resolve(raw);
  if (!existsSync(join(dir, "_answers.json"))) {
    console.log(`${raw}: no _answers.json, skipped\n`);
    continue;
  }
  const started = performance.now();
  const tallies = await evaluateDir(dir);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(formatTallies(`${raw} (${seconds} s)`, tallies));
  const below = belowFloors(tallies, floors[basename(dir)] ?? {});
  for (const b of below) console.log(`BELOW FLOOR: ${basename(dir)}: ${b}`);
  failed ||= below.length > 0;
  console.log("");
}
process.exit(failed ? 1 : 0);
