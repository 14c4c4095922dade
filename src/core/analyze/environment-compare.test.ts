import { describe, expect, it } from "vitest";
import { comment, makeThread } from "../thread/builders.test-helper.js";
import { compareVersions, readEnv, reporterEnvs, summariseEnvironment } from "./environment-compare.js";
import { readFindings } from "./findings.js";

const voice = { login: "x", url: "https://github.com/o/r/issues/1", source: "body" as const };

describe("readEnv", () => {
  it("reads versions, OS, runtime, plan and model from key: value lines and prose", () => {
    const body = [
      "- Claude Code version: 2.1.29",
      "- Plan: Claude Max (5x)",
      "- Models tried: Opus 4.5, claude-sonnet-4-5-20250929",
      "- Platform: Darwin Eorzea.local 21.6.0 Darwin Kernel Version 21.6.0",
      "",
      "Also on Node v20.11.1 with npm 10.2.4; the weekly (Sonnet only) bar is at 3%.",
    ].join("\n");
    expect(readEnv(body, voice)).toMatchObject({
      versions: ["2.1.29"],
      os: ["macOS"],
      runtimes: ["Node.js 20.11.1", "Npm 10.2.4"],
      plans: ["Max 5x"],
      models: ["Opus 4.5", "claude-sonnet-4-5-20250929"],
    });
  });

  it("does not take versions from logs, URLs or OS versions, nor money for versions", () => {
    const text = "Same on macOS 14.2.1 and https://x.dev/v/9.9.9, balance $194.51.\n\n```\nat lib 7.7.7\n```";
    expect(readEnv(text, voice)).toMatchObject({ versions: [], os: ["macOS"] });
  });

  it("prefers 'Max 20x' to a bare 'Max plan' from the same person", () => {
    expect(readEnv("I am on the Max plan. Max 20x to be exact.", voice).plans).toEqual(["Max 20x"]);
  });
});

describe("compareVersions", () => {
  it("compares numerically, not as text, a pre-release before its release (SemVer)", () => {
    const sorted = ["2.1.100", "2.0.76", "2.1.29", "2.1.29-beta.1", "10.0.0"].sort(compareVersions);
    expect(sorted).toEqual(["2.0.76", "2.1.29-beta.1", "2.1.29", "2.1.100", "10.0.0"]);
  });

  it("puts a variant tag after its release: only pre-release words make a pre-release", () => {
    expect(["7.2.4-bookworm", "7.2.4", "7.2.4-rc1", "7.2.3"].sort(compareVersions)).toEqual([
      "7.2.3",
      "7.2.4-rc1",
      "7.2.4",
      "7.2.4-bookworm",
    ]);
  });

  it("reads loose versions: a leading v, two numbers, a fourth number", () => {
    expect(["1.10", "v1.9.2", "1.2.3.10", "1.2.3.9"].sort(compareVersions)).toEqual([
      "1.2.3.9",
      "1.2.3.10",
      "v1.9.2",
      "1.10",
    ]);
  });

  it("orders text that is no version after every version, deterministically", () => {
    expect(["nightly", "1.0.0", "canary"].sort(compareVersions)).toEqual(["1.0.0", "canary", "nightly"]);
    expect(compareVersions("1.2", "1.2.0")).not.toBe(0);
  });
});

describe("reporterEnvs + summariseEnvironment", () => {
  it("counts each reporter once, from the body and same-here comments only", () => {
    const thread = makeThread({
      body: "Version: 1.4.0\nOS: Windows 11",
      comments: [
        comment("bob", "Same here on 1.10.2 on macOS."),
        comment("carol", "Me too, 1.4.0 on Windows."),
        comment("maint", "Fixed in 9.9.9, please upgrade.", { association: "MEMBER" }),
      ],
    });
    const envs = reporterEnvs(thread, readFindings(thread));
    expect(envs.map((e) => e.voice.login)).toEqual(["alice", "bob", "carol"]);
    expect(summariseEnvironment(envs)).toEqual({
      reporters: 3,
      versions: [
        { value: "1.4.0", count: 2 },
        { value: "1.10.2", count: 1 },
      ],
      os: [
        { value: "Windows", count: 2 },
        { value: "macOS", count: 1 },
      ],
      runtimes: [],
      plans: [],
      models: [],
    });
  });
});
