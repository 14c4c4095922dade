// npm run bench [-- name ...] [--json]: runs the named benchmarks (all by default) and prints their
// tables; with --json, benchmarks that support it print one JSON object per line instead.
import { benchAnalyze } from "./analyze.js";
import { benchExtractError } from "./extract-error.js";
import { benchRequests } from "./requests.js";
import { benchServe } from "./serve.js";
import { benchSimilar } from "./similar.js";
import { benchSync } from "./sync.js";

type BenchOptions = { json: boolean };
const benches: Record<string, (options: BenchOptions) => Promise<string>> = {
  requests: benchRequests,
  analyze: benchAnalyze,
  "extract-error": benchExtractError,
  sync: benchSync,
  similar: benchSimilar,
  serve: benchServe,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const options: BenchOptions = { json: process.argv.includes("--json") };
const names = wanted.length ? wanted : Object.keys(benches);
for (const name of names) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  const started = Date.now();
  console.log(await bench(options));
  // Timings go to stderr with --json, so stdout stays JSON lines.
  (options.json ? console.error : console.log)(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
