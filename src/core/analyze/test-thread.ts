// Test-only builders for small inline threads, links and analyze input.
import { threadUrl } from "../refs/parse-ref.js";
import type { Evidence, LinkedThread, Relation } from "../thread/link.js";
import type { AuthorAssociation, Comment, IssueRef, Thread, ThreadSummary, TimelineEvent } from "../thread/types.js";
import { emptyReactions } from "../thread/types.js";
import type { AnalyzeInput } from "./analyze.js";

export const REF: IssueRef = { host: "github.com", owner: "acme", repo: "widget", number: 7 };
export const URL7 = threadUrl(REF);

export function makeThread(over: Partial<Thread> = {}): Thread {
  return {
    ref: REF,
    kind: "issue",
    url: URL7,
    title: "Widget crashes on start",
    body: "",
    author: { login: "alice", association: "NONE", isBot: false },
    state: "open",
    stateReason: null,
    labels: [],
    locked: false,
    activeLockReason: null,
    createdAt: "2024-01-01T10:00:00Z",
    updatedAt: "2024-01-02T10:00:00Z",
    closedAt: null,
    reactions: emptyReactions(),
    pull: null,
    comments: [],
    events: [],
    closedByPulls: [],
    movedFrom: null,
    ...over,
  };
}

let nextId = 1000;
export function comment(
  login: string,
  body: string,
  opts: { association?: AuthorAssociation; plusOnes?: number; id?: number } = {},
): Comment {
  const id = opts.id ?? nextId++;
  return {
    id,
    url: `${URL7}#issuecomment-${id}`,
    author: { login, association: opts.association ?? "NONE", isBot: login.endsWith("[bot]") },
    createdAt: "2024-01-01T12:00:00Z",
    updatedAt: "2024-01-01T12:00:00Z",
    body,
    reactions: { ...emptyReactions(), "+1": opts.plusOnes ?? 0 },
  };
}

export const labeled = (label: string, actor = "maintainer"): TimelineEvent => ({
  type: "labeled",
  label,
  actor,
  createdAt: "2024-01-01T13:00:00Z",
});

export function summary(number: number, over: Partial<ThreadSummary> = {}): ThreadSummary {
  const kind = over.kind ?? "issue";
  const ref = { ...REF, number };
  return {
    ref,
    kind,
    url: threadUrl(ref, kind),
    title: `Thread ${number}`,
    state: "open",
    stateReason: null,
    merged: kind === "pull" ? false : null,
    mergedAt: null,
    draft: kind === "pull" ? false : null,
    ...over,
  };
}

export function linked(s: ThreadSummary | null, relations: Relation[], number?: number, depth = 1): LinkedThread {
  const target = s?.ref ?? { ...REF, number: number ?? 1 };
  const evidence: Evidence = {
    source: "timeline",
    url: s?.url ?? threadUrl(target),
    event: "cross-referenced",
    actor: "bob",
    at: "2024-01-01T14:00:00Z",
    excerpt: null,
  };
  return { target, relations, evidence: [evidence], summary: s, depth };
}

export function input(thread: Thread, over: Partial<AnalyzeInput> = {}): AnalyzeInput {
  return {
    thread,
    links: [],
    commits: [],
    meta: { fetchedAt: "2024-02-01T00:00:00Z", via: "graphql", requests: { rest: 0, graphql: 2 } },
    depth: 1,
    generatedAt: "2024-02-01T00:00:05Z",
    ...over,
  };
}

/** Every URL a citation may point at: the thread, its comments, linked threads, commits. */
export function allowedUrls(i: AnalyzeInput): Set<string> {
  const urls = new Set<string>([i.thread.url, ...i.thread.comments.map((c) => c.url)]);
  for (const l of i.links) {
    if (l.summary) urls.add(l.summary.url);
    urls.add(threadUrl(l.target, "issue"));
    urls.add(threadUrl(l.target, "pull"));
  }
  for (const c of i.commits) if (c.url) urls.add(c.url);
  for (const r of i.thread.closedByPulls) urls.add(threadUrl(r, "pull"));
  // Releases the lookup found, and stored issues with the same error (the report's graph).
  for (const [ref, release] of i.releases ?? []) {
    if (release) urls.add(`https://${i.thread.ref.host}/${ref.split("#")[0]}/releases/tag/${release.tag}`);
  }
  const same = i.sameError;
  for (const ref of [...(same?.likelyDuplicates ?? []), ...(same?.fixedOrWorkaround ?? [])].map((x) => x.ref)) {
    const [repo, n] = ref.split("#");
    urls.add(`https://${i.thread.ref.host}/${repo}/issues/${n}`);
  }
  return urls;
}

/** Generic advice the analysis must never produce on its own. */
export const BANNED_FILLER = [
  "check your configuration",
  "review the documentation",
  "verify your settings",
  "try restarting",
];
