import { describe, expect, it } from "vitest";
import { parseFixture } from "../src/core/fixture-codec/schema.js";
import { parseRepo, parseThread } from "./fixture-schema.js";
import { small } from "./standin.test-helper.js";

// The shared minimal thread, as a file: the repository comes from the file's path, not its fields.
const { owner: _owner, repo: _repo, ...file } = small({ number: 1 });
const withEvent = (event: Record<string, unknown>) => ({
  ...file,
  events: [{ actor: "m", created_at: file.created_at, ...event }],
});
const core = (json: unknown) => parseFixture(json).ok;
const standin = (json: unknown) => {
  try {
    parseThread(json, "o/r/1.json");
    return true;
  } catch {
    return false;
  }
};

describe("the stand-in's fixture schema refines the core's", () => {
  it("accepts a well-formed file as the core does", () => {
    const json = withEvent({ event: "closed", state_reason: "completed", commit_id: "abc1234" });
    expect(core(json)).toBe(true);
    expect(parseThread(json, "o/r/1.json").events[0]).toEqual(json.events[0]);
  });

  it.each([
    ["an event GitHub does not have", withEvent({ event: "milestoned", milestone: "v1" })],
    ["a deleted author (the core's null extension)", { ...file, author: null }],
    ["a commit id that is not a hex sha", withEvent({ event: "referenced", commit_id: "HEAD" })],
    ["a closed event whose reason is reopened", withEvent({ event: "closed", state_reason: "reopened" })],
    ["a connected event without its subject", withEvent({ event: "connected", subject: null })],
    ["a review state GitHub does not have", withEvent({ event: "reviewed", state: "lgtm" })],
  ])("refuses %s, which the core keeps", (_what, json) => {
    expect(core(json)).toBe(true);
    expect(standin(json)).toBe(false);
  });

  it("keeps the core's own checks: a bad thread ref or state fails in both", () => {
    const badClose = { ...file, type: "pull", pull: { merged: false, merged_at: null, closes: ["o/r/2"] } };
    for (const json of [badClose, { ...file, state: "merged" }]) {
      expect(core(json)).toBe(false);
      expect(standin(json)).toBe(false);
    }
  });

  it("checks _repo.json shas and fills its defaults", () => {
    expect(parseRepo({ history: ["abc1234"] }, "_repo.json")).toMatchObject({ default_branch: "main", releases: [] });
    expect(() => parseRepo({ history: ["main"] }, "o/r/_repo.json")).toThrow(/o\/r\/_repo\.json[\s\S]*sha/);
  });
});
