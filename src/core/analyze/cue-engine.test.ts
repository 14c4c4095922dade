import { describe, expect, it } from "vitest";
import { outcomeOf } from "./cue-engine.js";
import { CONDITION, FAILURE, STEP, SUCCESS, SUGGESTION } from "./findings.rules.js";

describe("outcomeOf: what a sentence reports, in any ecosystem", () => {
  it.each([
    // version changes
    ["Rolling back to 3.4.1 made the error go away.", "worked"],
    ["Pinning numpy<2 fixes it for our pipeline.", "worked"],
    ["Upgrading to the 5.2 release solved the problem.", "worked"],
    // flags and settings
    ["Setting NODE_OPTIONS=--max-old-space-size=4096 gets the build running.", "worked"],
    ["Adding the --no-sandbox flag and it starts again.", "worked"],
    // deleting or clearing a path
    ["Deleting ~/.gradle/caches got it working.", "worked"],
    ["After wiping the node_modules folder the install completes.", "worked"],
    // another channel, app or tool
    ["Installing it through Homebrew instead worked.", "worked"],
    ["I worked around it by running the container as root.", "worked"],
    ["Disabling hardware acceleration seems to fix it.", "worked"],
    // other languages
    ["重启之后就可以了。", "worked"],
    ["Nach dem Neustart funktioniert jetzt alles.", "worked"],
  ])("%s -> %s", (sentence, kind) => {
    expect(outcomeOf(sentence)).toBe(kind);
  });

  it.each([
    // success outside the narrow "that works" vocabulary
    ["Ah, that was it: after clearing the watcher state the bundler resolves the module.", "worked"],
    ["Yep this fixed it, thanks.", "worked"],
    ["I pointed JAVA_HOME at the older JDK and the pipeline is green again.", "worked"],
    ["We recompiled the plugin against the new headers and the daemon loads fine with it.", "worked"],
    ["Since removing the stale lockfile the deploy step no longer throws.", "worked"],
    ["After reinstalling the toolchain everything is back to normal.", "worked"],
    ["Downgrading the driver resolved it for me.", "worked"],
  ])("wider success: %s -> %s", (sentence, kind) => {
    expect(outcomeOf(sentence)).toBe(kind);
  });

  it.each([
    // failed attempts: the step was tried and the problem stayed
    ["I tried raising the timeout and pinning the client, neither helped.", "did-not-help"],
    ["Clearing ~/.cache/pip did nothing here.", "did-not-help"],
    ["Reinstalled the package three times without success.", "did-not-help"],
    ["Switching to the beta channel doesn't work either.", "did-not-help"],
    ["With `--no-cache` I get exactly the same stack trace.", "did-not-help"],
    ["Rebuilt the image from scratch, still crashes on start.", "did-not-help"],
    ["Tried it on a second machine, exact same error.", "did-not-help"],
    // generic advice is a proposal, not a report
    ["Wipe the build folder and rebuild, that normally fixes these linker errors.", "suggested"],
    ["Upgrading the plugin should fix it.", "suggested"],
  ])("failed attempts and advice: %s -> %s", (sentence, kind) => {
    expect(outcomeOf(sentence)).toBe(kind);
  });

  it.each([
    // bug descriptions that look like the new rows
    "The dashboard renders fine, but the export is empty.",
    "It happens again after every restart.",
    "I have the same issue on Windows.",
  ])("not a success: %s", (sentence) => {
    expect(outcomeOf(sentence)).not.toBe("worked");
  });
});

describe("outcomeOf: conditions, proposals and sentences that report nothing", () => {
  it.each([
    ["It only happens with the ARM64 build.", "conditional"],
    ["The crash does not happen on the nightly channel.", "conditional"],
    ["The web version still works for me.", "conditional"],
    ["I can't reproduce it on master.", "conditional"],
    ["The CLI works fine though.", "conditional"],
  ])("conditions: %s -> %s", (sentence, kind) => {
    expect(outcomeOf(sentence)).toBe(kind);
  });

  it.each([
    ["Can you try `pip install --upgrade setuptools`?", "suggested"],
    ["You could try clearing the cache with `yarn cache clean`.", "suggested"],
    ["Maybe upgrading the driver fixes this.", "suggested"],
  ])("proposals: %s -> %s", (sentence, kind) => {
    expect(outcomeOf(sentence)).toBe(kind);
  });

  it.each([
    // descriptions of the bug, expectations, negated successes
    "It worked fine at first, but now every request fails.",
    "The build should work without any flags.",
    "I can't get the server to work on this machine.",
    "Searching the forums didn't turn up anything that fixes it.",
    "The download went through, but the installer crashed.",
    "Is there any workaround?",
    "The button works.",
    "I can't reproduce it.",
    // news of a fix is read by the fix status, and "works for me" alone is a failure to reproduce
    "We fixed this in #123.",
    "It works for me.",
  ])("%s -> nothing", (sentence) => {
    expect(outcomeOf(sentence)).toBeNull();
  });

  it("reads a tried step that failed as a failure, not a success", () => {
    expect(outcomeOf("Downgrading to 2.0 did not help.")).toBe("did-not-help");
    expect(outcomeOf("Clearing the cache helped briefly, but the error came back.")).toBe("temporary");
  });

  it("keeps every table as data: a pattern, a weight and a note per row", () => {
    for (const table of [FAILURE, SUCCESS, STEP, SUGGESTION, CONDITION]) {
      for (const row of table) {
        expect(row.pattern).toBeInstanceOf(RegExp);
        expect(row.weight).toBeGreaterThan(0);
        expect(row.note.length).toBeGreaterThan(3);
      }
    }
  });
});

describe("blind-set phrasings", () => {
  it("a later run of the same command: success unless it returns the same failure", () => {
    expect(outcomeOf("I removed the stale lock; the same command then succeeds.")).toBe("worked");
    expect(outcomeOf("I removed the stale lock, but the same command returns the same error.")).toBe("did-not-help");
  });

  it("requests for logs or output ask for information", () => {
    expect(outcomeOf("Can you run it with `--trace` and send us the log?")).toBeNull();
    expect(outcomeOf("Please provide `widget info --json` output.")).toBeNull();
    expect(outcomeOf("Please try `widget repair`.")).toBe("suggested");
  });

  it("regression lines describe the bug; going back to that version is a step", () => {
    expect(outcomeOf("Worked on 2.7.1.")).toBeNull();
    expect(outcomeOf("Last known good version: 2.7")).toBeNull();
    expect(outcomeOf("Going back to 2.7.1 fixed it.")).toBe("worked");
  });

  it("a stop-gap the reporter is on for now is a workaround", () => {
    expect(outcomeOf("For now we pin libwidget to 2.9.0.")).toBe("worked");
    expect(outcomeOf("For the time being I'm staying on 1.4.")).toBe("worked");
    expect(outcomeOf("That one got me past it, thanks.")).toBe("worked");
    expect(outcomeOf("What worked for me: `widget reset --hard`.")).toBe("worked");
  });
});
