// What the home page lists: trending issues, and recently analysed ones that are not already
// trending (the two lists never repeat each other). When few issues have been analysed, recently
// updated stored issues (imported or synced) fill the second list, marked as not analysed yet.
import { refKey } from "../../core/refs/parse-ref.js";
import type { ThreadRow } from "../../core/store/types.js";
import type { ServerContext } from "../context.js";
import type { TrendingEntry } from "./trending.js";

/** `analysedAt` is null for a stored issue that has no report yet (imported or synced). */
export type RecentIssue = ThreadRow & { analysedAt: string | null };

export type HomeModel = { trending: TrendingEntry[]; recent: RecentIssue[]; now: Date };

const RECENT = 10;

export async function homeLists(ctx: ServerContext): Promise<HomeModel> {
  const { store } = ctx.deps;
  const trending = await ctx.trending().catch(() => []);
  const shown = new Set(trending.map((t) => refKey(t.ref)));
  const rows = (await store.listThreads({ limit: 100 }).catch(() => [])).filter(
    (r) => r.kind === "issue" && !shown.has(refKey(r.ref)),
  );
  const analysed: RecentIssue[] = [];
  const notAnalysed: RecentIssue[] = [];
  for (const row of rows) {
    if (analysed.length === RECENT) break;
    const stored = await store.getReport(row.ref).catch(() => null);
    if (stored) analysed.push({ ...row, analysedAt: stored.storedAt });
    else if (notAnalysed.length < RECENT) notAnalysed.push({ ...row, analysedAt: null });
  }
  analysed.sort((a, b) => ((a.analysedAt ?? "") < (b.analysedAt ?? "") ? 1 : -1));
  const recent = [...analysed, ...notAnalysed].slice(0, Math.max(RECENT, analysed.length));
  return { trending, recent, now: ctx.deps.now() };
}
