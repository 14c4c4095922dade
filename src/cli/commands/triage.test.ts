// The triage command and the GitHub Action's entry point end to end: real webhook payloads from
// @octokit/webhooks-examples, the CLI in-process, the real client, a real SQLite store, and the
// stand-in as the repository the payloads name (it learns to create and edit comments).
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FixtureThread, type Standin, startStandin } from "../../../standin/index.js";
import { TRIAGE_MARKER } from "../../core/use-cases/triage.js";
import { EXIT } from "../exit-codes.js";
import { main } from "../main.js";
import { captureIo } from "../test-io.js";

type Payload = {
  action: string;
  issue: {
    number: number;
    title: string;
    body: string | null;
    user: { login: string };
    created_at: string;
    updated_at: string;
    labels: { name: string }[];
    author_association: string;
  };
  comment?: { id: number; body: string; user: { login: string; type: string }; created_at: string };
  repository: { owner: { login: string }; name: string };
};
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as {
  name: string;
  examples: Payload[];
}[];
const payloadsOf = (event: string, action: string) =>
  (examples.find((e) => e.name === event)?.examples ?? []).filter((p) => p.action === action && p.issue.body);
const opened = payloadsOf("issues", "opened")[0] as Payload;
const commented = payloadsOf("issue_comment", "created")[0] as Payload;

/** The repository the payloads name, as the stand-in serves it: their issue, its comment, and a near-duplicate. */
function fixturesFromPayloads(): FixtureThread[] {
  const i = opened.issue;
  const owner = opened.repository.owner.login;
  const repo = opened.repository.name;
  const c = commented.comment as NonNullable<Payload["comment"]>;
  const issue: FixtureThread = {
    owner,
    repo,
    type: "issue",
    number: i.number,
    title: i.title,
    body: i.body ?? "",
    author: { login: i.user.login, association: "OWNER" },
    state: "open",
    state_reason: null,
    labels: i.labels.map((l) => l.name),
    locked: false,
    created_at: i.created_at,
    updated_at: c.created_at,
    closed_at: null,
    pull: null,
    comments: [
      { id: c.id, author: { login: c.user.login, association: "OWNER" }, created_at: c.created_at, body: c.body },
    ],
    events: [],
  };
  const duplicate: FixtureThread = {
    ...issue,
    number: 7,
    title: "Spelling error in the README file: 'commit' with two t's (cc @octocat)",
    body: "The README spells 'commit' with two 't's. @octocat please have a look.",
    author: { login: "someone", association: "NONE" },
    labels: [],
    created_at: "2019-04-01T10:00:00Z",
    updated_at: "2019-04-01T10:00:00Z",
    comments: [],
  };
  return [issue, duplicate];
}

let standin: Standin;
let dir: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  standin = await startStandin({ fixtures: fixturesFromPayloads(), validate: true });
  dir = mkdtempSync(join(tmpdir(), "issuegraph-triage-"));
  files.opened = join(dir, "opened.json");
  files.commented = join(dir, "commented.json");
  files.botComment = join(dir, "bot-comment.json");
  writeFileSync(files.opened, JSON.stringify(opened));
  writeFileSync(files.commented, JSON.stringify(commented));
  const bot = structuredClone(commented);
  (bot.comment as NonNullable<Payload["comment"]>).user.type = "Bot";
  writeFileSync(files.botComment, JSON.stringify(bot));
});
afterAll(async () => {
  standin.assertNoValidationFailures();
  await standin.close();
});

const run = async (argv: string[], env: Record<string, string> = {}) => {
  const io = captureIo({ HOME: dir, GITHUB_API_URL: standin.url, ...env });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
};
const ACTION_TOKEN = "ghs_actiontoken000000000000000000000";
const issueRef = `${opened.repository.owner.login}/${opened.repository.name}#${opened.issue.number}`;
const commentsOnIssue = () => standin.world.lookup(issueRef)?.comments ?? [];

describe("issuegraph triage", () => {
  beforeEach(() => standin.clearRequests());

  it("the Action: sync, then triage the issues.opened payload with --comment posts one comment", async () => {
    const sync = await run(["sync", `${opened.repository.owner.login}/${opened.repository.name}`, "--jq", ".threads"], {
      GITHUB_TOKEN: ACTION_TOKEN,
    });
    expect(sync.code, sync.err).toBe(EXIT.ok);
    expect(sync.out).toBe("2\n");
    const r = await run(["triage", "--event", files.opened as string, "--comment", "--json"], {
      GITHUB_TOKEN: ACTION_TOKEN,
      GITHUB_EVENT_NAME: "issues",
    });
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.err).toMatch(/triage: issues\.opened on Codertocat\/Hello-World#1/);
    const result = JSON.parse(r.out);
    expect(result.action).toBe("created");
    expect(result.likelyDuplicates[0]).toMatchObject({ ref: "Codertocat/Hello-World#7" });
    const mine = commentsOnIssue().filter((c) => c.body.includes(TRIAGE_MARKER));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.author.login).toBe("github-actions[bot]");
    const body = mine[0]?.body ?? "";
    expect(body).toMatch(/Likely duplicates/);
    expect(body).toMatch(/Codertocat\/Hello-World#7.*\(score 0\.\d\d\)/);
    // The duplicate's title mentions @octocat: the comment must not notify anyone.
    expect(body).not.toMatch(/(^|[^\w&#;])@octocat/);
    expect(body).toMatch(/@&#8203;octocat/);
    // Only reads, one comment write; the issue keeps its state and labels.
    const writes = standin.requests.filter((q) => q.method !== "GET" && q.api === "rest");
    expect(writes.map((q) => `${q.method} ${q.status}`)).toEqual(["POST 201"]);
    expect(standin.world.lookup(issueRef)?.data.state).toBe("open");
    expect(standin.world.lookup(issueRef)?.data.labels).toEqual(["bug"]);
  });

  it("the Action again on the issue_comment.created payload updates its own comment in place", async () => {
    const before = commentsOnIssue().find((c) => c.body.includes(TRIAGE_MARKER));
    // Someone edits nothing, but the thread has changed (our comment is in it): a re-run must not post again.
    const r = await run(["triage", "--event", files.commented as string, "--comment", "--json"], {
      GITHUB_TOKEN: ACTION_TOKEN,
      GITHUB_EVENT_NAME: "issue_comment",
    });
    expect(r.code, r.err).toBe(EXIT.ok);
    const result = JSON.parse(r.out);
    expect(["updated", "unchanged"]).toContain(result.action);
    expect(result.commentId).toBe(before?.id);
    expect(commentsOnIssue().filter((c) => c.body.includes(TRIAGE_MARKER))).toHaveLength(1);
    expect(standin.requests.filter((q) => q.method === "POST" && q.api === "rest")).toEqual([]);
  });

  it("a changed analysis is written over the same comment (PATCH)", async () => {
    const mine = commentsOnIssue().find((c) => c.body.includes(TRIAGE_MARKER));
    if (mine) mine.body = `${TRIAGE_MARKER}\nan older triage`;
    const r = await run(["triage", issueRef, "--comment", "--json", "action,commentId"], {
      GITHUB_TOKEN: ACTION_TOKEN,
    });
    expect(JSON.parse(r.out)).toEqual({ action: "updated", commentId: mine?.id });
    expect(standin.requests.filter((q) => q.method === "PATCH").map((q) => q.status)).toEqual([200]);
  });

  it("skips comments by bots (its own included) without a request", async () => {
    const r = await run(["triage", "--event", files.botComment as string, "--comment"], {
      GITHUB_TOKEN: ACTION_TOKEN,
      GITHUB_EVENT_NAME: "issue_comment",
    });
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toMatch(/skipped: a comment by a bot/);
    expect(standin.requests).toEqual([]);
  });

  it("is a dry run by default: prints the comment and writes nothing", async () => {
    const r = await run(["triage", "1", "-R", "Codertocat/Hello-World"], { GITHUB_TOKEN: ACTION_TOKEN });
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.out).toMatch(/^dry run: the comment issuegraph would post on Codertocat\/Hello-World#1/);
    expect(r.out).toContain(TRIAGE_MARKER);
    expect(standin.requests.filter((q) => q.method !== "GET" && q.api === "rest")).toEqual([]);
  });

  it("--comment needs a token; a read-only token gets GitHub's 403 as the auth exit code", async () => {
    expect((await run(["triage", issueRef, "--comment"])).code).toBe(EXIT.usage);
    const mine = commentsOnIssue().find((c) => c.body.includes(TRIAGE_MARKER));
    if (mine) mine.body = `${TRIAGE_MARKER}\nstale`;
    const ro = await run(["triage", issueRef, "--comment"], { GITHUB_TOKEN: "ro-readonlytoken" });
    expect(ro.code).toBe(EXIT.auth);
    expect(ro.err).toMatch(/403/);
    expect(ro.err).not.toContain("ro-readonlytoken");
  });
});
