// The triage comment: the extracted error, other issues with the same error, likely duplicates
// with their scores, and any fix already shipped. One comment per issue, found again by a hidden
// marker and updated in place. It only comments: it never closes, labels or assigns.
import { escapeInline, safeUrl } from "../render/markdown-escape.js";
import type { SimilarResult } from "../similar/rank.js";
import type { Store } from "../store/types.js";
import type { Report } from "../thread/report.js";
import type { IssueRef } from "../thread/types.js";
import type { CachePolicy } from "./obtain-thread.js";
import { buildReport, type ReportSource } from "./report.js";
import { LIKELY_DUPLICATE, similar } from "./similar.js";

/** Hidden in the rendered comment; how a re-run finds its own comment. */
export const TRIAGE_MARKER = "<!-- issuegraph:triage -->";
/** GitHub refuses comment bodies longer than this. */
const MAX_COMMENT_CHARS = 65_536;

export type TriageComments = {
  listIssueComments(ref: IssueRef): Promise<{ id: number; url: string; body: string; author: string | null }[]>;
  createIssueComment(ref: IssueRef, body: string): Promise<{ id: number; url: string }>;
  updateIssueComment(ref: IssueRef, id: number, body: string): Promise<{ id: number; url: string }>;
};

export type TriageResult = {
  ref: string;
  /** dry-run: printed only; created / updated: posted; unchanged: the posted comment already says this. */
  action: "dry-run" | "created" | "updated" | "unchanged";
  commentId: number | null;
  commentUrl: string | null;
  body: string;
  sameErrorCount: number;
  likelyDuplicates: { ref: string; title: string; score: number }[];
  fixStatus: Report["fix"]["status"];
};

const fenceFor = (code: string): string =>
  "`".repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));

const link = (text: string, url: string | null): string => {
  const safe = url ? safeUrl(url) : null;
  return safe ? `[${escapeInline(text)}](${safe})` : escapeInline(text);
};

const issueUrl = (report: Report, ref: string): string | null => {
  const m = /^([^/]+)\/([^#]+)#(\d+)$/.exec(ref);
  return m ? `https://${report.host}/${m[1]}/${m[2]}/issues/${m[3]}` : null;
};

/** The comment body: Markdown in which everything from GitHub users is escaped and no @mention notifies. */
export function triageComment(report: Report, duplicates: SimilarResult[]): string {
  const lines: string[] = [TRIAGE_MARKER, "### issuegraph triage", ""];
  if (report.errorMessage) {
    const error = report.errorMessage.length > 2000 ? `${report.errorMessage.slice(0, 2000)}…` : report.errorMessage;
    const fence = fenceFor(error);
    lines.push("**Error**", "", `${fence}text`, error, fence, "");
  } else {
    lines.push("No error message was found in the issue.", "");
  }
  const same = report.sameError;
  if (same && same.count > 0) {
    lines.push(`**Same error in ${same.count} other stored issue${same.count === 1 ? "" : "s"}.**`);
    for (const t of same.fixedOrWorkaround.slice(0, 5)) {
      lines.push(`- ${link(t.ref, issueUrl(report, t.ref))}: ${escapeInline(t.title)} (${escapeInline(t.how)})`);
    }
    lines.push("");
  }
  if (duplicates.length > 0) {
    lines.push("**Likely duplicates**", "");
    for (const d of duplicates) {
      lines.push(
        `- ${link(d.ref, issueUrl(report, d.ref))} (score ${d.score.toFixed(2)}): ${escapeInline(d.title)} [${d.state}${d.stateReason ? `, ${d.stateReason.replace(/_/g, " ")}` : ""}]`,
      );
    }
    lines.push("");
  } else {
    lines.push("No likely duplicate among the stored issues.", "");
  }
  const shipped = report.fix.pulls.filter((p) => p.merged);
  if (report.fix.status === "fixed" && shipped.length > 0) {
    lines.push("**Fix**", "");
    for (const p of shipped) {
      const release = p.releasedIn ? `, first released in ${escapeInline(p.releasedIn)}` : ", not in a release yet";
      lines.push(`- ${link(p.ref, p.url)} merged${p.mergedAt ? ` on ${p.mergedAt.slice(0, 10)}` : ""}${release}`);
    }
    lines.push("");
  } else {
    lines.push(`**Fix:** ${escapeInline(report.fix.summary)}`, "");
  }
  lines.push(
    "<sub>Written by issuegraph from the issue and the issues it has stored. This comment is updated in place when triage runs again; issuegraph never closes, labels or assigns.</sub>",
    "",
  );
  const body = lines.join("\n");
  return body.length <= MAX_COMMENT_CHARS ? body : `${body.slice(0, MAX_COMMENT_CHARS - 20)}\n\n(truncated)\n`;
}

export type TriageDeps = {
  source: ReportSource;
  store: Store;
  now: () => Date;
  /** Needed only to post (--comment). */
  comments: TriageComments | null;
};

export async function triage(
  ref: IssueRef,
  options: { post: boolean; cache: CachePolicy; maxDuplicates?: number },
  deps: TriageDeps,
): Promise<TriageResult> {
  const { report } = await buildReport(ref, { depth: 1, cache: options.cache }, deps);
  const answer = await similar(deps.store, ref, { limit: 20, allRepos: true });
  const duplicates = answer.results.filter((r) => r.score >= LIKELY_DUPLICATE).slice(0, options.maxDuplicates ?? 5);
  const body = triageComment(report, duplicates);
  const base = {
    ref: report.ref,
    body,
    sameErrorCount: report.sameError?.count ?? 0,
    likelyDuplicates: duplicates.map((d) => ({ ref: d.ref, title: d.title, score: d.score })),
    fixStatus: report.fix.status,
  };
  if (!options.post || !deps.comments) return { ...base, action: "dry-run", commentId: null, commentUrl: null };
  const existing = (await deps.comments.listIssueComments(ref)).find((c) => c.body.includes(TRIAGE_MARKER));
  if (existing && existing.body.trim() === body.trim()) {
    return { ...base, action: "unchanged", commentId: existing.id, commentUrl: existing.url };
  }
  const posted = existing
    ? await deps.comments.updateIssueComment(ref, existing.id, body)
    : await deps.comments.createIssueComment(ref, body);
  return { ...base, action: existing ? "updated" : "created", commentId: posted.id, commentUrl: posted.url };
}
