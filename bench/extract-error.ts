// CPU time of the error extractor on 64 KB bodies built to make regexes backtrack (long runs of
// name characters, dotted names, paths, quotes, braces, "error" words without a colon) next to an
// ordinary 64 KB log of the same size. Every recogniser is meant to be linear: a hostile body may
// cost a few times an ordinary one, never orders of magnitude. The bound below is generous on purpose.
import { extractError } from "../src/core/analyze/extract-error.js";
import { fmt, median, sampleCpu, table } from "./stats.js";

const SIZE = 64 * 1024;
/** A hostile body may cost at most this many times the ordinary log. */
const BOUND = 50;

/** Lines just under the extractor's per-line cap, so every line is examined in full. */
const LINE = 3900;
const fill = (unit: string) => {
  const line = unit.repeat(Math.ceil(LINE / unit.length)).slice(0, LINE);
  return Array.from({ length: Math.ceil(SIZE / (LINE + 1)) }, () => line).join("\n");
};

const ordinary =
  "2024-05-01 12:00:00,123 INFO worker started job 42 in 13 ms\n    at Object.<anonymous> (/app/a.js:3:7)\n"
    .repeat(700)
    .slice(0, SIZE);
const hostile: Record<string, string> = {
  "one long word": fill("a"),
  "dotted names, no colon": fill("aa.bb.cc.Error"),
  "name chars then Error without colon": fill("xError "),
  "path without a location": fill("a/b/c-d.e_f/"),
  "locations then error without colon": fill("src/a.ts:1:2 error "),
  "error words, no colon": fill("Error error Error from the "),
  "unclosed quotes and ticks": fill("error \"'`x"),
  "error codes without a message": fill("AB12: x "),
  "tool names then error without a message": fill("ld.x: error:"),
  "SDK error heads without an operation": fill("An error occurred (X) when calling the "),
  "braces and quotes": fill('{"a":{"b":['),
  "error keys without a message": fill('{"error": {"a": 1, '),
  "spaces then is not": fill("   x is no"),
  "Cannot read without of": fill("Cannot read property aaaa "),
  "0x without a code": fill("code 0x1234567 "),
  "timestamps without a message": fill("2024-05-01 12:00:00 "),
  "fenced, long lines": `\`\`\`\n${fill("a.b(")}\n\`\`\``,
  "fenced, name chars then error": `\`\`\`\n${fill("aaaaaaaaaaerror ")}\n\`\`\``,
  "many short lines": "Error:\n".repeat(SIZE / 7),
  "capitalised words, no colon": fill("Aa Bb Violation "),
  "quoted paths after got": fill('got "a/b/c.d/error'),
  "bracketed levels, no message": fill("x: [crit] "),
  "unhandled heads, no colon": fill("An unhandled exception "),
};

export async function benchExtractError(): Promise<string> {
  const base = median(sampleCpu(() => extractError(ordinary), 5, 1));
  const rows: (string | number)[][] = [["ordinary log (baseline)", fmt(base, 2), "1.0", ""]];
  for (const [name, body] of Object.entries(hostile)) {
    const ms = median(sampleCpu(() => extractError(body), 3, 1));
    const ratio = ms / Math.max(base, 0.01);
    rows.push([name, fmt(ms, 2), fmt(ratio, 1), ratio > BOUND ? `OVER ${BOUND}x` : "ok"]);
  }
  return [
    `## Error extraction on 64 KB bodies (CPU ms, median; bound ${BOUND}x the ordinary log)`,
    table(["body", "ms", "ratio", ""], rows),
  ].join("\n");
}
