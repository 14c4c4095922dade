import { describe, expect, it } from "vitest";
import { renderJson } from "../render/json.js";
import { renderMarkdown } from "../render/markdown.js";
import { comment, linked, makeThread, summary } from "../thread/builders.test-helper.js";
import type { LinkedThread } from "../thread/link.js";
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

// Speed is measured by `npm run bench -- analyze` (the same 5,000-comment shape), never here: this
// test only checks that a huge thread is analysed and rendered whole and correctly.
describe("a huge thread", () => {
  it("analyses 5,000 comments, 2,000 events and 1,000 links, and renders them as JSON and Markdown", () => {
    const report = analyze(bigThread());
    expect(report.stats).toMatchObject({ comments: 5000, timelineEvents: 7000 });
    expect(report.errorMessage).toBe("ValueError: bad"); // the traceback outranks the prose error
    expect(JSON.parse(renderJson(report)).ref).toBe(report.ref);
    const md = renderMarkdown(report);
    expect(md).toContain("ValueError: bad");
    expect(md).toContain("Widget crashes 999");
  });
});
