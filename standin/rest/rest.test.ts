import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateRepo, generateThread } from "../generate.js";
import { type Standin, startStandin } from "../index.js";
import { takeSpecAudit } from "../spec-audit.js";
import { at, everyEvent, exampleFixtures, getJson, octokitFor, small } from "../standin.test-helper.js";
import { ResponseValidator } from "../validation.js";

describe("REST over the example fixtures", () => {
  let standin: Standin;
  beforeAll(async () => {
    const mid = generateThread({ owner: "gen", repo: "mid", comments: 300, events: 120, seed: 11 });
    standin = await startStandin({ fixturesDir: exampleFixtures, fixtures: [mid], validate: true });
  });
  afterAll(async () => {
    standin.assertNoValidationFailures();
    await standin.close();
  });

  it("serves the flagship timeline: 4 comments interleaved by time with 5 cross-references and 1 label", async () => {
    const { status, body } = await getJson(`${standin.url}/repos/anthropics/claude-code/issues/45203/timeline`);
    expect(status).toBe(200);
    expect(body.map((e: { event: string }) => e.event)).toEqual([
      "commented",
      "cross-referenced",
      "labeled",
      "commented",
      "cross-referenced",
      "cross-referenced",
      "cross-referenced",
      "commented",
      "commented",
      "cross-referenced",
    ]);
    const times = body.map((e: { created_at: string }) => e.created_at);
    expect([...times].sort()).toEqual(times);
    const ref = body[1];
    expect(ref.source.type).toBe("issue");
    expect(ref.source.issue.number).toBe(45204);
    expect(ref.source.issue.repository.full_name).toBe("anthropics/claude-code");
    expect(ref.source.issue.html_url).toBe("https://github.com/anthropics/claude-code/issues/45204");
    expect(ref).not.toHaveProperty("id");
  });

  it("keeps REST blind where GitHub is: closed carries the merge commit, never the closing PR", async () => {
    const { body } = await getJson(`${standin.url}/repos/nodejs/node/issues/45028/timeline`);
    const closed = body.find((e: { event: string }) => e.event === "closed");
    expect(closed.commit_id).toBe("bee520d0f5800102f219be9892b9078160d544e1");
    expect(closed.commit_url).toBe(`${standin.url}/repos/nodejs/node/commits/bee520d0f5800102f219be9892b9078160d544e1`);
    expect(closed).not.toHaveProperty("closer");
    expect(JSON.stringify(closed)).not.toContain("45161");
    const xref = body.find((e: { event: string }) => e.event === "cross-referenced");
    expect(xref.source.issue.pull_request.merged_at).toBe("2022-10-28T14:02:31Z");
    expect(xref).not.toHaveProperty("will_close_target");
  });

  it("marked_as_duplicate carries common fields only", async () => {
    const { body } = await getJson(`${standin.url}/repos/microsoft/vscode/issues/148982/events`);
    const marked = body.find((e: { event: string }) => e.event === "marked_as_duplicate");
    expect(Object.keys(marked).sort()).toEqual(
      [
        "actor",
        "commit_id",
        "commit_url",
        "created_at",
        "event",
        "id",
        "node_id",
        "performed_via_github_app",
        "url",
      ].sort(),
    );
    expect(body.some((e: { event: string }) => e.event === "cross-referenced")).toBe(false);
  });

  it("answers at /api/v3 and under /repositories/{id}", async () => {
    const ghes = await getJson(`${standin.url}/api/v3/repos/nodejs/node/issues/45028`);
    expect(ghes.body.url).toBe(`${standin.url}/api/v3/repos/nodejs/node/issues/45028`);
    const byId = await getJson(`${standin.url}/repositories/1001/issues/45028/comments`);
    expect(byId.status).toBe(200);
    const repo = await getJson(`${standin.url}/repositories/1001`);
    expect(repo.body.full_name).toBe("nodejs/node");
    const pull = await getJson(`${standin.url}/repos/nodejs/node/pulls/45161`);
    expect(pull.body).toMatchObject({ merged: true, merge_commit_sha: "bee520d0f5800102f219be9892b9078160d544e1" });
    expect((await getJson(`${standin.url}/repos/nodejs/node/pulls/45028`)).status).toBe(404);
  });

  releasesAndBudgets(() => standin);
});

/** REST over the example fixtures: releases, budgets and schemas: on the stand-in of the describe above. */
function releasesAndBudgets(standin: () => Standin): void {
  describe("REST over the example fixtures: releases, budgets and schemas", () => {
    it("finds the first release containing a fix via releases and compare", async () => {
      const releases = await getJson(`${standin().url}/repos/nodejs/node/releases`);
      expect(releases.body.map((r: { tag_name: string }) => r.tag_name)).toEqual(["v22.7.0", "v19.6.0", "v19.1.0"]);
      const tag = await getJson(`${standin().url}/repos/nodejs/node/releases/tags/v19.1.0`);
      expect(tag.body.published_at).toBe("2022-11-14T18:00:00Z");
      const sha = "bee520d0f5800102f219be9892b9078160d544e1";
      const cmp = await getJson(`${standin().url}/repos/nodejs/node/compare/v19.1.0...${sha}`);
      expect(cmp.body).toMatchObject({ status: "behind", ahead_by: 0, behind_by: 2 });
      const reverse = await getJson(`${standin().url}/repos/nodejs/node/compare/${sha}...v19.1.0`);
      expect(reverse.body).toMatchObject({ status: "ahead", ahead_by: 2, behind_by: 0, total_commits: 2 });
      const same = await getJson(`${standin().url}/repos/nodejs/node/compare/${sha}...${sha}`);
      expect(same.body.status).toBe("identical");
      const commit = await getJson(`${standin().url}/repos/nodejs/node/commits/${sha}`);
      expect(commit.body.commit.message).toContain("(#45161)");
      expect((await getJson(`${standin().url}/repos/nodejs/node/commits/0000000`)).status).toBe(422);
    });

    it("a 304 is free; every other answer costs one from the token's own budget", async () => {
      const url = `${standin().url}/repos/nodejs/node/issues/45028`;
      const first = await getJson(url, "budget-a");
      const etag = first.headers.get("etag");
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const remaining = Number(first.headers.get("x-ratelimit-remaining"));
      expect(first.headers.get("x-ratelimit-limit")).toBe("5000");
      const again = await getJson(url, "budget-a", { "if-none-match": etag as string });
      expect(again.status).toBe(304);
      expect(again.body).toBeNull();
      expect(Number(again.headers.get("x-ratelimit-remaining"))).toBe(remaining);
      const third = await getJson(url, "budget-a");
      expect(Number(third.headers.get("x-ratelimit-remaining"))).toBe(remaining - 1);
      const other = await getJson(url, "budget-b");
      expect(Number(other.headers.get("x-ratelimit-remaining"))).toBe(4999);
      const recorded = standin().requests.filter((r) => r.path === "/repos/nodejs/node/issues/45028");
      expect(recorded.some((r) => r.ifNoneMatch === etag && r.status === 304)).toBe(true);
      expect(JSON.stringify(standin().requests)).not.toContain("budget-a");
    });

    it("every timeline, event and comment page of a generated thread satisfies GitHub's schemas", async () => {
      for (const sub of ["timeline", "events", "comments", "reactions"]) {
        for (let page = 1; page <= 5; page++) {
          const res = await getJson(`${standin().url}/repos/gen/mid/issues/1/${sub}?per_page=100&page=${page}`);
          expect(res.status).toBe(200);
        }
      }
      expect(standin().validationFailures).toEqual([]);
    });

    it("octokit sees a 304 as a RequestError with status 304", async () => {
      const { octokit } = octokitFor(standin().url);
      const route = "GET /repos/{owner}/{repo}/issues/{issue_number}" as const;
      const params = { owner: "nodejs", repo: "node", issue_number: 45028 };
      const first = await octokit.request(route, params);
      await expect(
        octokit.request(route, { ...params, headers: { "if-none-match": first.headers.etag as string } }),
      ).rejects.toMatchObject({ status: 304 });
    });
  });
}

// Big data, checked against GitHub's OpenAPI description like every reply in test mode.
describe("REST pagination and limits at scale", () => {
  let standin: Standin;
  beforeAll(async () => {
    const big = generateThread({ owner: "acme", repo: "big", number: 1, comments: 5000, events: 2000, seed: 5 });
    const { repo, threads } = generateRepo({ owner: "acme", repo: "many", issues: 50_000, id: 4242 });
    standin = await startStandin({
      fixtures: [big, ...threads],
      repos: [repo],
      limits: { anonymous: 60 },
    });
  }, 120_000);
  afterAll(() => standin.close());

  it("follows Link headers (in the /repositories/{id} form) through 5,000 comments", async () => {
    let url: string | null = `${standin.url}/repos/acme/big/issues/1/comments?per_page=100`;
    const ids: number[] = [];
    let pages = 0;
    while (url) {
      const res: Response = await fetch(url, { headers: { authorization: "token pager" } });
      const page = (await res.json()) as { id: number }[];
      ids.push(...page.map((c) => c.id));
      const link = res.headers.get("link");
      if (pages === 0) {
        const repoId = standin.world.repo("acme", "big")?.id;
        expect(link).toContain(
          `${standin.url}/repositories/${repoId}/issues/1/comments?per_page=100&page=2>; rel="next"`,
        );
        expect(link).toContain('page=50>; rel="last"');
      }
      url = /<([^>]+)>; rel="next"/.exec(link ?? "")?.[1] ?? null;
      pages++;
    }
    expect(pages).toBe(50);
    expect(ids).toHaveLength(5000);
    expect(new Set(ids).size).toBe(5000);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it("pages the timeline of 7,000 items in time order", async () => {
    const { octokit } = octokitFor(standin.url);
    let count = 0;
    let last = "";
    for (let page = 1; page <= 70; page++) {
      const res = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}/timeline", {
        owner: "acme",
        repo: "big",
        issue_number: 1,
        per_page: 100,
        page,
      });
      for (const item of res.data as { created_at: string }[]) {
        expect(item.created_at >= last).toBe(true);
        last = item.created_at;
      }
      count += res.data.length;
      if (page === 70) expect(res.headers.link).not.toContain('rel="next"');
    }
    expect(count).toBe(7000);
  });

  issueLists(() => standin);
});

/** REST at scale: issue lists: on the stand-in of the describe above. */
function issueLists(standin: () => Standin): void {
  describe("REST at scale: issue lists", () => {
    it("lists 50,000 issues page by page, pull requests included", async () => {
      let url: string | null = `${standin().url}/repos/acme/many/issues?state=all&per_page=100&direction=asc`;
      let pulls = 0;
      let inOrder = true;
      const numbers: number[] = [];
      while (url) {
        const res: Response = await fetch(url, { headers: { authorization: "token lister" } });
        const page = (await res.json()) as { number: number; pull_request?: unknown }[];
        for (const issue of page) {
          inOrder &&= issue.number === numbers.length + 1;
          numbers.push(issue.number);
          if (issue.pull_request) pulls++;
        }
        url = /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1] ?? null;
      }
      expect(numbers).toHaveLength(50_000);
      expect(inOrder).toBe(true);
      expect(pulls).toBe(10_000);
    }, 120_000);

    it("filters the issue list by state, since and sort", async () => {
      const open = await getJson(`${standin().url}/repos/acme/many/issues?per_page=5`);
      expect(open.body.every((i: { state: string }) => i.state === "open")).toBe(true);
      const numbers = open.body.map((i: { number: number }) => i.number);
      expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
      const since = "2025-06-01T00:00:00Z";
      const recent = await getJson(
        `${standin().url}/repos/acme/many/issues?state=all&since=${since}&sort=updated&per_page=100`,
      );
      expect(recent.body.every((i: { updated_at: string }) => i.updated_at >= since)).toBe(true);
      const updated = recent.body.map((i: { updated_at: string }) => i.updated_at);
      expect([...updated].sort().reverse()).toEqual(updated);
    });

    budgetAndValidation(() => standin());
  });
}

/** REST: the anonymous budget and reply validation: on the stand-in of the describe above. */
function budgetAndValidation(standin: () => Standin): void {
  describe("REST: the anonymous budget and reply validation", () => {
    it("spends the 60/h anonymous budget, then answers 403 with remaining 0", async () => {
      let last: Response | null = null;
      for (let i = 0; i < 61; i++) last = await fetch(`${standin().url}/repos/acme/many/issues/1`);
      expect(last?.status).toBe(403);
      expect(last?.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(Number(last?.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
      const body = (await last?.json()) as { message: string };
      expect(body.message).toMatch(/^API rate limit exceeded for 127\.0\.0\.1\. \(But here's the good news/);
      const rate = await getJson(`${standin().url}/rate_limit`, null);
      expect(rate.status).toBe(200);
      expect(rate.body.resources.core).toMatchObject({ limit: 60, remaining: 0, used: 60 });
    });

    it("validation rejects a body missing a required field", () => {
      const validator = new ResponseValidator();
      const issue = standin().world.lookup("acme/many#1");
      expect(issue).toBeDefined();
      const good = {
        id: 1,
        node_id: "I_x",
        url: "http://x/repos/a/b/issues/1",
        repository_url: "http://x/repos/a/b",
        labels_url: "http://x/l",
        comments_url: "http://x/c",
        events_url: "http://x/e",
        html_url: "https://github.com/a/b/issues/1",
        number: 1,
        state: "open",
        title: "t",
        user: null,
        labels: [],
        assignee: null,
        milestone: null,
        locked: false,
        comments: 0,
        closed_at: null,
        created_at: "2024-01-01T00:00:00Z",
        updated_at: "2024-01-01T00:00:00Z",
      };
      const issuePath = "/repos/a/b/issues/1";
      expect(validator.validate("GET", issuePath, 200, good)).toEqual({ operation: "issues/get", errors: [] });
      const { node_id: _dropped, ...missing } = good;
      expect(validator.validate("GET", issuePath, 200, missing).errors.join()).toMatch(
        /must have required property 'node_id'/,
      );
      expect(validator.validate("GET", issuePath, 200, { ...good, state_reason: "bogus" }).errors).not.toEqual([]);
      // The same resource under the /repositories/{id} alias and the comment route beside /issues/{n}.
      expect(validator.validate("GET", "/repositories/7/issues/1", 200, missing).operation).toBe("issues/get");
      expect(validator.validate("GET", "/repos/a/b/issues/comments/5", 404, {}).operation).toBe("issues/get-comment");
      // A status the operation does not document: errors must still be GitHub's basic-error.
      expect(validator.validate("GET", issuePath, 403, { message: "API rate limit exceeded" }).errors).toEqual([]);
      expect(validator.validate("GET", issuePath, 403, { message: 403 }).errors).not.toEqual([]);
      expect(validator.validate("GET", issuePath, 201, good).errors.join()).toMatch(/status 201 is not documented/);
      // Timeline items are also checked against the schema their event names.
      const timelineItem = { event: "labeled", created_at: "2024-01-01T00:00:00Z" };
      expect(validator.validate("GET", `${issuePath}/timeline`, 200, [timelineItem]).errors.join()).toMatch(
        /labeled-issue-event/,
      );
    });
  });
}

describe("REST: replies that fail validation", () => {
  it("a body that fails validation answers 500 with details, is recorded, and assert throws", async () => {
    // A spec of one operation whose issue demands a field GitHub never sends.
    const spec = {
      paths: {
        "/repos/{owner}/{repo}/issues/{issue_number}": {
          get: {
            operationId: "issues/get",
            responses: {
              "200": {
                content: {
                  "application/json": { schema: { type: "object", required: ["field_github_never_sends"] } },
                },
              },
            },
          },
        },
      },
      components: { schemas: { "basic-error": { type: "object" } } },
    };
    const strict = await startStandin({
      fixtures: [small({ number: 1 })],
      validate: new ResponseValidator(spec),
      audit: false,
    });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await getJson(`${strict.url}/repos/acme/app/issues/1`);
      expect(res.status).toBe(500);
      expect(res.body.errors.join()).toMatch(/must have required property 'field_github_never_sends'/);
      expect(res.body.operation).toBe("issues/get");
      expect(strict.validationFailures).toHaveLength(1);
      expect(() => strict.assertNoValidationFailures()).toThrow(/GET \/repos\/acme\/app\/issues\/1/);
      expect(quiet).toHaveBeenCalledOnce();
      // A route the spec does not have may not answer 200.
      const unknown = await getJson(`${strict.url}/rate_limit`);
      expect(unknown.status).toBe(500);
      expect(unknown.body.errors.join()).toMatch(/no such route in the spec/);
    } finally {
      quiet.mockRestore();
      await strict.close();
    }
  });

  it("a violation reaches the test-mode ledger even when the test swallows the 500 and resets the stand-in", async () => {
    const spec = { paths: {}, components: { schemas: { "basic-error": { type: "object" } } } };
    const swallowed = await startStandin({ fixtures: [small({ number: 1 })], validate: new ResponseValidator(spec) });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // Earlier tests of this file must not have broken the spec (taking the ledger clears it).
      expect(takeSpecAudit().failures).toEqual([]);
      expect((await fetch(`${swallowed.url}/repos/acme/app/issues/1`)).status).toBe(500);
      swallowed.reset();
      expect(swallowed.validationFailures).toEqual([]);
      // Taking the ledger here also keeps this deliberate violation from failing the file.
      const audit = takeSpecAudit();
      expect(audit.checked).toBe(1);
      expect(audit.failures.map((f) => `${f.method} ${f.path} ${f.status}`)).toEqual([
        "GET /repos/acme/app/issues/1 200",
      ]);
    } finally {
      quiet.mockRestore();
      await swallowed.close();
    }
  });
});

describe("REST world faults", () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({
      fixtures: [
        small({
          number: 1,
          comments: [{ id: 901, author: { login: "bob", association: "NONE" }, created_at: at(2), body: "hi" }],
        }),
        small({ number: 2 }),
        small({ number: 3, owner: "acme", repo: "secret" }),
        small({
          number: 4,
          events: [{ event: "connected", actor: "bob", created_at: at(3), subject: "acme/app#5" }],
        }),
        small({
          number: 5,
          type: "pull",
          pull: { merged: false, merged_at: null, draft: true, base: "main", closes: [] },
        }),
        everyEvent,
      ],
      validate: true,
    });
  });
  afterAll(async () => {
    standin.assertNoValidationFailures();
    await standin.close();
  });

  it("a transferred issue answers 301 to its new /repositories URL; its sub-resources answer 404", async () => {
    const moved = standin.faults.transferIssue("acme/app#1", "acme/elsewhere");
    const res = await fetch(`${standin.url}/repos/acme/app/issues/1`, {
      redirect: "manual",
      headers: { authorization: "token t" },
    });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`${standin.url}/repositories/${moved.repo.id}/issues/${moved.number}`);
    const { octokit } = octokitFor(standin.url);
    const followed = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
      owner: "acme",
      repo: "app",
      issue_number: 1,
    });
    expect(followed.data.repository_url).toBe(`${standin.url}/repos/acme/elsewhere`);
    expect((await getJson(`${standin.url}/repos/acme/app/issues/1/comments`)).status).toBe(404);
    const timeline = await getJson(`${standin.url}/repos/acme/elsewhere/issues/${moved.number}/timeline`);
    expect(timeline.body.map((e: { event: string }) => e.event)).toEqual(["commented", "transferred"]);
  });

  it("deleted issues answer 410; private repositories 404", async () => {
    standin.faults.deleteIssue("acme/app#2");
    const gone = await getJson(`${standin.url}/repos/acme/app/issues/2`);
    expect(gone.status).toBe(410);
    expect(gone.body.message).toBe("This issue was deleted");
    expect((await getJson(`${standin.url}/repos/acme/app/issues/2/timeline`)).status).toBe(410);
    expect((await getJson(`${standin.url}/repos/acme/secret/issues/3`)).status).toBe(200);
    standin.faults.setRepoPrivate("acme/secret");
    const hidden = await getJson(`${standin.url}/repos/acme/secret/issues/3`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.message).toBe("Not Found");
  });

  it("renders every fixture event type in shapes GitHub's schemas accept", async () => {
    const timeline = await getJson(`${standin.url}/repos/acme/app/issues/6/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.map((e: { event: string }) => e.event)).toEqual(everyEvent.events.map((e) => e.event));
    const events = await getJson(`${standin.url}/repos/acme/app/issues/6/events`);
    expect(events.body.map((e: { event: string }) => e.event)).not.toContain("reviewed");
    const pr = await getJson(`${standin.url}/repos/acme/app/pulls/6`);
    expect(pr.body).toMatchObject({
      merged: true,
      merged_by: { login: "carol" },
      locked: true,
      active_lock_reason: "resolved",
    });
    const issue = await getJson(`${standin.url}/repos/acme/app/issues/6`);
    expect(issue.body.assignees.map((u: { login: string }) => u.login)).toEqual(["dave"]);
    expect(standin.validationFailures).toEqual([]);
  });

  it("connected events say nothing about their subject over REST", async () => {
    const { body } = await getJson(`${standin.url}/repos/acme/app/issues/4/timeline`);
    expect(body).toHaveLength(1);
    expect(body[0].event).toBe("connected");
    expect(JSON.stringify(body[0])).not.toMatch(/"subject"|issues\/5/);
  });
});
