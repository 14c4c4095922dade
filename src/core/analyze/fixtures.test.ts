// analyze() over every dev fixture, with links from the real crawl (src/core/graph) answered from
// the same fixtures, checked against the answer key (examples/fixtures/_answers.json) and against
// the rules every report must keep: grounded citations, no filler, no unmerged "fix".
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { crawl } from "../graph/crawl.js";
import { reportSchema } from "../render/json.js";
import type { Report, Statement } from "../thread/report.js";
import { type AnalyzeInput, analyze } from "./analyze.js";
import { type FixtureFile, fixtureCrawlDeps, fixtureReleases, fixtureThread, fixtureWorld } from "./test-fixtures.js";
import { BANNED_FILLER } from "./test-thread.js";

const DIR = fileURLToPath(new URL("../../../examples/fixtures", import.meta.url));

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

function readFixtures(): FixtureFile[] {
  const files: FixtureFile[] = [];
  const dirs = (p: string) => readdirSync(p).filter((n) => !n.startsWith("_") && statSync(join(p, n)).isDirectory());
  for (const owner of dirs(DIR)) {
    for (const repo of dirs(join(DIR, owner))) {
      for (const name of readdirSync(join(DIR, owner, repo))) {
        if (!name.endsWith(".json")) continue;
        files.push({ owner, repo, name, json: JSON.parse(readFileSync(join(DIR, owner, repo, name), "utf8")) });
      }
    }
  }
  return files;
}

const answers = JSON.parse(readFileSync(join(DIR, "_answers.json"), "utf8")) as Answers;
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

  it("has a TL;DR that gives state, label, error, the same-error reports and that nothing is known", () => {
    const [first, second] = reportOf(answers.flagship.thread).sections.tldr;
    expect(first?.text).toMatch(/^Open issue \(labelled "invalid"\)/);
    expect(first?.text).toContain(
      `API Error: 400 "You're out of extra usage. Add more at claude.ai/settings/usage and keep going."`,
    );
    expect(first?.text).toContain("3 commenters report the same problem");
    const cited = first?.citations.map((c) => c.url) ?? [];
    for (const ref of answers.flagship.cross_referenced_by) {
      expect(cited).toContain(`https://github.com/${ref.replace("#", "/issues/")}`);
    }
    expect(second?.text).toBe("No fix or workaround is known as of 2026-04-09.");
  });

  it("keeps negative results apart from workarounds", () => {
    const g = reportOf(answers.flagship.thread).sections.guidance.map((s) => s.text);
    expect(g[0]).toBe("No workaround or fix has been reported in this thread.");
    expect(g).toContain(
      'Did not help, per ogaken0612: "Switching from Opus to Sonnet with /model did not help, and neither did updating Claude Code."',
    );
    expect(g.some((t) => t.startsWith("Reported to work"))).toBe(false);
  });
});

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
      if (f.released_in) expect(r.sections.recommendation.text).toBe(`Upgrade to ${f.released_in} or later.`);
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
        input.thread.url,
        ...input.thread.comments.map((c) => c.url),
        ...report.links.map((l) => l.url),
        ...input.links.flatMap((l) => (l.summary ? [l.summary.url] : [])),
        ...report.commits.flatMap((c) => (c.url ? [c.url] : [])),
      ]);
      const cites = [...statements(report).flatMap((s) => s.citations), ...(report.sections.example?.citations ?? [])];
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

  it("keeps the TL;DR to two statements", () => {
    for (const key of keys) expect(reportOf(key).sections.tldr.length, key).toBeLessThanOrEqual(2);
  });

  it("is deterministic", async () => {
    const key = answers.flagship.thread;
    const again = analyze(await inputFor(key));
    expect(JSON.stringify(again)).toBe(JSON.stringify(reportOf(key)));
  });
});
