import { afterEach, describe, expect, it } from "vitest";
import { API } from "./api-shapes.test-helper.js";
import { createGitHubClient } from "./client.js";
import { type Stub, type StubFetch, stubFetch } from "./stub-fetch.test-helper.js";

const repo = { host: "github.com", owner: "o", repo: "r" };
const SHA = "1f446e661a51eb133c8db0cac6b3ef02af9e2e01";
let stub: StubFetch | null = null;
afterEach(() => {
  stub?.verify();
  stub = null;
});
const client = (stubs: Stub[]) => {
  stub = stubFetch(stubs);
  return createGitHubClient({ retryBaseMs: 1, token: null, fetch: stub.fetch });
};
const release = (n: number, draft = false) => ({
  tag_name: `v${n}`,
  draft,
  published_at: draft ? null : `2024-01-${String(n).padStart(2, "0")}T00:00:00Z`,
});
const compare = (tag: string, status: string): Stub => ({
  path: `/repos/o/r/compare/${tag}...${SHA}?per_page=1`,
  body: { status },
});

describe("findFirstRelease", () => {
  it("pages the releases, sorts by publication and binary-searches the compares", async () => {
    const page2 = `${API}/repositories/1/releases?per_page=100&page=2`;
    // Releases v1..v8 (GitHub lists newest first); the commit landed in v6.
    const gh = client([
      {
        path: "/repos/o/r/releases?per_page=100",
        body: [release(8), release(7), release(9, true), release(6), release(5)],
        headers: { link: `<${page2}>; rel="next"` },
      },
      { path: "/repositories/1/releases?per_page=100&page=2", body: [release(4), release(3), release(2), release(1)] },
      compare("v8", "behind"),
      compare("v4", "ahead"),
      compare("v6", "identical"),
      compare("v5", "diverged"),
    ]);
    expect(await gh.findFirstRelease(repo, SHA)).toEqual({ tag: "v6", publishedAt: "2024-01-06T00:00:00Z" });
    expect(gh.requests().rest).toBe(6);
  });

  it("null when even the newest release lacks the commit (one compare), or there are no releases", async () => {
    const gh = client([
      { path: "/repos/o/r/releases?per_page=100", body: [release(2), release(1)] },
      compare("v2", "ahead"),
    ]);
    expect(await gh.findFirstRelease(repo, SHA)).toBeNull();
    stub?.verify();
    const none = client([{ path: "/repos/o/r/releases?per_page=100", body: [] }]);
    expect(await none.findFirstRelease(repo, SHA)).toBeNull();
  });

  it("an unknown commit (compare 404) is in no release", async () => {
    const gh = client([
      { path: "/repos/o/r/releases?per_page=100", body: [release(1)] },
      { ...compare("v1", ""), status: 404, body: { message: "Not Found" } },
    ]);
    expect(await gh.findFirstRelease(repo, SHA)).toBeNull();
  });
});
