import { afterEach, describe, expect, it } from "vitest";
import { API, restIssue } from "./api-shapes.test-helper.js";
import { createGitHubClient } from "./client.js";
import { type Stub, type StubFetch, stubFetch } from "./stub-fetch.test-helper.js";

const repo = { host: "github.com", owner: "o", repo: "r" };
let stub: StubFetch | null = null;
afterEach(() => {
  stub?.verify();
  stub = null;
});
const client = (stubs: Stub[]) => {
  stub = stubFetch(stubs);
  return createGitHubClient({ retryBaseMs: 1, token: "ghp_x", fetch: stub.fetch });
};

describe("listIssuesPage", () => {
  it("asks for all states by update time ascending since a date, and returns items, next URL and etag", async () => {
    const next = `${API}/repositories/1/issues?page=2`;
    const gh = client([
      {
        path: "/repos/o/r/issues?state=all&sort=updated&direction=asc&per_page=100&since=2024-01-01T00%3A00%3A00Z",
        body: [restIssue({ number: 1, comments: 4 }), restIssue({ number: 2, pull: { merged_at: null } })],
        headers: { link: `<${next}>; rel="next"`, etag: '"p1"' },
      },
    ]);
    const page = await gh.listIssuesPage(repo, { since: "2024-01-01T00:00:00Z" });
    expect(page.nextUrl).toBe(next);
    expect(page.etag).toBe('"p1"');
    expect(page.notModified).toBe(false);
    expect(page.items.map((i) => [i.ref.number, i.isPull, i.kind])).toEqual([
      [1, false, "issue"],
      [2, true, "pull"],
    ]);
    expect(page.items[0]).toMatchObject({
      title: "Issue 1",
      body: "It breaks.\n\nSee #2.",
      author: { login: "alice", association: "CONTRIBUTOR", isBot: false },
      labels: ["bug"],
      commentsCount: 4,
      reactions: { "+1": 2, heart: 1 },
      createdAt: "2024-01-01T00:00:00Z",
      closedAt: null,
    });
  });

  it("follows a next URL verbatim with the stored etag; 304 means reuse what was stored", async () => {
    const next = `${API}/repositories/1/issues?page=2`;
    const gh = client([
      { path: "/repositories/1/issues?page=2", status: 304, when: (q) => q.headers["if-none-match"] === '"p2"' },
    ]);
    expect(await gh.listIssuesPage(repo, { url: next, etag: '"p2"' })).toEqual({
      items: [],
      nextUrl: null,
      etag: '"p2"',
      notModified: true,
    });
    expect(gh.requests().rest).toBe(1);
  });

  it("refuses a next URL on another origin", async () => {
    const gh = client([]);
    await expect(gh.listIssuesPage(repo, { url: "https://elsewhere.example/issues" })).rejects.toThrow(/refusing/);
  });
});
