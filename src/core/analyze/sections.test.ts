import { describe, expect, it } from "vitest";
import { comment, labeled, linked, makeThread, summary } from "../thread/builders.test-helper.js";
import type { Report, Statement } from "../thread/report.js";
import { analyze } from "./analyze.js";
import { allowedUrls, BANNED_FILLER, input } from "./analyze-input.test-helper.js";

const texts = (items: Statement[]) => items.map((s) => s.text);
const allStatements = (r: Report): Statement[] => [
  ...r.sections.tldr,
  ...r.sections.guidance,
  ...r.sections.notes,
  r.sections.recommendation,
];

function expectGrounded(r: Report, i: ReturnType<typeof input>): void {
  const allowed = allowedUrls(i);
  const cited = [...allStatements(r).flatMap((s) => s.citations), ...(r.sections.example?.citations ?? [])];
  for (const c of cited) expect(allowed, `citation ${c.label}`).toContain(c.url);
  for (const s of allStatements(r)) expect(s.citations.length).toBeGreaterThan(0);
  expect(r.sections.tldr.length).toBeLessThanOrEqual(2);
}

describe("sections: nothing known", () => {
  const thread = makeThread({
    body: "```\nTypeError: boom\n```",
    labels: ["invalid"],
    events: [labeled("invalid", "triage[bot]")],
  });
  const i = input(thread);
  const r = analyze(i);

  it("says plainly that nothing is known as of the last activity, not the fetch, citing the thread", () => {
    // Fetched 2024-02-01; the last thing that happened is the edit of 2024-01-02.
    expect(r.sections.tldr[1]).toEqual({
      text: "No official fix, maintainer response or working workaround is on record as of the last activity on 2024-01-02.",
      citations: [{ label: "acme/widget#7", url: thread.url }],
    });
    expect(r.sections.guidance[0]).toEqual({
      text: "No workaround or fix has been reported in this thread as of the last activity on 2024-01-02.",
      citations: [{ label: "acme/widget#7", url: thread.url }],
    });
    expect(r.snapshot).toEqual({ at: "2024-01-02T10:00:00Z", citation: { label: "acme/widget#7", url: thread.url } });
    expect(r.sections.example).toBeNull();
  });

  it("states state, caveat labels and the error in the first TL;DR sentence", () => {
    expect(r.sections.tldr[0]?.text).toBe('Open issue (labelled "invalid" by a bot) reporting TypeError: boom.');
  });

  it("notes who added a notable label", () => {
    expect(texts(r.sections.notes)).toContain('Labelled "invalid" by a bot on 2024-01-01.');
  });

  it("recommends following the thread, without generic advice", () => {
    expect(r.sections.recommendation.text).toBe(
      "No fix or workaround is known as of 2024-01-02: subscribe to this issue for updates.",
    );
    expectGrounded(r, i);
  });
});

describe("sections: a merged, released fix", () => {
  const pull = summary(20, {
    kind: "pull",
    state: "closed",
    merged: true,
    mergedAt: "2024-03-01T10:00:00Z",
    title: "Fix boom",
  });
  const i = input(makeThread({ state: "closed", stateReason: "completed" }), {
    links: [linked(pull, ["closed-by", "mentioned-by"])],
    releases: new Map([["acme/widget#20", { tag: "v2.0.0", publishedAt: "2024-03-05T00:00:00Z" }]]),
  });
  const r = analyze(i);

  it("leads Guidance and the Recommendation with the upgrade, citing the pull request and the release", () => {
    const cite = [
      { label: "acme/widget#20", url: pull.url },
      { label: "release v2.0.0", url: "https://github.com/acme/widget/releases/tag/v2.0.0" },
    ];
    expect(r.sections.guidance[0]).toEqual({
      text: "Upgrade to v2.0.0 or later, released 2024-03-05: it contains acme/widget#20, which fixed this (merged 2024-03-01).",
      citations: cite,
    });
    expect(r.sections.recommendation).toEqual({ text: "Upgrade to v2.0.0 or later.", citations: cite });
    expect(r.sections.tldr[1]?.text).toBe(
      "Fixed by acme/widget#20 (merged 2024-03-01, released in v2.0.0 on 2024-03-05): upgrade to v2.0.0 or later.",
    );
    expectGrounded(r, i);
  });
});

describe("sections: proposals that are not fixes", () => {
  it("never calls an open pull request a fix", () => {
    const i = input(makeThread(), {
      links: [linked(summary(21, { kind: "pull", state: "open", merged: false }), ["closed-by"])],
    });
    const r = analyze(i);
    expect(r.fix.status).toBe("fix-open");
    for (const s of allStatements(r)) expect(s.text).not.toMatch(/^Fixed\b|Upgrade to/);
    expect(r.sections.recommendation.text).toBe("Follow acme/widget#21, which would close this issue once merged.");
    expectGrounded(r, i);
  });

  it("says a closed, unmerged pull request does not fix it", () => {
    const i = input(makeThread(), {
      links: [linked(summary(22, { kind: "pull", state: "closed", merged: false }), ["closed-by"])],
    });
    const r = analyze(i);
    expect(texts(r.sections.guidance)).toContain(
      "acme/widget#22 proposed a fix but was closed without merging, so it does not fix this.",
    );
    expect(r.sections.tldr[1]?.text).toBe(
      "The proposed fix in acme/widget#22 was closed without merging, so no fix is known and no workaround is reported.",
    );
  });
});

describe("sections: what people report", () => {
  const works = comment("bob", "Setting `FOO=1` worked for me:\n\n```sh\nexport FOO=1\n```", { plusOnes: 3 });
  const fails = comment("carol", "Same here. Reinstalling did not help.");
  const maint = comment("maint", "This is a regression from 1.4; we will look at it.", { association: "MEMBER" });
  const i = input(makeThread({ body: "Crashes.\n\n- OS: Linux", comments: [works, fails, maint] }));
  const r = analyze(i);

  it("puts the workaround with its votes before maintainer statements and negative results", () => {
    expect(texts(r.sections.guidance)).toEqual([
      'Workaround reported by bob (👍 3): "Setting `FOO=1` worked for me:".',
      'Maintainer maint (MEMBER) wrote: "This is a regression from 1.4; we will look at it".',
      'Did not help, per carol: "Reinstalling did not help".',
    ]);
    expect(r.sections.guidance[0]?.citations).toEqual([{ label: "comment by bob", url: works.url }]);
  });

  it("quotes the working code as the example", () => {
    expect(r.sections.example).toEqual({
      code: "export FOO=1",
      language: "sh",
      citations: [{ label: "comment by bob", url: works.url }],
      caption: 'Quoted from bob, confirmed by 3 people, who wrote: "Setting `FOO=1` worked for me:"',
    });
  });

  it("recommends the workaround and mentions confirmations and environment in Notes", () => {
    expect(r.sections.recommendation.text).toBe(
      'Until a fix is merged, apply the workaround reported by bob (3 confirmations): "Setting `FOO=1` worked for me:".',
    );
    expect(texts(r.sections.notes)).toEqual([
      "Reporter's environment: OS: Linux.",
      "1 other person reports the same problem in comments (carol).",
      "Reports differ: 1 statement says something helped and 1 statement says a step did not help; see Guidance.",
    ]);
    expectGrounded(r, i);
  });
});

describe("sections: duplicates and similar reports", () => {
  it("sends readers to the canonical issue", () => {
    const canonical = summary(3, { title: "Widget crashes when started twice" });
    const i = input(makeThread({ state: "closed", stateReason: "duplicate" }), {
      links: [linked(canonical, ["duplicate-of"])],
    });
    const r = analyze(i);
    expect(r.sections.recommendation).toEqual({
      text: "Follow acme/widget#3, which this issue duplicates.",
      citations: [{ label: "acme/widget#3", url: canonical.url }],
    });
    expect(texts(r.sections.guidance)).toContain(
      'This is marked as a duplicate of acme/widget#3 ("Widget crashes when started twice"); follow that issue instead.',
    );
  });

  it("names linked issues whose titles share the problem, and leaves unrelated ones out", () => {
    const similar = summary(8, { title: "Crashes on start with TypeError boom" });
    const unrelated = summary(9, { title: "Add dark mode" });
    const i = input(makeThread({ body: "```\nTypeError: boom\n```" }), {
      links: [linked(similar, ["mentioned-by"]), linked(unrelated, ["mentioned-by"])],
    });
    const r = analyze(i);
    expect(r.sections.tldr[0]?.text).toContain("; 1 linked issue describes a similar one.");
    expect(r.sections.tldr[0]?.citations).toContainEqual({ label: "acme/widget#8", url: similar.url });
    expect(r.sections.tldr[0]?.citations.map((c) => c.url)).not.toContain(unrelated.url);
    expectGrounded(r, i);
  });
});

describe("sections: filler", () => {
  it("only says a banned phrase when quoting the thread", () => {
    const i = input(makeThread({ comments: [comment("bob", "Try restarting the daemon, that worked for me.")] }));
    const r = analyze(i);
    const said = allStatements(r)
      .map((s) => s.text.toLowerCase())
      .join("\n");
    for (const phrase of BANNED_FILLER) {
      if (said.includes(phrase))
        expect(i.thread.comments.some((c) => c.body.toLowerCase().includes(phrase))).toBe(true);
    }
    expect(said).toContain("try restarting the daemon");
  });
});

describe("sections: locked and transferred threads", () => {
  it("notes the lock reason and the transfer", () => {
    const thread = makeThread({
      locked: true,
      activeLockReason: "too_heated",
      movedFrom: { host: "github.com", owner: "acme", repo: "old", number: 1 },
    });
    const r = analyze(input(thread));
    expect(texts(r.sections.notes)).toEqual([
      "The conversation is locked (reason: too heated); only collaborators can comment.",
      "Transferred from acme/old#1.",
    ]);
    expect(r.transferredFrom).toBe("acme/old#1");
  });
});
