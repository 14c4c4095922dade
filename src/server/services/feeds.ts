// The Atom feeds: per issue, what changed between its stored reports (a fix merged, the release
// that contains it, the state, new comments...; computed by core/analyze/changes' diffReports, the
// same code as the page's "what changed"), and per repository, its newest reports.
import { createHash } from "node:crypto";
import { diffReports } from "../../core/analyze/changes.js";
import { refKey } from "../../core/refs/parse-ref.js";
import type { RepoRef, StoredReport } from "../../core/store/types.js";
import type { Report } from "../../core/thread/report.js";
import type { IssueRef } from "../../core/thread/types.js";
import type { ServerContext } from "../context.js";
import type { AtomEntry, AtomFeed } from "../html/atom.js";
import { issuePath, pathOfRefText, repoPathOf } from "../views/format.js";

/** Reports of one issue read for its feed (entries compare neighbours, so one more than shown). */
const ISSUE_HISTORY = 21;
const REPO_ENTRIES = 30;

/** A stable, unique entry id that needs no domain: a name-based UUID. */
function uuidOf(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const stripCode = (s: string) => s.replace(/`([^`\n]+)`/g, "$1");

function statusLine(r: Report): string {
  const state = r.state === "closed" && r.stateReason ? `closed (${r.stateReason.replace(/_/g, " ")})` : r.state;
  return `State: ${state}. ${stripCode(r.fix.summary)}`;
}

/** The entries of one issue's feed, newest first: one per report that changed something. */
function issueEntries(ref: IssueRef, history: readonly StoredReport[], complete: boolean): AtomEntry[] {
  const page = issuePath(ref);
  const entries: AtomEntry[] = [];
  history.forEach((cur, i) => {
    const prev = history[i + 1];
    const id = uuidOf(`${refKey(ref)}|report|${cur.id}`);
    if (prev) {
      const changes = diffReports(prev.report, cur.report).items;
      if (changes.length === 0) return;
      entries.push({
        id,
        title: `${cur.report.ref}: ${stripCode(changes[0]?.text ?? "")}${changes.length > 1 ? ` (+${changes.length - 1} more)` : ""}`,
        link: page,
        updated: cur.storedAt,
        lines: changes.map((c) => stripCode(c.text)),
      });
    } else if (complete) {
      entries.push({
        id,
        title: `${cur.report.ref}: first report`,
        link: page,
        updated: cur.storedAt,
        lines: [statusLine(cur.report), ...cur.report.sections.tldr.map((s) => stripCode(s.text))],
      });
    }
  });
  return entries;
}

export async function issueFeed(ctx: ServerContext, ref: IssueRef): Promise<AtomFeed | null> {
  const history = await ctx.deps.store.listReports(ref, ISSUE_HISTORY);
  const latest = history[0];
  if (!latest) return null;
  const page = issuePath(ref);
  const entries = issueEntries(ref, history, history.length < ISSUE_HISTORY);
  return {
    id: uuidOf(`${refKey(ref)}|feed`),
    title: `What changed in ${latest.report.ref}: ${latest.report.title}`,
    subtitle:
      "A new entry whenever a new report of this issue finds a change: a fix merged, the release that contains it, the state, new comments or links.",
    link: page,
    self: `${page}.atom`,
    updated: entries[0]?.updated ?? latest.storedAt,
    base: ctx.refs.publicUrl("/"),
    entries,
  };
}

export async function repoFeed(ctx: ServerContext, repo: RepoRef): Promise<AtomFeed | null> {
  const { store } = ctx.deps;
  const rows = (await store.listThreads({ repo, limit: 200 })).filter((r) => r.kind === "issue");
  if (rows.length === 0) return null;
  const latest: StoredReport[] = [];
  for (const row of rows) {
    const stored = await store.getReport(row.ref).catch(() => null);
    if (stored) latest.push(stored);
  }
  latest.sort((a, b) => (a.storedAt < b.storedAt ? 1 : a.storedAt > b.storedAt ? -1 : b.id - a.id));
  const entries: AtomEntry[] = latest.slice(0, REPO_ENTRIES).map((s) => {
    const r = s.report;
    const changes = r.changes?.items ?? [];
    return {
      id: uuidOf(`${r.ref}|report|${s.id}`),
      title: `${r.ref}: ${r.title}`,
      link: pathOfRefText(r.ref) ?? repoPathOf(repo),
      updated: s.storedAt,
      lines: [
        statusLine(r),
        ...(changes.length > 0
          ? changes.map((c) => `Changed: ${stripCode(c.text)}`)
          : r.sections.tldr.map((t) => stripCode(t.text))),
      ],
    };
  });
  const name = `${repo.owner}/${repo.repo}`;
  const path = repoPathOf(repo);
  return {
    id: uuidOf(`${repo.host}/${name}|feed`.toLowerCase()),
    title: `issuegraph: ${name}`,
    subtitle: `The newest reports on issues of ${name}, with what changed in each.`,
    link: path,
    self: `${path}/feed.atom`,
    updated: entries[0]?.updated ?? new Date(0).toISOString(),
    base: ctx.refs.publicUrl("/"),
    entries,
  };
}
