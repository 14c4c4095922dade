// npm run bench [-- name ...] [--json] [--key=value ...]: runs the named benchmarks (all by default).
// Each prints its tables; with --json, stdout carries only one JSON line per figure instead
// ({"bench": name, ...the figure's fields}) and the tables go to stderr. A bench returns its tables,
// or {text, figures} to take part in --json; --key=value options are handed to every bench.
import { benchAnalyze } from "./analyze.js";
import { benchRequests } from "./requests.js";
import { benchServe } from "./serve.js";
import { benchSimilar } from "./similar.js";
import { benchSync } from "./sync.js";

/** One measured figure, e.g. {backend, query, p50_ms, p95_ms, baseline_p50_ms}. */
export type Figure = Record<string, string | number | boolean | null>;
export type BenchResult = string | { text: string; figures: Figure[] };
export type BenchOptions = Record<string, string>;
type Bench = (options: BenchOptions) => Promise<BenchResult>;

const benches: Record<string, Bench> = {
  requests: benchRequests,
  analyze: benchAnalyze,
  sync: benchSync,
  similar: benchSimilar,
  serve: benchServe,
};

const args = process.argv.slice(2);
const json = args.includes("--json");
const options: BenchOptions = Object.fromEntries(
  args.flatMap((a) => {
    const m = /^--([\w-]+)=(.*)$/.exec(a);
    return m?.[1] ? [[m[1], m[2] ?? ""]] : [];
  }),
);
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
  const text = typeof result === "string" ? result : result.text;
  const figures = typeof result === "string" ? [] : result.figures;
  const took = `(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`;
  if (json) {
    console.error(`${text}\n${took}`);
    if (!figures.length) console.error(`(${name} has no JSON figures yet)`);
    for (const f of figures) console.log(JSON.stringify({ bench: name, ...f }));
  } else {
    console.log(text);
    console.log(took);
  }
}
