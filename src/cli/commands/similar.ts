// `issuegraph similar <ref>` and `issuegraph search "<error text>"`: same-error and similar issues from the store.
import { UsageError } from "../../core/errors.js";
import { parseIssueRef } from "../../core/refs/parse-ref.js";
import type { SimilarAnswer } from "../../core/similar/rank.js";
import type { RepoRef, Store, StoreLocation } from "../../core/store/types.js";
import type { IssueRef } from "../../core/thread/types.js";
import { search } from "../../core/use-cases/search.js";
import { similar } from "../../core/use-cases/similar.js";
import { parseRepoArg } from "../../core/use-cases/sync/repo-arg.js";
import { type Env, storeLocationOf } from "../config.js";
import { jsonText, type OutputOptions, parseOutputFlags } from "../output.js";

export type SimilarFlags = {
  limit?: string;
  json?: boolean | string;
  jq?: string;
  out?: string;
  db?: string;
  repo?: string;
  allRepos?: boolean;
};

export type SimilarCommandOptions = {
  ref: IssueRef;
  limit: number;
  json: boolean;
  output: OutputOptions;
  /** Text matches from every stored repository (same-error matches always span all). */
  allRepos: boolean;
  store: StoreLocation;
};
export type SearchCommandOptions = {
  text: string;
  repo: RepoRef | null;
  limit: number;
  json: boolean;
  output: OutputOptions;
  store: StoreLocation;
};

export function parseLimit(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new UsageError(`--limit ${raw} is out of range`, "Use a whole number from 1 to 1000.");
  }
  return limit;
}

export function parseSimilarCommand(input: string, flags: SimilarFlags, env: Env, webHost: string) {
  const options: SimilarCommandOptions = {
    ref: parseIssueRef(input, [webHost]),
    limit: parseLimit(flags.limit, 10),
    ...jsonOptions(flags),
    allRepos: flags.allRepos === true,
    store: storeLocationOf(flags.db, env),
  };
  return options;
}

export function parseSearchCommand(text: string, flags: SimilarFlags, env: Env, webHost: string) {
  if (!text.trim()) throw new UsageError("search needs some text", 'Paste the error: issuegraph search "TypeError: …"');
  const options: SearchCommandOptions = {
    text,
    repo: flags.repo ? parseRepoArg(flags.repo, [webHost]) : null,
    limit: parseLimit(flags.limit, 10),
    ...jsonOptions(flags),
    store: storeLocationOf(flags.db, env),
  };
  return options;
}

function jsonOptions(flags: SimilarFlags): { json: boolean; output: OutputOptions } {
  const output = parseOutputFlags({
    ...(flags.json !== undefined ? { json: flags.json } : {}),
    ...(flags.jq !== undefined ? { jq: flags.jq } : {}),
    ...(flags.out !== undefined ? { out: flags.out } : {}),
  });
  return { json: output.json !== null, output };
}

export async function runSimilar(options: SimilarCommandOptions, store: Store): Promise<string> {
  const answer = await similar(store, options.ref, { limit: options.limit, allRepos: options.allRepos });
  return options.output.json ? jsonText(answer.results, options.output) : formatAnswer(answer, false);
}

export async function runSearch(options: SearchCommandOptions, store: Store): Promise<string> {
  const answer = await search(store, options.text, {
    limit: options.limit,
    ...(options.repo ? { repo: options.repo } : {}),
  });
  return options.output.json ? jsonText(answer.results, options.output) : formatAnswer(answer, false);
}

/** JSON: the results array, best first (the documented shape). Text: one line per result. */
export function formatAnswer(answer: SimilarAnswer, json: boolean): string {
  if (json)
    return `${JSON.stringify(
      answer.results.map(({ issueRef: _ref, ...documented }) => documented),
      null,
      2,
    )}\n`;
  const lines = answer.results.map(
    (r) =>
      `${r.score.toFixed(2)}  ${r.sameError ? "same error  " : "            "}${r.ref}  [${r.state}${r.stateReason ? `, ${r.stateReason}` : ""}]  ${r.title}\n      ${r.why}`,
  );
  const head = answer.confident ? "" : `${answer.message ?? "No confident match."}\n`;
  return `${head}${lines.join("\n")}${lines.length ? "\n" : ""}`;
}
