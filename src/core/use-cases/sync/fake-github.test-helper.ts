// An in-memory repository that answers like GitHub's issue list (state=all, sort=updated,
// direction=asc, `since` inclusive, page-number Link URLs, ETag + 304) and fetchThread. Tests
// change the world between and during runs, and make any call fail, to drive sync.
import { digest } from "../../../../test/support/node.test-helper.js";
import { NotFoundError } from "../../errors.js";
import type { IssueListItem, IssuesPage, ListIssuesOptions } from "../../github/index.js";
import type { RepoRef } from "../../store/types.js";
import { makeThread, ref } from "../../thread/builders.test-helper.js";
import type { IssueRef, Thread } from "../../thread/types.js";
import type { SyncClient } from "./sync-repo.js";

export const REPO: RepoRef = { host: "github.com", owner: "acme", repo: "app" };

/** 2024-01-01 plus `minutes`, as GitHub writes times. */
export const at = (minutes: number) =>
  new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString().replace(".000", "");

export function thread(number: number, updatedMinutes: number, overrides: Partial<Thread> = {}): Thread {
  return makeThread({
    ref: ref(number, REPO.owner, REPO.repo),
    updatedAt: at(updatedMinutes),
    comments: [
      {
        id: number * 10,
        url: `https://github.com/acme/app/issues/${number}#issuecomment-${number * 10}`,
        author: null,
        createdAt: at(updatedMinutes),
        updatedAt: at(updatedMinutes),
        body: `comment on ${number}`,
        reactions: { "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
      },
    ],
    ...overrides,
  });
}

export type Call =
  | { kind: "list"; since: string | null; page: number; etag: string | null }
  | { kind: "fetch"; number: number };

export class FakeGitHub implements SyncClient {
  readonly apiUrl: string;
  threads = new Map<number, Thread>();
  calls: Call[] = [];
  /** Runs before each call answers; throw from it to fail that call. */
  before: (call: Call, index: number) => void = () => {};
  missingRepo = false;
  #count = { rest: 0, graphql: 0 };

  constructor(threads: Thread[] = [], apiUrl = "https://fake.test") {
    this.apiUrl = apiUrl;
    for (const t of threads) this.threads.set(t.ref.number, t);
  }

  put(t: Thread): void {
    this.threads.set(t.ref.number, t);
  }

  requests() {
    return { ...this.#count };
  }

  async listIssuesPage(repo: RepoRef, opts: ListIssuesOptions = {}): Promise<IssuesPage> {
    const q = opts.url ? new URL(opts.url).searchParams : null;
    const since = q ? q.get("since") || null : (opts.since ?? null);
    const perPage = q ? Number(q.get("per_page")) : (opts.perPage ?? 100);
    const page = q ? Number(q.get("page")) : 1;
    const call: Call = { kind: "list", since, page, etag: opts.etag ?? null };
    this.calls.push(call);
    this.#count.rest++;
    this.before(call, this.calls.length - 1);
    if (this.missingRepo) throw new NotFoundError(`issues of ${repo.owner}/${repo.repo} was not found on GitHub`, "x");
    const all = [...this.threads.values()]
      .filter((t) => since === null || Date.parse(t.updatedAt) >= Date.parse(since))
      .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || a.ref.number - b.ref.number);
    const items = all.slice((page - 1) * perPage, page * perPage).map(listItem);
    const etag = `"${digest(JSON.stringify(items))}"`;
    if (opts.etag === etag) return { items: [], nextUrl: null, etag, notModified: true };
    const more = all.length > page * perPage;
    const nextUrl = more ? `https://fake.test/list?since=${since ?? ""}&per_page=${perPage}&page=${page + 1}` : null;
    return { items, nextUrl, etag, notModified: false };
  }

  async fetchThread(r: IssueRef) {
    const call: Call = { kind: "fetch", number: r.number };
    this.calls.push(call);
    this.#count.graphql++;
    this.before(call, this.calls.length - 1);
    const t = this.threads.get(r.number);
    if (!t) throw new NotFoundError(`acme/app#${r.number} was not found on GitHub`, "x");
    const meta = {
      fetchedAt: "2024-06-01T00:00:00.000Z",
      via: "graphql" as const,
      requests: { rest: 0, graphql: 1 },
      etag: null,
    };
    return { notModified: false as const, thread: structuredClone(t), meta };
  }

  lists(): Extract<Call, { kind: "list" }>[] {
    return this.calls.filter((c): c is Extract<Call, { kind: "list" }> => c.kind === "list");
  }

  fetches(): number[] {
    return this.calls.flatMap((c) => (c.kind === "fetch" ? [c.number] : []));
  }
}

function listItem(t: Thread): IssueListItem {
  return {
    ref: t.ref,
    kind: t.kind,
    url: t.url,
    title: t.title,
    state: t.state,
    stateReason: t.stateReason,
    merged: t.pull ? t.pull.merged : null,
    mergedAt: t.pull ? t.pull.mergedAt : null,
    draft: t.pull ? t.pull.draft : null,
    isPull: t.kind === "pull",
    body: t.body,
    author: t.author,
    labels: t.labels,
    locked: t.locked,
    activeLockReason: t.activeLockReason,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    closedAt: t.closedAt,
    commentsCount: t.comments.length,
    reactions: t.reactions,
  };
}
