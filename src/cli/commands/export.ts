// `issuegraph export REF|owner/repo --out DIR`: reports as Markdown and threads as fixture JSON.
import { join } from "node:path";
import { UsageError } from "../../core/errors.js";
import { parseIssueRef } from "../../core/refs/parse-ref.js";
import { renderMarkdown } from "../../core/render/markdown.js";
import type { Store, StoreLocation } from "../../core/store/types.js";
import { type ExportTarget, exportArchive } from "../../core/use-cases/export-archive.js";
import { parseRepoArg } from "../../core/use-cases/sync/repo-arg.js";
import { type Env, storeLocationOf } from "../config.js";
import type { Io } from "../io.js";

export type ExportCommandOptions = { target: ExportTarget; out: string; store: StoreLocation };

export function parseExportCommand(
  target: string,
  flags: { out?: string; db?: string },
  env: Env,
  webHost: string,
): ExportCommandOptions {
  if (!flags.out) throw new UsageError("export needs --out DIR", "Run: issuegraph export owner/repo --out archive/");
  const parsed: ExportTarget = /#\d+$|\/(issues|pull)\/\d+/.test(target)
    ? parseIssueRef(target, [webHost])
    : parseRepoArg(target, [webHost]);
  return { target: parsed, out: flags.out, store: storeLocationOf(flags.db, env) };
}

export async function runExport(options: ExportCommandOptions, deps: { store: Store; io: Io }): Promise<string> {
  const result = await exportArchive({ store: deps.store, target: options.target, renderMarkdown });
  if (result.threads === 0) {
    throw new UsageError("nothing to export: no such thread in the store", "Report on it, import or sync it first.");
  }
  for (const file of result.files) await deps.io.writeFile(join(options.out, file.path), file.content);
  return `exported ${result.threads} threads, ${result.reports} reports and ${result.stubs} stubs to ${options.out}\n`;
}
