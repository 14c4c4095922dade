// Writing issue comments on the stand-in: GitHub's shapes (validated against the OpenAPI extract)
// and GitHub's refusals, over plain HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureThread, type Standin, startStandin } from "../index.js";

const thread = (number: number, extra: Partial<FixtureThread> = {}): FixtureThread => ({
  owner: "o",
  repo: "r",
  type: "issue",
  number,
  title: `issue ${number}`,
  body: "body",
  author: { login: "a", association: "NONE" },
  state: "open",
  state_reason: null,
  labels: [],
  locked: false,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  closed_at: null,
  pull: null,
  comments: [{ id: 900, author: { login: "a", association: "NONE" }, created_at: "2026-01-01T01:00:00Z", body: "hi" }],
  events: [],
  ...extra,
});

let gh: Standin;
beforeAll(async () => {
  gh = await startStandin({
    fixtures: [thread(1), thread(2, { locked: true, comments: [] })],
    repos: [{ owner: "o", repo: "secret", private: true }],
    validate: true,
  });
});
afterAll(async () => {
  gh.assertNoValidationFailures();
  await gh.close();
});

const send = async (method: string, path: string, body: unknown, token: string | null = "user-token") => {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `token ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
};

describe("issue comment writes", () => {
  it("creates a comment: 201, Location, GitHub's issue-comment shape, then listed and counted", async () => {
    const r = await send("POST", "/repos/o/r/issues/1/comments", { body: "Thanks!" });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe(r.json.url);
    expect(r.json).toMatchObject({ body: "Thanks!", user: { login: expect.stringMatching(/^stand-in-user-/) } });
    const list = (await (await fetch(`${gh.url}/repos/o/r/issues/1/comments`)).json()) as { id: number }[];
    expect(list.map((c) => c.id)).toContain(r.json.id);
    const issue = (await (await fetch(`${gh.url}/repos/o/r/issues/1`)).json()) as { comments: number };
    expect(issue.comments).toBe(2);
  });

  it("an installation token (ghs_) posts as github-actions[bot], over /api/v3 too", async () => {
    const r = await send("POST", "/api/v3/repos/o/r/issues/1/comments", { body: "bot" }, "ghs_x");
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ user: { login: "github-actions[bot]", type: "Bot" } });
  });

  it("edits only the caller's own comment", async () => {
    const mine = await send("POST", "/repos/o/r/issues/1/comments", { body: "v1" });
    const edited = await send("PATCH", `/repos/o/r/issues/comments/${mine.json.id}`, { body: "v2" });
    expect(edited.status).toBe(200);
    expect(edited.json.body).toBe("v2");
    const other = await send("PATCH", "/repos/o/r/issues/comments/900", { body: "hijack" });
    expect(other.status).toBe(403);
  });

  it.each([
    ["no token", "POST", "/repos/o/r/issues/1/comments", { body: "x" }, null, 401, "Requires authentication"],
    ["a missing issue", "POST", "/repos/o/r/issues/99/comments", { body: "x" }, "t", 404, "Not Found"],
    ["a private repository", "POST", "/repos/o/secret/issues/1/comments", { body: "x" }, "t", 404, "Not Found"],
    ["a missing comment", "PATCH", "/repos/o/r/issues/comments/12345", { body: "x" }, "t", 404, "Not Found"],
    [
      "a read-only token",
      "POST",
      "/repos/o/r/issues/1/comments",
      { body: "x" },
      "ro-t",
      403,
      "Resource not accessible",
    ],
    ["a locked issue", "POST", "/repos/o/r/issues/2/comments", { body: "x" }, "t", 403, "locked"],
    ["no body", "POST", "/repos/o/r/issues/1/comments", {}, "t", 422, "body"],
  ])("refuses %s as GitHub does", async (_what, method, path, body, token, status, message) => {
    const r = await send(method, path, body, token);
    expect(r.status).toBe(status);
    expect(String(r.json.message)).toContain(message);
    expect(r.json.documentation_url).toMatch(/^https:\/\/docs\.github\.com\/rest\/issues\/comments/);
  });
});
