// The stand-in against GitHub's recordings (@octokit/fixtures): for the routes it serves, the same
// kind of request must get the same kind of answer — header names, the Link header's exact form,
// redirect and error bodies, and every field GitHub's recorded objects carry. Each difference found
// is listed in standin/README.md ("Checked against GitHub's recordings").
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureThread, type Standin, startStandin } from "../../standin/index.js";
import { at, type Loose, small } from "../../standin/standin.test-helper.js";
import { loadScenario, type RecordedExchange, urlOf } from "./recorded-scenarios.test-helper.js";

const ORG = "octokit-fixture-org";
const TOKEN = "recorded-token-0000000000000000000000000001";

/** Header names GitHub sent with a recorded exchange (raw-fixture.json keeps all of them, repeats included). */
function rawHeaderNames(scenario: string, method: string, pathEnd: string): string[] {
  const dir = dirname(createRequire(import.meta.url).resolve("@octokit/fixtures/package.json"));
  const raw = JSON.parse(
    readFileSync(join(dir, "scenarios", "api.github.com", scenario, "raw-fixture.json"), "utf8"),
  ) as { method: string; path: string; rawHeaders: string[] }[];
  const x = raw.find((r) => r.method.toUpperCase() === method && r.path.endsWith(pathEnd));
  if (!x) throw new Error(`no ${method} …${pathEnd} in ${scenario}`);
  return x.rawHeaders.filter((_, i) => i % 2 === 0).map((h) => h.toLowerCase());
}

// Per response, not per GitHub feature: the length of this body, this connection's framing.
const PER_RESPONSE = new Set(["content-length", "connection", "transfer-encoding", "keep-alive"]);

/** Every key path of a JSON value; array items are merged. */
function keyPaths(value: unknown, at = ""): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v)) for (const item of v) walk(item, `${p}[]`);
    else if (typeof v === "object" && v !== null)
      for (const [k, x] of Object.entries(v)) {
        out.add(`${p}.${k}`);
        walk(x, `${p}.${k}`);
      }
  };
  walk(value, at);
  return out;
}
const missingKeys = (recorded: unknown, ours: unknown): string[] => {
  const have = keyPaths(ours);
  return [...keyPaths(recorded)].filter((k) => !have.has(k));
};

const normalizeLink = (link: string | null | undefined, origin: string) =>
  (link ?? "")
    .split(origin)
    .join("ORIGIN")
    .replace(/\/repositories\/\d+\//g, "/repositories/ID/");

const thirteen: FixtureThread[] = Array.from({ length: 13 }, (_, i) =>
  small({
    owner: ORG,
    repo: "paginate-issues",
    number: i + 1,
    title: `Test issue ${i + 1}`,
    created_at: at(i + 1),
    updated_at: at(i + 1),
    author: { login: "octokit-fixture-user-a", association: "MEMBER" },
  }),
);

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin({
    fixtures: [...thirteen, small({ owner: ORG, repo: "hello-world", number: 1 })],
  });
});
afterAll(() => standin.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${standin.url}${path}`, {
    headers: { authorization: `token ${TOKEN}`, accept: "application/vnd.github.v3+json", ...headers },
    redirect: "manual",
  });

describe("paginate-issues: the issue list, page by page", () => {
  const recorded = loadScenario("paginate-issues").filter((x) => x.method === "get");

  it("Link headers have GitHub's exact form on every page: rel order, /repositories/{id} URLs, query kept", async () => {
    let url: string | null = `/repos/${ORG}/paginate-issues/issues?per_page=3`;
    for (const page of recorded) {
      expect(url, `page ${urlOf(page)}`).not.toBeNull();
      const res = await get(url as string);
      expect(res.status).toBe(200);
      expect(normalizeLink(res.headers.get("link"), standin.url)).toBe(
        normalizeLink(String(page.headers.link), "https://api.github.com"),
      );
      const next = /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1] ?? null;
      url = next ? next.replace(standin.url, "") : null;
    }
    expect(url).toBeNull();
  });

  it("sends every header GitHub sent with a list page", async () => {
    const res = await get(`/repos/${ORG}/paginate-issues/issues?per_page=3`);
    const ours = new Set([...res.headers.keys()]);
    const theirs = rawHeaderNames("paginate-issues", "GET", "/issues?per_page=3").filter((h) => !PER_RESPONSE.has(h));
    expect(theirs.filter((h) => !ours.has(h))).toEqual([]);
    // GitHub sends two Vary headers: the cache key, and the encoding one.
    expect(res.headers.get("vary")).toBe(
      "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding, Accept, X-Requested-With",
    );
  });

  it("every field of GitHub's recorded issues is in the stand-in's", async () => {
    const ours = (await (await get(`/repos/${ORG}/paginate-issues/issues?per_page=3`)).json()) as Loose;
    expect(missingKeys((recorded[0] as RecordedExchange).response, ours)).toEqual([]);
  });
});

describe("get-repository and rename-repository", () => {
  it("every field of GitHub's recorded repository is in the stand-in's, except those only an admin sees", async () => {
    const recorded = loadScenario("get-repository")[0] as RecordedExchange;
    const ours = (await (await get(`/repos/${ORG}/hello-world`)).json()) as Loose;
    // The recording was made by the repository's admin; a reader is not sent these.
    const adminOnly = /^\.(temp_clone_token|allow_\w+|delete_branch_on_merge|use_squash_pr_title_as_default)$/;
    expect(missingKeys(recorded.response, ours).filter((k) => !adminOnly.test(k))).toEqual([]);
    expect(ours.permissions).toEqual({ admin: false, maintain: false, push: false, triage: false, pull: true });
    // An anonymous caller gets no permissions.
    const anonymous = (await (await fetch(`${standin.url}/repos/${ORG}/hello-world`)).json()) as Loose;
    expect(anonymous.permissions).toBeUndefined();
  });

  it("a 301 has GitHub's body and headers: Location in the /repositories/{id} form, no ETag or cache headers", async () => {
    const recorded = loadScenario("rename-repository").find((x) => x.status === 301) as RecordedExchange;
    standin.faults.transferIssue(`${ORG}/hello-world#1`, `${ORG}/elsewhere`);
    try {
      const res = await get(`/repos/${ORG}/hello-world/issues/1`);
      expect(res.status).toBe(301);
      const body = (await res.json()) as Loose;
      expect(Object.keys(body).sort()).toEqual(Object.keys(recorded.response as object).sort());
      expect(body.message).toBe("Moved Permanently");
      expect(body.url).toBe(res.headers.get("location"));
      expect(res.headers.get("location")).toMatch(/\/repositories\/\d+\/issues\/1$/);
      const theirs = rawHeaderNames("rename-repository", "GET", "").filter((h) => !PER_RESPONSE.has(h));
      const ours = new Set([...res.headers.keys()]);
      expect(theirs.filter((h) => !ours.has(h))).toEqual([]);
      for (const absent of ["etag", "cache-control", "last-modified"]) expect(res.headers.get(absent)).toBeNull();
    } finally {
      standin.reset();
    }
  });
});

describe("error bodies", () => {
  it("a 404 carries what GitHub's recorded 404 carries, and GitHub's headers", async () => {
    const recorded = loadScenario("branch-protection").find((x) => x.status === 404) as RecordedExchange;
    const res = await get(`/repos/${ORG}/no-such-repo/issues/1`);
    expect(res.status).toBe(404);
    expect(missingKeys(recorded.response, await res.json())).toEqual([]);
    const theirs = rawHeaderNames("branch-protection", "GET", "/protection").filter((h) => !PER_RESPONSE.has(h));
    const ours = new Set([...res.headers.keys()]);
    expect(theirs.filter((h) => !ours.has(h))).toEqual([]);
  });

  it("a 422 carries GitHub's message and documentation_url", async () => {
    const recorded = loadScenario("errors")[0] as RecordedExchange;
    const res = await get(`/repos/${ORG}/paginate-issues/issues?state=bogus`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as Loose;
    expect(body.message).toBe((recorded.response as { message: string }).message);
    expect(missingKeys({ message: "", documentation_url: "" }, body)).toEqual([]);
  });
});
