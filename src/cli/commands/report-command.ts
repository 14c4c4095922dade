// `issuegraph report REF|-`: one report (Markdown, rendered on a terminal, or JSON), or with `-`
// a batch of refs from stdin as NDJSON (one report per line) with progress on stderr.

import { webHostForApiUrl } from "../../core/github/web-host.js";
import { renderJson } from "../../core/render/json.js";
import { renderMarkdown } from "../../core/render/markdown.js";
import type { Store, StoreLocation } from "../../core/store/types.js";
import type { Report } from "../../core/thread/report.js";
import { BatchFailed, describeError, exitCodeFor } from "../exit-codes.js";
import type { Io } from "../io.js";
import { emitText, jsonText, type OutputFlags, parseOutputFlags } from "../output.js";
import { refInput, refsFromText } from "../ref-input.js";
import { llmFallbackLine, parseReportCommand, type ReportFlags, reportFor } from "./report.js";

type WithStore = <T>(location: StoreLocation | null, fn: (store: Store | null) => Promise<T>) => Promise<T>;

export type ReportCommandFlags = Omit<ReportFlags, "format"> & OutputFlags & { repo?: string };

/** The plain JSON object of a report, exactly as `renderJson` prints it (ordered, schema-checked). */
const reportObject = (report: Report): Record<string, unknown> => JSON.parse(renderJson(report));

export async function runReportCommand(
  input: string,
  flags: ReportCommandFlags,
  io: Io,
  withStore: WithStore,
): Promise<void> {
  const output = parseOutputFlags(flags);
  const { format: _format, json: _json, jq: _jq, ...reportFlags } = flags;
  const parse = (ref: string) =>
    parseReportCommand(
      refInput(ref, flags.repo, io.env),
      { ...reportFlags, format: output.json ? "json" : "md" },
      io.env,
      webHostForApiUrl,
    );
  if (input === "-") return runBatch(refsFromText(await io.readStdin()));

  const options = parse(input);
  const { makeGitHubClient } = await import("../deps.js");
  const source = makeGitHubClient(options, io);
  const report = await withStore(options.store, (store) => reportFor(options, { source, now: io.now, store }));
  const note = llmFallbackLine(report);
  if (note) io.stderr(note);
  if (output.json) await emitText(io, await jsonText(reportObject(report), output), output.out, "plain");
  else await emitText(io, renderMarkdown(report), output.out, "markdown");

  async function runBatch(refs: string[]): Promise<void> {
    if (refs.length === 0) {
      const { UsageError } = await import("../../core/errors.js");
      throw new UsageError(
        "no refs on standard input",
        "Pipe refs in, one per line: echo owner/repo#1 | issuegraph report -",
      );
    }
    // Settings (client, store, cache) are the same for every ref; take them from the first that parses.
    const parses = (r: string) => {
      try {
        return parse(r) !== null;
      } catch {
        return false;
      }
    };
    const first = parse(refs.find(parses) ?? (refs[0] as string));
    const { makeGitHubClient: make } = await import("../deps.js");
    const source = make(first, io);
    let failed: unknown = null;
    const lines: string[] = [];
    await withStore(first.store, async (store) => {
      for (const [i, ref] of refs.entries()) {
        io.stderr(`[${i + 1}/${refs.length}] ${ref}\n`);
        try {
          const options = parse(ref);
          const report = await reportFor(options, { source, now: io.now, store });
          const note = llmFallbackLine(report);
          if (note) io.stderr(note);
          const line = await jsonText(
            reportObject(report),
            { json: output.json ?? { fields: null }, jq: output.jq },
            true,
          );
          lines.push(line);
          if (!output.out || output.out === "-") io.stdout(line);
        } catch (error) {
          // One bad ref does not stop the batch: its line says what went wrong, the exit code too.
          failed = error;
          const message = describeError(error).split("\n");
          const line = `${JSON.stringify({ ref, error: message[0]?.replace(/^error: /, ""), hint: message[1]?.replace(/^hint: /, ""), exitCode: exitCodeFor(error) })}\n`;
          lines.push(line);
          if (!output.out || output.out === "-") io.stdout(line);
          io.stderr(`${message.join("\n")}\n`);
        }
      }
    });
    if (output.out && output.out !== "-") await emitText(io, lines.join(""), output.out, "plain");
    io.stderr(`done: ${refs.length} refs${failed ? ", some failed" : ""}\n`);
    if (failed) throw new BatchFailed(failed);
  }
}
