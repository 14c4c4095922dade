import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FixtureThread } from "./fixture-schema.js";
import { generateRepo, generateThread } from "./generate.js";
import { loadFixtureDir } from "./load-fixtures.js";
import { exampleFixtures } from "./standin.test-helper.js";
import { World } from "./world.js";

const thread = (over: Partial<FixtureThread> & { number: number }): FixtureThread => ({
  owner: "o",
  repo: "r",
  type: "issue",
  title: `t${over.number}`,
  body: "",
  author: { login: "alice", association: "NONE" },
  state: "open",
  state_reason: null,
  labels: [],
  locked: false,
  created_at: "2024-01-01T00:00:00Z",
  updated_at: "2024-01-02T00:00:00Z",
  closed_at: null,
  reactions: {},
  pull: null,
  comments: [],
  events: [],
  ...over,
});

describe("fixture loading", () => {
  it("loads the example fixtures: threads, _repo.json, and ignores _answers.json", () => {
    const input = loadFixtureDir(exampleFixtures);
    const world = new World(input);
    expect(world.repo("nodejs", "node")?.id).toBe(1001);
    expect(world.repo("NodeJS", "Node")?.fullName).toBe("nodejs/node");
    expect(world.lookup("anthropics/claude-code#45203")?.comments).toHaveLength(4);
    expect(input.threads.length).toBeGreaterThan(50);
  });

  it("names the file of a malformed fixture", () => {
    const dir = mkdtempSync(join(tmpdir(), "standin-"));
    mkdirSync(join(dir, "o", "r"), { recursive: true });
    const bad = { ...thread({ number: 7 }), state: "opened" } as Record<string, unknown>;
    delete bad.owner;
    delete bad.repo;
    writeFileSync(join(dir, "o", "r", "7.json"), JSON.stringify(bad));
    expect(() => loadFixtureDir(dir)).toThrow(/malformed thread fixture .*o\/r\/7\.json[\s\S]*state/);
  });

  it("rejects a number that disagrees with the file name, and dangling references", () => {
    const dir = mkdtempSync(join(tmpdir(), "standin-"));
    mkdirSync(join(dir, "o", "r"), { recursive: true });
    const { owner: _o, repo: _r, ...json } = thread({ number: 8 });
    writeFileSync(join(dir, "o", "r", "9.json"), JSON.stringify(json));
    expect(() => loadFixtureDir(dir)).toThrow(/9\.json.*file name says 9/);
    const dangling = thread({
      number: 1,
      events: [{ event: "cross-referenced", actor: "a", created_at: "2024-01-01T00:00:00Z", source: "o/r#404" }],
    });
    expect(() => new World({ threads: [dangling] })).toThrow(/o\/r#1 .* names o\/r#404/);
  });

  it("gives repositories without _repo.json a deterministic id", () => {
    const a = new World({ threads: [thread({ number: 1 })] });
    const b = new World({ threads: [thread({ number: 1 })] });
    expect(a.repo("o", "r")?.id).toBe(b.repo("o", "r")?.id);
    expect(a.lookup("o/r#1")?.id).toBe(b.lookup("o/r#1")?.id);
  });
});

describe("world", () => {
  it("interleaves comments and events by time", () => {
    const world = new World({
      threads: [
        thread({
          number: 1,
          comments: [
            { id: 11, author: { login: "a", association: "NONE" }, created_at: "2024-01-01T02:00:00Z", body: "c1" },
            { id: 12, author: { login: "a", association: "NONE" }, created_at: "2024-01-01T04:00:00Z", body: "c2" },
          ],
          events: [
            { event: "labeled", actor: "b", created_at: "2024-01-01T01:00:00Z", label: "x" },
            { event: "labeled", actor: "b", created_at: "2024-01-01T03:00:00Z", label: "y" },
          ],
        }),
      ],
    });
    const kinds = world
      .lookup("o/r#1")
      ?.timeline.map((e) => (e.kind === "comment" ? e.comment.body : e.event.data.event));
    expect(kinds).toEqual(["labeled", "c1", "labeled", "c2"]);
  });

  it("transfers, deletes and hides, and reset undoes it", () => {
    const world = new World(
      { threads: [thread({ number: 1 }), thread({ number: 2 })] },
      { clock: () => Date.UTC(2025, 0, 1) },
    );
    const moved = world.transferIssue("o/r#1", "other/place");
    expect(moved.repo.fullName).toBe("other/place");
    expect(moved.number).toBe(1);
    expect(world.lookup("o/r#1")?.status).toBe("transferred");
    expect(world.resolve("o/r#1")).toBe(moved);
    expect(moved.events.at(-1)?.data).toMatchObject({
      event: "transferred",
      from_repo: "o/r",
      created_at: "2025-01-01T00:00:00Z",
    });
    world.deleteIssue("o/r#2");
    expect(world.resolve("o/r#2")).toBeUndefined();
    world.setRepoPrivate("o/r");
    expect(world.repo("o", "r")?.private).toBe(true);
    world.reset();
    expect(world.lookup("o/r#1")?.status).toBe("live");
    expect(world.repo("other", "place")).toBeUndefined();
    expect(world.repo("o", "r")?.private).toBe(false);
  });

  it("indexes closing pull requests and manual links", () => {
    const pr = thread({
      number: 2,
      type: "pull",
      pull: { merged: false, merged_at: null, draft: false, base: "main", closes: ["o/r#1"] },
    });
    const manual = thread({
      number: 3,
      type: "pull",
      pull: { merged: false, merged_at: null, draft: false, base: "main", closes: [] },
    });
    const issue = thread({
      number: 1,
      events: [{ event: "connected", actor: "a", created_at: "2024-01-01T00:00:00Z", subject: "o/r#3" }],
    });
    const world = new World({ threads: [issue, pr, manual] });
    const target = world.lookup("o/r#1");
    if (target === undefined) throw new Error("missing");
    expect(world.closingPulls(target).map((t) => t.number)).toEqual([2, 3]);
    expect(world.isManualLink(target, world.lookup("o/r#3") as never)).toBe(true);
    expect(world.isManualLink(target, world.lookup("o/r#2") as never)).toBe(false);
  });
});

describe("generators", () => {
  it("are deterministic and produce valid fixtures", () => {
    const a = generateThread({ comments: 50, events: 20, seed: 3 });
    const b = generateThread({ comments: 50, events: 20, seed: 3 });
    expect(a).toEqual(b);
    expect(a.comments).toHaveLength(50);
    expect(a.events).toHaveLength(20);
    expect(() => new World({ threads: [a] })).not.toThrow();
  });

  // Wall-clock limits are left to the benchmarks: this machine is shared and its load varies.
  it("builds a 50,000-issue repository and lists it in order from a cache", () => {
    const { repo, threads } = generateRepo({ owner: "big", repo: "repo", issues: 50_000 });
    const world = new World({ threads, repos: [repo] });
    const record = world.repo("big", "repo");
    if (record === undefined) throw new Error("missing");
    const all = world.list(record, { state: "all", sort: "created", direction: "desc", since: null, pulls: "include" });
    expect(all).toHaveLength(50_000);
    expect(all[0]?.number).toBe(50_000);
    const again = world.list(record, {
      state: "all",
      sort: "created",
      direction: "desc",
      since: null,
      pulls: "include",
    });
    expect(again).toBe(all);
  });
});
