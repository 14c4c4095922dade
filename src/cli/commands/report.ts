import { parseIssueRef } from "../../core/refs/parse-ref.js";
import type { IssueRef } from "../../core/thread/types.js";
import { renderJson } from "../../core/render/json.js";
import { renderMarkdown } from "../../core/render/markdown.js";
import { buildReport, type ReportSource } from "../../core/use-cases/report.js";
import { type CommonConfig, commonConfig, type Env, parseDepth, parseFormat, type ReportFormat } from "../config.js";

export type ReportFlags = { format?: string; depth?: string; apiUrl?: string; out?: string };

export type ReportCommandOptions = CommonConfig & {
  ref: IssueRef;
  format: ReportFormat;
  depth: number;
  out: string | null;
};

/** argv + env -> checked options. Pure, so every bad input is tested without running anything. */
export function parseReportCommand(input: string, flags: ReportFlags, env: Env, webHost: (apiUrl: string) => string) {
  const common = commonConfig(flags, env);
  const options: ReportCommandOptions = {
    ...common,
    ref: parseIssueRef(input, [webHost(common.apiUrl)]),
    format: parseFormat(flags.format),
    depth: parseDepth(flags.depth),
    out: flags.out ?? null,
  };
  return options;
}

export async function runReport(
  options: ReportCommandOptions,
  deps: { source: ReportSource; now: () => Date },
): Promise<string> {
  const report = await buildReport(options.ref, { depth: options.depth }, deps);
  return options.format === "json" ? renderJson(report) : renderMarkdown(report);
}
