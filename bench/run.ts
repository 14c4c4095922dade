// npm run bench [-- name ...] [--json] [--key=value ...]: runs the named benchmarks (all by default)
// and prints their tables. With --json, stdout carries JSON lines only: a bench either returns
// {text, figures} (each figure printed as {"bench": name, ...figure}, the tables to stderr) or, told
// `json`, returns its own JSON lines as text. --key=value options are handed to every bench.
import { benchAnalyze } from "./analyze.js";
import { benchExtractError } from "./extract-error.js";
import { benchPathological } from "./pathological.js";
import { benchRequests } from "./requests.js";
import { benchServe } from "./serve.js";
import { benchSimilar } from "./similar.js";
import { benchSync } from "./sync.js";

/** One measured figure, e.g. {backend, query, p50_ms, p95_ms, baseline_p50_ms}. */
export type Figure = Record<string, string | number | boolean | null>;
export type BenchResult = string | { text: string; figures: Figure[] };
export type BenchOptions = { json: boolean; [name: string]: string | boolean };
type Bench = (options: BenchOptions) => Promise<BenchResult>;

const benches: Record<string, Bench> = {
  requests: benchRequests,
  analyze: benchAnalyze,
  "extract-error": benchExtractError,
  sync: benchSync,
  similar: benchSimilar,
  serve: benchServe,
  pathological: benchPathological,
};

const args = process.argv.slice(2);
const options: BenchOptions = {
  ...Object.fromEntries(
    args.flatMap((a) => {
      const m = /^--([\w-]+)=(.*)$/.exec(a);
      return m?.[1] ? [[m[1], m[2] ?? ""]] : [];
    }),
  ),
  json: args.includes("--json"),
};
const wanted = args.filter((a) => !a.startsWith("-"));
const names = wanted.length ? wanted : Object.keys(benches);
for (const name of names) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  const started = Date.now();
  const result = await bench(options);
  const took = `(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`;
  if (typeof result === "string") console.log(result);
  else if (options.json) {
    console.error(result.text);
    for (const f of result.figures) console.log(JSON.stringify({ bench: name, ...f }));
  } else console.log(result.text);
  // Timings go to stderr with --json, so stdout stays JSON lines.
  (options.json ? console.error : console.log)(took);
}
