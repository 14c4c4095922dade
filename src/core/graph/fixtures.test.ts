// Link discovery and the crawl on the real fixture files (examples/fixtures) and their answer key.
import { describe, expect, it } from "vitest";
import { EXAMPLES_DIR } from "../../../test/support/node.test-helper.js";
import { readFixtureDir, readFixtureJson } from "../../fixture-files.js";
import { fixtureCrawlDeps, fixtureThread, fixtureWorld } from "../fixture-codec/fixture-world.test-helper.js";
import type { FixtureFile } from "../fixture-codec/load-files.js";
import { restVisible } from "../github/rest-visible.js";
import { formatRef, refKey } from "../refs/parse-ref.js";
import type { IssueRef, Thread } from "../thread/types.js";
import { type CrawlDeps, crawl } from "./crawl.js";
import { discoverLinks } from "./discover-links.js";

type Api = "graphql" | "rest";

const readFixtures = (): FixtureFile[] => readFixtureDir(EXAMPLES_DIR, (p) => p.endsWith(".json"));

/** What each API shows of a thread: REST sees exactly restVisible of the GraphQL thread. */
const views: Record<Api, (thread: Thread) => Thread> = { graphql: (t) => t, rest: restVisible };

type Answers = {
  fixed_by: { issue: string; pr: string; merged: boolean; evidence: "closed-event" | "comment" | "pr-body" }[];
  duplicates: { query: string; canonical: string; explicit: boolean }[];
  flagship: { thread: string; cross_referenced_by: string[] };
};

const world = fixtureWorld(readFixtures());
const threadOver = (ref: string, api: Api): Thread => views[api](fixtureThread(world, ref));
const answers = readFixtureJson(EXAMPLES_DIR, "_answers.json") as Answers;

/** Deps served from the fixture world, recording calls. */
function worldDeps(api: Api) {
  const calls = { summaries: [] as string[][], threads: [] as string[] };
  const from = fixtureCrawlDeps(world, views[api]);
  const deps: CrawlDeps = {
    async fetchSummaries(refs: IssueRef[]) {
      calls.summaries.push(refs.map(formatRef));
      return from.fetchSummaries(refs);
    },
    async fetchThread(r: IssueRef) {
      calls.threads.push(formatRef(r));
      return from.fetchThread(r);
    },
  };
  return { deps, calls };
}

const relationsByRef = (links: { target: IssueRef; relations: string[] }[]) =>
  Object.fromEntries(links.map((l) => [formatRef(l.target), l.relations]));

describe("fixtures: the flagship anthropics/claude-code#45203", () => {
  const flagship = answers.flagship.thread;

  it.each(["graphql", "rest"] as const)(
    "links the 5 cross-referencing issues and the issues its comments name (%s)",
    (api) => {
      const { links, commits } = discoverLinks(threadOver(flagship, api));
      expect(relationsByRef(links)).toEqual({
        // Cross-referenced (each later bot notice in those issues named this one), two also named in comments.
        "anthropics/claude-code#45204": ["mentioned-by", "mentions"],
        "anthropics/claude-code#45240": ["mentioned-by"],
        "anthropics/claude-code#45249": ["mentioned-by"],
        "anthropics/claude-code#45252": ["mentioned-by", "mentions"],
        "anthropics/claude-code#45911": ["mentioned-by"],
        // Named only in comments: the bot's possible-duplicates list and "Reported as #45020".
        "anthropics/claude-code#45039": ["mentions"],
        "anthropics/claude-code#45020": ["mentions"],
        "anthropics/claude-code#45095": ["mentions"],
      });
      const crossRefs = links.filter((l) => l.relations.includes("mentioned-by")).map((l) => formatRef(l.target));
      expect(crossRefs.sort()).toEqual([...answers.flagship.cross_referenced_by].sort());
      expect(commits).toEqual([]);
    },
  );

  it("quotes the comment for each mention: the bot's suggestions are mentions, not duplicate marks", () => {
    const { links } = discoverLinks(threadOver(flagship, "graphql"));
    const t45020 = links.find((l) => l.target.number === 45020);
    expect(t45020?.evidence.map((e) => [e.source, e.actor, e.excerpt])).toEqual([
      ["comment", "github-actions[bot]", "#45020"],
      ["comment", "212clab", "#45020"],
    ]);
    expect(t45020?.evidence[0]?.url).toBe(
      "https://github.com/anthropics/claude-code/issues/45203#issuecomment-2878262550",
    );
  });

  it("crawls depth 1 with one batched summary request, only for the refs no cross-reference describes", async () => {
    const { deps, calls } = worldDeps("graphql");
    const result = await crawl(threadOver(flagship, "graphql"), deps, { depth: 1 });
    expect(calls.threads).toEqual([]);
    expect(calls.summaries).toHaveLength(1);
    expect(calls.summaries[0]?.sort()).toEqual([
      "anthropics/claude-code#45020",
      "anthropics/claude-code#45039",
      "anthropics/claude-code#45095",
    ]);
    expect(result.links).toHaveLength(8);
    expect(result.links.every((l) => l.summary !== null && l.depth === 1)).toBe(true);
    expect(result.truncated).toBe(false);
  });
});

describe("fixtures: fixed_by answers", () => {
  // What each evidence kind looks like on the issue's own thread.
  const expected = {
    "closed-event": { source: "timeline", event: "closed" },
    comment: { source: "comment", event: null },
    "pr-body": { source: "timeline", event: "cross-referenced" },
  } as const;

  it.each(answers.fixed_by)("$issue is closed-by $pr ($evidence) over GraphQL", ({ issue, pr, evidence }) => {
    const { links } = discoverLinks(threadOver(issue, "graphql"));
    const link = links.find((l) => formatRef(l.target) === pr);
    expect(link?.relations[0]).toBe("closed-by");
    expect(link?.evidence).toContainEqual(expect.objectContaining(expected[evidence]));
  });

  it("over REST, sees only the comment evidence at depth 1", () => {
    for (const { issue, pr, evidence } of answers.fixed_by) {
      const { links } = discoverLinks(threadOver(issue, "rest"));
      const link = links.find((l) => formatRef(l.target) === pr);
      expect(link?.relations.includes("closed-by"), `${issue} <- ${pr}`).toBe(evidence === "comment");
    }
  });

  it.each(answers.fixed_by)("over REST, a depth-2 crawl finds $issue closed-by $pr", async ({ issue, pr }) => {
    const { deps } = worldDeps("rest");
    const result = await crawl(threadOver(issue, "rest"), deps, { depth: 2 });
    const link = result.links.find((l) => formatRef(l.target) === pr);
    expect(link?.depth).toBe(1);
    expect(link?.relations[0]).toBe("closed-by");
    expect(link?.summary?.kind).toBe("pull");
  });
});

describe("fixtures: duplicates", () => {
  it.each(answers.duplicates.filter((d) => d.explicit))(
    "$query is a duplicate of $canonical",
    ({ query, canonical }) => {
      for (const api of ["graphql", "rest"] as const) {
        const { links } = discoverLinks(threadOver(query, api));
        const link = links.find((l) => formatRef(l.target) === canonical);
        expect(link?.relations, api).toContain("duplicate-of");
        // GraphQL adds the marked_as_duplicate event; both APIs have the "Duplicate of" comment.
        const events = link?.evidence.map((e) => e.event ?? e.source);
        expect(events, api).toContain("comment");
        if (api === "graphql") expect(events).toContain("marked_as_duplicate");
      }
    },
  );
});

describe("fixtures: every thread", () => {
  it.each([...world.threads.keys()])("%s: links have evidence, no self-links, no duplicate targets", (key) => {
    for (const api of ["graphql", "rest"] as const) {
      const thread = threadOver(key, api);
      const { links } = discoverLinks(thread);
      const keys = links.map((l) => refKey(l.target));
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).not.toContain(refKey(thread.ref));
      for (const l of links) {
        expect(l.relations.length).toBeGreaterThan(0);
        expect(l.evidence.length).toBeGreaterThan(0);
        for (const e of l.evidence) expect(e.url).toMatch(/^https:\/\/github\.com\//);
      }
    }
  });
});
