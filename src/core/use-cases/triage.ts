// The triage comment: the extracted error, other issues with the same error, likely duplicates
// with their scores, and any fix already shipped. One comment per issue, found again by a hidden
// marker and updated in place. It only comments: it never closes, labels or assigns.
import {
  type Block,
  code,
  heading,
  html,
  type Inline,
  link,
  list,
  paragraph,
  serialize,
  strong,
} from "../render/markdown-nodes.js";
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

const issueUrl = (report: Report, ref: string): string | null => {
  const m = /^([^/]+)\/([^#]+)#(\d+)$/.exec(ref);
  return m ? `https://${report.host}/${m[1]}/${m[2]}/issues/${m[3]}` : null;
};

const MAX_ERROR_CHARS = 2000;

/** The comment body: Markdown in which everything from GitHub users stays text and no @mention notifies. */
export function triageComment(report: Report, duplicates: SimilarResult[]): string {
  const body = serialize([
    html(TRIAGE_MARKER),
    heading(3, "issuegraph triage"),
    ...errorPart(report),
    ...sameErrorPart(report),
    ...duplicatesPart(report, duplicates),
    ...fixPart(report),
    paragraph(
      html("<sub>"),
      "Written by issuegraph from the issue and the issues it has stored. This comment is updated in place when triage runs again; issuegraph never closes, labels or assigns.",
      html("</sub>"),
    ),
  ]);
  return body.length <= MAX_COMMENT_CHARS ? body : `${body.slice(0, MAX_COMMENT_CHARS - 20)}\n\n(truncated)\n`;
}

function errorPart(report: Report): Block[] {
  const error = report.errorMessage;
  if (!error) return [paragraph("No error message was found in the issue.")];
  const shown = error.length > MAX_ERROR_CHARS ? `${error.slice(0, MAX_ERROR_CHARS)}…` : error;
  return [paragraph(strong("Error")), code(shown, "text")];
}

function sameErrorPart(report: Report): Block[] {
  const same = report.sameError;
  if (!same || same.count <= 0) return [];
  const items = same.fixedOrWorkaround
    .slice(0, 5)
    .map((t): Inline => [link(t.ref, issueUrl(report, t.ref)), `: ${t.title} (${t.how})`]);
  const head = paragraph(strong(`Same error in ${same.count} other stored issue${same.count === 1 ? "" : "s"}.`));
  return items.length > 0 ? [head, list(false, items)] : [head];
}

function duplicatesPart(report: Report, duplicates: SimilarResult[]): Block[] {
  if (duplicates.length === 0) return [paragraph("No likely duplicate among the stored issues.")];
  const items = duplicates.map((d): Inline => {
    const state = `${d.state}${d.stateReason ? `, ${d.stateReason.replace(/_/g, " ")}` : ""}`;
    return [link(d.ref, issueUrl(report, d.ref)), ` (score ${d.score.toFixed(2)}): ${d.title} [${state}]`];
  });
  return [paragraph(strong("Likely duplicates")), list(false, items)];
}

function fixPart(report: Report): Block[] {
  const shipped = report.fix.pulls.filter((p) => p.merged);
  if (report.fix.status !== "fixed" || shipped.length === 0) {
    return [paragraph(strong("Fix:"), ` ${report.fix.summary}`)];
  }
  const items = shipped.map((p): Inline => {
    const release = p.releasedIn ? `, first released in ${p.releasedIn}` : ", not in a release yet";
    return [link(p.ref, p.url), ` merged${p.mergedAt ? ` on ${p.mergedAt.slice(0, 10)}` : ""}${release}`];
  });
  return [paragraph(strong("Fix")), list(false, items)];
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
