// The report use-case: obtain the thread (store or GitHub) -> discover and crawl links -> find the
// releases of merged fixes -> analyze -> remember. Everything it touches is injected, so the CLI,
// the server and the workers share it and tests run it on fakes. It is the one write path of a
// report: it returns what it stored, and tells its phases through `onPhase`.
import { analyze } from "../analyze/analyze.js";
import { diffReports } from "../analyze/changes.js";
import { claimedFixes } from "../analyze/fix-claims.js";
import { type CrawlDeps, crawl } from "../graph/crawl.js";
import { boundMarkdown } from "../markdown/budget.js";
import { formatRef, refKey, sameRef } from "../refs/parse-ref.js";
import type { Store, StoredReport } from "../store/types.js";
import type { LinkedThread } from "../thread/link.js";
import type { Report } from "../thread/report.js";
import type { FetchMeta, IssueRef, Thread, ThreadSummary } from "../thread/types.js";
import {
  type CachePolicy,
  DEFAULT_FRESHNESS_MS,
  type Obtained,
  obtainThread,
  type ThreadFetcher,
} from "./obtain-thread.js";
import { sameErrorPart } from "./similar.js";
import { storeThread, threadErrorText } from "./store-thread.js";

export type ReleaseInfo = { tag: string; publishedAt: string | null };

/** The slice of the GitHub client this use-case needs. */
export type ReportSource = ThreadFetcher & {
  fetchSummaries(refs: IssueRef[]): Promise<Map<string, ThreadSummary | null>>;
  findFirstRelease(repo: { host: string; owner: string; repo: string }, sha: string): Promise<ReleaseInfo | null>;
  requests(): RequestCounts;
  /** Identifies the API the threads come from (its base URL), so stored threads from another API are not reused. */
  apiUrl: string;
};

type RequestCounts = { rest: number; graphql: number };

/** Where the use-case is, in order ("releases" only online, "similar" and "store" only with a store). */
export type ReportPhase = "fetch" | "links" | "releases" | "similar" | "analyse" | "store";

export type ReportOptions = {
  depth: number;
  maxNodes?: number;
  /** How the store may stand in for GitHub (default: normal, 10 minutes fresh). */
  cache?: CachePolicy;
};

export type ReportDeps = {
  source: ReportSource;
  now: () => Date;
  /** Without a store nothing is cached or remembered and "Same error elsewhere" stays empty. */
  store?: Store | null;
  /**
   * Rewrites the five sections from the report's evidence (the optional LLM writer, core/llm). It
   * never throws: it returns the report unchanged, with meta.llm saying why, when its output fails.
   */
  writer?: ((report: Report) => Promise<Report>) | null;
  /** Told when each phase starts (the server's loading page shows it). */
  onPhase?: (phase: ReportPhase) => void;
};

export type BuiltReport = {
  /** The thread's ref as GitHub answered (another than the requested one after a transfer). */
  ref: IssueRef;
  report: Report;
  /** The report as the store keeps it (its id, when, from which thread version); null without a store. */
  stored: StoredReport | null;
};

/** Analyse and keep one thread; with a store the stored report comes back as it was written. */
export function buildReport(
  ref: IssueRef,
  options: ReportOptions,
  deps: ReportDeps & { store: Store },
): Promise<BuiltReport & { stored: StoredReport }>;
export function buildReport(ref: IssueRef, options: ReportOptions, deps: ReportDeps): Promise<BuiltReport>;
export async function buildReport(ref: IssueRef, options: ReportOptions, deps: ReportDeps): Promise<BuiltReport> {
  const before = deps.source.requests();
  const store = deps.store ?? null;
  deps.onPhase?.("fetch");
  const obtained = await obtainAndKeep(ref, options, deps);
  // Read once: it gives the releases already found and what changed since (null on the first).
  const previous = store ? await store.getReport(obtained.thread.ref) : null;
  const fresh = await analyseThread(obtained.thread, obtained.meta, options, deps, {
    before,
    previous: previous?.report ?? null,
  });
  const answered = obtained.thread.ref;
  if (!store) return { ref: answered, report: fresh.report, stored: null };
  const report: Report = { ...fresh.report, changes: previous ? diffReports(previous.report, fresh.report) : null };
  deps.onPhase?.("store");
  const stored = await store.transaction(async (tx) => {
    await tx.putLinks(answered, fresh.directLinks);
    return tx.putReport(report, { etag: obtained.etag, fetchedAt: obtained.meta.fetchedAt });
  });
  return { ref: answered, report, stored };
}

/** The thread from the store or GitHub; a fetched (or revalidated) one is stored with its error signature. */
async function obtainAndKeep(ref: IssueRef, options: ReportOptions, deps: ReportDeps): Promise<Obtained> {
  const store = deps.store ?? null;
  const policy = options.cache ?? { mode: "normal", freshnessMs: DEFAULT_FRESHNESS_MS };
  const obtained = await obtainThread(ref, policy, {
    fetcher: deps.source,
    cache: store,
    now: deps.now,
    source: deps.source.apiUrl,
  });
  if (store && obtained.changed) {
    await storeThread(store, obtained.thread, { ...obtained.meta, etag: obtained.etag, source: deps.source.apiUrl });
  }
  return obtained;
}

/**
 * Analyse a thread already in hand (fetched, or read from the store). Offline mode makes no request.
 * Returns the report and the direct links the store keeps for the thread.
 */
async function analyseThread(
  thread: Thread,
  meta: FetchMeta,
  options: ReportOptions,
  deps: ReportDeps,
  context: { before: RequestCounts; previous: Report | null },
): Promise<{ report: Report; directLinks: LinkedThread[] }> {
  const offline = options.cache?.mode === "offline";
  const store = deps.store ?? null;
  deps.onPhase?.("links");
  const graph = await crawl(thread, crawlSource(meta, offline, deps), {
    depth: options.depth,
    maxNodes: options.maxNodes ?? 200,
  });
  if (!offline) deps.onPhase?.("releases");
  const releases = offline
    ? undefined
    : await findReleases(thread, graph.links, deps.source, knownReleases(context.previous));
  const after = deps.source.requests();
  const requests = { rest: after.rest - context.before.rest, graphql: after.graphql - context.before.graphql };
  // The analysis names the store's same-error count in the TL;DR, so it is read first.
  if (store) deps.onPhase?.("similar");
  const sameError = store ? await sameErrorPart(store, { thread, errorText: threadErrorText(thread) }) : undefined;
  deps.onPhase?.("analyse");
  const report = analyze({
    thread,
    links: graph.links,
    commits: graph.commits,
    meta: { ...meta, requests },
    depth: options.depth,
    generatedAt: deps.now().toISOString(),
    releases,
    sameError,
  });
  const textLimits = markdownBudgetUse(thread);
  const limited: Report = textLimits ? { ...report, meta: { ...report.meta, textLimits } } : report;
  const written = deps.writer ? await deps.writer(limited) : limited;
  return { report: written, directLinks: graph.links.filter((l) => l.depth === 1) };
}

/** How the crawl reaches linked threads: the store alone offline, else GitHub with the store's summaries. */
function crawlSource(meta: FetchMeta, offline: boolean, deps: ReportDeps): CrawlDeps {
  const store = deps.store ?? null;
  return {
    fetchSummaries: (refs) =>
      offline ? summariesFromStore(store, refs) : cachedSummaries(store, refs, meta.via === "store", deps),
    fetchThread: async (r) => {
      if (offline) return (await store?.getThread(r))?.thread ?? null;
      const fetched = await deps.source.fetchThread(r);
      return fetched.thread;
    },
  };
}

/** Which of the thread's texts went over the Markdown parse budget, and how (null when none did). */
export function markdownBudgetUse(thread: Thread): { simplified: string[]; texts: number } | null {
  const kinds = new Set<string>();
  let texts = 0;
  for (const text of [thread.body, ...thread.comments.map((c) => c.body)]) {
    const { simplified } = boundMarkdown(text);
    if (simplified.length === 0) continue;
    texts++;
    for (const s of simplified) kinds.add(s);
  }
  return texts ? { simplified: [...kinds].sort(), texts } : null;
}

/**
 * Linked threads' summaries. When the thread itself came from the store (fresh or revalidated), the
 * stored summaries serve too, so an unchanged issue costs no request; new ones are fetched and kept.
 */
async function cachedSummaries(
  store: Store | null,
  refs: IssueRef[],
  threadFromStore: boolean,
  deps: ReportDeps,
): Promise<Map<string, ThreadSummary | null>> {
  const known = store && threadFromStore ? await store.getSummaries(refs) : new Map<string, ThreadSummary>();
  const missing = refs.filter((r) => !known.has(refKey(r)));
  const fetched = missing.length ? await deps.source.fetchSummaries(missing) : new Map<string, ThreadSummary | null>();
  const found = [...fetched.values()].filter((s): s is ThreadSummary => s !== null);
  if (store && found.length) await store.putSummaries(found, deps.now().toISOString());
  return new Map<string, ThreadSummary | null>([...known, ...fetched]);
}

async function summariesFromStore(store: Store | null, refs: IssueRef[]): Promise<Map<string, ThreadSummary | null>> {
  return store ? new Map(await store.getSummaries(refs)) : new Map();
}

/**
 * For each merged pull request that closes the thread, the first release that contains its merge
 * commit. The merge commit comes from the summary, else from the closed event's closer, else from
 * one batched summary request for the pulls still unknown.
 */
async function findReleases(
  thread: Thread,
  links: LinkedThread[],
  source: ReportSource,
  known: Map<string, ReleaseInfo>,
): Promise<Map<string, ReleaseInfo | null>> {
  const releases = new Map<string, ReleaseInfo | null>(known);
  const claimed = new Set(claimedFixes(thread, links).map((c) => refKey(c.link.target)));
  const fixes = links.filter(
    (l) =>
      l.summary?.merged &&
      ((l.depth === 1 && l.relations.includes("closed-by")) || claimed.has(refKey(l.target))) &&
      !known.has(formatRef(l.target)),
  );
  const shas = new Map<string, string>();
  const unknown: IssueRef[] = [];
  for (const link of fixes) {
    const sha = link.summary?.mergeCommitSha ?? closerSha(thread, link.target);
    if (sha) shas.set(refKey(link.target), sha);
    else unknown.push(link.target);
  }
  if (unknown.length) {
    for (const [key, summary] of await source.fetchSummaries(unknown)) {
      if (summary?.mergeCommitSha) shas.set(key, summary.mergeCommitSha);
    }
  }
  for (const link of fixes) {
    const sha = shas.get(refKey(link.target));
    if (!sha) continue;
    const { host, owner, repo } = link.target;
    releases.set(formatRef(link.target), await source.findFirstRelease({ host, owner, repo }, sha));
  }
  return releases;
}

/** Releases found by the previous report: the first release containing a commit never changes once it exists. */
function knownReleases(previous: Report | null): Map<string, ReleaseInfo> {
  const known = new Map<string, ReleaseInfo>();
  for (const pull of previous?.fix.pulls ?? []) {
    if (pull.releasedIn) known.set(pull.ref, { tag: pull.releasedIn, publishedAt: pull.releasedAt });
  }
  return known;
}

function closerSha(thread: Thread, pull: IssueRef): string | null {
  for (const e of thread.events) {
    if (e.type === "closed" && e.closer?.kind === "pull" && sameRef(e.closer.ref, pull) && e.closer.mergeCommitSha) {
      return e.closer.mergeCommitSha;
    }
  }
  return null;
}
