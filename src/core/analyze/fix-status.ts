// Fix status from the closing links only: a pull request counts as a fix when it was merged, and
// a commit counts when it closed the issue. Open or closed-unmerged pull requests are reported as
// proposals, never as fixes.

import { formatRef, threadUrl } from "../refs/parse-ref.js";
import { day, list } from "../text/format.js";
import type { LinkedThread } from "../thread/link.js";
import type { FixPull, FixStatus, ReportEvidence, ReportLink } from "../thread/report.js";
import type { IssueRef, Thread } from "../thread/types.js";
import { claimedFixes } from "./fix-claims.js";
import { toReportEvidence } from "./links.js";

export type ReleaseInfo = { tag: string; publishedAt: string | null };
/** First release containing a pull's merge, keyed "owner/repo#n"; null: looked up, none found. */
export type Releases = ReadonlyMap<string, ReleaseInfo | null>;
export type ReportCommit = { sha: string; url: string | null; evidence: ReportEvidence[] };
export type Fix = { status: FixStatus; summary: string; pulls: FixPull[] };
/** Commits that closed the issue (a `closed` event names them). */
export type ClosingCommit = { sha: string; url: string | null };

export const shortSha = (sha: string): string => sha.slice(0, 7);

export type FixInput = {
  thread: Thread;
  links: readonly ReportLink[];
  /** The input links, for what ReportLink leaves out (merge dates). */
  linked: readonly LinkedThread[];
  commits: readonly ReportCommit[];
  releases?: Releases | undefined;
};

export function fixStatus({ thread, links, linked, commits, releases }: FixInput): Fix {
  if (thread.kind === "pull") return ownPull(thread, releases);
  const mergedAt = new Map(linked.map((l) => [formatRef(l.target).toLowerCase(), l.summary?.mergedAt ?? null]));
  const pulls = closingPulls(thread, links, mergedAt, releases);
  for (const claim of claimedFixes(thread, linked)) {
    const ref = formatRef(claim.link.target);
    const s = claim.link.summary;
    if (!s?.merged || pulls.some((p) => p.ref.toLowerCase() === ref.toLowerCase())) continue;
    pulls.push({
      ref,
      url: s.url,
      title: s.title,
      state: s.state,
      merged: true,
      mergedAt: s.mergedAt,
      ...release(ref, releases),
      evidence: [toReportEvidence(claim.evidence)],
    });
  }
  const closers = closingCommits(thread, commits);
  const merged = pulls.filter((p) => p.merged);
  const open = pulls.filter((p) => !p.merged && p.state !== "closed");
  const unmerged = pulls.filter((p) => !p.merged && p.state === "closed");
  const status: FixStatus =
    merged.length > 0 || closers.length > 0
      ? "fixed"
      : open.length > 0
        ? "fix-open"
        : unmerged.length > 0
          ? "fix-unmerged"
          : "none";
  return { status, summary: summarise(thread, status, { merged, open, unmerged, closers }, releases), pulls };
}

/**
 * Pull requests that close the issue: closed-by links of depth 1, closedByPulls, closed-event
 * closers; then (in fixStatus) merged pull requests a maintainer or their author says fixed it, and
 * the replacements of unmerged closers (fix-claims.ts).
 */
function closingPulls(
  thread: Thread,
  links: readonly ReportLink[],
  mergedAt: ReadonlyMap<string, string | null>,
  releases?: Releases,
): FixPull[] {
  const out = new Map<string, FixPull>();
  for (const l of links) {
    if (l.depth !== 1 || l.type !== "pull" || !l.relations.includes("closed-by")) continue;
    out.set(l.ref.toLowerCase(), {
      ref: l.ref,
      url: l.url,
      title: l.title,
      state: l.state,
      merged: l.merged === true,
      mergedAt: l.merged === true ? (mergedAt.get(l.ref.toLowerCase()) ?? null) : null,
      ...release(l.ref, releases),
      evidence: l.evidence,
    });
  }
  // Closers GitHub names but the link list lacks (no summary: state and merge unknown).
  const extra: IssueRef[] = [...thread.closedByPulls];
  for (const e of thread.events) if (e.type === "closed" && e.closer?.kind === "pull") extra.push(e.closer.ref);
  for (const ref of extra) {
    const key = formatRef(ref).toLowerCase();
    if (out.has(key) || links.some((l) => l.ref.toLowerCase() === key && l.type === "issue")) continue;
    out.set(key, {
      ref: formatRef(ref),
      url: threadUrl(ref, "pull"),
      title: null,
      state: null,
      merged: false,
      mergedAt: null,
      ...release(formatRef(ref), releases),
      evidence: [],
    });
  }
  return [...out.values()];
}

function release(ref: string, releases?: Releases): { releasedIn: string | null; releasedAt: string | null } {
  const r = releases?.get(ref) ?? null;
  return { releasedIn: r?.tag ?? null, releasedAt: r?.publishedAt ?? null };
}

function closingCommits(thread: Thread, commits: readonly ReportCommit[]): ClosingCommit[] {
  const out = new Map<string, ClosingCommit>();
  for (const c of commits) {
    if (c.evidence.some((e) => e.event === "closed")) out.set(c.sha, { sha: c.sha, url: c.url });
  }
  for (const e of thread.events) {
    if (e.type === "closed" && e.closer?.kind === "commit" && !out.has(e.closer.sha)) {
      out.set(e.closer.sha, { sha: e.closer.sha, url: e.closer.url });
    }
  }
  return [...out.values()];
}

type Groups = { merged: FixPull[]; open: FixPull[]; unmerged: FixPull[]; closers: ClosingCommit[] };

function summarise(thread: Thread, status: FixStatus, g: Groups, releases?: Releases): string {
  const closedHow =
    thread.state === "closed" && thread.stateReason === "not_planned"
      ? " The issue itself was closed as not planned."
      : thread.state === "closed" && thread.stateReason === "duplicate"
        ? " The issue itself was closed as a duplicate."
        : "";
  switch (status) {
    case "fixed": {
      if (g.merged.length === 1 && g.merged[0]) {
        const p = g.merged[0];
        const when = p.mergedAt ? ` (merged ${day(p.mergedAt)})` : " (merged)";
        return `Fixed by ${p.ref}${when}${releasePhrase(p, releases)}.${others(g)}`;
      }
      if (g.merged.length > 1) {
        const parts = g.merged.map((p) => `${p.ref} (merged${p.mergedAt ? ` ${day(p.mergedAt)}` : ""})`);
        return `Fixed by ${list(parts)}.${others(g)}`;
      }
      return `Fixed by commit ${list(g.closers.map((c) => shortSha(c.sha)))}, which closed the issue.`;
    }
    case "fix-open":
      return `A fix is proposed in ${list(g.open.map((p) => p.ref))}, ${g.open.length === 1 ? "which is" : "which are"} ${
        g.open.every((p) => p.state === "open") ? "still open" : "not known to be merged"
      }; nothing that fixes this has been merged.${closedHow}`;
    case "fix-unmerged":
      return `A fix was proposed in ${list(g.unmerged.map((p) => p.ref))} but ${
        g.unmerged.length === 1 ? "it was" : "they were"
      } closed without merging.${closedHow}`;
    case "none":
      return thread.state === "closed" && thread.stateReason === "completed"
        ? "The issue was closed as completed, but no pull request or commit that fixes it is linked."
        : `No pull request or commit that fixes this is linked.${closedHow}`;
  }
}

function releasePhrase(p: FixPull, releases?: Releases): string {
  if (p.releasedIn) return `, released in ${p.releasedIn}`;
  // Looked up and not found, as opposed to not looked up at all (then say nothing).
  if (releases?.has(p.ref)) return "; no release containing it was found";
  return "";
}

function others(g: Groups): string {
  const notMerged = [...g.open, ...g.unmerged];
  if (notMerged.length === 0) return "";
  const parts = notMerged.map((p) => `${p.ref} (${p.state === "closed" ? "closed without merging" : "not merged"})`);
  return ` Other proposed changes: ${parts.join(", ")}.`;
}

/** A pull request reported on: its own merge state is the answer. */
function ownPull(thread: Thread, releases?: Releases): Fix {
  const ref = formatRef(thread.ref);
  const merged = thread.pull?.merged === true;
  const self: FixPull = {
    ref,
    url: thread.url,
    title: thread.title,
    state: thread.state,
    merged,
    mergedAt: merged ? (thread.pull?.mergedAt ?? null) : null,
    ...release(ref, releases),
    evidence: [],
  };
  if (merged) {
    const when = self.mergedAt ? ` on ${day(self.mergedAt)}` : "";
    return {
      status: "fixed",
      summary: `This pull request was merged${when}${releasePhrase(self, releases)}.`,
      pulls: [self],
    };
  }
  if (thread.state === "open") {
    const draft = thread.pull?.draft ? " (draft)" : "";
    return { status: "fix-open", summary: `This pull request is open${draft} and not merged.`, pulls: [self] };
  }
  return { status: "fix-unmerged", summary: "This pull request was closed without merging.", pulls: [self] };
}
