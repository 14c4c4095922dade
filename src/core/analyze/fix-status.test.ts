import { describe, expect, it } from "vitest";
import { comment, linked, makeThread, REF, summary } from "../thread/builders.test-helper.js";
import type { CommitRef, LinkedThread } from "../thread/link.js";
import type { Thread } from "../thread/types.js";
import { fixStatus, type Releases } from "./fix-status.js";
import { toReportCommits, toReportLinks } from "./links.js";

const mergedPull = (n: number, mergedAt = "2024-03-01T10:00:00Z") =>
  summary(n, { kind: "pull", state: "closed", merged: true, mergedAt });
const openPull = (n: number) => summary(n, { kind: "pull", state: "open", merged: false });
const closedPull = (n: number) => summary(n, { kind: "pull", state: "closed", merged: false });

function run(thread: Thread, links: LinkedThread[], releases?: Releases, commits: CommitRef[] = []) {
  return fixStatus({ thread, links: toReportLinks(links), linked: links, commits: toReportCommits(commits), releases });
}

describe("fixStatus", () => {
  it("is fixed by a merged closing pull, with its merge date and release", () => {
    const fix = run(
      makeThread(),
      [linked(mergedPull(20), ["closed-by", "mentioned-by"])],
      new Map([["acme/widget#20", { tag: "v2.0.0", publishedAt: "2024-03-05T00:00:00Z" }]]),
    );
    expect(fix.status).toBe("fixed");
    expect(fix.summary).toBe("Fixed by acme/widget#20 (merged 2024-03-01), released in v2.0.0.");
    expect(fix.pulls).toEqual([
      expect.objectContaining({
        ref: "acme/widget#20",
        merged: true,
        mergedAt: "2024-03-01T10:00:00Z",
        releasedIn: "v2.0.0",
        releasedAt: "2024-03-05T00:00:00Z",
      }),
    ]);
  });

  it("says when a release was looked up and none contains the fix, and says nothing when not looked up", () => {
    const links = [linked(mergedPull(20), ["closed-by"])];
    expect(run(makeThread(), links, new Map([["acme/widget#20", null]])).summary).toBe(
      "Fixed by acme/widget#20 (merged 2024-03-01); no release containing it was found.",
    );
    expect(run(makeThread(), links).summary).toBe("Fixed by acme/widget#20 (merged 2024-03-01).");
  });

  it("is fix-open when only open closing pulls exist, and never calls them a fix", () => {
    const fix = run(makeThread(), [linked(openPull(21), ["closed-by"])]);
    expect(fix.status).toBe("fix-open");
    expect(fix.pulls[0]).toMatchObject({ merged: false, mergedAt: null, releasedIn: null });
    expect(fix.summary).toMatch(
      /^A fix is proposed in acme\/widget#21, which is still open; nothing that fixes this has been merged\.$/,
    );
  });

  it("is fix-unmerged when the only closing pulls were closed without merging", () => {
    const thread = makeThread({ state: "closed", stateReason: "not_planned" });
    const fix = run(thread, [linked(closedPull(22), ["closed-by"])]);
    expect(fix.status).toBe("fix-unmerged");
    expect(fix.summary).toBe(
      "A fix was proposed in acme/widget#22 but it was closed without merging. The issue itself was closed as not planned.",
    );
  });

  it("ignores pulls that merely mention the issue, and deeper links", () => {
    const fix = run(makeThread(), [
      linked(mergedPull(23), ["mentioned-by"]),
      linked(mergedPull(24), ["closed-by"], undefined, 2),
    ]);
    expect(fix).toEqual({ status: "none", summary: "No pull request or commit that fixes this is linked.", pulls: [] });
  });

  it("prefers merged over open and lists the others", () => {
    const fix = run(makeThread(), [linked(openPull(25), ["closed-by"]), linked(mergedPull(26), ["closed-by"])]);
    expect(fix.status).toBe("fixed");
    expect(fix.summary).toBe(
      "Fixed by acme/widget#26 (merged 2024-03-01). Other proposed changes: acme/widget#25 (not merged).",
    );
  });
});

describe("fixStatus: closing commits, unknown closers, closed issues and pull requests", () => {
  it("is fixed by a commit that closed the issue, but not by one that merely referenced it", () => {
    const closedEvidence = {
      source: "timeline",
      url: "https://github.com/acme/widget/issues/7",
      event: "closed",
      actor: "m",
      at: null,
      excerpt: null,
    } as const;
    const closing: CommitRef = {
      sha: "abcdef1234567",
      url: "https://github.com/acme/widget/commit/abcdef1234567",
      evidence: [closedEvidence],
    };
    const referencing: CommitRef = {
      ...closing,
      sha: "1111111",
      evidence: [{ ...closedEvidence, event: "referenced" }],
    };
    expect(run(makeThread(), [], undefined, [referencing]).status).toBe("none");
    const fix = run(makeThread(), [], undefined, [closing]);
    expect(fix).toEqual({ status: "fixed", summary: "Fixed by commit abcdef1, which closed the issue.", pulls: [] });
  });

  it("counts a closer GitHub names but the links lack as a proposal of unknown state", () => {
    const thread = makeThread({ closedByPulls: [{ ...REF, number: 30 }] });
    const fix = run(thread, []);
    expect(fix.status).toBe("fix-open");
    expect(fix.pulls[0]).toMatchObject({
      ref: "acme/widget#30",
      url: "https://github.com/acme/widget/pull/30",
      state: null,
      merged: false,
    });
    expect(fix.summary).toContain("not known to be merged");
  });

  it("notes a completed issue without a linked fix", () => {
    const fix = run(makeThread({ state: "closed", stateReason: "completed" }), []);
    expect(fix.summary).toBe(
      "The issue was closed as completed, but no pull request or commit that fixes it is linked.",
    );
  });

  it("reports a pull request by its own merge state", () => {
    const pull = (merged: boolean, state: "open" | "closed") =>
      makeThread({
        kind: "pull",
        state,
        pull: {
          merged,
          mergedAt: merged ? "2024-05-01T00:00:00Z" : null,
          draft: false,
          mergeCommitSha: null,
          baseRef: "main",
        },
      });
    expect(run(pull(true, "closed"), [])).toMatchObject({
      status: "fixed",
      summary: "This pull request was merged on 2024-05-01.",
    });
    expect(run(pull(false, "open"), [])).toMatchObject({
      status: "fix-open",
      pulls: [expect.objectContaining({ merged: false })],
    });
    expect(run(pull(false, "closed"), []).status).toBe("fix-unmerged");
  });
});

describe("fixStatus: fix evidence in comments", () => {
  const said = (login: string, body: string, association: "MEMBER" | "NONE" = "MEMBER") =>
    comment(login, body, { association });
  const mentionedIn = (c: ReturnType<typeof comment>, pull: ReturnType<typeof summary>): LinkedThread => ({
    ...linked(pull, ["mentions"]),
    evidence: [
      { source: "comment", url: c.url, event: null, actor: c.author?.login ?? null, at: null, excerpt: pull.url },
    ],
  });

  it("counts a merged pull request a maintainer says fixed it, cited to that comment", () => {
    const pull = mergedPull(30);
    const c = said("maint", `This PR fixes it – ${pull.url}`);
    const fix = run(makeThread({ comments: [c] }), [mentionedIn(c, pull)]);
    expect(fix.status).toBe("fixed");
    expect(fix.pulls.map((p) => [p.ref, p.merged, p.evidence[0]?.url])).toEqual([["acme/widget#30", true, c.url]]);
  });

  it("ignores the same words from someone who is neither a maintainer nor the pull's author, and unmerged pulls", () => {
    const pull = mergedPull(30);
    const stranger = said("carol", `This PR fixes it – ${pull.url}`, "NONE");
    expect(run(makeThread({ comments: [stranger] }), [mentionedIn(stranger, pull)]).status).toBe("none");
    const open = openPull(31);
    const c = said("maint", `This PR fixes it – ${open.url}`);
    expect(run(makeThread({ comments: [c] }), [mentionedIn(c, open)]).status).toBe("none");
    const doubt = said("maint", `Not sure whether ${pull.url} fixes it?`);
    expect(run(makeThread({ comments: [doubt] }), [mentionedIn(doubt, pull)]).status).toBe("none");
  });

  it("follows 'Replaced by #N' on an unmerged closing pull request to the merged replacement", () => {
    const closer = linked(closedPull(40), ["closed-by"]);
    const replacement: LinkedThread = {
      ...linked(mergedPull(41), ["mentions"], undefined, 2),
      from: closedPull(40).ref,
      evidence: [
        {
          source: "comment",
          url: `${closedPull(40).url}#issuecomment-1`,
          event: null,
          actor: "bob",
          at: null,
          excerpt: "Replaced by #41",
        },
      ],
    };
    const fix = run(makeThread(), [closer, replacement]);
    expect(fix.status).toBe("fixed");
    expect(fix.pulls.find((p) => p.merged)?.ref).toBe("acme/widget#41");
  });
});
