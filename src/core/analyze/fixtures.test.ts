// analyze() over every dev fixture, with links from the real crawl (src/core/graph) answered from
// the same fixtures, checked against the answer key (examples/fixtures/_answers.json) and against
// the rules every report must keep: grounded citations, no filler, no unmerged "fix".
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES_DIR } from "../../../test/support/node.test-helper.js";
import { readFixtureDir, readFixtureJson } from "../../fixture-files.js";
import {
  fixtureCrawlDeps,
  fixtureReleases,
  fixtureThread,
  fixtureWorld,
} from "../fixture-codec/fixture-world.test-helper.js";
import type { FixtureFile } from "../fixture-codec/load-files.js";
import { crawl } from "../graph/crawl.js";
import { type Report, reportSchema, type Statement } from "../thread/report.js";
import { type AnalyzeInput, analyze } from "./analyze.js";
import { allowedUrls, BANNED_FILLER } from "./analyze-input.test-helper.js";

type Answers = {
  errors: { thread: string; error: string }[];
  flagship: {
    thread: string;
    comments: number;
    participants: number;
    timeline: number;
    timeline_top: Record<string, number>;
    reactions: number;
    cross_referenced_by: string[];
  };
  fixed_by: { issue: string; pr: string; merged: boolean; released_in?: string }[];
  duplicates: { query: string; canonical: string; explicit: boolean }[];
};

const readFixtures = (): FixtureFile[] => readFixtureDir(EXAMPLES_DIR, (p) => p.endsWith(".json"));

const answers = readFixtureJson(EXAMPLES_DIR, "_answers.json") as Answers;
const world = fixtureWorld(readFixtures());
const keys = [...world.threads.keys()].sort();
const runs = new Map<string, { input: AnalyzeInput; report: Report }>();

async function inputFor(key: string): Promise<AnalyzeInput> {
  const thread = fixtureThread(world, key);
  const graph = await crawl(thread, fixtureCrawlDeps(world), { depth: 1 });
  return {
    thread,
    links: graph.links,
    commits: graph.commits,
    meta: { fetchedAt: "2026-04-09T08:10:52Z", via: "graphql", requests: { rest: 0, graphql: 2 } },
    depth: 1,
    generatedAt: "2026-04-09T08:11:00Z",
    releases: fixtureReleases(world, graph.links),
  };
}

beforeAll(async () => {
  for (const key of keys) {
    const input = await inputFor(key);
    runs.set(key, { input, report: analyze(input) });
  }
});

const reportOf = (key: string): Report => {
  const run = runs.get(key);
  if (!run) throw new Error(`no report for ${key}`);
  return run.report;
};

const statements = (r: Report): Statement[] => [
  ...r.sections.tldr,
  ...r.sections.guidance,
  ...r.sections.notes,
  r.sections.recommendation,
];

describe("fixtures: the flagship", () => {
  it("has the answer key's stats and top timeline events", () => {
    const f = answers.flagship;
    const r = reportOf(f.thread);
    expect(r.stats).toEqual({
      comments: f.comments,
      participants: f.participants,
      timelineEvents: f.timeline,
      reactions: f.reactions,
    });
    expect(r.timelineTop).toEqual(Object.entries(f.timeline_top).map(([type, count]) => ({ type, count })));
  });

  it("links every cross-referencing issue as mentioned-by", () => {
    const r = reportOf(answers.flagship.thread);
    for (const ref of answers.flagship.cross_referenced_by) {
      expect(r.links.find((l) => l.ref === ref)?.relations).toContain("mentioned-by");
    }
  });

  it("has a TL;DR that names the same-error cluster and the absence of a fix as of the snapshot, with citations", () => {
    const r = reportOf(answers.flagship.thread);
    const [first, second] = r.sections.tldr;
    expect(r.sections.tldr).toHaveLength(2);
    expect(first?.text).toMatch(/^Open issue \(labelled "invalid" by a bot\)/);
    expect(first?.text).toContain(
      `API Error: 400 "You're out of extra usage. Add more at claude.ai/settings/usage and keep going."`,
    );
    expect(first?.text).toContain("4 people report it here and 5 linked issues report the same error.");
    // The title is the report's heading; the TL;DR does not repeat it.
    expect(first?.text).not.toContain(r.title);
    // The cluster: linked issues whose title quotes the error, or that a same-here commenter filed.
    const cluster = [
      "anthropics/claude-code#45204",
      "anthropics/claude-code#45252",
      "anthropics/claude-code#45020",
      "anthropics/claude-code#45039",
      "anthropics/claude-code#45095",
    ];
    const states = r.sections.notes.find((n) => n.text.startsWith("Of the 5 linked issues with the same error"));
    const cited = states?.citations.map((c) => c.url) ?? [];
    for (const ref of cluster) expect(cited).toContain(`https://github.com/${ref.replace("#", "/issues/")}`);
    // Every cluster member is in the answer key's same-error cluster; the third-party error (#45911) is not.
    const same = new Set(answersCluster().same);
    for (const ref of cluster) expect(same.has(ref), ref).toBe(true);
    expect(states?.text).not.toContain("45911");
    // As of the last activity in the data (2026-04-09), not the fetch time or today; the one step
    // the thread offers is where it does not happen.
    expect(second?.text).toBe(
      'No official fix, maintainer response or working workaround is on record as of the last activity on 2026-04-09; the reporter notes where it does not happen: "With the same account, claude.ai in the browser keeps working normally".',
    );
    expect([...(first?.citations ?? []), ...(second?.citations ?? [])].length).toBeLessThanOrEqual(3);
    // What is known about the cause and what the reporters tried stay in the report.
    expect(
      r.sections.notes.some((n) => n.text.startsWith('On the cause, the reporter observes: "It looks as if')),
    ).toBe(true);
  });
});

describe("fixtures: the flagship, read with the store and the thread's people", () => {
  it("adds the store's same-error count when it knows more issues than the thread links", async () => {
    const input = await inputFor(answers.flagship.thread);
    const r = analyze({
      ...input,
      sameError: {
        signature: "invalid_request_error: You're out of extra usage",
        count: 8,
        fixedOrWorkaround: [
          {
            ref: "anthropics/claude-code#53262",
            title: "HERMES.md in git commit messages causes requests to route to extra usage billing",
            state: "closed",
            stateReason: "completed",
            how: "closed as completed",
          },
          {
            ref: "anthropics/claude-code#45098",
            title: "Extra usage charged while the plan has quota left",
            state: "open",
            stateReason: null,
            how: "a workaround is reported: Logging out and back in",
          },
        ],
        likelyDuplicates: [{ ref: "anthropics/claude-code#45098", score: 0.9 }],
      },
    });
    // A same-error issue with a workaround on record is a lead; one merely closed as completed is not.
    expect(r.sections.guidance).toContainEqual({
      text: 'Check the stored issue with the same error that has a fix or workaround on record, in case it applies: anthropics/claude-code#45098 ("Extra usage charged while the plan has quota left": a workaround is reported: Logging out and back in).',
      citations: [
        { label: "anthropics/claude-code#45098", url: "https://github.com/anthropics/claude-code/issues/45098" },
      ],
    });
    expect(r.sections.guidance.some((g) => g.text.includes("#53262"))).toBe(false);
    expect(r.sections.tldr[0]?.text).toContain("and 8 stored issues share its error signature.");
    expect(r.sameError?.count).toBe(8);
    expect(r.signals?.find((x) => x.signal === "common-issue")?.reason).toContain("8 stored issues");
  });

  it("keeps negative results and the costly step apart from workarounds", () => {
    const r = reportOf(answers.flagship.thread);
    const g = r.sections.guidance.map((s) => s.text);
    expect(g[0]).toBe(
      "No fix, and nothing reported to work, as of the last activity on 2026-04-09; what was proposed or observed follows.",
    );
    expect(g).toContain(
      'Did not help, per ogaken0612: "Switching from Opus to Sonnet with /model did not help, and neither did updating Claude Code".',
    );
    expect(
      g.some((t) => t.startsWith("Caution, per ogaken0612:") && t.includes("credits started being deducted")),
    ).toBe(true);
    expect(g.some((t) => /^(?:Reported to work|Workaround reported)/.test(t))).toBe(false);
    // What still works elsewhere is a condition, never a working workaround.
    expect(r.workarounds?.map((w) => [w.kind, w.text])).toEqual([
      ["conditional", "With the same account, claude.ai in the browser keeps working normally."],
    ]);
  });

  it("compares the reporters' environments and names the open same-error issue to follow", () => {
    const r = reportOf(answers.flagship.thread);
    expect(r.environment).toMatchObject({
      reporters: 4,
      versions: [
        { value: "2.0.76", count: 2 },
        { value: "2.1.29", count: 1 },
      ],
      os: [{ value: "macOS", count: 2 }],
      plans: [
        { value: "Max 20x", count: 2 },
        { value: "Max 5x", count: 2 },
      ],
    });
    const notes = r.sections.notes.map((n) => n.text);
    expect(notes.some((n) => n.includes("versions 2.0.76 to 2.1.29"))).toBe(true);
    expect(notes).toContain("No maintainer (OWNER, MEMBER or COLLABORATOR) has commented in 4 comments.");
    expect(r.sections.recommendation.text).toBe(
      'No fix or workaround is known as of 2026-04-09: subscribe to this issue and to anthropics/claude-code#45020 (the other open report of the same error) for updates; meanwhile, per the reporter: "With the same account, claude.ai in the browser keeps working normally".',
    );
  });

  it("gives evidence-based signals and a billing category", () => {
    const r = reportOf(answers.flagship.thread);
    expect(r.category).toBe("billing-quota");
    expect(r.tags?.[0]).toEqual({ tag: "billing-quota", source: "category", reason: 'the title says "billing"' });
    const signals = new Map(r.signals?.map((x) => [x.signal, x]));
    expect(signals.get("common-issue")).toMatchObject({ strength: "strong", value: 9 });
    expect(signals.get("blocking")).toMatchObject({ strength: "strong" });
    expect(signals.has("works")).toBe(false);
    expect(signals.has("easy-fix")).toBe(false);
  });
});

function answersCluster(): { anchor: string; same: string[] } {
  const clusters = (answers as unknown as { error_clusters: { anchor: string; same: string[] }[] }).error_clusters;
  const c = clusters.find((x) => x.anchor === answers.flagship.thread);
  if (!c) throw new Error("no cluster for the flagship");
  return c;
}

describe("fixtures: error messages", () => {
  it.each(answers.errors.map((e) => [e.thread, e.error] as const))("%s", (thread, error) => {
    expect(reportOf(thread).errorMessage ?? "").toContain(error);
  });

  it("finds no error in threads that show none (feature requests)", () => {
    for (const key of keys.filter((k) => k.startsWith("microsoft/vscode#"))) {
      expect(reportOf(key).errorMessage, key).toBeNull();
    }
  });
});

describe("fixtures: fix status", () => {
  it.each(answers.fixed_by.map((f) => [f.issue, f] as const))("%s", (issue, f) => {
    const r = reportOf(issue);
    const pull = r.fix.pulls.find((p) => p.ref === f.pr);
    expect(pull?.merged).toBe(f.merged);
    if (f.merged) {
      expect(r.fix.status).toBe("fixed");
      expect(pull?.releasedIn ?? null).toBe(f.released_in ?? null);
      if (f.released_in) {
        expect(r.sections.recommendation.text).toBe(`Upgrade to ${f.released_in} or later.`);
        // "fixed in vX.Y.Z, released DATE", the release cited.
        expect(r.sections.tldr[1]?.text).toMatch(new RegExp(`released in ${f.released_in} on \\d{4}-\\d{2}-\\d{2}\\)`));
        expect(r.sections.tldr[1]?.citations.map((c) => c.label)).toContain(`release ${f.released_in}`);
        expect(r.signals?.find((x) => x.signal === "works")?.reason).toMatch(
          new RegExp(`^fixed in ${f.released_in}, released `),
        );
      } else if (runs.get(issue)?.input.releases?.has(f.pr)) {
        // Looked up and not found: said as such, never as a release.
        expect(r.sections.tldr[1]?.text).toContain("no release containing it was found");
      } else {
        expect(r.sections.tldr[1]?.text).not.toMatch(/released|release containing/);
      }
    } else {
      expect(r.fix.status).toMatch(/^fix-(open|unmerged)$/);
      expect(r.fix.summary).not.toMatch(/^Fixed/);
    }
  });
});

describe("fixtures: explicit duplicates", () => {
  it.each(answers.duplicates.filter((d) => d.explicit).map((d) => [d.query, d.canonical] as const))(
    "%s follows %s",
    (query, canonical) => {
      const r = reportOf(query);
      expect(r.links.find((l) => l.ref === canonical)?.relations).toContain("duplicate-of");
      expect(r.sections.recommendation.text).toBe(`Follow ${canonical}, which this issue duplicates.`);
    },
  );
});

describe("fixtures: rules every report keeps", () => {
  it("validates against the report schema", () => {
    for (const key of keys) expect(() => reportSchema.parse(reportOf(key)), key).not.toThrow();
  });

  it("cites only the thread, its comments, linked threads or commits from the input", () => {
    for (const key of keys) {
      const { input, report } = runs.get(key) ?? { input: null, report: null };
      if (!input || !report) throw new Error(key);
      const allowed = new Set([
        ...allowedUrls(input),
        ...report.links.map((l) => l.url),
        ...report.commits.flatMap((c) => (c.url ? [c.url] : [])),
      ]);
      const cites = [
        ...statements(report).flatMap((s) => s.citations),
        ...(report.sections.example?.citations ?? []),
        ...(report.signals ?? []).flatMap((s) => s.citations),
        ...(report.snapshot ? [report.snapshot.citation] : []),
      ];
      for (const w of report.workarounds ?? []) {
        expect(allowed.has(w.url), `${key}: workaround ${w.url}`).toBe(true);
        for (const x of [...w.confirmedBy, ...w.contradictedBy]) expect(allowed.has(x.url), key).toBe(true);
      }
      for (const s of statements(report)) expect(s.citations.length, `${key}: ${s.text}`).toBeGreaterThan(0);
      for (const c of cites) expect(allowed.has(c.url), `${key}: ${c.label} ${c.url}`).toBe(true);
    }
  });

  it("says banned filler only when quoting the thread", () => {
    for (const key of keys) {
      const { input, report } = runs.get(key) ?? { input: null, report: null };
      if (!input || !report) throw new Error(key);
      const source = [input.thread.body, ...input.thread.comments.map((c) => c.body)].join("\n").toLowerCase();
      const said = statements(report).map((s) => s.text.toLowerCase());
      for (const phrase of BANNED_FILLER) {
        for (const text of said) if (text.includes(phrase)) expect(source, `${key}: ${text}`).toContain(phrase);
      }
    }
  });

  it("never reports fixed without a merged closing pull request or closing commit", () => {
    for (const key of keys) {
      const r = reportOf(key);
      const closingCommit = r.commits.some((c) => c.evidence.some((e) => e.event === "closed"));
      if (r.fix.status.startsWith("fixed")) expect(r.fix.pulls.some((p) => p.merged) || closingCommit, key).toBe(true);
      for (const p of r.fix.pulls) if (!p.merged) expect(p.mergedAt, key).toBeNull();
    }
  });

  it("keeps the TL;DR to two statements, about 60 words, at most 3 citations, without the title", () => {
    for (const key of keys) {
      const r = reportOf(key);
      expect(r.sections.tldr.length, key).toBeLessThanOrEqual(2);
      const text = r.sections.tldr.map((s) => s.text).join(" ");
      expect(text.split(/\s+/).length, `${key}: ${text}`).toBeLessThanOrEqual(80);
      expect(r.sections.tldr.flatMap((s) => s.citations).length, key).toBeLessThanOrEqual(3);
      if (r.title.length > 20) expect(text, key).not.toContain(r.title);
    }
  });

  it("is deterministic", async () => {
    const key = answers.flagship.thread;
    const again = analyze(await inputFor(key));
    expect(JSON.stringify(again)).toBe(JSON.stringify(reportOf(key)));
  });
});
