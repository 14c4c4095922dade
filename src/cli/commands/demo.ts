// The offline demo: the bundled stand-in serves the sample fixtures on 127.0.0.1 and the real
// client reports on the flagship issue through it, exactly as it would against github.com.
import { startStandin } from "../../../standin/index.js";
import { parseIssueRef } from "../../core/refs/parse-ref.js";
import { projectPath } from "../../project-paths.js";
import { parseFormat } from "../config.js";
import { makeGitHubClient } from "../deps.js";
import type { Io } from "../io.js";
import { runReport } from "./report.js";

export const SAMPLE_FIXTURES = projectPath("examples", "fixtures");
export const FLAGSHIP = "anthropics/claude-code#45203";

export async function runDemo(flags: { format?: string }, io: Io): Promise<string> {
  const standin = await startStandin({ fixturesDir: SAMPLE_FIXTURES });
  try {
    io.stderr(`stand-in GitHub serving the sample data at ${standin.url}\n`);
    const config = { apiUrl: standin.url, token: "demo-token", logLevel: "warn" as const };
    const client = makeGitHubClient(config, io);
    const options = {
      ...config,
      ref: parseIssueRef(FLAGSHIP),
      format: parseFormat(flags.format),
      depth: 1,
      out: null,
      // The demo keeps nothing: every run shows the bundled sample as it is.
      store: null,
      cache: { mode: "refresh" as const, freshnessMs: 0 },
      llm: null,
    };
    return await runReport(options, { source: client, now: io.now, store: null });
  } finally {
    await standin.close();
  }
}
