import { describe, expect, it } from "vitest";
import type { IssueListItem } from "../../github/index.js";
import { makeThread, ref } from "../../thread/builders.test-helper.js";
import { emptyReactions } from "../../thread/types.js";
import { isShallow, SHALLOW_ETAG, shallowThread } from "./shallow.js";

const item = (over: Partial<IssueListItem> = {}): IssueListItem => ({
  ref: ref(7, "acme", "app"),
  kind: "pull",
  url: "https://github.com/acme/app/pull/7",
  title: "Fix it",
  state: "closed",
  stateReason: null,
  merged: true,
  mergedAt: "2024-01-03T00:00:00Z",
  draft: false,
  isPull: true,
  body: "Fixes #6",
  author: null,
  labels: ["bug"],
  locked: false,
  activeLockReason: null,
  createdAt: "2024-01-01T00:00:00Z",
  updatedAt: "2024-01-03T00:00:00Z",
  closedAt: "2024-01-03T00:00:00Z",
  commentsCount: 2,
  reactions: emptyReactions(),
  ...over,
});

describe("shallow threads", () => {
  it("are built from the list item alone, with no comments or events", () => {
    const t = shallowThread(item(), null);
    expect(t).toMatchObject({ title: "Fix it", labels: ["bug"], comments: [], events: [], closedByPulls: [] });
    expect(t.pull).toEqual({
      merged: true,
      mergedAt: "2024-01-03T00:00:00Z",
      draft: false,
      mergeCommitSha: null,
      baseRef: null,
    });
  });

  it("keep what a stored older version knew that the list cannot tell", () => {
    const old = makeThread({
      ref: ref(7, "acme", "app"),
      title: "old title",
      comments: [
        { id: 1, url: "u", author: null, createdAt: "c", updatedAt: "u", body: "hi", reactions: emptyReactions() },
      ],
      closedByPulls: [ref(8, "acme", "app")],
      pull: { merged: false, mergedAt: null, draft: true, mergeCommitSha: "abc", baseRef: "main" },
    });
    const t = shallowThread(item(), old);
    expect(t.title).toBe("Fix it");
    expect(t.comments).toHaveLength(1);
    expect(t.closedByPulls).toEqual([ref(8, "acme", "app")]);
    expect(t.pull).toMatchObject({ merged: true, mergeCommitSha: "abc", baseRef: "main" });
  });

  it("are told apart by their marker ETag", () => {
    expect(isShallow({ etag: SHALLOW_ETAG })).toBe(true);
    expect(isShallow({ etag: null })).toBe(false);
    expect(isShallow({ etag: '"abc"' })).toBe(false);
  });
});
