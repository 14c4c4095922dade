import { describe, expect, it } from "vitest";
import { emptyReactions, type Thread, type TimelineEvent } from "../thread/types.js";
import { restVisible } from "./rest-visible.js";

const ref = { host: "github.com", owner: "o", repo: "r", number: 1 };
const pr = { ...ref, number: 7 };
const at = { actor: "a", createdAt: "2024-01-01T00:00:00Z" };
const thread = (events: TimelineEvent[]): Thread => ({
  ref,
  kind: "issue",
  url: "u",
  title: "t",
  body: "",
  author: null,
  state: "closed",
  stateReason: "completed",
  labels: [],
  locked: false,
  activeLockReason: null,
  createdAt: at.createdAt,
  updatedAt: at.createdAt,
  closedAt: at.createdAt,
  reactions: emptyReactions(),
  pull: null,
  comments: [],
  events,
  closedByPulls: [pr],
  movedFrom: null,
});

describe("restVisible", () => {
  it("nulls what only GraphQL knows and keeps everything else", () => {
    const summary = {
      ref: pr,
      kind: "pull" as const,
      url: "u",
      title: "t",
      state: "closed" as const,
      stateReason: null,
      merged: true,
      mergedAt: null,
      draft: false,
    };
    const events: TimelineEvent[] = [
      { ...at, type: "cross-referenced", source: summary, willCloseTarget: true },
      { ...at, type: "connected", subject: pr },
      { ...at, type: "disconnected", subject: pr },
      { ...at, type: "marked_as_duplicate", canonical: pr },
      { ...at, type: "unmarked_as_duplicate", canonical: pr },
      { ...at, type: "closed", stateReason: "completed", closer: { kind: "pull", ref: pr, mergeCommitSha: null } },
      { ...at, type: "closed", stateReason: "completed", closer: { kind: "pull", ref: pr, mergeCommitSha: "abc" } },
      { ...at, type: "closed", stateReason: "completed", closer: { kind: "commit", sha: "def", url: "x" } },
      { ...at, type: "transferred", fromRepo: "o/old" },
      { ...at, type: "labeled", label: "bug" },
    ];
    const out = restVisible(thread(events));
    expect(out.closedByPulls).toEqual([]);
    expect(out.events).toEqual([
      { ...at, type: "cross-referenced", source: summary, willCloseTarget: null },
      { ...at, type: "connected", subject: null },
      { ...at, type: "disconnected", subject: null },
      { ...at, type: "marked_as_duplicate", canonical: null },
      { ...at, type: "unmarked_as_duplicate", canonical: null },
      { ...at, type: "closed", stateReason: "completed", closer: null },
      {
        ...at,
        type: "closed",
        stateReason: "completed",
        closer: { kind: "commit", sha: "abc", url: "https://github.com/o/r/commit/abc" },
      },
      { ...at, type: "closed", stateReason: "completed", closer: { kind: "commit", sha: "def", url: "x" } },
      { ...at, type: "transferred", fromRepo: null },
      { ...at, type: "labeled", label: "bug" },
    ]);
    expect(out.stateReason).toBe("completed");
  });
});
