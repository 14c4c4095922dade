// Deterministic, seeded generators of fixture-shaped data for tests and benchmarks: one huge thread,
// or a repository with many issues. Same options, same output.
import type { FixtureRepo, FixtureThread } from "./fixture-schema.js";
import { fakeSha, seededRandom } from "./ids.js";

type Event = FixtureThread["events"][number];

export type GenerateThreadOptions = {
  owner?: string;
  repo?: string;
  number?: number;
  type?: "issue" | "pull";
  comments?: number;
  events?: number;
  seed?: number;
  /** ISO time of the thread's creation; comments and events follow it, a minute apart on average. */
  createdAt?: string;
  state?: "open" | "closed";
  /** Comment ids start here (they must be unique across a world). */
  firstCommentId?: number;
};

const logins = [
  "octocat",
  "hubot",
  "monalisa",
  "defunkt",
  "mojombo",
  "pjhyett",
  "github-actions[bot]",
  "dependabot[bot]",
];
const labelNames = ["bug", "enhancement", "question", "duplicate", "needs-triage", "help wanted"];
const associations = ["NONE", "CONTRIBUTOR", "MEMBER", "OWNER", "COLLABORATOR"] as const;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function generateThread(options: GenerateThreadOptions = {}): FixtureThread {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const owner = options.owner ?? "octo-org";
  const repo = options.repo ?? "big-repo";
  const number = options.number ?? 1;
  const start = Date.parse(options.createdAt ?? "2024-01-01T00:00:00Z");
  const commentCount = options.comments ?? 0;
  const eventCount = options.events ?? 0;
  const total = commentCount + eventCount;
  // Spread comments and events over the same stretch of time so the timeline interleaves them.
  const times: number[] = [];
  let t = start;
  for (let i = 0; i < total; i++) {
    t += 1000 + Math.floor(random() * 120_000);
    times.push(t);
  }
  const isComment: boolean[] = Array.from({ length: total }, (_, i) => i < commentCount);
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [isComment[i], isComment[j]] = [isComment[j] as boolean, isComment[i] as boolean];
  }
  const comments: FixtureThread["comments"] = [];
  const events: Event[] = [];
  const labels = new Set<string>();
  let title = `Generated thread ${number}`;
  let nextCommentId = options.firstCommentId ?? number * 100_000 + 1;
  for (let i = 0; i < total; i++) {
    const at = iso(times[i] as number);
    const actor = pick(logins);
    if (isComment[i]) {
      comments.push({
        id: nextCommentId++,
        author: { login: actor, association: pick(associations) },
        created_at: at,
        body: `Comment ${comments.length + 1} on #${number}: ${random().toString(36).slice(2, 12)}`,
        reactions: random() < 0.1 ? { "+1": 1 + Math.floor(random() * 3) } : {},
      });
      continue;
    }
    const roll = random();
    if (roll < 0.4) {
      const label = pick(labelNames);
      events.push({ event: labels.has(label) ? "unlabeled" : "labeled", actor, created_at: at, label });
      if (labels.has(label)) labels.delete(label);
      else labels.add(label);
    } else if (roll < 0.55) {
      const to = `${title} (v${events.length})`;
      events.push({ event: "renamed", actor, created_at: at, from: title, to });
      title = to;
    } else if (roll < 0.75) {
      events.push({
        event: roll < 0.65 ? "assigned" : "unassigned",
        actor,
        created_at: at,
        assignee: pick(logins.slice(0, 6)),
      });
    } else {
      events.push({
        event: "referenced",
        actor,
        created_at: at,
        commit_id: fakeSha(`${owner}/${repo}#${number}:${i}`),
      });
    }
  }
  const end = iso(times.at(-1) ?? start);
  const state = options.state ?? "open";
  const type = options.type ?? "issue";
  return {
    owner,
    repo,
    type,
    number,
    title,
    body: `Generated body of ${owner}/${repo}#${number}.`,
    author: { login: "octocat", association: "NONE" },
    state,
    state_reason: state === "closed" ? (type === "issue" ? "completed" : null) : null,
    labels: [...labels],
    locked: false,
    created_at: iso(start),
    updated_at: end,
    closed_at: state === "closed" ? end : null,
    reactions: { "+1": Math.floor(random() * 5) },
    pull: type === "pull" ? { merged: false, merged_at: null, draft: false, base: "main", closes: [] } : null,
    comments,
    events,
  };
}

export type GenerateRepoOptions = {
  owner?: string;
  repo?: string;
  /** How many issues and pull requests (numbered 1..n). */
  issues: number;
  /** Every nth thread is a pull request (0: none). Default 5. */
  pullEvery?: number;
  /** Comments per thread (small: the point is the number of threads). Default 0..3. */
  maxComments?: number;
  seed?: number;
  id?: number;
};

/** A repository with many small threads: for list pagination and crawl benchmarks. */
export function generateRepo(options: GenerateRepoOptions): { repo: FixtureRepo; threads: FixtureThread[] } {
  const owner = options.owner ?? "octo-org";
  const name = options.repo ?? "many-issues";
  const random = seededRandom(options.seed ?? 7);
  const pullEvery = options.pullEvery ?? 5;
  const maxComments = options.maxComments ?? 3;
  const start = Date.parse("2020-01-01T00:00:00Z");
  const threads: FixtureThread[] = [];
  let commentId = 1_000_000_000;
  let t = start;
  for (let number = 1; number <= options.issues; number++) {
    t += 60_000 + Math.floor(random() * 3_600_000);
    const isPull = pullEvery > 0 && number % pullEvery === 0;
    const closed = random() < 0.6;
    const merged = isPull && closed && random() < 0.8;
    const created = iso(t);
    const updatedMs = t + Math.floor(random() * 90 * 86_400_000);
    const updated = iso(updatedMs);
    const comments: FixtureThread["comments"] = [];
    const count = Math.floor(random() * (maxComments + 1));
    for (let i = 0; i < count; i++)
      comments.push({
        id: commentId++,
        author: { login: logins[(number + i) % logins.length] as string, association: "NONE" },
        created_at: iso(t + (i + 1) * 60_000),
        body: `Comment ${i + 1} on #${number}`,
      });
    threads.push({
      owner,
      repo: name,
      type: isPull ? "pull" : "issue",
      number,
      title: `${isPull ? "Fix" : "Problem"} number ${number}`,
      body: isPull && number > 1 ? `Fixes #${number - 1}` : `Body of #${number}`,
      author: { login: logins[number % logins.length] as string, association: "NONE" },
      state: closed ? "closed" : "open",
      state_reason: closed && !isPull ? "completed" : null,
      labels: random() < 0.3 ? [labelNames[number % labelNames.length] as string] : [],
      locked: false,
      created_at: created,
      updated_at: updated,
      closed_at: closed ? updated : null,
      reactions: {},
      pull: isPull
        ? {
            merged,
            merged_at: merged ? updated : null,
            draft: false,
            base: "main",
            closes: number > 1 && (number - 1) % pullEvery !== 0 ? [`${owner}/${name}#${number - 1}`] : [],
          }
        : null,
      comments,
      events: closed
        ? [{ event: "closed", actor: "octocat", created_at: updated, state_reason: isPull ? null : "completed" }]
        : [],
    });
  }
  return { repo: { owner, repo: name, ...(options.id === undefined ? {} : { id: options.id }) }, threads };
}
