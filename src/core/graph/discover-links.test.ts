import { describe, expect, it } from "vitest";
import { formatRef } from "../refs/parse-ref.js";
import { comment, crossRef, makeThread, ref, summary } from "../thread/builders.test-helper.js";
import type { Link } from "../thread/link.js";
import type { Thread, TimelineEvent } from "../thread/types.js";
import { discoverLinks } from "./discover-links.js";

/** "owner/repo#n: rel, rel" per link. */
const rels = (links: Link[]) => links.map((l) => `${formatRef(l.target)}: ${l.relations.join(", ")}`);
const linkTo = (links: Link[], n: number) => links.find((l) => l.target.number === n);
const ev = (e: Omit<TimelineEvent, "actor" | "createdAt"> & Partial<TimelineEvent>): TimelineEvent =>
  ({ actor: "maintainer", createdAt: "2024-02-01T00:00:00Z", ...e }) as TimelineEvent;

describe("discoverLinks: body and comments", () => {
  it("links mentions in the body and comments, with evidence pointing at each", () => {
    const t = makeThread({ ref: ref(1), body: "Related to #2 and other/lib#3" });
    t.comments = [comment("carol", "see https://github.com/acme/widget/pull/4", { on: t, at: "2024-01-05T00:00:00Z" })];
    const { links, commits } = discoverLinks(t);
    expect(rels(links)).toEqual(["acme/widget#2: mentions", "other/lib#3: mentions", "acme/widget#4: mentions"]);
    expect(linkTo(links, 2)?.evidence).toEqual([
      { source: "body", url: t.url, event: null, actor: "alice", at: t.createdAt, excerpt: "#2" },
    ]);
    expect(linkTo(links, 4)?.evidence).toEqual([
      {
        source: "comment",
        url: t.comments[0]?.url,
        event: null,
        actor: "carol",
        at: "2024-01-05T00:00:00Z",
        excerpt: "https://github.com/acme/widget/pull/4",
      },
    ]);
    expect(commits).toEqual([]);
  });

  it("reads closing keywords as `closes` only in a pull request's body", () => {
    const pull = makeThread({ ref: ref(10), kind: "pull", body: "Fixes #2" });
    pull.comments = [comment("commenter", "also fixes #3", { on: pull })];
    expect(rels(discoverLinks(pull).links)).toEqual(["acme/widget#2: closes", "acme/widget#3: mentions"]);
    // On an issue "Fixes #2" does not say who fixes whom: a mention.
    const issue = makeThread({ ref: ref(1), body: "Fixes #2" });
    issue.comments = [comment("commenter", "Closes #3", { on: issue })];
    expect(rels(discoverLinks(issue).links)).toEqual(["acme/widget#2: mentions", "acme/widget#3: mentions"]);
  });

  it("reads 'Fixed by #N' and '#N closed this' on an issue as closed-by, with the comment as evidence", () => {
    const t = makeThread({ ref: ref(1) });
    t.comments = [
      comment("commenter", "Fixed by #20", { on: t, at: "2024-01-02T00:00:00Z" }),
      comment("commenter", "https://github.com/acme/widget/pull/21 closed this.", {
        on: t,
        at: "2024-01-03T00:00:00Z",
      }),
      comment("commenter", "Might be fixed by #22", { on: t, at: "2024-01-04T00:00:00Z" }),
    ];
    const { links } = discoverLinks(t);
    expect(rels(links)).toEqual(["acme/widget#20: closed-by", "acme/widget#21: closed-by", "acme/widget#22: mentions"]);
    expect(linkTo(links, 21)?.evidence[0]).toMatchObject({
      source: "comment",
      url: t.comments[1]?.url,
      excerpt: "https://github.com/acme/widget/pull/21 closed this",
    });
    // The same words on a pull request are not about what closed an issue.
    const pull = makeThread({ ref: ref(5), kind: "pull", body: "Fixed by #20" });
    expect(rels(discoverLinks(pull).links)).toEqual(["acme/widget#20: mentions"]);
  });
});

describe("discoverLinks: duplicates, self-references, other repositories, reviews", () => {
  it("reads 'Duplicate of #N' as duplicate-of", () => {
    const t = makeThread({ ref: ref(1) });
    t.comments = [comment("commenter", "Duplicate of #7", { on: t })];
    expect(rels(discoverLinks(t).links)).toEqual(["acme/widget#7: duplicate-of"]);
  });

  it("drops references to the thread itself, in any form, and to where it was moved from", () => {
    const t = makeThread({
      ref: ref(1),
      body: "#1, ACME/Widget#1, https://github.com/acme/widget/issues/1#issuecomment-3, old/place#9",
    });
    t.movedFrom = ref(9, "old", "place");
    expect(discoverLinks(t).links).toEqual([]);
  });

  it("keeps links to other repositories and hosts", () => {
    const t = makeThread({
      ref: ref(1, "team", "svc", "ghe.example.com"),
      body: "#2, https://github.com/acme/widget/issues/3, https://ghe.example.com/x/y/pull/4",
    });
    expect(discoverLinks(t).links.map((l) => [l.target.host, formatRef(l.target)])).toEqual([
      ["ghe.example.com", "team/svc#2"],
      ["github.com", "acme/widget#3"],
      ["ghe.example.com", "x/y#4"],
    ]);
  });

  it("reads review bodies of a pull request", () => {
    const pull = makeThread({ ref: ref(5), kind: "pull" });
    pull.events = [ev({ type: "reviewed", state: "approved", body: "LGTM, also see #8", actor: "rev" })];
    expect(discoverLinks(pull).links).toEqual([
      {
        target: ref(8),
        relations: ["mentions"],
        evidence: [
          {
            source: "timeline",
            url: pull.url,
            event: "reviewed",
            actor: "rev",
            at: "2024-02-01T00:00:00Z",
            excerpt: "#8",
          },
        ],
      },
    ]);
  });
});

describe("discoverLinks: timeline", () => {
  it("turns cross-references into mentioned-by, with the source thread's url", () => {
    const source = summary(ref(30), { kind: "pull" });
    const t = makeThread({ ref: ref(1), events: [crossRef(source, null)] });
    expect(discoverLinks(t).links).toEqual([
      {
        target: ref(30),
        relations: ["mentioned-by"],
        evidence: [
          {
            source: "timeline",
            url: "https://github.com/acme/widget/pull/30",
            event: "cross-referenced",
            actor: "referrer",
            at: "2024-01-03T00:00:00Z",
            excerpt: null,
          },
        ],
      },
    ]);
  });

  it("adds closed-by when GraphQL says the cross-reference will close the issue", () => {
    const t = makeThread({
      ref: ref(1),
      events: [crossRef(summary(ref(30), { kind: "pull" }), true), crossRef(summary(ref(31), { kind: "pull" }), false)],
    });
    expect(rels(discoverLinks(t).links)).toEqual([
      "acme/widget#30: closed-by, mentioned-by",
      "acme/widget#31: mentioned-by",
    ]);
  });

  it("drops a cross-reference from the thread itself", () => {
    const t = makeThread({ ref: ref(1), events: [crossRef(summary(ref(1)))] });
    expect(discoverLinks(t).links).toEqual([]);
  });
});

describe("discoverLinks: closers and REST's gaps", () => {
  it("links a closing pull request (GraphQL closer) and records closing and referencing commits", () => {
    const t = makeThread({
      ref: ref(1),
      events: [
        ev({ type: "referenced", commitSha: "abc123", commitUrl: "https://github.com/acme/widget/commit/abc123" }),
        ev({ type: "closed", stateReason: "completed", closer: { kind: "pull", ref: ref(40) } }),
        ev({ type: "reopened", stateReason: "reopened" }),
        ev({
          type: "closed",
          stateReason: "completed",
          closer: { kind: "commit", sha: "ABC123", url: null },
          createdAt: "2024-03-01T00:00:00Z",
        }),
      ],
    });
    const { links, commits } = discoverLinks(t);
    expect(links).toEqual([
      {
        target: ref(40),
        relations: ["closed-by"],
        evidence: [
          {
            source: "timeline",
            url: t.url,
            event: "closed",
            actor: "maintainer",
            at: "2024-02-01T00:00:00Z",
            excerpt: null,
          },
        ],
      },
    ]);
    expect(commits).toEqual([
      {
        sha: "abc123",
        url: "https://github.com/acme/widget/commit/abc123",
        evidence: [
          {
            source: "timeline",
            url: t.url,
            event: "referenced",
            actor: "maintainer",
            at: "2024-02-01T00:00:00Z",
            excerpt: null,
          },
          {
            source: "timeline",
            url: t.url,
            event: "closed",
            actor: "maintainer",
            at: "2024-03-01T00:00:00Z",
            excerpt: null,
          },
        ],
      },
    ]);
  });
});

describe("discoverLinks: timeline nulls and Development-sidebar connections", () => {
  it("survives REST's nulls: closed without closer, connected without subject, duplicate without canonical", () => {
    const t = makeThread({
      ref: ref(1),
      state: "closed",
      stateReason: "duplicate",
      events: [
        ev({ type: "connected", subject: null }),
        ev({ type: "marked_as_duplicate", canonical: null }),
        ev({ type: "closed", stateReason: "duplicate", closer: null }),
        ev({ type: "cross-referenced", source: summary(ref(2)), willCloseTarget: null }),
        ev({ type: "labeled", label: "bug" }),
        ev({ type: "other", name: "assigned" }),
      ],
    });
    expect(discoverLinks(t)).toEqual({
      links: [expect.objectContaining({ target: ref(2), relations: ["mentioned-by"] })],
      commits: [],
    });
  });
});

describe("discoverLinks: connections, duplicates and closing pulls", () => {
  it("links a Development-sidebar connection as connected + closed-by on an issue, connected + closes on a pull", () => {
    const issue = makeThread({ ref: ref(1), events: [ev({ type: "connected", subject: ref(50) })] });
    expect(rels(discoverLinks(issue).links)).toEqual(["acme/widget#50: closed-by, connected"]);
    expect(discoverLinks(issue).links[0]?.evidence).toEqual([
      {
        source: "timeline",
        url: issue.url,
        event: "connected",
        actor: "maintainer",
        at: "2024-02-01T00:00:00Z",
        excerpt: null,
      },
    ]);
    const pull = makeThread({ ref: ref(50), kind: "pull", events: [ev({ type: "connected", subject: ref(1) })] });
    expect(rels(discoverLinks(pull).links)).toEqual(["acme/widget#1: closes, connected"]);
  });

  it("honours disconnection: only connections still standing count", () => {
    const t = makeThread({
      ref: ref(1),
      events: [
        ev({ type: "connected", subject: ref(50) }),
        ev({ type: "disconnected", subject: ref(50) }),
        ev({ type: "connected", subject: ref(51) }),
        ev({ type: "disconnected", subject: ref(51) }),
        ev({ type: "connected", subject: ref(51), createdAt: "2024-05-01T00:00:00Z" }),
      ],
    });
    const { links } = discoverLinks(t);
    expect(rels(links)).toEqual(["acme/widget#51: closed-by, connected"]);
    expect(links[0]?.evidence.map((e) => e.at)).toEqual(["2024-05-01T00:00:00Z"]);
  });

  it("links marked_as_duplicate to its canonical, unless unmarked or the canonical is the thread itself", () => {
    const t = makeThread({
      ref: ref(1),
      events: [
        ev({ type: "marked_as_duplicate", canonical: ref(60) }),
        ev({ type: "marked_as_duplicate", canonical: ref(61) }),
        ev({ type: "unmarked_as_duplicate", canonical: ref(61) }),
        ev({ type: "marked_as_duplicate", canonical: ref(1) }),
      ],
    });
    expect(rels(discoverLinks(t).links)).toEqual(["acme/widget#60: duplicate-of"]);
  });

  it("links closedByPulls as closed-by with the pull request as evidence", () => {
    const t = makeThread({ ref: ref(1), closedByPulls: [ref(70), ref(70), ref(71, "other", "lib")] });
    const { links } = discoverLinks(t);
    expect(rels(links)).toEqual(["acme/widget#70: closed-by", "other/lib#71: closed-by"]);
    expect(links[0]?.evidence).toEqual([
      {
        source: "pull",
        url: "https://github.com/acme/widget/pull/70",
        event: null,
        actor: null,
        at: null,
        excerpt: null,
      },
    ]);
  });
});

describe("discoverLinks: merging", () => {
  it("makes one link per target with all relations (strongest first) and all evidence (oldest first)", () => {
    const t: Thread = makeThread({ ref: ref(1), body: "see #9", closedByPulls: [ref(9)] });
    t.comments = [
      comment("commenter", "Fixed by acme/widget#9", { on: t, at: "2024-01-04T00:00:00Z" }),
      comment("commenter", "#9 again", { on: t, at: "2024-01-05T00:00:00Z" }),
    ];
    t.events = [crossRef(summary(ref(9), { kind: "pull" }), true, "2024-01-03T00:00:00Z")];
    const { links } = discoverLinks(t);
    expect(links).toHaveLength(1);
    expect(links[0]?.relations).toEqual(["closed-by", "mentioned-by", "mentions"]);
    expect(links[0]?.evidence.map((e) => [e.source, e.at])).toEqual([
      ["body", "2024-01-01T10:00:00Z"],
      ["timeline", "2024-01-03T00:00:00Z"],
      ["comment", "2024-01-04T00:00:00Z"],
      ["comment", "2024-01-05T00:00:00Z"],
      ["pull", null],
    ]);
  });

  it("orders links by their strongest relation, then by first sighting", () => {
    const t = makeThread({ ref: ref(1), body: "#5", closedByPulls: [ref(6)] });
    t.events = [
      crossRef(summary(ref(4)), null, "2024-01-09T00:00:00Z"),
      crossRef(summary(ref(3)), null, "2024-01-08T00:00:00Z"),
    ];
    expect(rels(discoverLinks(t).links)).toEqual([
      "acme/widget#6: closed-by",
      "acme/widget#3: mentioned-by",
      "acme/widget#4: mentioned-by",
      "acme/widget#5: mentions",
    ]);
  });

  it("gives every link at least one evidence entry and no duplicate evidence", () => {
    const t = makeThread({ ref: ref(1), body: "#2 #2 GH-2 acme/widget#2", closedByPulls: [ref(3)] });
    t.events = [ev({ type: "connected", subject: ref(3) }), ev({ type: "connected", subject: ref(3) })];
    for (const link of discoverLinks(t).links) {
      expect(link.evidence.length).toBeGreaterThan(0);
      expect(new Set(link.evidence.map((e) => JSON.stringify(e))).size).toBe(link.evidence.length);
    }
    expect(linkTo(discoverLinks(t).links, 2)?.evidence).toHaveLength(1);
  });
});
