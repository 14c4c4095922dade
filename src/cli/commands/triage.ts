// `issuegraph triage REF [--comment]` and `issuegraph triage --event PAYLOAD` (the GitHub Action).
import { UsageError } from "../../core/errors.js";
import { parseIssueRef } from "../../core/refs/parse-ref.js";
import type { IssueRef } from "../../core/thread/types.js";
import { type TriageResult, triage } from "../../core/use-cases/triage.js";
import { triageTargetOf } from "../../core/use-cases/triage-event.js";
import { storeLocationOf } from "../config.js";
import { makeGitHubClient } from "../deps.js";
import type { Io } from "../io.js";
import { jsonText, type OutputFlags } from "../output.js";
import { refInput } from "../ref-input.js";
import { storeCommandSetup, type WithStore } from "./store-command.js";

export type TriageFlags = OutputFlags & {
  repo?: string;
  comment?: boolean;
  event?: string;
  apiUrl?: string;
  db?: string;
};

export async function runTriageCommand(
  input: string | undefined,
  flags: TriageFlags,
  io: Io,
  withStore: WithStore,
): Promise<void> {
  const { common, output, webHost } = storeCommandSetup(flags, io);
  let ref: IssueRef;
  if (flags.event) {
    if (input) throw new UsageError("give a ref or --event, not both", "The event payload names the issue.");
    const payload = JSON.parse(await io.readFile(flags.event)) as unknown;
    const target = triageTargetOf(payload, io.env.GITHUB_EVENT_NAME ?? null);
    if ("skip" in target) {
      io.stderr(`triage: skipped: ${target.skip}\n`);
      return;
    }
    ref = { ...target.ref, host: webHost === "github.com" ? target.ref.host : webHost };
    io.stderr(`triage: ${target.event} on ${ref.owner}/${ref.repo}#${ref.number}\n`);
  } else {
    if (!input) throw new UsageError("triage needs an issue", "issuegraph triage owner/repo#123 [--comment]");
    ref = parseIssueRef(refInput(input, flags.repo, io.env), [webHost]);
  }
  if (flags.comment && !common.token) {
    throw new UsageError(
      "--comment needs a token",
      "Set GH_TOKEN or GITHUB_TOKEN (in Actions: permissions issues: write).",
    );
  }
  const client = makeGitHubClient(common, io);
  const result = await withStore(storeLocationOf(flags.db, io.env), (store) =>
    triage(
      ref,
      { post: flags.comment === true, cache: { mode: "normal", freshnessMs: 0 } },
      { source: client, store, now: io.now, comments: flags.comment ? client : null },
    ),
  );
  io.stdout(output.json ? await jsonText(result, output) : textOf(result));
}

function textOf(r: TriageResult): string {
  const head =
    r.action === "dry-run"
      ? `dry run: the comment issuegraph would post on ${r.ref} (pass --comment to post it)`
      : `${r.action} ${r.commentUrl ?? ""}`.trim();
  return `${head}\n\n${r.body}`;
}
