import { describe, expect, it } from "vitest";
import { comment, makeThread } from "../thread/builders.test-helper.js";
import { classify, readFindings } from "./findings.js";

describe("classify", () => {
  it.each([
    ["Switching models with /model did not help, and neither did updating.", "did-not-help"],
    ["Restarting and logging out and back in didn't work.", "did-not-help"],
    ["Reinstalling had no effect.", "did-not-help"],
    ["Setting the flag doesn't fix it either.", "did-not-help"],
    ["Logging in again helped briefly, but the error returned soon afterwards.", "temporary"],
    ["Re-authenticating fixed it only temporarily; the error came back.", "temporary"],
    ["Downgrading to 1.2.3 worked for me.", "worked"],
    ["As a workaround, set FOO=1 before starting.", "worked"],
    ["Until then, make sure nothing is selected before closing it.", "worked"],
    ["I logged out and back in, and since then I haven't hit the limit.", "worked"],
    ["This fixed it!", "worked"],
  ])("%s -> %s", (sentence, kind) => {
    expect(classify(sentence)).toBe(kind);
  });

  it.each([
    "Is there a workaround?",
    "There is no known workaround.",
    "Copy and paste doesn't work in the terminal.",
    "A condescending tone won't fix bugs.",
    "The app crashes on start.",
  ])("%s -> nothing", (sentence) => {
    expect(classify(sentence)).toBeNull();
  });
});

describe("readFindings", () => {
  it("reads outcomes per voice, skipping bots, and marks maintainers", () => {
    const bot = comment("github-actions[bot]", "Possible duplicate. This worked for others.");
    const m = comment("maint", "Reproduces for me. Until then, disable the cache.", { association: "MEMBER" });
    const user = comment("bob", "Same here on v1.2.3 on macOS. Clearing the cache did not help.", { plusOnes: 2 });
    const f = readFindings(makeThread({ body: "Crashes.", comments: [bot, m, user] }));
    expect(f.findings.map((x) => [x.kind, x.voice.login, x.text])).toEqual([
      ["maintainer", "maint", "Reproduces for me."],
      ["worked", "maint", "Until then, disable the cache."],
      ["did-not-help", "bob", "Clearing the cache did not help."],
    ]);
    expect(f.findings[1]?.voice).toMatchObject({ maintainer: true, url: m.url, source: "comment" });
    expect(f.sameHere.map((s) => [s.voice.login, s.voice.plusOnes])).toEqual([["bob", 2]]);
  });

  it("counts each same-here commenter once and never the author", () => {
    const f = readFindings(
      makeThread({
        comments: [comment("alice", "Same here still."), comment("bob", "+1"), comment("BOB", "me too")],
      }),
    );
    expect(f.sameHere.map((s) => s.voice.login)).toEqual(["bob"]);
  });

  it("reads a Work-around block and a What I tried list from the body", () => {
    const body = [
      "It breaks.",
      "",
      "Work-around:",
      " * Restarting the app brings back correct rendering.",
      "",
      "## What I already tried",
      "- Reinstalling",
      "- Clearing ~/.cache",
      "",
      "## Other",
      "- not a tried item",
    ].join("\n");
    const f = readFindings(makeThread({ body }));
    expect(f.findings.filter((x) => x.kind === "worked").map((x) => x.text)).toEqual([
      "Restarting the app brings back correct rendering.",
    ]);
    expect(f.tried).toEqual([
      { items: ["Reinstalling", "Clearing ~/.cache"], voice: expect.objectContaining({ source: "body" }) },
    ]);
  });

  it("offers code from a comment that says it works, not logs", () => {
    const good = comment("carol", "This works for me:\n\n```sh\nexport FOO=1\n```");
    const log = comment("dave", "That worked.\n\n```\nError: still\n```");
    const f = readFindings(makeThread({ comments: [good, log] }));
    expect(f.examples).toEqual([
      {
        code: "export FOO=1",
        language: "sh",
        voice: expect.objectContaining({ login: "carol" }),
        cue: "This works for me:",
        offered: "worked",
      },
    ]);
  });

  it("offers code under a Workaround label", () => {
    const f = readFindings(makeThread({ body: "Broken.\n\n**Workaround:**\n```\nrm -rf ~/.cache/x\n```" }));
    expect(f.examples.map((e) => [e.code, e.cue])).toEqual([["rm -rf ~/.cache/x", "Workaround:"]]);
  });

  it("ignores GitHub link commands as maintainer statements", () => {
    const f = readFindings(makeThread({ comments: [comment("m", "Duplicate of #12", { association: "OWNER" })] }));
    expect(f.findings).toEqual([]);
  });
});

describe("classify: pronoun cues", () => {
  it("reads 'that works' as a report only where it starts a clause", () => {
    expect(classify("Extra Usage should be an optional overflow, not the only path that works.")).toBeNull();
    expect(classify("I reinstalled, and that worked.")).toBe("worked");
    expect(classify("That works for now.")).toBe("worked");
  });
});
