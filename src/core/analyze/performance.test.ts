import { describe, expect, it } from "vitest";
import { renderJson } from "../render/json.js";
import { renderMarkdown } from "../render/markdown.js";
import { comment, linked, makeThread, summary } from "../thread/builders.test-helper.js";
import type { LinkedThread } from "../thread/link.js";
import type { Report } from "../thread/report.js";
import type { TimelineEvent } from "../thread/types.js";
import { analyze } from "./analyze.js";
import { input } from "./analyze-input.test-helper.js";

const BODIES = [
  "Same here on v1.2.3 on macOS. Reinstalling did not help.",
  "Setting `FOO=1` worked for me:\n\n```sh\nexport FOO=1\n```",
  "I get this error: Cannot connect to the daemon at unix:///var/run/x.sock",
  '```\nTraceback (most recent call last):\n  File "a.py", line 1\nValueError: bad\n```',
  `A very long line ${'with many words and `code` and "quotes" '.repeat(60)}`,
  "+1",
];

function bigThread() {
  const comments = Array.from({ length: 5000 }, (_, i) =>
    comment(`user${i % 700}`, BODIES[i % BODIES.length] as string, {
      id: 10_000 + i,
      association: i % 97 === 0 ? "MEMBER" : "NONE",
    }),
  );
  const events: TimelineEvent[] = Array.from({ length: 2000 }, (_, i) =>
    i % 2 === 0
      ? { type: "labeled", label: `label-${i % 30}`, actor: `user${i % 500}`, createdAt: "2024-01-01T00:00:00Z" }
      : {
          type: "cross-referenced",
          source: summary(100 + i),
          willCloseTarget: false,
          actor: `user${i % 300}`,
          createdAt: "2024-01-01T00:00:00Z",
        },
  );
  const links: LinkedThread[] = Array.from({ length: 1000 }, (_, i) =>
    linked(summary(100 + 2 * i + 1, { title: `Widget crashes ${i}` }), ["mentioned-by"]),
  );
  return input(makeThread({ body: "It crashes.", comments, events }), { links });
}

describe("performance", () => {
  it("analyses 5,000 comments and 2,000 events, and renders them as Markdown, each well under a second", () => {
    // Warm up the regexes on a small thread first: a server pays that once, not per report.
    renderMarkdown(
      analyze(input(makeThread({ body: "```\nError: x\n```", comments: [comment("a", "did not help")] }))),
    );
    const i = bigThread();
    // CPU time, not wall time: the suite runs beside other work on shared cores.
    const cpuMs = (work: () => void): number => {
      const before = process.cpuUsage();
      work();
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000;
    };
    let report: Report | undefined;
    let json = "";
    let md = "";
    const analysis = cpuMs(() => {
      report = analyze(i);
      json = renderJson(report);
    });
    // The Markdown report has its own budget: mdast-util-to-markdown escapes node by node, and
    // this report holds 1,000 linked threads and some 2,400 citation links.
    const markdown = cpuMs(() => {
      if (report) md = renderMarkdown(report);
    });
    if (!report) throw new Error("no report");
    expect(report.stats).toMatchObject({ comments: 5000, timelineEvents: 7000 });
    expect(report.errorMessage).toBe("ValueError: bad"); // the traceback outranks the prose error
    expect(md.length).toBeGreaterThan(0);
    expect(json.length).toBeGreaterThan(0);
    expect(analysis).toBeLessThan(1000);
    expect(markdown).toBeLessThan(1000);
  });
});
