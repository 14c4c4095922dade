// The report use-case with a store, end to end against the stand-in: the first report has
// changes: null; a re-report after the thread moved on says what changed (new comments, labels,
// links, workarounds); the writer hook runs on every report and its outcome lands in meta.llm; the
// use-case returns the report it stored and tells its phases.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createGitHubClient } from "../../src/core/github/index.js";
import { makeLlmWriter } from "../../src/core/llm/writer.js";
import { openStore } from "../../src/core/store/open-store.js";
import type { Store } from "../../src/core/store/types.js";
import { buildReport, type ReportPhase } from "../../src/core/use-cases/report.js";
import type { FixtureThread } from "../../standin/fixture-schema.js";
import { type Standin, startStandin } from "../../standin/index.js";

const base: FixtureThread = {
  owner: "acme",
  repo: "widget",
  type: "issue",
  number: 7,
  title: "Widget crashes on start",
  body: "It crashes.\n\n```\nTypeError: boom\n```\n\n- Version: 1.2.3\n- OS: macOS",
  author: { login: "alice", association: "NONE" },
  state: "open",
  state_reason: null,
  labels: [],
  locked: false,
  created_at: "2024-01-01T00:00:00Z",
  updated_at: "2024-01-01T12:00:00Z",
  closed_at: null,
  reactions: {},
  pull: null,
  comments: [
    {
      id: 101,
      author: { login: "bob", association: "NONE" },
      created_at: "2024-01-01T12:00:00Z",
      body: "Same here on 1.2.4.",
      reactions: {},
    },
  ],
  events: [],
};
const other: FixtureThread = {
  ...base,
  number: 8,
  title: "Crash on start after update",
  body: "See acme/widget#7",
  comments: [],
  events: [],
};
const later: FixtureThread = {
  ...base,
  labels: ["confirmed"],
  updated_at: "2024-01-03T00:00:00Z",
  comments: [
    ...base.comments,
    {
      id: 102,
      author: { login: "carol", association: "NONE" },
      created_at: "2024-01-02T00:00:00Z",
      body: "Setting `WIDGET_SAFE=1` worked for me.",
      reactions: { "+1": 2 },
    },
    {
      id: 103,
      author: { login: "dave", association: "NONE" },
      created_at: "2024-01-02T10:00:00Z",
      body: "This worked for me too, thanks!",
      reactions: {},
    },
  ],
  events: [
    { event: "labeled", actor: "maint", created_at: "2024-01-02T11:00:00Z", label: "confirmed" },
    { event: "cross-referenced", actor: "erin", created_at: "2024-01-02T12:00:00Z", source: "acme/widget#8" },
  ],
};

const open: { standin?: Standin; store?: Store } = {};
afterEach(async () => {
  await open.standin?.close();
  await open.store?.close();
  open.standin = undefined;
  open.store = undefined;
});

async function reportWith(thread: FixtureThread, store: Store, writer?: Parameters<typeof buildReport>[2]["writer"]) {
  await open.standin?.close();
  open.standin = undefined;
  open.standin = await startStandin({ fixtures: [thread, other] });
  const source = createGitHubClient({ apiUrl: open.standin.url, token: "test-token" });
  const { report } = await buildReport(
    { host: "github.com", owner: "acme", repo: "widget", number: 7 },
    { depth: 1, cache: { mode: "refresh", freshnessMs: 0 } },
    { source, now: () => new Date("2024-02-01T00:00:00Z"), store, writer: writer ?? null },
  );
  return report;
}

describe("report history", () => {
  it("has no changes on the first report, and says what changed on the next", async () => {
    const dir = mkdtempSync(join(tmpdir(), "issuegraph-history-"));
    open.store = await openStore({ kind: "sqlite", path: join(dir, "h.db") });
    const first = await reportWith(base, open.store);
    expect(first.changes).toBeNull();
    expect(first.snapshot?.at).toBe("2024-01-01T12:00:00Z");

    const second = await reportWith(later, open.store);
    const items = second.changes?.items ?? [];
    expect(second.changes?.sinceFetchedAt).toBe(first.meta.fetchedAt);
    expect(items.map((i) => i.kind)).toEqual(["comments", "labels", "links", "workarounds"]);
    expect(items[0]?.text).toBe("2 new comments (3 in all).");
    expect(items[0]?.citations.map((c) => c.url)).toContain("https://github.com/acme/widget/issues/7#issuecomment-102");
    expect(items[1]?.text).toBe('Labels: added "confirmed".');
    expect(items[2]?.text).toBe("1 new link: acme/widget#8 (mentioned-by).");
    expect(items[3]?.text).toBe('1 new workaround reported: "Setting `WIDGET_SAFE=1` worked for me." (carol).');
    // carol's 👍 2 and dave's "worked for me too": three independent confirmations.
    expect(second.workarounds?.[0]).toMatchObject({ author: "carol", confirmations: 3, code: "WIDGET_SAFE=1" });
    // Stored: the store's newest report is this one, changes included.
    expect(
      (await open.store.getReport({ host: "github.com", owner: "acme", repo: "widget", number: 7 }))?.report.changes,
    ).toEqual(second.changes);
  });
});

describe("the writer hook", () => {
  it("runs after the analysis and records its outcome; the report keeps the deterministic sections on failure", async () => {
    const dir = mkdtempSync(join(tmpdir(), "issuegraph-writer-"));
    open.store = await openStore({ kind: "sqlite", path: join(dir, "w.db") });
    const writer = makeLlmWriter(
      { provider: "openai", model: "m", baseUrl: "http://127.0.0.1:9", apiKey: null, timeoutMs: 2000, maxTokens: 256 },
      { fetch: (url, init) => fetch(url, init) },
    );
    const r = await reportWith(base, open.store, writer);
    expect(r.meta.analyzer).toBe("deterministic");
    expect(r.meta.llm).toMatchObject({ provider: "openai", model: "m", status: "failed" });
    expect(r.sections.tldr[0]?.text).toMatch(/^Open issue reporting TypeError: boom/);
  });
});

/** The store, counting its getReport calls. */
function countingReports(store: Store): { store: Store; count: () => number } {
  let calls = 0;
  const counted = new Proxy(store, {
    get(target, prop) {
      if (prop === "getReport") {
        return (...args: Parameters<Store["getReport"]>) => {
          calls++;
          return target.getReport(...args);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { store: counted, count: () => calls };
}

describe("the write path", () => {
  const ref = { host: "github.com", owner: "acme", repo: "widget", number: 7 };
  const now = () => new Date("2024-02-01T00:00:00Z");

  it("returns the report it stored with the thread's links, telling each phase in order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "issuegraph-write-"));
    open.store = await openStore({ kind: "sqlite", path: join(dir, "w.db") });
    open.standin = await startStandin({ fixtures: [later, other] });
    const source = createGitHubClient({ apiUrl: open.standin.url, token: "test-token" });
    const phases: ReportPhase[] = [];
    const built = await buildReport(
      ref,
      { depth: 1 },
      { source, now, store: open.store, onPhase: (p) => phases.push(p) },
    );
    expect(phases).toEqual(["fetch", "links", "releases", "similar", "analyse", "store"]);
    expect(built.stored.report).toBe(built.report);
    expect(built.stored).toEqual(await open.store.getReport(ref));
    expect((await open.store.getLinks(ref)).map((l) => l.target.number)).toEqual([8]);
    const reads = countingReports(open.store);
    const again = await buildReport(ref, { depth: 1 }, { source, now, store: reads.store });
    expect(reads.count()).toBe(1); // the previous report, read once for releases and changes
    expect(again.stored.id).toBeGreaterThan(built.stored.id);
    expect(again.report.changes?.sinceFetchedAt).toBe(built.report.meta.fetchedAt);
  });

  it("without a store stores nothing and skips the store's phases", async () => {
    open.standin = await startStandin({ fixtures: [base, other] });
    const source = createGitHubClient({ apiUrl: open.standin.url, token: "test-token" });
    const phases: ReportPhase[] = [];
    const built = await buildReport(ref, { depth: 1 }, { source, now, onPhase: (p) => phases.push(p) });
    expect(phases).toEqual(["fetch", "links", "releases", "analyse"]);
    expect(built.stored).toBeNull();
    expect(built.report.ref).toBe("acme/widget#7");
  });
});
