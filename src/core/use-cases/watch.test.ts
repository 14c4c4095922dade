// Watch across a simulated release, end to end: the real client against the stand-in, a real
// SQLite store. The stand-in's world changes between passes (a fix merged and the issue closed,
// then a release that contains the merge), and each pass must report exactly that change; an
// unchanged pass must cost only 304s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureRepo, type FixtureThread, type Standin, startStandin } from "../../../standin/index.js";
import { tempFolder } from "../../../test/support/node.test-helper.js";
import { createGitHubClient } from "../github/index.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/types.js";
import type { IssueRef } from "../thread/types.js";
import { conditionalReleases, formatWatchEvent, watchedChanges, watchPass } from "./watch.js";

const sha = (n: number) => n.toString(16).padStart(40, "a");
const author = { login: "reporter", association: "NONE" as const };
const repo: FixtureRepo = {
  owner: "acme",
  repo: "widget",
  history: [1, 2, 3, 4, 5].map(sha),
  releases: [{ tag: "v1.0.0", sha: sha(1), published_at: "2026-01-01T00:00:00Z" }],
};
const issue: FixtureThread = {
  owner: "acme",
  repo: "widget",
  type: "issue",
  number: 1,
  title: "widget crashes on start: config missing",
  body: "Starting the widget fails:\n\n```\nError: ENOENT: no such file or directory, open 'widget.config.json'\n```",
  author,
  state: "open",
  state_reason: null,
  labels: [],
  locked: false,
  created_at: "2026-01-02T00:00:00Z",
  updated_at: "2026-01-02T00:00:00Z",
  closed_at: null,
  pull: null,
  comments: [],
  events: [{ event: "cross-referenced", actor: "dev", created_at: "2026-01-03T00:00:00Z", source: "acme/widget#2" }],
};
const pull: FixtureThread = {
  ...issue,
  type: "pull",
  number: 2,
  title: "Create the config when it is missing",
  body: "Fixes #1",
  author: { login: "dev", association: "MEMBER" },
  created_at: "2026-01-03T00:00:00Z",
  updated_at: "2026-01-03T00:00:00Z",
  pull: { merged: false, merged_at: null, closes: ["acme/widget#1"] },
  events: [],
};

let standin: Standin;
let store: Store;
let dir: ReturnType<typeof tempFolder>;
const ref: IssueRef = { host: "github.com", owner: "acme", repo: "widget", number: 1 };
let now = new Date("2026-02-01T00:00:00Z");

beforeAll(async () => {
  standin = await startStandin({ fixtures: [issue, pull], repos: [repo], validate: true });
  dir = tempFolder("watch");
  store = await openStore({ kind: "sqlite", path: dir.file("s.db") });
});
afterAll(async () => {
  standin.assertNoValidationFailures();
  await store.close();
  await standin.close();
  dir.remove();
});

describe("watch", () => {
  it("reports a baseline, nothing while unchanged (only 304s), then the merge and state, then the release", async () => {
    const client = createGitHubClient({ apiUrl: standin.url, token: "watch-token", clock: () => now });
    const deps = { source: conditionalReleases(client), store, now: () => now };

    const first = await watchPass([ref], deps);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ ref: "acme/widget#1", baseline: true, state: "open", firstRelease: null });
    expect(formatWatchEvent(first[0] as (typeof first)[number])).toMatch(/^acme\/widget#1: watching \(state open/);

    standin.clearRequests();
    now = new Date("2026-02-01T01:00:00Z");
    expect(await watchPass([ref], deps)).toEqual([]);
    expect(standin.requests.map((r) => r.status)).toEqual([304]);

    // The fix is merged and closes the issue; no release contains it yet.
    Object.assign(pull, {
      state: "closed",
      closed_at: "2026-02-02T00:00:00Z",
      updated_at: "2026-02-02T00:00:00Z",
      pull: { merged: true, merged_at: "2026-02-02T00:00:00Z", merge_commit_sha: sha(3), closes: ["acme/widget#1"] },
      events: [{ event: "merged", actor: "dev", created_at: "2026-02-02T00:00:00Z", commit_id: sha(3) }],
    });
    Object.assign(issue, {
      state: "closed",
      state_reason: "completed",
      closed_at: "2026-02-02T00:00:00Z",
      updated_at: "2026-02-02T00:00:00Z",
      events: [
        ...issue.events,
        {
          event: "closed",
          actor: "dev",
          created_at: "2026-02-02T00:00:00Z",
          closer: "acme/widget#2",
          commit_id: sha(3),
        },
      ],
    });
    standin.reset();
    now = new Date("2026-02-02T01:00:00Z");
    const merged = await watchPass([ref], deps);
    expect(merged).toHaveLength(1);
    const kinds = merged[0]?.changes.map((c) => c.kind);
    expect(kinds).toContain("state");
    expect(kinds).toContain("fix");
    expect(merged[0]).toMatchObject({ state: "closed (completed)", fix: "fixed", firstRelease: null });

    // Nothing new: the issue answers 304 and so does the release list.
    standin.clearRequests();
    now = new Date("2026-02-02T02:00:00Z");
    expect(await watchPass([ref], deps)).toEqual([]);
    expect(standin.requests.map((r) => r.status)).toEqual([304, 304]);

    // A release that contains the merge.
    repo.releases?.push({ tag: "v1.1.0", sha: sha(4), published_at: "2026-02-03T00:00:00Z" });
    standin.reset();
    now = new Date("2026-02-03T01:00:00Z");
    const released = await watchPass([ref], deps);
    expect(released).toHaveLength(1);
    expect(released[0]?.changes.map((c) => c.kind)).toEqual(["release"]);
    expect(released[0]?.changes[0]?.text).toMatch(/released in v1\.1\.0/);
    expect(released[0]?.firstRelease).toBe("v1.1.0");
  });

  it("selects only state, fix and release changes from a history diff", () => {
    const items = [
      { kind: "comments" as const, text: "1 new comment", citations: [] },
      { kind: "state" as const, text: "closed", citations: [] },
      { kind: "labels" as const, text: "labels", citations: [] },
      { kind: "release" as const, text: "released", citations: [] },
    ];
    expect(watchedChanges({ sinceFetchedAt: "", sinceGeneratedAt: "", items }).map((c) => c.kind)).toEqual([
      "state",
      "release",
    ]);
    expect(watchedChanges(null)).toEqual([]);
  });
});
