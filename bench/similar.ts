// `similar` and `search` latency (issue 3) over 100,000 stored threads in SQLite, and in PostgreSQL
// when DATABASE_URL is set (in a schema of its own, dropped afterwards). The threads are generated
// here: titles and bodies from a small vocabulary (a few hundred common words and a long tail of
// rare ones), and for 60% of them a realistic error message (about 30 kinds, most naming one of 60
// components, values such as paths, ports and ids varied), so error signatures cluster: about ten
// generic errors with 800 to 2,500 threads each, thousands with a few dozen. They are written in large
// transactions with putThread + putSignature (the error text is known, so extraction is skipped).
// Baseline, in the same process and store: getThread of the same threads (one primary-key lookup
// and a JSON parse), so the ratio says how many lookups one similar() or search() costs.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { errorSignature } from "../src/core/similar/error-signature.js";
import { openStore } from "../src/core/store/open-store.js";
import type { PutThreadMeta, Store, StoreLocation } from "../src/core/store/types.js";
import type { IssueRef, Thread, TimelineEvent } from "../src/core/thread/types.js";
import { emptyReactions } from "../src/core/thread/types.js";
import { search } from "../src/core/use-cases/search.js";
import { similar } from "../src/core/use-cases/similar.js";
import { seededRandom } from "../standin/ids.js";
import { type MemoryPeak, measured } from "./proc.js";
import type { BenchOptions, BenchResult, Figure } from "./run.js";
import { fmt, median, peakRssMb, percentile, table } from "./stats.js";

const THREADS = 100_000;
const REPOS = 4;
const BATCH = 2_000;
/** Queries per kind (the same random threads, in the same order, for each kind), after a few unrecorded. */
const QUERIES = 300;
const WARMUP = 2;
/** A kind stops early after this long (but not before MIN_QUERIES), so the run ends in minutes. */
const BUDGET_MS = 30_000;
const MIN_QUERIES = 10;
const ERROR_SHARE = 0.6;
const HOST = "github.com";
const OWNER = "bench";

export async function benchSimilar(options: Partial<BenchOptions> = {}): Promise<BenchResult> {
  const threads = typeof options.threads === "string" ? Number(options.threads) : THREADS;
  if (!Number.isInteger(threads) || threads < 1000)
    throw new Error("--threads=N needs a whole number of at least 1000");
  const figures: Figure[] = [];
  const lines = [
    "## similar and search latency over a large store (issue 3)",
    `sizes: ${threads.toLocaleString("en")} threads in ${REPOS} repositories of ${(threads / REPOS).toLocaleString("en")}, ` +
      `${ERROR_SHARE * 100}% with an error message; up to ${QUERIES} measured queries per kind after ${WARMUP} unrecorded, ` +
      `each kind stopped after ${BUDGET_MS / 1000} s (at least ${MIN_QUERIES}); ms of wall time per call`,
  ];
  const root = mkdtempSync(join(tmpdir(), "issuegraph-bench-similar-"));
  try {
    const dbPath = join(root, "similar.db");
    lines.push(await benchBackend("SQLite", { kind: "sqlite", path: dbPath }, () => fileMb(dbPath), threads, figures));
    const url = process.env.DATABASE_URL;
    if (url && /^postgres(?:ql)?:\/\//i.test(url)) {
      const schema = `bench_similar_${process.pid}`;
      try {
        lines.push(
          await benchBackend("PostgreSQL", { kind: "postgres", url, schema }, () => null, threads, figures, url),
        );
      } finally {
        await dropSchema(url, schema);
      }
    } else {
      lines.push("", 'PostgreSQL: skipped (DATABASE_URL is not set; `eval "$(bash scripts/start-test-postgres.sh)"`)');
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  lines.push(`process peak RSS ${fmt(peakRssMb(), 0)} MB`);
  return { text: lines.join("\n"), figures };
}

async function benchBackend(
  name: string,
  location: StoreLocation,
  sizeMb: () => number | null,
  threads: number,
  figures: Figure[],
  pgUrl?: string,
): Promise<string> {
  const store = await openStore(location);
  try {
    const corpus = new Corpus(7);
    // PostgreSQL pays a round trip per statement: a few transactions at once hide some of it.
    // SQLite's connection runs one transaction at a time whatever we do.
    const fill = await measured(() => fillStore(store, corpus, location.kind === "postgres" ? 3 : 1, threads));
    progress(`${name}: filled in ${fmt(fill.seconds, 1)} s`);
    if (pgUrl && location.kind === "postgres") await vacuumSchema(pgUrl, location.schema ?? "issuegraph");
    const stats = await store.stats();

    const random = seededRandom(99);
    const refs = Array.from({ length: QUERIES + WARMUP }, () => corpus.refOf(Math.floor(random() * threads)));
    const texts = Array.from({ length: QUERIES + WARMUP }, (_, i) => corpus.searchText(random, i));

    const rows: (string | number)[][] = [];
    const memory: { name: string; m: MemoryPeak }[] = [{ name: "fill", m: fill.memory }];
    const kinds: [string, (i: number) => Promise<unknown>][] = [
      ["getThread (baseline)", (i) => store.getThread(refs[i] as IssueRef)],
      ["similar, own repo", (i) => similar(store, refs[i] as IssueRef, { limit: 10 })],
      ["similar, all repos", (i) => similar(store, refs[i] as IssueRef, { limit: 10, allRepos: true })],
      ["search", (i) => search(store, texts[i] as string, { limit: 20 })],
    ];
    let baseline = Number.NaN;
    const queryMemory = await measured(async () => {
      for (const [label, run] of kinds) {
        const t0 = performance.now();
        const ms = await timeEach(run);
        progress(`${name} ${label}: ${ms.length} queries in ${fmt((performance.now() - t0) / 1000, 1)} s`);
        const p50 = median(ms);
        if (Number.isNaN(baseline)) baseline = p50;
        else
          figures.push({
            backend: name,
            query: label,
            queries: ms.length,
            p50_ms: round2(p50),
            p95_ms: round2(percentile(ms, 95)),
            baseline_p50_ms: round2(baseline),
            // Other processes share the cores: the 1-minute load average as the kind finished.
            load_1m: round2(loadavg()[0] ?? 0),
          });
        rows.push([
          label,
          ms.length,
          fmt(p50, 2),
          fmt(percentile(ms, 95), 2),
          fmt(Math.max(...ms), 1),
          Number.isNaN(baseline) || label.includes("baseline") ? "1" : fmt(p50 / baseline, 0),
        ]);
      }
    });
    memory.push({ name: "queries", m: queryMemory.memory });
    // The query phase's memory (all kinds together) on each of its figures.
    for (const f of figures.filter((f) => f.backend === name)) {
      f.queries_peak_heap_mb = Math.round(queryMemory.memory.peakHeapMb);
      f.queries_peak_rss_mb = Math.round(queryMemory.memory.peakRssMb);
    }
    const size = sizeMb();
    return [
      "",
      `### ${name}: filled in ${fmt(fill.seconds, 1)} s (${fmt(threads / fill.seconds, 0)} threads/s, ` +
        `transactions of ${BATCH.toLocaleString("en")}); ${stats.threads.toLocaleString("en")} threads, ` +
        `${stats.signatures.toLocaleString("en")} signatures, ${corpus.keys.size.toLocaleString("en")} distinct error keys ` +
        `(largest cluster ${corpus.largestCluster()})${size === null ? "" : `; database ${fmt(size, 0)} MB`}`,
      table(["query (limit 10; search 20)", "queries", "p50 ms", "p95 ms", "max ms", "p50 / getThread p50"], rows),
      `memory: ${memory
        .map(
          ({ name: phase, m }) =>
            `${phase} peak heap ${fmt(m.peakHeapMb, 0)} MB (from ${fmt(m.heapStartMb, 0)}), peak RSS ${fmt(m.peakRssMb, 0)} MB`,
        )
        .join("; ")}`,
    ].join("\n");
  } finally {
    await store.close();
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Progress on stderr, so a long run shows where it is (the tables go to stdout). */
const progress = (message: string) => console.error(`[similar] ${message}`);

async function timeEach(run: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = QUERIES; i < QUERIES + WARMUP; i++) await run(i);
  const ms: number[] = [];
  const started = performance.now();
  for (let i = 0; i < QUERIES; i++) {
    if (i >= MIN_QUERIES && performance.now() - started > BUDGET_MS) break;
    const t0 = performance.now();
    await run(i);
    ms.push(performance.now() - t0);
  }
  return ms;
}

async function fillStore(store: Store, corpus: Corpus, concurrency: number, threads = THREADS): Promise<void> {
  const batches = Math.ceil(threads / BATCH);
  let next = 0;
  const worker = async () => {
    for (let b = next++; b < batches; b = next++) {
      const items = Array.from({ length: Math.min(BATCH, threads - b * BATCH) }, (_, i) =>
        corpus.thread(b * BATCH + i),
      );
      await store.transaction(async (tx) => {
        for (const { thread, error } of items) {
          await tx.putThread(thread, { ...META, errorMessage: error });
          if (error) {
            const sig = errorSignature(error);
            await tx.putSignature(thread.ref, { key: sig.key, family: sig.family, signature: sig.signature }, error);
          }
        }
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const META: Omit<PutThreadMeta, "errorMessage"> = {
  fetchedAt: "2026-01-01T00:00:00Z",
  via: "graphql",
  requests: { rest: 0, graphql: 1 },
  etag: null,
  source: "https://api.github.com",
};

function fileMb(path: string): number {
  let bytes = 0;
  for (const p of [path, `${path}-wal`]) {
    try {
      bytes += statSync(p).size;
    } catch {}
  }
  return bytes / 1024 / 1024;
}

async function vacuumSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    // What autovacuum does after a bulk load (statistics, visibility map), done now so that the
    // figures do not depend on when it happens to run.
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

// ---- the generated corpus ------------------------------------------------------------------------

const COMPONENTS = `webpack vite eslint prettier jest vitest typescript babel router terminal debugger extension
  explorer settings git remote ssh docker kubernetes postgres redis cache auth login oauth proxy network dns tls
  certificate upload download installer updater editor formatter linter compiler bundler server client worker
  scheduler queue database migration schema parser renderer gpu audio video camera bluetooth sync backup
  notifications search indexer`
  .split(/\s+/)
  .filter(Boolean);

const SYMPTOMS = [
  "crashes on startup",
  "hangs when opening large files",
  "fails after upgrade",
  "throws an error on save",
  "is very slow",
  "leaks memory",
  "does not start",
  "reports wrong line numbers",
  "loses the connection",
  "times out",
  "shows a blank screen",
  "ignores the configuration",
  "breaks on Windows",
  "fails in CI",
  "stops working after reload",
  "uses 100% CPU",
  "cannot be installed",
  "returns an empty result",
  "freezes the window",
  "corrupts the output",
];

const COMMON = `the a to is it in when on of and after with not this for error from but that have be fails
  version using running after update installed latest works worked before now again same issue problem expected
  actual behavior steps reproduce happens every time project file files folder open save build run start stop
  command line output log logs console message shows showing see seeing tried trying also still any help
  please thanks upgrade upgraded downgrade release node npm yarn pnpm python java go rust windows macos linux
  ubuntu debian docker container image config configuration setting settings option options flag default
  environment variable path directory permission network request response timeout slow fast memory cpu disk
  crash crashes crashed hang hangs freeze freezes broken break breaks fix fixed workaround regression bug
  feature support missing wrong incorrect unexpected invalid failed failure cannot unable able load loading
  loaded import export module package dependency dependencies plugin plugins extension extensions server
  client api endpoint token key user users account login session browser chrome firefox safari mobile desktop
  window tab panel view editor terminal shell script test tests testing debug debugger breakpoint stack trace`
  .split(/\s+/)
  .filter(Boolean);

/** A long tail of rare words (made-up identifiers, as issue text is full of them). */
const RARE = (() => {
  const syl = ["ka", "lo", "mir", "zen", "tor", "qua", "vex", "ri", "sol", "dan", "pel", "ux", "bri", "fo", "gan"];
  const random = seededRandom(5);
  const out = new Set<string>();
  while (out.size < 4000) {
    const n = 2 + Math.floor(random() * 3);
    out.add(Array.from({ length: n }, () => syl[Math.floor(random() * syl.length)]).join(""));
  }
  return [...out];
})();

type Chooser = <T>(list: readonly T[]) => T;
type ErrorTemplate = { weight: number; make: (c: string, pick: Chooser, n: () => number) => string };

const path = (pick: Chooser, n: () => number) =>
  `/${pick(["home", "Users", "var", "opt", "tmp"])}/${pick(RARE)}/${pick(["src", "lib", "app"])}/${pick(RARE)}${n()}.${pick(["js", "ts", "py", "json"])}`;
const hex = (n: () => number) => (n() * 7919 + 0x10000).toString(16);

// Weights: an error naming a component (weight 3, split over 60 components) clusters in dozens;
// the generic ones (weight 1, no component) cluster in hundreds.
const ERRORS: ErrorTemplate[] = [
  { weight: 1, make: (_c, p) => `TypeError: Cannot read properties of undefined (reading '${p(RARE)}')` },
  { weight: 1, make: (_c, p, n) => `Error: ENOENT: no such file or directory, open '${path(p, n)}'` },
  { weight: 1, make: () => "RangeError: Maximum call stack size exceeded" },
  { weight: 1, make: (_c, _p, n) => `SyntaxError: Unexpected token < in JSON at position ${n()}` },
  { weight: 1, make: () => "java.lang.OutOfMemoryError: Java heap space" },
  {
    weight: 1,
    make: (_c, _p, n) =>
      `panic: runtime error: invalid memory address or nil pointer dereference [signal SIGSEGV: segmentation violation code=0x1 addr=0x${hex(n)} pc=0x${hex(n)}]`,
  },
  { weight: 3, make: (c, _p, n) => `Error: ${c} failed to connect: connect ECONNREFUSED 127.0.0.1:${1000 + n()}` },
  { weight: 3, make: (c, _p, n) => `Error: ${c} listen EADDRINUSE: address already in use :::${3000 + n()}` },
  {
    weight: 3,
    make: (c, _p, n) =>
      `API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"${c} rate limit exceeded, retry after ${n()} seconds"}}`,
  },
  {
    weight: 3,
    make: (c, _p, n) =>
      `API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"${c} prompt is too long: ${n()} tokens > 200000 maximum"}}`,
  },
  {
    weight: 3,
    make: (c, p) => `ModuleNotFoundError: No module named ${c}.${p(["plugins", "core", "utils", "compat"])}`,
  },
  { weight: 3, make: (c, p, n) => `Error: Cannot find module '${path(p, n)}' required by ${c} loader` },
  {
    weight: 3,
    make: (c, p) =>
      `fatal: unable to access 'https://github.com/${p(RARE)}/${c}.git/': SSL certificate problem: unable to get local issuer certificate`,
  },
  { weight: 3, make: (c, _p, n) => `Error: ${c} request failed with status code ${400 + (n() % 104)}` },
  { weight: 3, make: (c, _p, n) => `TimeoutError: ${c} operation timed out after ${n()}ms` },
  { weight: 3, make: (c, p, n) => `PermissionError: [Errno 13] Permission denied while ${c} writes '${path(p, n)}'` },
  { weight: 3, make: (c, p, n) => `Error: EACCES: permission denied, mkdir '${path(p, n)}' (${c} cache)` },
  { weight: 3, make: (c, p) => `TypeError: ${c}.${p(RARE)} is not a function` },
  { weight: 3, make: (c) => `ReferenceError: ${c}Config is not defined` },
  { weight: 3, make: (c, p) => `Error: ${c} request failed: getaddrinfo ENOTFOUND ${p(RARE)}.example.com` },
  { weight: 3, make: (c, p) => `KeyError: '${p(RARE)}' in ${c} settings` },
  { weight: 3, make: (c, _p, n) => `Error: ${c} process exited with code ${n() % 256}` },
  {
    weight: 3,
    make: (c, _p, n) =>
      `npm ERR! code ERESOLVE npm ERR! ERESOLVE unable to resolve dependency tree while resolving ${c}@${n() % 20}.${n() % 10}.0`,
  },
  {
    weight: 3,
    make: (c, p, n) => `ERROR: ${c} could not acquire lock on ${path(p, n)}: resource temporarily unavailable`,
  },
  { weight: 3, make: (c) => `Error: self signed certificate in certificate chain while ${c} fetches updates` },
  { weight: 3, make: (c, _p, n) => `AssertionError [ERR_ASSERTION]: ${c} expected ${n()} to equal ${n()}` },
  { weight: 3, make: (c) => `sqlite3.OperationalError: database is locked in ${c} store` },
  {
    weight: 3,
    make: (c, p) => `Unhandled Rejection: ${c} worker ${p(["crashed", "stopped", "was killed"])} unexpectedly`,
  },
];
const ERROR_WEIGHT = ERRORS.reduce((s, e) => s + e.weight, 0);

class Corpus {
  /** Signature key -> how many threads carry it (and the first of them: the canonical of duplicates). */
  readonly keys = new Map<string, { count: number; first: IssueRef }>();
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  refOf(i: number): IssueRef {
    return { host: HOST, owner: OWNER, repo: `repo${i % REPOS}`, number: Math.floor(i / REPOS) + 1 };
  }

  largestCluster(): number {
    let max = 0;
    for (const v of this.keys.values()) max = Math.max(max, v.count);
    return max;
  }

  private pick: Chooser = (list) => list[Math.floor(this.random() * list.length)] as (typeof list)[number];
  private n = () => Math.floor(this.random() * 5000);
  /** Mostly common words, sometimes a rare one (skewed to the front of each list, as word use is). */
  private word = () => {
    const list = this.random() < 0.85 ? COMMON : RARE;
    return list[Math.floor(list.length * this.random() ** 2.5)] as string;
  };
  private sentence = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(this.random() * (max - min + 1)) }, this.word).join(" ");

  error(component: string): string {
    let roll = this.random() * ERROR_WEIGHT;
    let template = ERRORS[0] as ErrorTemplate;
    for (const e of ERRORS) {
      roll -= e.weight;
      if (roll < 0) {
        template = e;
        break;
      }
    }
    return template.make(component, this.pick, this.n);
  }

  thread(i: number): { thread: Thread; error: string | null } {
    const ref = this.refOf(i);
    const component = this.pick(COMPONENTS);
    const error = this.random() < ERROR_SHARE ? this.error(component) : null;
    const title = `${component} ${this.pick(SYMPTOMS)}${this.random() < 0.5 ? ` ${this.sentence(1, 3)}` : ""}`;
    const paragraphs = Array.from({ length: 1 + Math.floor(this.random() * 3) }, () => `${this.sentence(8, 20)}.`);
    const body = [
      ...paragraphs,
      ...(error ? ["```", error, "```"] : []),
      `Steps to reproduce: ${this.sentence(5, 12)}.`,
    ].join("\n\n");
    const created = Date.parse("2024-01-01T00:00:00Z") + i * 60_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const url = `https://${HOST}/${ref.owner}/${ref.repo}/issues/${ref.number}`;
    const author = (login: string) => ({ login, association: "NONE" as const, isBot: false });
    const comments = Array.from({ length: Math.floor(this.random() * 3) }, (_, k) => ({
      id: i * 10 + k + 1,
      url: `${url}#issuecomment-${i * 10 + k + 1}`,
      author: author(`user${Math.floor(this.random() * 5000)}`),
      createdAt: iso(created + (k + 1) * 3_600_000),
      updatedAt: iso(created + (k + 1) * 3_600_000),
      body: `${this.sentence(5, 25)}.`,
      reactions: emptyReactions(),
    }));
    const events: TimelineEvent[] = [];
    let state: Thread["state"] = this.random() < 0.5 ? "closed" : "open";
    let stateReason: Thread["stateReason"] = state === "closed" ? "completed" : null;
    if (error) {
      const key = errorSignature(error).key;
      const seen = this.keys.get(key);
      if (seen) {
        seen.count++;
        // Some reports of a known error get closed as its duplicate.
        if (this.random() < 0.05) {
          const at = iso(created + 86_400_000);
          events.push({ type: "marked_as_duplicate", actor: "maintainer", createdAt: at, canonical: seen.first });
          events.push({ type: "closed", actor: "maintainer", createdAt: at, stateReason: "duplicate", closer: null });
          state = "closed";
          stateReason = "duplicate";
        }
      } else this.keys.set(key, { count: 1, first: ref });
    }
    const updated = iso(created + 2 * 86_400_000);
    const thread: Thread = {
      ref,
      kind: "issue",
      url,
      title,
      body,
      author: author(`user${Math.floor(this.random() * 5000)}`),
      state,
      stateReason,
      labels: this.random() < 0.4 ? [this.pick(["bug", "question", "needs-triage", "enhancement"])] : [],
      locked: false,
      activeLockReason: null,
      createdAt: iso(created),
      updatedAt: updated,
      closedAt: state === "closed" ? updated : null,
      reactions: emptyReactions(),
      pull: null,
      comments,
      events,
      closedByPulls: [],
      movedFrom: null,
    };
    return { thread, error };
  }

  /** Search input as people type it: a pasted error, a few keywords, or a title-like phrase. */
  searchText(random: () => number, i: number): string {
    const component = COMPONENTS[Math.floor(random() * COMPONENTS.length)] as string;
    if (i % 3 === 0) return this.error(component);
    if (i % 3 === 1) return `${component} ${this.word()} ${this.word()}`;
    return `${component} ${SYMPTOMS[Math.floor(random() * SYMPTOMS.length)]}`;
  }
}
