// Runs the whole pipeline in process over one fixture directory with an answer key: the stand-in
// serves the directory, the real GitHub client and the report use-case build each answered
// thread's report (as `issuegraph report --format json` does, into a fresh store), and the fixture
// importer plus the similar use-case answer the duplicate and same-error questions (as `issuegraph
// import` then `issuegraph similar` do). Returns one tally per measure.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStandin } from "../../standin/index.js";
import { createGitHubClient } from "../core/github/index.js";
import { parseIssueRef } from "../core/refs/parse-ref.js";
import { renderJson } from "../core/render/json.js";
import { openSqliteStore } from "../core/store/sqlite/sqlite-store.js";
import type { Store } from "../core/store/types.js";
import { importFixtures } from "../core/use-cases/import-fixtures.js";
import { buildReport } from "../core/use-cases/report.js";
import { similar } from "../core/use-cases/similar.js";
import { readFixtureDir } from "../fixture-files.js";
import {
  type Answers,
  type ReportJson,
  scoreAbstention,
  scoreCluster,
  scoreDuplicate,
  scoreError,
  scoreFix,
  scoreNoWorkaround,
  scoreRelease,
  scoreWorkaround,
  type Tally,
  tally,
} from "./score.js";

const DUPLICATE_K = 5;
const silent = { debug() {}, info() {}, warn() {} };

export async function evaluateDir(dir: string): Promise<Tally[]> {
  const answers = JSON.parse(readFileSync(join(dir, "_answers.json"), "utf8")) as Answers;
  const scratch = mkdtempSync(join(tmpdir(), "issuegraph-eval-"));
  try {
    const reports = await reportsFor(dir, answers, join(scratch, "reports.db"));
    const similarStore = await openSqliteStore(join(scratch, "similar.db"));
    try {
      await importFixtures({
        store: similarStore,
        files: readFixtureDir(dir),
        now: () => new Date(),
      });
      return [...reportTallies(answers, reports), ...(await similarTallies(answers, similarStore))];
    } finally {
      await similarStore.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Every thread the answer key asks about, reported once through the stand-in. */
async function reportsFor(dir: string, answers: Answers, dbPath: string): Promise<Map<string, ReportJson>> {
  const threads = new Set<string>([
    ...(answers.errors ?? []).map((e) => e.thread),
    ...(answers.workarounds ?? []).map((w) => w.thread),
    ...(answers.no_workaround ?? []),
    ...(answers.fixed_by ?? []).map((f) => f.issue),
  ]);
  const standin = await startStandin({ fixturesDir: dir });
  const store = await openSqliteStore(dbPath);
  try {
    const source = createGitHubClient({ apiUrl: standin.url, token: "stand-in-token", logger: silent, retries: 0 });
    const out = new Map<string, ReportJson>();
    for (const thread of threads) {
      const { report } = await buildReport(
        parseIssueRef(thread),
        { depth: 1 },
        { source, now: () => new Date(), store },
      );
      out.set(thread, JSON.parse(renderJson(report)) as ReportJson);
    }
    return out;
  } finally {
    await store.close();
    await standin.close();
  }
}

function reportTallies(answers: Answers, reports: Map<string, ReportJson>): Tally[] {
  const of = (thread: string) => reports.get(thread) ?? {};
  const errors = answers.errors ?? [];
  const fixedBy = answers.fixed_by ?? [];
  return [
    tally(
      "exact error",
      errors.map((e) => ({ thread: e.thread, verdict: scoreError(e.error, of(e.thread).errorMessage) })),
    ),
    tally(
      "abstention",
      errors
        .filter((e) => e.error === null)
        .map((e) => ({ thread: e.thread, verdict: scoreAbstention(e.error, of(e.thread).errorMessage) })),
    ),
    tally(
      "no false abstention",
      errors
        .filter((e) => e.error !== null && ![e.error].flat().includes(null))
        .map((e) => ({ thread: e.thread, verdict: scoreAbstention(e.error, of(e.thread).errorMessage) })),
    ),
    tally(
      "workaround recall",
      (answers.workarounds ?? []).map((w) => ({
        thread: w.thread,
        verdict: scoreWorkaround(w.must_mention, of(w.thread)),
      })),
    ),
    tally(
      "no false workaround",
      (answers.no_workaround ?? []).map((t) => ({ thread: t, verdict: scoreNoWorkaround(of(t)) })),
    ),
    tally(
      "fix status",
      fixedBy.map((f) => ({ thread: `${f.issue} <- ${f.pr}`, verdict: scoreFix(f, fixedBy, of(f.issue)) })),
    ),
    tally(
      "fix release",
      fixedBy
        .filter((f) => "released_in" in f)
        .map((f) => ({ thread: `${f.issue} <- ${f.pr}`, verdict: scoreRelease(f, of(f.issue)) })),
    ),
  ];
}

async function similarTallies(answers: Answers, store: Store): Promise<Tally[]> {
  const queries = (answers.duplicates ?? []).filter((d) => !d.explicit);
  const duplicates = [];
  for (const d of queries) {
    const answer = await similar(store, parseIssueRef(d.query), { limit: DUPLICATE_K });
    const ranked = answer.results.map((r) => r.ref);
    duplicates.push({ thread: d.query, verdict: scoreDuplicate(d.canonical, ranked, DUPLICATE_K) });
  }
  const clusters = [];
  for (const c of answers.error_clusters ?? []) {
    const answer = await similar(store, parseIssueRef(c.anchor), { limit: 500 });
    const flagged = new Set(answer.results.filter((r) => r.sameError).map((r) => r.ref));
    for (const v of scoreCluster(c, flagged))
      clusters.push({ thread: `${c.anchor} ~ ${v.thread}`, verdict: v.verdict });
  }
  return [tally(`duplicate recall@${DUPLICATE_K}`, duplicates), tally("same-error clusters", clusters)];
}
