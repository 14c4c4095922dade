import { describe, expect, it } from "vitest";
import { environmentFacts, mentionedEnvironment } from "./environment.js";

describe("environmentFacts", () => {
  it("reads key: value lines whose key names an environment aspect", () => {
    const body = [
      "**Environment:**",
      "- Claude Code version: 2.1.29",
      "- **Plan:** Claude Max (5x)",
      "- Models tried: Opus 4.5",
      "- Current week (all models): 0% used",
      "Summary: it breaks",
      "OS: macOS",
    ].join("\n");
    expect(environmentFacts(body)).toEqual([
      { key: "Claude Code version", value: "2.1.29" },
      { key: "Plan", value: "Claude Max (5x)" },
      { key: "Models tried", value: "Opus 4.5" },
      { key: "OS", value: "macOS" },
    ]);
  });

  it("reads issue-form headings answered on the next line, but not an Environment section heading", () => {
    const body =
      "### Version\n\n18.9.0\n\n### Platform\n\nlinux\n\n## Environment\n- Browser: Firefox 120\n\n```\nVersion: in code\n```";
    expect(environmentFacts(body)).toEqual([
      { key: "Version", value: "18.9.0" },
      { key: "Platform", value: "linux" },
      { key: "Browser", value: "Firefox 120" },
    ]);
  });

  it("keeps the first value per key and clips long values", () => {
    const facts = environmentFacts(`OS: ${"x".repeat(150)}\nOS: second`);
    expect(facts).toHaveLength(1);
    expect(facts[0]?.value).toHaveLength(100);
  });
});

describe("mentionedEnvironment", () => {
  it("finds versions and operating systems in free text", () => {
    expect(
      mentionedEnvironment("Same on Claude Code v2.0.76 (pnpm) on macOS, and 1.2.3-beta.1 on Windows 11."),
    ).toEqual(["v2.0.76", "1.2.3-beta.1", "macOS", "Windows 11"]);
  });
});

describe("environmentFacts: keys", () => {
  it("ignores sentence-long keys that merely end with an aspect word", () => {
    expect(environmentFacts("Master issue for the integrated terminal: #143")).toEqual([]);
  });
});
