import { describe, expect, it } from "vitest";
import { type Answer, checkAnswer, parseAnswer } from "./answer.js";
import type { EvidenceItem } from "./evidence.js";

const T = "https://github.com/o/r/issues/1";
const C = `${T}#issuecomment-2`;
const evidence: EvidenceItem[] = [
  { id: "E1", text: 'Issue o/r#1 "Crash on start" is open; 3 comments.', citations: [{ label: "o/r#1", url: T }] },
  {
    id: "E2",
    text: 'Reported to work, by bob: "Downgrading to 1.2.3 fixed it" (2 confirmations). Code given with it: `npm i -g tool@1.2.3`.',
    citations: [{ label: "comment by bob", url: C }],
  },
];
const claim = (text: string, ids = ["E1"]) => ({ text, evidence: ids });
const good: Answer = {
  tldr: [claim("The issue is open; downgrading to 1.2.3 fixed it for bob and 2 others.", ["E1", "E2"])],
  guidance: [claim("Run `npm i -g tool@1.2.3` to downgrade (E2).", ["E2"])],
  example: { code: "npm i -g tool@1.2.3", language: "sh", caption: "bob's command", evidence: ["E2"] },
  notes: [],
  recommendation: claim("Downgrade to 1.2.3 until a fix lands.", ["E2"]),
};

describe("checkAnswer", () => {
  it("turns ids into the evidence's citations and drops inline ids from the text", () => {
    const r = checkAnswer(good, evidence);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sections.tldr[0]?.citations).toEqual([
      { label: "o/r#1", url: T },
      { label: "comment by bob", url: C },
    ]);
    expect(r.sections.guidance[0]?.text).toBe("Run `npm i -g tool@1.2.3` to downgrade.");
    expect(r.sections.example?.citations).toEqual([{ label: "comment by bob", url: C }]);
  });

  it.each([
    ["an unknown id", { ...good, notes: [claim("More.", ["E9"])] }, "notes 1 cites unknown evidence E9"],
    [
      "an unknown id in the text",
      { ...good, notes: [claim("See E7.", ["E1"])] },
      "notes 1 mentions unknown evidence E7",
    ],
    [
      "an invented version",
      { ...good, recommendation: claim("Upgrade to 1.2.4.", ["E2"]) },
      "recommendation states 1.2.4, which is not in the evidence",
    ],
    [
      "an invented number",
      { ...good, tldr: [claim("17 people report it.")] },
      "tldr 1 states 17, which is not in the evidence",
    ],
    [
      "an invented command",
      { ...good, guidance: [claim("Run `tool --reset`.", ["E2"])] },
      "guidance 1 quotes `tool --reset`, which is not in the evidence",
    ],
    [
      "generic filler",
      { ...good, notes: [claim("Check your configuration.")] },
      'notes 1 adds generic advice ("check your configuration")',
    ],
    [
      "example code not from the thread",
      { ...good, example: { ...good.example, code: "npm i -g tool@latest" } },
      "the example code is not quoted from the evidence",
    ],
  ] as const)("rejects %s", (_, answer, reason) => {
    expect(checkAnswer(answer as Answer, evidence)).toEqual({ ok: false, reason });
  });
});

describe("parseAnswer", () => {
  it("reads JSON wrapped in prose or a fence", () => {
    expect(parseAnswer(`Here you go:\n\`\`\`json\n${JSON.stringify(good)}\n\`\`\``)).toEqual({
      ok: true,
      answer: good,
    });
  });

  it("rejects text without JSON, broken JSON and a TL;DR of three sentences", () => {
    expect(parseAnswer("I cannot help with that.")).toEqual({ ok: false, reason: "the answer holds no JSON object" });
    expect(parseAnswer('{"tldr": [')).toEqual({ ok: false, reason: "the answer holds no JSON object" });
    expect(parseAnswer('{"tldr": [}')).toEqual({ ok: false, reason: "the answer is not valid JSON" });
    const three = { ...good, tldr: [good.tldr[0], good.tldr[0], good.tldr[0]] };
    const r = parseAnswer(three);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^the answer does not match the schema at tldr/);
  });
});
