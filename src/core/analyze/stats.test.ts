import { describe, expect, it } from "vitest";
import { comment, labeled, makeThread } from "../thread/builders.test-helper.js";
import { emptyReactions, type TimelineEvent } from "../thread/types.js";
import { computeStats, timelineTop } from "./stats.js";

const other = (name: string, actor: string | null = "x"): TimelineEvent => ({
  type: "other",
  name,
  actor,
  createdAt: "2024-01-01T00:00:00Z",
});

describe("computeStats", () => {
  it("counts distinct participants case-insensitively, bots included, null actors ignored", () => {
    const thread = makeThread({
      author: { login: "Alice", association: "NONE", isBot: false },
      comments: [comment("alice", "me"), comment("github-actions[bot]", "dup?"), comment("Bob", "hi")],
      events: [
        labeled("bug", "bob"),
        labeled("x", "GitHub-Actions[bot]"),
        other("assigned", "carol"),
        other("locked", null),
      ],
    });
    expect(computeStats(thread)).toEqual({ comments: 3, participants: 4, timelineEvents: 7, reactions: 0 });
  });

  it("counts the issue's own reactions, not the comments'", () => {
    const thread = makeThread({
      reactions: { ...emptyReactions(), "+1": 3, heart: 1, eyes: 2 },
      comments: [comment("bob", "same", { plusOnes: 10 })],
    });
    expect(computeStats(thread).reactions).toBe(6);
  });

  it("counts a thread without author or activity as no participants", () => {
    expect(computeStats(makeThread({ author: null }))).toEqual({
      comments: 0,
      participants: 0,
      timelineEvents: 0,
      reactions: 0,
    });
  });
});

describe("timelineTop", () => {
  it("counts comments as commented and other events by their GitHub name, highest first, ties by name", () => {
    const thread = makeThread({
      comments: [comment("a", "1"), comment("b", "2")],
      events: [labeled("x"), labeled("y"), other("milestoned"), other("assigned"), other("assigned")],
    });
    expect(timelineTop(thread)).toEqual([
      { type: "assigned", count: 2 },
      { type: "commented", count: 2 },
      { type: "labeled", count: 2 },
      { type: "milestoned", count: 1 },
    ]);
  });

  it("is empty for a quiet thread", () => {
    expect(timelineTop(makeThread())).toEqual([]);
  });
});
