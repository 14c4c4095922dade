// `issuegraph watch REF… [--every 1h]`: only changes (fix merged, first release, state).
import { UsageError } from "../../core/errors.js";
import { parseIssueRef } from "../../core/refs/parse-ref.js";
import { conditionalReleases, formatWatchEvent, watchPass } from "../../core/use-cases/watch.js";
import { storeLocationOf } from "../config.js";
import { makeGitHubClient } from "../deps.js";
import type { Io } from "../io.js";
import { jsonText, type OutputFlags } from "../output.js";
import { refInput } from "../ref-input.js";
import { storeCommandSetup, type WithStore } from "./store-command.js";

export type WatchFlags = OutputFlags & { repo?: string; every?: string; apiUrl?: string; db?: string };

/** "30s", "15m", "1h", "1d" (or plain seconds) -> milliseconds; at least 10 s between checks. */
export function parseInterval(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/i.exec(raw.trim());
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(m?.[2] ?? "s").toLowerCase() as "s"];
  const ms = m ? Number(m[1]) * unit * 1000 : Number.NaN;
  if (!Number.isFinite(ms) || ms < 10_000) {
    throw new UsageError(`--every ${raw} is not an interval of 10 s or more`, "Use e.g. --every 30m or --every 1h.");
  }
  return ms;
}

export async function runWatchCommand(
  inputs: string[],
  flags: WatchFlags,
  io: Io,
  withStore: WithStore,
): Promise<void> {
  const { common, output, webHost } = storeCommandSetup(flags, io);
  const refs = inputs.map((i) => parseIssueRef(refInput(i, flags.repo, io.env), [webHost]));
  const every = flags.every ? parseInterval(flags.every) : null;
  const source = conditionalReleases(makeGitHubClient(common, io));
  await withStore(storeLocationOf(flags.db, io.env), async (store) => {
    let stopped = false;
    const stop = io.untilStopped().then(() => {
      stopped = true;
    });
    for (;;) {
      const events = await watchPass(refs, { source, store, now: io.now });
      for (const e of events) io.stdout(output.json ? await jsonText(e, output, true) : `${formatWatchEvent(e)}\n`);
      if (!every || stopped) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stop, new Promise((resolve) => (timer = setTimeout(resolve, every)))]);
      clearTimeout(timer);
      if (stopped) return;
    }
  });
}
