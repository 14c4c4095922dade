// How a data command prints: gh's conventions. `--json [fields]` picks top-level fields, `--jq`
// filters the JSON (jq-wasm, the real jq compiled to WebAssembly), `--out FILE` picks the format
// from the extension and `--out -` is stdout; Markdown is rendered for a terminal (marked-terminal)
// and left plain when piped or when NO_COLOR is set.
import { UsageError } from "../core/errors.js";
import type { Env } from "./config.js";
import type { Io } from "./io.js";

export type OutputFlags = { json?: boolean | string; jq?: string; out?: string; format?: string };

export type OutputOptions = {
  /** null: the command's text form (Markdown for report). */
  json: { fields: string[] | null } | null;
  jq: string | null;
  /** null or "-": stdout. */
  out: string | null;
};

const MD_EXT = /\.(md|markdown|txt)$/i;
const JSON_EXT = /\.(json|ndjson|jsonl)$/i;

/** Flags -> output options. `--format json|md` stays as an alias of `--json` / the default. */
export function parseOutputFlags(flags: OutputFlags): OutputOptions {
  const out = flags.out === undefined ? null : flags.out;
  const fields =
    typeof flags.json === "string"
      ? flags.json
          .split(",")
          .map((f) => f.trim())
          .filter(Boolean)
      : null;
  let json = flags.json === undefined || flags.json === false ? null : { fields: fields?.length ? fields : null };
  if (flags.format !== undefined) {
    const format = flags.format.toLowerCase();
    if (format === "json") json ??= { fields: null };
    else if (format !== "md" && format !== "markdown") {
      throw new UsageError(`--format ${flags.format} is not known`, "Use --json, or --format md.");
    } else if (json) throw new UsageError("--format md and --json contradict each other", "Pass one of them.");
  }
  if (!json && out && out !== "-" && JSON_EXT.test(out) && flags.format === undefined) json = { fields: null };
  if (json && out && out !== "-" && MD_EXT.test(out)) {
    throw new UsageError(`--out ${out} is a Markdown file but JSON was asked for`, "Use --out FILE.json.");
  }
  const jq = flags.jq?.trim() || null;
  if (jq) json ??= { fields: null };
  return { json, jq, out };
}

/** The requested top-level fields of an object (or of each element of an array). */
function selectFields(value: unknown, fields: string[] | null): unknown {
  if (!fields) return value;
  if (Array.isArray(value)) return value.map((v) => selectFields(v, fields));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const unknown = fields.filter((f) => !(f in record));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown JSON field${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`,
      `Available fields: ${Object.keys(record).join(", ")}.`,
    );
  }
  return Object.fromEntries(fields.map((f) => [f, record[f]]));
}

/** JSON text for the options: selected fields, then the jq filter (strings raw, as gh prints them). */
export async function jsonText(
  value: unknown,
  options: Pick<OutputOptions, "json" | "jq">,
  compact = false,
): Promise<string> {
  const picked = selectFields(value, options.json?.fields ?? null);
  if (!options.jq) return `${JSON.stringify(picked, null, compact ? undefined : 2)}\n`;
  const jq = await import("jq-wasm");
  try {
    const text = await jq.raw(picked as object, options.jq, compact ? ["-r", "-c"] : ["-r"]);
    return text.endsWith("\n") || text === "" ? text : `${text}\n`;
  } catch (error) {
    throw new UsageError(
      `--jq: ${(error as Error).message.split("\n")[0]}`,
      "Check the jq expression, e.g. --jq '.title'.",
    );
  }
}

/** Whether Markdown should be rendered for a terminal: stdout is a TTY and NO_COLOR is not set. */
function rendersForTerminal(io: Pick<Io, "stdoutIsTTY">, env: Env): boolean {
  return io.stdoutIsTTY && !(env.NO_COLOR !== undefined && env.NO_COLOR !== "") && env.TERM !== "dumb";
}

/** Languages the terminal highlighter knows; other fences (mermaid…) are shown as plain code, without a warning. */
const HIGHLIGHTED = new Set(
  "bash c cpp csharp css diff go html ini java javascript js json jsx kotlin makefile markdown php plaintext powershell python py ruby rust scss sh shell sql swift text ts tsx typescript xml yaml yml".split(
    " ",
  ),
);

export async function renderMarkdownForTerminal(markdown: string, width = 100): Promise<string> {
  const [{ Marked }, { markedTerminal }] = await Promise.all([import("marked"), import("marked-terminal")]);
  const marked = new Marked(markedTerminal({ width, reflowText: true, tab: 2 }));
  const known = markdown.replace(/^(\s*(?:`{3,}|~{3,}))([\w+#-]+)[^\n]*$/gm, (line, fence: string, lang: string) =>
    HIGHLIGHTED.has(lang.toLowerCase()) ? line : fence,
  );
  return await marked.parse(known);
}

/** Writes to the file (--out), or to stdout (no --out, or --out -) rendered for a terminal when it is one. */
export async function emitText(io: Io, text: string, out: string | null, kind: "markdown" | "plain"): Promise<void> {
  if (out && out !== "-") {
    await io.writeFile(out, text);
    io.stderr(`wrote ${out}\n`);
    return;
  }
  if (kind === "markdown" && out === null && rendersForTerminal(io, io.env)) {
    io.stdout(await renderMarkdownForTerminal(text));
    return;
  }
  io.stdout(text);
}
