// The same recordings served over real HTTP on 127.0.0.1 by GitHub's own replay server
// (@octokit/fixtures-server, which answers each recorded exchange once, in order, and 404s anything
// else): the client's paging and redirect handling over sockets, with the recorded headers and
// bodies rewritten to the server's URL exactly as the fixtures server does for any client.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fixturesServer from "@octokit/fixtures-server";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubClient } from "../../src/core/github/client.js";
import { restPages } from "../../src/core/github/paging.js";
import { restIssue } from "../../src/core/github/schema.js";
import { createTransport } from "../../src/core/github/transport.js";
import { loadScenario } from "./recorded-scenarios.test-helper.js";

const TOKEN = "recorded-token-0000000000000000000000000001";
const fast = { retryBaseMs: 1, throttleUnitMs: 1, timeoutMs: 5_000 };

/** A scenario's reads, expecting the headers this client sends (the recording's client sent v3 media types). */
const readsOf = (name: string) =>
  loadScenario(name)
    .filter((x) => x.method === "get")
    .map((x) => ({
      ...x,
      reqheaders: { ...x.reqheaders, accept: "application/vnd.github+json", authorization: `token ${TOKEN}` },
    }));

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = express().use(
    fixturesServer({
      fixturesUrl: base,
      logLevel: "silent",
      fixtures: { "paginate-issues": readsOf("paginate-issues"), "rename-repository": readsOf("rename-repository") },
    }),
  );
  server.on("request", app);
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

/** Loads a scenario into the server; its URL stands for https://api.github.com until every exchange is used. */
async function load(scenario: string): Promise<string> {
  const res = await fetch(`${base}/fixtures`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { url: string }).url;
}

describe("@octokit/fixtures-server on 127.0.0.1", () => {
  it("paginate-issues: the paging loop follows the served Link headers through all 5 pages", async () => {
    const apiUrl = await load("paginate-issues");
    const t = createTransport({ apiUrl, token: TOKEN, ...fast });
    const call = t.call();
    const issues = await restPages(
      t,
      call,
      `${apiUrl}/repos/octokit-fixture-org/paginate-issues/issues?per_page=3`,
      {},
      restIssue,
      "paginate-issues",
    );
    expect(issues.map((i) => i.number)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(call.counts.rest).toBe(5);
    // Every exchange was used: the server has dropped the scenario.
    const gone = await fetch(`${apiUrl}/repositories/1000/issues?per_page=3&page=2`, { headers: { accept: "*/*" } });
    expect(gone.status).toBe(404);
  });

  it("paginate-issues: the sync pager hands back each next URL as served", async () => {
    const apiUrl = await load("paginate-issues");
    const gh = createGitHubClient({ apiUrl, token: TOKEN, ...fast });
    const repo = { host: gh.webHost, owner: "octokit-fixture-org", repo: "paginate-issues" };
    const nexts: (string | null)[] = [];
    let url: string | undefined = `${apiUrl}/repos/octokit-fixture-org/paginate-issues/issues?per_page=3`;
    while (url) {
      const page = await gh.listIssuesPage(repo, { url });
      nexts.push(page.nextUrl);
      url = page.nextUrl ?? undefined;
    }
    expect(nexts).toEqual([
      ...[2, 3, 4, 5].map((n) => `${apiUrl}/repositories/1000/issues?per_page=3&page=${n}`),
      null,
    ]);
  });

  it("rename-repository: the 301 is followed to /repositories/1000 on the same server", async () => {
    const apiUrl = await load("rename-repository");
    const call = createTransport({ apiUrl, token: TOKEN, ...fast }).call();
    const res = await call.rest(`${apiUrl}/repos/octokit-fixture-org/rename-repository`, {}, { what: "rename" });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${apiUrl}/repositories/1000`);
    expect(call.counts.rest).toBe(2);
  });
});
