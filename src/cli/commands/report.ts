// `issuegraph report <ref>`: the mission's main job.
import { UsageError } from "../../core/errors.js";
import { type LlmConfig, type LlmFlags, resolveLlmConfig } from "../../core/llm/config.js";
import { makeLlmWriter } from "../../core/llm/writer.js";
import { parseIssueRef } from "../../core/refs/parse-ref.js";
import { renderJson } from "../../core/render/json.js";
import { renderMarkdown } from "../../core/render/markdown.js";
import type { Store, StoreLocation } from "../../core/store/types.js";
import type { Report } from "../../core/thread/report.js";
import type { IssueRef } from "../../core/thread/types.js";
import { type CachePolicy, DEFAULT_FRESHNESS_MS } from "../../core/use-cases/obtain-thread.js";
import { buildReport, type ReportSource } from "../../core/use-cases/report.js";
import {
  type CommonConfig,
  commonConfig,
  type Env,
  parseDepth,
  parseFormat,
  type ReportFormat,
  storeLocationOf,
} from "../config.js";

export type ReportFlags = {
  format?: string;
  depth?: string;
  apiUrl?: string;
  out?: string;
  db?: string;
  store?: boolean;
  refresh?: boolean;
  offline?: boolean;
} & LlmFlags;

export type ReportCommandOptions = CommonConfig & {
  ref: IssueRef;
  format: ReportFormat;
  depth: number;
  out: string | null;
  /** null with --no-store: nothing cached, nothing remembered. */
  store: StoreLocation | null;
  cache: CachePolicy;
  /** The optional language-model writer; null: the deterministic sections only. */
  llm: LlmConfig | null;
};

/** argv + env -> checked options. Pure, so every bad input is tested without running anything. */
export function parseReportCommand(
  input: string,
  flags: ReportFlags,
  env: Env,
  webHost: (apiUrl: string) => string,
): ReportCommandOptions {
  const common = commonConfig(flags, env);
  if (flags.refresh && flags.offline) {
    throw new UsageError("--refresh and --offline contradict each other", "Pass one of them.");
  }
  const useStore = flags.store !== false;
  if (!useStore && flags.offline) {
    throw new UsageError("--offline needs the store", "Drop --no-store, or drop --offline.");
  }
  return {
    ...common,
    ref: parseIssueRef(input, [webHost(common.apiUrl)]),
    format: parseFormat(flags.format),
    depth: parseDepth(flags.depth),
    out: flags.out ?? null,
    store: useStore ? storeLocationOf(flags.db, env) : null,
    cache: {
      mode: flags.refresh ? "refresh" : flags.offline ? "offline" : "normal",
      freshnessMs: freshnessFrom(env),
    },
    llm: resolveLlmConfig(flags, env),
  };
}

/** ISSUEGRAPH_FRESHNESS_SECONDS: how long a stored thread is used without asking GitHub (default 600). */
export function freshnessFrom(env: Env): number {
  const raw = env.ISSUEGRAPH_FRESHNESS_SECONDS;
  if (raw === undefined || raw === "") return DEFAULT_FRESHNESS_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`ISSUEGRAPH_FRESHNESS_SECONDS=${raw} is not a number of seconds`, "Use e.g. 600, or 0.");
  }
  return seconds * 1000;
}

export type ReportRunDeps = { source: ReportSource; now: () => Date; store: Store | null; fetch?: typeof fetch };

/** The report itself (the CLI, the MCP server and the triage command share this). */
export async function reportFor(
  options: ReportCommandOptions,
  deps: ReportRunDeps,
  ref = options.ref,
): Promise<Report> {
  const writer = options.llm ? makeLlmWriter(options.llm, { fetch: deps.fetch ?? globalThis.fetch }) : null;
  return (await buildReport(ref, { depth: options.depth, cache: options.cache }, { ...deps, writer })).report;
}

export async function runReport(options: ReportCommandOptions, deps: ReportRunDeps): Promise<string> {
  const report = await reportFor(options, deps);
  return options.format === "json" ? renderJson(report) : renderMarkdown(report);
}

/** One stderr line when the model writer was asked for and the deterministic sections were kept. */
export function llmFallbackLine(report: Report): string | null {
  const llm = report.meta.llm;
  if (!llm || llm.status === "used") return null;
  return `note: the language model (${llm.provider}, ${llm.model}) was not used (${llm.status}: ${llm.reason ?? "no reason given"}); the report keeps the deterministic sections.\n`;
}
