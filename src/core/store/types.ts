// The one Store interface every backend implements (SQLite embedded, PostgreSQL shared). The
// contract suite (store-contract.test-helper.ts) is the executable definition of what these methods mean.
import type { Link } from "../thread/link.js";
import type { Report } from "../thread/report.js";
import type {
  FetchMeta,
  IssueRef,
  StateReason,
  Thread,
  ThreadKind,
  ThreadState,
  ThreadSummary,
} from "../thread/types.js";

export type Backend = "sqlite" | "postgres";

/** Where the store lives. `schema` (PostgreSQL) defaults to "issuegraph". */
export type StoreLocation = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string; schema?: string };

export type RepoRef = Pick<IssueRef, "host" | "owner" | "repo">;

export type PutThreadMeta = FetchMeta & {
  etag: string | null;
  errorMessage: string | null;
  /** Which API the thread came from (e.g. its base URL), so one store never mixes worlds; null when unknown. */
  source?: string | null;
};

export type StoredThread = {
  thread: Thread;
  fetchedAt: string;
  etag: string | null;
  via: FetchMeta["via"];
  errorMessage: string | null;
  /** The API the thread was fetched from, as given to putThread; null for imported threads. */
  source: string | null;
};

/** The versions of the inputs a report was built from. */
export type ReportInputs = { etag: string | null; fetchedAt: string | null };

export type StoredReport = { id: number; report: Report; storedAt: string; inputs: ReportInputs };

/** What the store keeps of an error signature (computed by core/similar, not by the store). */
export type SignatureInput = { key: string; family: string; signature: string };

export type StoredSignature = SignatureInput & { ref: IssueRef; errorText: string };

/** A stored thread as listed, searched or matched: enough to rank and show it. */
export type ThreadRow = {
  ref: IssueRef;
  kind: ThreadKind;
  title: string;
  state: ThreadState;
  stateReason: StateReason;
  updatedAt: string;
  fetchedAt: string;
  /** The canonical thread when this one is marked as a duplicate (last such event not undone). */
  duplicateOf: IssueRef | null;
  errorText: string | null;
  signatureKey: string | null;
};

/**
 * A word as the index knows it: `term` is the backend's normal form of `word` (its stem: FTS5's
 * porter tokenizer, PostgreSQL's english configuration), `docs` how many stored threads hold it.
 */
export type TermStat = { word: string; term: string; docs: number };

/** The index's own statistics for some words: the number of indexed threads and each word's term. */
export type TermStats = { docs: number; terms: TermStat[] };

/**
 * One index term in one thread. `strong`: it occurs in the thread's title or error text (not only in
 * its body or comments). `docId` is the store's id of the thread, `repoKey` its repository's key
 * (`repoKeyOf`), so that a caller can take the best matches within one repository; null unless
 * asked for (`withRepo`) where it costs a lookup per thread (SQLite).
 */
export type Posting = { docId: number; term: string; strong: boolean; repoKey: string | null };

/** A term to look up, with a word that the index turns into it (SQLite's tokenizer stems the word itself). */
export type TermRef = { term: string; word: string };

/** What the store knows of a thread's fix, from its newest report and its closing pulls. */
export type FixInfo = {
  /** The newest report's fix status ("fixed", "fix-open", "fix-unmerged", "none"), null without a report. */
  status: string | null;
  summary: string | null;
  /** The newest report's strongest workaround, if any. */
  workaround: string | null;
  /** Pull requests that closed the thread. */
  closedBy: IssueRef[];
};

/** A candidate row: the thread, its fix information, and why it was fetched. */
export type CandidateRow = ThreadRow & {
  docId: number;
  /** The stored signature's family (the bucket near matches are looked for in), null without one. */
  signatureFamily: string | null;
  fix: FixInfo;
};

/** What `candidates` fetches in one query. */
export type CandidateQuery = {
  /** Threads by store id (the best text matches). */
  docIds: readonly number[];
  /** Also the canonicals these threads are marked duplicates of, and these threads themselves. */
  refs?: readonly IssueRef[];
  /** Threads whose error signature key equals this (at most `perSignature` of them, fixed ones first). */
  signatureKey?: string | null;
  /** Threads in this signature family with another key (near-match candidates, at most `perSignature`). */
  family?: string | null;
  perSignature?: number;
  /** Read each thread's fix (newest report, closing pulls) and order the same-signature threads fixed first. */
  withFix?: boolean;
};

export type CandidateAnswer = {
  rows: CandidateRow[];
  /** How many stored threads carry `signatureKey` (all of them, not only those returned). */
  signatureCount: number;
};

/** A full-text hit. `rank` is the backend's relevance (bm25 or ts_rank), higher is better; scales differ per backend. */
export type SearchHit = ThreadRow & { rank: number };

export type SearchOptions = { repo?: RepoRef; limit: number };

export type Watermark = {
  /** Threads updated at or after this time are still to be synced (ISO 8601). */
  since: string | null;
  listEtag: string | null;
  cursor: string | null;
};

export type VoteCounts = Record<string, number>;

export type Activity = { ref: IssueRef; title: string | null; views: number; votes: number };

export type StoreStats = {
  backend: Backend;
  schemaVersion: number;
  threads: number;
  repos: number;
  reports: number;
  signatures: number;
  votes: number;
  views: number;
};

export interface Store {
  readonly backend: Backend;

  /** Insert or replace a thread with how it was fetched; indexes it for search in the same transaction. */
  putThread(thread: Thread, meta: PutThreadMeta): Promise<void>;
  getThread(ref: IssueRef): Promise<StoredThread | null>;
  putSummaries(summaries: readonly ThreadSummary[], fetchedAt: string): Promise<void>;
  getSummaries(refs: readonly IssueRef[]): Promise<Map<string, ThreadSummary>>;
  /** Replace the links found from a thread. */
  putLinks(from: IssueRef, links: readonly Link[]): Promise<void>;
  getLinks(from: IssueRef): Promise<Link[]>;

  /** Keeps every report (history). `inputs` default to the stored thread's etag and the report's fetchedAt. */
  putReport(report: Report, inputs?: ReportInputs): Promise<StoredReport>;
  getReport(ref: IssueRef): Promise<StoredReport | null>;
  /** Newest first. */
  listReports(ref: IssueRef, limit?: number): Promise<StoredReport[]>;

  /** One signature per thread (replaces); also feeds the error text to the search index. */
  putSignature(ref: IssueRef, signature: SignatureInput, errorText: string): Promise<void>;
  getSignature(ref: IssueRef): Promise<StoredSignature | null>;
  /** Forget a thread's signature (its error is gone, e.g. the body was edited); drops the error text from search. */
  clearSignature(ref: IssueRef): Promise<void>;
  /** Stored threads whose signature key equals `key`. */
  findBySignature(key: string, options?: { limit?: number }): Promise<ThreadRow[]>;
  /** Stored threads whose signature family equals `family` (candidates for a near match). */
  findByErrorFamily(family: string, options?: { limit?: number }): Promise<ThreadRow[]>;

  /** The index's statistics for these words (more-like-this and search choose their terms by them). */
  termStats(words: readonly string[]): Promise<TermStats>;
  /**
   * Every thread (in any repository) holding any of these index terms (as `termStats` gives them),
   * and whether in its title or error; at most `maxPostings` rows (callers pick terms rare enough).
   * With `withRepo`, each names its thread's repository.
   */
  postings(terms: readonly TermRef[], options?: { maxPostings?: number; withRepo?: boolean }): Promise<Posting[]>;
  /** Candidate threads with their fix information, in one indexed query (see CandidateQuery). */
  candidates(query: CandidateQuery): Promise<CandidateAnswer>;

  /** Full-text search over title, body, error text and comments; any of the words, best first. */
  search(text: string, options: SearchOptions): Promise<SearchHit[]>;
  /** The relevance of the given threads to `text` on the same scale as `search` (0 when no word matches). */
  rankText(text: string, refs: readonly IssueRef[]): Promise<Map<string, number>>;

  getWatermark(repo: RepoRef): Promise<Watermark | null>;
  setWatermark(repo: RepoRef, watermark: Watermark): Promise<void>;
  /**
   * Runs `fn` in one transaction: everything it does through `tx` commits together or not at all.
   * Use `tx`, not the outer store, inside `fn` (the outer one waits for the transaction to end).
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  /** Toggles a voter's signal on a thread; returns whether it is now on, and the thread's counts. */
  castVote(
    ref: IssueRef,
    signal: string,
    voterId: string,
    at: string,
  ): Promise<{ active: boolean; counts: VoteCounts }>;
  getVotes(ref: IssueRef, voterId?: string): Promise<{ counts: VoteCounts; mine: string[] }>;
  recordView(ref: IssueRef, at: string): Promise<void>;
  /** Views and distinct voters per thread since `since`, most active first (views are deduplicated per viewer by the caller). */
  activitySince(since: string, options: { limit: number }): Promise<Activity[]>;

  /** The rows of the given threads that are stored (in no particular order). */
  findThreads(refs: readonly IssueRef[]): Promise<ThreadRow[]>;
  /** Stored threads, most recently updated first. */
  listThreads(options: { repo?: RepoRef; limit: number; offset?: number }): Promise<ThreadRow[]>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
