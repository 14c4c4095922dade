import { describe, expect, it } from "vitest";
import { comment, makeThread } from "../thread/builders.test-helper.js";
import { readFindings } from "./findings.js";
import { rankWorkarounds } from "./workarounds.js";

const rank = (comments: ReturnType<typeof comment>[], body = "It crashes.") => {
  const thread = makeThread({ body, comments });
  return rankWorkarounds(thread, readFindings(thread));
};

describe("rankWorkarounds", () => {
  it("ranks by distinct confirmations: 👍 on the comment plus people who say it worked for them too", () => {
    const a = comment("bob", "Downgrading to 1.2.3 worked for me.", { plusOnes: 1 });
    const b = comment("carol", "Setting `FOO=1` fixed it for me.\n\n```sh\nexport FOO=1\n```");
    const c1 = comment("dave", "This worked for me too, thanks!");
    const c2 = comment("erin", "Can confirm, works for me too.");
    const c3 = comment("dave", "Works for me as well."); // the same person again counts once
    const ranked = rank([a, b, c1, c2, c3]);
    expect(ranked.map((w) => [w.author, w.confirmations])).toEqual([
      ["carol", 2],
      ["bob", 1],
    ]);
    expect(ranked[0]?.confirmedBy).toEqual([
      { login: "dave", url: c1.url, how: "said-it-worked" },
      { login: "erin", url: c2.url, how: "said-it-worked" },
    ]);
    expect(ranked[0]?.code).toBe("export FOO=1");
    // Replies that only confirm are not workarounds of their own.
    expect(ranked.map((w) => w.url)).not.toContain(c1.url);
  });

  it("credits the workaround a reply quotes or @mentions, not merely the latest one", () => {
    const a = comment("bob", "Clearing ~/.cache/widget worked for me.");
    const b = comment("carol", "Reinstalling with --force fixed it.");
    const quoting = comment("dave", "> Clearing ~/.cache/widget worked for me.\n\nThanks, that worked here as well!");
    const mention = comment("erin", "@bob your trick works for me too");
    const ranked = rank([a, b, quoting, mention]);
    const bob = ranked.find((w) => w.author === "bob");
    expect(bob?.confirmedBy.map((x) => [x.login, x.how])).toEqual([
      ["dave", "quoted-it"],
      ["erin", "said-it-worked"],
    ]);
    expect(ranked.find((w) => w.author === "carol")?.confirmations).toBe(0);
  });

  it("keeps 'did not help for me' apart as a contradiction, never as support", () => {
    const a = comment("bob", "Restarting the daemon worked for me.");
    const no = comment("carol", "Didn't work for me either.");
    const [w] = rank([a, no]);
    expect(w?.confirmations).toBe(0);
    expect(w?.contradictedBy).toEqual([{ login: "carol", url: no.url }]);
  });

  it("does not count the author's own follow-up or a long unrelated report as confirmation", () => {
    const a = comment("bob", "Downgrading worked for me.");
    const self = comment("bob", "It still works for me too, a week later.");
    const long = comment("carol", `This worked for me too. ${"Here is my long unrelated story. ".repeat(20)}`);
    const [w] = rank([a, self, long]);
    expect(w?.confirmedBy).toEqual([]);
  });

  it("puts temporary relief after anything that worked", () => {
    const t = comment("bob", "Logging in again helped briefly, but the error came back.", { plusOnes: 5 });
    const a = comment("carol", "Pinning 1.2.3 worked for me.");
    expect(rank([t, a]).map((w) => [w.author, w.kind])).toEqual([
      ["carol", "worked"],
      ["bob", "temporary"],
    ]);
  });
});

describe("rankWorkarounds: proposals, replies and failures", () => {
  it("turns a proposal into a workaround that worked when the next reply says it did", () => {
    const ask = comment("maint", "Can you try this from an admin shell?\n\n```\nsvc config widgetd start=auto\n```", {
      association: "MEMBER",
    });
    const yes = comment("reporter", "That did it, the daemon starts again.");
    const [w, ...rest] = rank([ask, yes]);
    expect(rest).toEqual([]);
    expect(w).toMatchObject({
      kind: "worked",
      author: "maint",
      code: "svc config widgetd start=auto",
      confirmations: 1,
    });
    expect(w?.confirmedBy).toEqual([{ login: "reporter", url: yes.url, how: "said-it-worked" }]);
  });

  it("reads an attempt the comment says failed as no workaround, whatever its 👍", () => {
    const tried = comment("bob", "Same here. I tried bumping the heap and disabling the daemon, neither helped.", {
      plusOnes: 6,
    });
    expect(rank([tried])).toEqual([]);
  });

  it("does not count 👍 on a failure report as support for a proposal in the same comment", () => {
    const mixed = comment("bob", "Raising the pool size didn't help. You could try `--single-process` next.", {
      plusOnes: 3,
    });
    const [w] = rank([mixed]);
    expect(w).toMatchObject({ kind: "suggested", confirmations: 0 });
  });

  it("keeps generic advice a proposal, and the next reply's failure contradicts it", () => {
    const advice = comment("bob", "Remove the lockfile and reinstall, that usually fixes this sort of thing.");
    const no = comment("reporter", "Did exactly that, no luck.");
    const [w] = rank([advice, no]);
    expect(w?.kind).toBe("suggested");
    expect(w?.confirmations).toBe(0);
    expect(w?.contradictedBy).toEqual([{ login: "reporter", url: no.url }]);
  });

  it("does not turn a proposal into one that worked when as many replies say it failed", () => {
    const ask = comment("maint", "Please try starting it with `--safe-mode`.", { association: "MEMBER" });
    const no = comment("reporter", "Still crashes with that, sadly.");
    const yes = comment("carol", "> Please try starting it with `--safe-mode`.\n\nThat did it for me.");
    const [w] = rank([ask, no, yes]);
    expect(w?.kind).toBe("suggested");
    expect(w?.contradictedBy.map((x) => x.login)).toEqual(["reporter"]);
  });

  it("finds the reporter's own later report of what fixed it", () => {
    const fix = comment(
      "reporter",
      "Could not upgrade yet, so I set `workers: 1` in the config file and the nightly job is green again.",
    );
    const [w] = rank([fix]);
    expect(w).toMatchObject({ kind: "worked", author: "reporter" });
  });

  it("keeps an unanswered proposal and a condition apart from what worked", () => {
    const ask = comment("maint", "Could you try running it with `--verbose`?", { association: "MEMBER" });
    const cond = comment("carol", "It only happens with the portable build.");
    expect(rank([ask, cond]).map((w) => w.kind)).toEqual(["suggested", "conditional"]);
  });

  it("quotes what a pointing sentence points at", () => {
    const a = comment("bob", "From a root shell run\n`tool reset --hard`\nthen reboot. That got it working for me.");
    expect(rank([a])[0]?.text).toBe(
      "From a root shell run `tool reset --hard` then reboot. That got it working for me.",
    );
  });
});

describe("blind-set patterns", () => {
  it("reads 'gets me past it', 'sorted it', 'What worked:' and 'the same command succeeds' as worked", () => {
    for (const text of [
      "Exporting `WIDGET_NO_SANDBOX=1` first gets me past it.",
      "Wiping the plugin folder sorted it.",
      "What did work: deleting the stale `~/.widget/state` directory.",
      "The fix for me was reinstalling the runtime from the vendor's archive.",
      "I cleared the build cache; after that the same command succeeds.",
    ]) {
      expect(
        rank([comment("bob", text)]).map((w) => w.kind),
        text,
      ).toEqual(["worked"]);
    }
  });

  it("splits a failed and a working attempt in one sentence and keeps the working step", () => {
    const thread = makeThread({
      body: "It crashes.",
      comments: [comment("bob", "`widget gc` made no difference, but `widget repair --all` sorted it.")],
    });
    const f = readFindings(thread).findings.map((x) => [x.kind, x.text]);
    expect(f).toEqual([
      ["did-not-help", "`widget gc` made no difference"],
      ["worked", "`widget repair --all` sorted it."],
    ]);
    expect(rankWorkarounds(thread, readFindings(thread))[0]?.code).toBe("widget repair --all");
  });

  it("an acknowledgement names no step: it confirms the comment it answers", () => {
    for (const ack of ["Thanks, that was it.", "Perfect, thanks!", "Glad you got it working."]) {
      const step = comment("bob", "Try removing `~/.widget/lock` and starting again.");
      const reply = comment("carol", ack);
      const ranked = rank([step, reply]);
      expect(
        ranked.map((w) => w.url),
        ack,
      ).toEqual([step.url]);
      expect(ranked[0]?.kind, ack).toBe("worked");
      expect(
        ranked[0]?.confirmedBy.map((x) => x.url),
        ack,
      ).toEqual([reply.url]);
    }
  });

  it("thanks for a report is no confirmation of the workaround before it", () => {
    const step = comment("bob", "Try removing `~/.widget/lock` and starting again.");
    const ranked = rank([step, comment("m", "Thanks for the report, we will look into it.")]);
    expect(ranked.map((w) => [w.kind, w.confirmedBy.length])).toEqual([["suggested", 0]]);
  });

  it("requests for diagnostics are never workarounds", () => {
    expect(rank([comment("m", "Please run `widget -vvv sync` and attach the full logs.")])).toEqual([]);
    expect(rank([comment("m", "Could you share the output of `widget doctor`?")])).toEqual([]);
  });

  it("a template's regression line is environment, not a workaround; a stop-gap pin is one, with its version", () => {
    expect(rank([], "Worked on 3.2.1.\n\nLast working version: 3.2\n\nIt used to work in 3.1")).toEqual([]);
    const [w] = rank([], "It crashes on start.\n\nFor now I'm pinning `widget-core` to `4.0.2`.");
    expect([w?.kind, w?.code]).toEqual(["worked", "widget-core 4.0.2"]);
    const [v] = rank([], "It crashes on start.\n\nFor now we're pinning libwidget to 2.9.0.");
    expect(v?.text).toContain("2.9.0");
  });
});
