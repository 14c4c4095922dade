// Test-only: an app over a real in-memory SQLite store, a recording fake GitHub source, a
// steppable clock and a recording logger, plus a tiny cookie-keeping client for app.request().

import { NotFoundError } from "../core/errors.js";
import { summaryOf } from "../core/graph/summary.js";
import { refKey } from "../core/refs/parse-ref.js";
import { renderMarkdown } from "../core/render/markdown.js";
import { openSqliteStore } from "../core/store/sqlite/sqlite-store.js";
import type { Store } from "../core/store/types.js";
import type { IssueRef, Thread, ThreadSummary } from "../core/thread/types.js";
import { emptyReactions } from "../core/thread/types.js";
import type { Tool } from "../core/tools/catalog.js";
import type { ReportSource } from "../core/use-cases/report.js";
import { createApp, type IssuegraphApp } from "./app.js";
import type { ServerDeps, ServerLogger } from "./deps.js";
import { loadCatalogFile } from "./node.js";

export const SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
export const ADMIN_TOKEN = "admin-token-Zq7xW2-very-secret-0123456789";
export const GITHUB_TOKEN = "ghp_testtoken1234567890abcdefghijklmnop";

export function testRef(number: number, owner = "acme", repo = "widget"): IssueRef {
  return { host: "github.com", owner, repo, number };
}

export function testThread(number: number, over: Partial<Thread> = {}): Thread {
  const ref = over.ref ?? testRef(number);
  const url = `https://github.com/${ref.owner}/${ref.repo}/issues/${ref.number}`;
  return {
    ref,
    kind: "issue",
    url,
    title: `Widget fails to start (${number})`,
    body: "Starting the widget fails:\n\n```\nError: ENOENT: no such file or directory, open '/etc/widget.conf'\n```\n",
    author: { login: "alice", association: "NONE", isBot: false },
    state: "open",
    stateReason: null,
    labels: ["bug"],
    locked: false,
    activeLockReason: null,
    createdAt: "2026-04-01T10:00:00Z",
    updatedAt: "2026-04-09T10:00:00Z",
    closedAt: null,
    reactions: { ...emptyReactions(), "+1": 3 },
    pull: null,
    comments: [
      {
        id: number * 1000 + 1,
        url: `${url}#issuecomment-${number * 1000 + 1}`,
        author: { login: "bob", association: "NONE", isBot: false },
        createdAt: "2026-04-09T09:00:00Z",
        updatedAt: "2026-04-09T09:00:00Z",
        body: "Same here. Workaround:\n\n```sh\ntouch /etc/widget.conf\n```\n",
        reactions: emptyReactions(),
      },
    ],
    events: [],
    closedByPulls: [],
    movedFrom: null,
    ...over,
  };
}

/** A promise with its resolve/reject outside. */
export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A GitHub stand-in in memory: records every call; optionally holds fetches until `gate` opens. */
export class FakeSource implements ReportSource {
  readonly apiUrl = "https://api.github.com";
  readonly fetched: IssueRef[] = [];
  readonly threads = new Map<string, Thread>();
  gate: Promise<void> | null = null;
  failWith: Error | null = null;
  private counts = { rest: 0, graphql: 0 };

  constructor(
    threads: readonly Thread[],
    private readonly now: () => Date,
  ) {
    for (const t of threads) this.threads.set(refKey(t.ref), t);
  }

  async fetchThread(ref: IssueRef) {
    this.fetched.push(ref);
    this.counts.graphql++;
    if (this.gate) await this.gate;
    if (this.failWith) throw this.failWith;
    const thread = this.threads.get(refKey(ref));
    if (!thread) throw new NotFoundError(`${ref.owner}/${ref.repo}#${ref.number} was not found`, "Check the number.");
    return {
      notModified: false as const,
      thread: structuredClone(thread),
      meta: {
        fetchedAt: this.now().toISOString(),
        via: "graphql" as const,
        requests: { rest: 0, graphql: 1 },
        etag: null,
      },
    };
  }

  async fetchSummaries(refs: IssueRef[]) {
    const out = new Map<string, ThreadSummary | null>();
    for (const r of refs) {
      const t = this.threads.get(refKey(r));
      out.set(refKey(r), t ? summaryOf(t) : null);
    }
    return out;
  }

  async findFirstRelease() {
    return null;
  }

  requests() {
    return { ...this.counts };
  }
}

/** A source that must never be used: any call is recorded and fails. */
export function forbiddenSource(): ReportSource & { calls: string[] } {
  const calls: string[] = [];
  const fail = (what: string) => {
    calls.push(what);
    throw new Error(`unexpected upstream call: ${what}`);
  };
  return {
    calls,
    apiUrl: "https://api.github.com",
    fetchThread: async () => fail("fetchThread"),
    fetchSummaries: async () => fail("fetchSummaries"),
    findFirstRelease: async () => fail("findFirstRelease"),
    requests: () => ({ rest: 0, graphql: 0 }),
  };
}

export class TestClock {
  constructor(private t = Date.parse("2026-04-10T12:00:00Z")) {}
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

export type LogLine = { level: "info" | "warn" | "error"; obj: object; msg?: string };

export function recordingLogger(): ServerLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: "info", obj, msg }),
    warn: (obj, msg) => lines.push({ level: "warn", obj, msg }),
    error: (obj, msg) => lines.push({ level: "error", obj, msg }),
  };
}

let catalogCache: Tool[] | null = null;
export const defaultCatalog = () => {
  catalogCache ??= loadCatalogFile(null);
  return catalogCache;
};

export type TestApp = {
  app: IssuegraphApp;
  store: Store;
  source: FakeSource;
  clock: TestClock;
  logger: ReturnType<typeof recordingLogger>;
  deps: ServerDeps;
};

export async function makeTestApp(
  threads: readonly Thread[] = [testThread(7)],
  over: Partial<ServerDeps> = {},
): Promise<TestApp> {
  const clock = new TestClock();
  const store = await openSqliteStore(":memory:", { now: clock.now });
  const source = new FakeSource(threads, clock.now);
  const logger = recordingLogger();
  const deps: ServerDeps = {
    store,
    reportSource: source,
    allowedHosts: ["github.com"],
    now: clock.now,
    secret: SECRET,
    adminToken: ADMIN_TOKEN,
    catalog: defaultCatalog(),
    freshnessMs: 10 * 60_000,
    logger,
    renderMarkdown,
    ...over,
  };
  return { app: createApp(deps), store, source, clock, logger, deps };
}

/** Keeps cookies between app.request() calls, like a browser on one site. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: IssuegraphApp,
    readonly origin = "http://localhost",
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const res = await this.app.request(`${this.origin}${path}`, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }

  /** A form post from this site's own page (same-origin headers, as a browser sends them). */
  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: this.origin,
        "sec-fetch-site": "same-origin",
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** A scripted post from this site's page: same-origin headers and the double-submit header, as app.js sends. */
  postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const csrf = this.cookies.get("ig_csrf");
    return this.request(path, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: this.origin,
        "sec-fetch-site": "same-origin",
        ...(csrf ? { "x-csrf-token": csrf } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
  }
}

/** The value of a hidden input in a page. */
export function hiddenInput(html: string, name: string): string | null {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  return m?.[1] ?? null;
}

/** Client addresses from a test header, so tests can play several readers. */
export const testClientIp = (c: { req: { header(name: string): string | undefined } }) =>
  c.req.header("x-test-client") ?? "192.0.2.1";
