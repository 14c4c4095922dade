// Gathers everything the issue page shows, from the stored report and the store. The parts that
// are only furniture (similar, trending, votes) degrade to empty on a store hiccup rather than
// taking the page down.

import type { StoredReport } from "../../core/store/types.js";
import type { Report } from "../../core/thread/report.js";
import type { IssueRef } from "../../core/thread/types.js";
import { type RankedTool, rankTools, toolBatch } from "../../core/tools/match.js";
import { issueProfile } from "../../core/tools/profile.js";
import { type EvidenceSignal, evidenceSignals } from "../../core/votes/evidence.js";
import { isSignal, normaliseVoteCounts, type Signal, type VoteCounts } from "../../core/votes/signals.js";
import type { ServerContext } from "../context.js";
import type { SimilarIssue } from "../deps.js";
import { linkGraphSvg } from "../html/graph-svg.js";
import { issuePath, pathOfRefText } from "../views/format.js";
import type { TrendingEntry } from "./trending.js";

/** Everything the issue page (views/issue.tsx) shows. */
export type IssueModel = {
  report: Report;
  stale: boolean;
  refreshing: boolean;
  bodyHtml: string;
  /** Says when the body was simplified or shown as plain text (parse budget). */
  bodyNote?: string | null;
  graphSvg: string;
  similar: SimilarIssue[];
  /** `mine` is filled only for a page rendered for one reader (after a form vote). */
  votes: { counts: VoteCounts; mine: Signal[] };
  evidence: EvidenceSignal[];
  tools: { category: string; tags: string[]; batches: RankedTool[][] };
  trending: TrendingEntry[];
  paths: { page: string; markdown: string; json: string; votes: string; feed: string };
  /** The page's absolute URL when the site's public origin is configured. */
  canonicalUrl: string | null;
  /** Shown after a form vote without JavaScript. */
  flash: string | null;
};

export async function buildIssueModel(
  ctx: ServerContext,
  input: {
    ref: IssueRef;
    stored: StoredReport;
    stale: boolean;
    refreshing: boolean;
    /** The reader, for a page rendered for one reader (after a form vote); null for the shared page. */
    voterId: string | null;
    flash: string | null;
  },
): Promise<IssueModel> {
  const { report } = input.stored;
  // Furniture: on failure, log and show the part empty.
  const orEmpty = <T>(what: string, p: Promise<T>, empty: T): Promise<T> =>
    p.catch((err: unknown) => {
      ctx.deps.logger.warn({ err: err instanceof Error ? err.name : "error", what }, "page part unavailable");
      return empty;
    });
  const noVotes: { counts: Record<string, number>; mine: string[] } = { counts: {}, mine: [] };
  const [body, similar, votes, trending] = await Promise.all([
    ctx.markdownBody.render(report.body),
    orEmpty<SimilarIssue[]>("similar", ctx.similar(input.ref, report), []),
    orEmpty("votes", ctx.deps.store.getVotes(input.ref, input.voterId || undefined), noVotes),
    orEmpty<TrendingEntry[]>("trending", ctx.trending(), []),
  ]);
  const profile = issueProfile(report);
  const ranked = rankTools(ctx.deps.catalog, profile);
  const tags = [...profile.tags.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
  const page = issuePath(input.ref);
  return {
    report,
    stale: input.stale,
    refreshing: input.refreshing,
    bodyHtml: body.html,
    bodyNote: body.fallback
      ? "This text was too costly to format in time, so it is shown as plain text."
      : body.simplified.length
        ? `Parts of this text exceed the formatting budget (${body.simplified.join(", ")}) and are shown simplified.`
        : null,
    graphSvg: linkGraphSvg({ ref: report.ref, title: report.title, state: report.state }, report.links, {
      pagePath: (l) => (l.type === "issue" ? pathOfRefText(l.ref) : null),
    }),
    similar,
    votes: { counts: normaliseVoteCounts(votes.counts), mine: votes.mine.filter(isSignal) },
    evidence: evidenceSignals(report),
    tools: { category: profile.category, tags, batches: [toolBatch(ranked, 0), toolBatch(ranked, 1)] },
    trending,
    paths: {
      page,
      markdown: `${page}.md`,
      json: `/api/v1/issues/${encodeURIComponent(input.ref.owner)}/${encodeURIComponent(input.ref.repo)}/${input.ref.number}`,
      votes: `${page}/votes`,
      feed: `${page}.atom`,
    },
    canonicalUrl: ctx.refs.publicUrl(page),
    flash: input.flash,
  };
}
