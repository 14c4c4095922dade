// Helpers shared by the stand-in's own tests (not part of the public API).
import { fileURLToPath } from "node:url";
import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import type { FixtureThread } from "./fixture-schema.js";

export const exampleFixtures = fileURLToPath(new URL("../examples/fixtures", import.meta.url));

const GitHub = Octokit.plugin(retry, throttling);

/** Response bodies in tests are probed field by field; typing each shape would add nothing. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Loose = any;

/** The real client stack (core + retry + throttling), with waits shrunk so tests stay fast. */
export function octokitFor(baseUrl: string, options: { auth?: string; retries?: number } = {}) {
  const seen = { rateLimit: 0, secondary: 0 };
  const octokit = new GitHub({
    baseUrl,
    ...(options.auth === undefined ? { auth: "test-token" } : options.auth === "" ? {} : { auth: options.auth }),
    throttle: {
      retryAfterBaseValue: 10,
      fallbackSecondaryRateRetryAfter: 1,
      onRateLimit: (_after: number, _options: unknown, _o: unknown, retryCount: number) => {
        seen.rateLimit++;
        return retryCount < 1;
      },
      onSecondaryRateLimit: (_after: number, _options: unknown, _o: unknown, retryCount: number) => {
        seen.secondary++;
        return retryCount < 2;
      },
    },
    retry: { retryAfterBaseValue: 10, retries: options.retries ?? 3 },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  return { octokit, seen };
}

export async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = "test-token",
): Promise<{ status: number; body: Loose; headers: Headers }> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

export async function getJson(url: string, token: string | null = "test-token", headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { ...(token ? { authorization: `token ${token}` } : {}), ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Loose) : null };
}

/** 2024-01-01 at hour h (UTC). */
export const at = (h: number) => `2024-01-01T${String(h).padStart(2, "0")}:00:00Z`;
/** A minimal acme/app thread; override what a test is about. */
export const small = (over: Partial<FixtureThread> & { number: number }): FixtureThread => ({
  owner: "acme",
  repo: "app",
  type: "issue",
  title: `Thread ${over.number}`,
  body: "",
  author: { login: "alice", association: "NONE" },
  state: "open",
  state_reason: null,
  labels: [],
  locked: false,
  created_at: at(0),
  updated_at: at(1),
  closed_at: null,
  reactions: {},
  pull: null,
  comments: [],
  events: [],
  ...over,
});

/** A merged, locked pull request whose timeline uses every event type of fixture format v1 (refs #4, #5). */
export const everyEvent: FixtureThread = small({
  number: 6,
  type: "pull",
  state: "closed",
  locked: true,
  closed_at: at(20),
  pull: {
    merged: true,
    merged_at: at(19),
    draft: false,
    base: "main",
    closes: ["acme/app#2"],
    merge_commit_sha: "a".repeat(40),
  },
  events: [
    { event: "labeled", actor: "bob", created_at: at(2), label: "bug" },
    { event: "unlabeled", actor: "bob", created_at: at(3), label: "bug" },
    { event: "renamed", actor: "bob", created_at: at(4), from: "old", to: "Thread 6" },
    { event: "assigned", actor: "bob", created_at: at(5), assignee: "dave" },
    { event: "assigned", actor: "bob", created_at: at(6), assignee: "erin" },
    { event: "unassigned", actor: "bob", created_at: at(7), assignee: "erin" },
    { event: "referenced", actor: "bob", created_at: at(8), commit_id: "b".repeat(40) },
    { event: "cross-referenced", actor: "bob", created_at: at(9), source: "acme/app#5" },
    { event: "connected", actor: "bob", created_at: at(10), subject: "acme/app#5" },
    { event: "disconnected", actor: "bob", created_at: at(11), subject: "acme/app#5" },
    { event: "marked_as_duplicate", actor: "bob", created_at: at(12), canonical: "acme/app#4" },
    { event: "unmarked_as_duplicate", actor: "bob", created_at: at(13), canonical: "acme/app#4" },
    { event: "reviewed", actor: "carol", created_at: at(14), state: "approved", body: "LGTM" },
    { event: "closed", actor: "carol", created_at: at(15), state_reason: null },
    { event: "reopened", actor: "carol", created_at: at(16) },
    { event: "locked", actor: "carol", created_at: at(17), lock_reason: "resolved" },
    { event: "unlocked", actor: "carol", created_at: at(18) },
    { event: "merged", actor: "carol", created_at: at(19), commit_id: "c".repeat(40) },
    { event: "locked", actor: "carol", created_at: at(21), lock_reason: "resolved" },
  ],
});
