// The real GitHub client (transport with retry and throttling, the Link paging loops, the typed
// errors and their exit codes) against every scenario GitHub recorded in @octokit/fixtures, fed to
// the injected fetch exactly as recorded. The client only reads, so a scenario's GET exchanges are
// replayed in their recorded order; its writes are listed as not met. The table of what happened is
// kept in test/recordings/README.md and checked against this run (UPDATE_RECORDINGS_TABLE=1 rewrites it).
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { EXIT, exitCodeFor } from "../../src/cli/exit-codes.js";
import { NotFoundError, UpstreamError } from "../../src/core/errors.js";
import { createGitHubClient } from "../../src/core/github/client.js";
import { nextLink, restPages } from "../../src/core/github/paging.js";
import { restComment, restIssue, restPull, restRelease, restTimelineEvent } from "../../src/core/github/schema.js";
import { createTransport } from "../../src/core/github/transport.js";
import { loadOpenApi, PathMatcher } from "../../standin/openapi-spec.js";
import {
  loadScenario,
  type RecordedExchange,
  replayFetch,
  scenarioNames,
  urlOf,
} from "./recorded-scenarios.test-helper.js";

const API = "https://api.github.com";
const TOKEN = "recorded-token-0000000000000000000000000001";
const fast = { retryBaseMs: 1, throttleUnitMs: 1, timeoutMs: 2_000 };

/** The REST operations issuegraph's client sends, with the zod shape it reads each body (or item) with. */
const CLIENT_OPERATIONS: Record<string, z.ZodType> = {
  "issues/get": restIssue,
  "issues/list-for-repo": restIssue,
  "issues/list-comments": restComment,
  "issues/list-events-for-timeline": restTimelineEvent,
  "pulls/get": restPull,
  "repos/list-releases": restRelease,
  "repos/compare-commits-with-basehead": z.object({ status: z.string() }),
};

/** README's exit codes for what GitHub can answer. */
const README_EXIT: Record<string, number> = {
  "404": EXIT.notFound,
  "410": EXIT.gone,
  "401": EXIT.auth,
  "403": EXIT.auth,
  "422": EXIT.upstream,
  "5xx": EXIT.upstream,
  network: EXIT.upstream,
};
const expectedExit = (status: number | null) =>
  status === null ? README_EXIT.network : (README_EXIT[String(status)] ?? (status >= 500 ? README_EXIT["5xx"] : null));

let matcher: PathMatcher | null = null;
function operationOf(x: RecordedExchange): string {
  matcher ??= new PathMatcher(loadOpenApi());
  const url = new URL(urlOf(x));
  if (url.origin !== API) return `(${url.host})`;
  return (
    matcher.match(x.method, url.pathname)?.operation.operationId ??
    matcher.match(x.method, url.pathname.replace(/^\/repositories\/\d+(?=\/|$)/, "/repos/o/r"))?.operation
      .operationId ??
    "(not in the spec)"
  );
}

const isRead = (x: RecordedExchange) => x.method.toUpperCase() === "GET";
const short = (url: string) => url.replace(API, "").replace(/^https:\/\//, "");

type Row = { scenario: string; recorded: string; clientEndpoints: string; did: string; pass: boolean };
const rows: Row[] = [];

type Step = { description: string; ok: boolean };

/**
 * Drives the client through a scenario's reads: a recorded list with a rel="next" link through the
 * paging loop, anything else through one transport GET (which follows redirects itself).
 */
async function replayReads(reads: RecordedExchange[]): Promise<{ steps: Step[]; requests: number; sent: string[] }> {
  const replay = replayFetch(reads);
  const t = createTransport({ apiUrl: API, token: TOKEN, fetch: replay.fetch, ...fast });
  const steps: Step[] = [];
  while (replay.pending().length > 0) {
    const before = replay.pending().length;
    const x = replay.pending()[0] as RecordedExchange;
    const url = urlOf(x);
    if (!t.isApiUrl(url)) {
      // Only a redirect can point here; the client never sends the token (or anything) to another host.
      steps.push({ description: `never requested ${new URL(url).host}`, ok: !replay.sent.some((s) => s.url === url) });
      break;
    }
    const call = t.call();
    const op = operationOf(x);
    const shape = CLIENT_OPERATIONS[op];
    try {
      if (Array.isArray(x.response) && nextLink(String(x.headers.link ?? "")) !== null) {
        const items = await restPages(t, call, url, {}, shape ?? z.unknown(), op);
        const pages = call.counts.rest;
        steps.push({
          description: `paged ${op} through ${pages} pages by rel="next" (${items.length} items${shape ? ", each read by the client's schema" : ""})`,
          ok: true,
        });
      } else {
        const res = await call.rest(url, {}, { what: op });
        if (shape) shape.parse(res.data);
        const hops = replay.sent.slice(-call.counts.rest).map((s) => `${s.answer}`);
        const followed = hops.length > 1 ? `, followed ${hops.slice(0, -1).join(" → ")} to ${short(res.url)}` : "";
        steps.push({ description: `GET ${short(url)} → ${res.status}${followed}`, ok: res.status === 200 });
      }
    } catch (err) {
      const code = exitCodeFor(err);
      const status = err instanceof UpstreamError ? err.status : err instanceof NotFoundError ? 404 : null;
      // A redirect off the API host is refused at once, as an upstream failure (exit 7).
      const refusedRedirect = x.status >= 300 && x.status < 400;
      const want = refusedRedirect ? EXIT.upstream : expectedExit(x.status >= 400 ? x.status : status);
      steps.push({
        description: `GET ${short(url)} → ${x.status}: ${(err as Error).name}, exit ${code} after ${call.counts.rest} request${call.counts.rest === 1 ? "" : "s"}`,
        ok: code === want,
      });
    }
    if (replay.pending().length === before) {
      steps.push({ description: `did not request ${short(url)}`, ok: false });
      break;
    }
  }
  const unanswered = replay.sent.filter((s) => s.answer === null);
  if (unanswered.length > 0)
    steps.push({ description: `sent unrecorded ${unanswered.map((s) => short(s.url)).join(", ")}`, ok: false });
  return { steps, requests: replay.sent.length, sent: replay.sent.map((s) => s.url) };
}

/** A recorded error response, answered to a GET of its URL: the typed error, its exit code, no retry, no token. */
async function replayError(x: RecordedExchange): Promise<Step> {
  const asRead = { ...x, method: "get" };
  const replay = replayFetch([asRead]);
  const call = createTransport({ apiUrl: API, token: TOKEN, fetch: replay.fetch, ...fast }).call();
  const err = await call.rest(urlOf(asRead), {}, { what: "recorded error" }).then(
    () => null,
    (e: unknown) => e,
  );
  const code = exitCodeFor(err);
  const message = (x.response as { message?: string }).message ?? "";
  return {
    description: `its recorded ${x.status} "${message}" answered to a GET: ${(err as Error | null)?.name}, exit ${code} after ${call.counts.rest} request${call.counts.rest === 1 ? "" : "s"}`,
    ok: code === expectedExit(x.status) && call.counts.rest === 1 && !String((err as Error).message).includes(TOKEN),
  };
}

describe("every @octokit/fixtures scenario through the real client", () => {
  for (const scenario of scenarioNames()) {
    it(scenario, async () => {
      const exchanges = loadScenario(scenario);
      const reads = exchanges.filter(isRead);
      const counts = new Map<string, number>();
      for (const x of exchanges) counts.set(x.method.toUpperCase(), (counts.get(x.method.toUpperCase()) ?? 0) + 1);
      const recorded = [...counts].map(([m, n]) => `${n} ${m}`).join(", ");
      const used = [...new Set(exchanges.map(operationOf))].filter((op) => op in CLIENT_OPERATIONS);
      const writes = [...new Set(exchanges.filter((x) => !isRead(x)).map(operationOf))];
      const parts: string[] = [];
      let pass = true;
      if (reads.length > 0) {
        const { steps, requests } = await replayReads([...reads]);
        parts.push(...steps.map((s) => s.description), `${requests} request${requests === 1 ? "" : "s"} in all`);
        pass = steps.every((s) => s.ok);
      }
      if (writes.length > 0) parts.push(`not met: ${writes.join(", ")} (the client never writes)`);
      // A recorded error of a write is still a real error body: answered to the client's GET of that URL.
      for (const x of exchanges.filter((e) => !isRead(e) && e.status >= 400 && new URL(urlOf(e)).origin === API)) {
        const step = await replayError(x);
        parts.push(step.description);
        pass &&= step.ok;
      }
      rows.push({ scenario, recorded, clientEndpoints: used.join(", ") || "none", did: parts.join("; "), pass });
      expect(pass, parts.join("\n")).toBe(true);
    });
  }

  afterAll(() => {
    if (rows.length !== scenarioNames().length) return;
    const table = [
      "| recorded scenario | recorded requests | endpoints the client uses | what the client did | result |",
      "|---|---|---|---|---|",
      ...rows.map(
        (r) => `| \`${r.scenario}\` | ${r.recorded} | ${r.clientEndpoints} | ${r.did} | ${r.pass ? "pass" : "FAIL"} |`,
      ),
    ].join("\n");
    const readme = new URL("./README.md", import.meta.url);
    const text = readFileSync(readme, "utf8");
    const section = /(<!-- table:start -->\n)([\s\S]*?)(<!-- table:end -->)/;
    if (process.env.UPDATE_RECORDINGS_TABLE === "1") writeFileSync(readme, text.replace(section, `$1${table}\n$3`));
    else {
      // Compared cell by cell: a Markdown formatter may pad the columns.
      const cells = (md: string) =>
        md
          .trim()
          .split("\n")
          .map((line) => line.replace(/\s*\|\s*/g, "|").replace(/-{3,}/g, "---"));
      expect(
        cells(section.exec(text)?.[2] ?? ""),
        "test/recordings/README.md's table is stale: run with UPDATE_RECORDINGS_TABLE=1",
      ).toEqual(cells(table));
    }
  });
});

describe("paging follows the recorded Link headers exactly", () => {
  const pages = loadScenario("paginate-issues").filter(isRead);
  const recordedUrls = pages.map(urlOf);

  it("the REST paging loop requests exactly the recorded URLs, in order, and reads every issue", async () => {
    const replay = replayFetch(pages);
    const t = createTransport({ apiUrl: API, token: TOKEN, fetch: replay.fetch, ...fast });
    const first = recordedUrls[0] as string;
    const issues = await restPages(t, t.call(), first, {}, restIssue, "paginate-issues");
    expect(replay.sent.map((s) => s.url)).toEqual(recordedUrls);
    // Pages 2..5 are the /repositories/{id} form GitHub wrote into the Link header, taken verbatim.
    expect(recordedUrls.slice(1).every((u) => u.startsWith(`${API}/repositories/1000/issues?`))).toBe(true);
    expect(issues.map((i) => i.number)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(replay.pending()).toEqual([]);
  });

  it("the sync pager hands back each recorded rel=next verbatim and stops where the Link has none", async () => {
    const replay = replayFetch(pages);
    const gh = createGitHubClient({ apiUrl: API, token: TOKEN, fetch: replay.fetch, ...fast });
    const repo = { host: "github.com", owner: "octokit-fixture-org", repo: "paginate-issues" };
    const seen: (string | null)[] = [];
    let url: string | undefined = recordedUrls[0];
    let numbers: number[] = [];
    while (url) {
      const page = await gh.listIssuesPage(repo, { url });
      numbers = [...numbers, ...page.items.map((i) => i.ref.number)];
      seen.push(page.nextUrl);
      expect(page.etag).toBe(pages[seen.length - 1]?.headers.etag);
      url = page.nextUrl ?? undefined;
    }
    expect(seen).toEqual([...recordedUrls.slice(1), null]);
    expect(numbers).toHaveLength(13);
    expect(gh.requests()).toEqual({ rest: 5, graphql: 0 });
  });
});

describe("conditional requests behave as the recorded headers say", () => {
  const pages = loadScenario("paginate-issues").filter(isRead);

  it("sends the recorded etag back verbatim; the 304 costs one request, carries no body and keeps the etag", async () => {
    const replay = replayFetch(pages);
    const gh = createGitHubClient({ apiUrl: API, token: TOKEN, fetch: replay.fetch, ...fast });
    const repo = { host: "github.com", owner: "octokit-fixture-org", repo: "paginate-issues" };
    const url = urlOf(pages[0] as RecordedExchange);
    const fresh = await gh.listIssuesPage(repo, { url });
    expect(fresh.etag).toBe('"00000000000000000000000000000000"');
    const again = await gh.listIssuesPage(repo, { url, etag: fresh.etag });
    expect(replay.sent[1]?.headers["if-none-match"]).toBe(fresh.etag);
    expect(replay.sent[1]?.answer).toBe(304);
    expect(again).toEqual({ items: [], nextUrl: null, etag: fresh.etag, notModified: true });
    expect(gh.requests().rest).toBe(2);
  });

  it("a stale etag gets the full page again (no 304 for an etag GitHub did not send for it)", async () => {
    const replay = replayFetch(pages);
    const gh = createGitHubClient({ apiUrl: API, token: TOKEN, fetch: replay.fetch, ...fast });
    const repo = { host: "github.com", owner: "octokit-fixture-org", repo: "paginate-issues" };
    const page = await gh.listIssuesPage(repo, { url: urlOf(pages[0] as RecordedExchange), etag: '"stale"' });
    expect(page.notModified).toBe(false);
    expect(page.items).toHaveLength(3);
  });
});

describe("a 301 is followed as the recording shows", () => {
  it("GET of a renamed repository: 301 to /repositories/{id}, followed once on the same host with the token", async () => {
    const reads = loadScenario("rename-repository").filter(isRead);
    const replay = replayFetch(reads);
    const t = createTransport({ apiUrl: API, token: TOKEN, fetch: replay.fetch, ...fast });
    const call = t.call();
    const res = await call.rest(urlOf(reads[0] as RecordedExchange), {}, { what: "rename-repository" });
    expect(replay.sent.map((s) => [s.url, s.answer])).toEqual([
      [`${API}/repos/octokit-fixture-org/rename-repository`, 301],
      [reads[0]?.headers.location, 200],
    ]);
    expect(replay.sent[1]?.headers.authorization).toBe(`token ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${API}/repositories/1000`);
    expect((res.data as { name: string }).name).toBe("rename-repository-newname");
    expect(call.counts.rest).toBe(2);
  });

  it("a 302 to another host (codeload) is not followed: nothing is sent there, and the error is exit 7", async () => {
    const reads = loadScenario("get-archive").filter(isRead);
    const replay = replayFetch(reads);
    const t = createTransport({ apiUrl: API, token: TOKEN, fetch: replay.fetch, ...fast });
    const err = await t
      .call()
      .rest(urlOf(reads[0] as RecordedExchange), {}, { what: "get-archive" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(exitCodeFor(err)).toBe(EXIT.upstream);
    expect(replay.sent.every((s) => new URL(s.url).host === "api.github.com")).toBe(true);
  });
});

describe("the client's schemas read every recorded issue GitHub sent", () => {
  it("list items, search items and created issues all parse as the client's REST issue", () => {
    const issues = scenarioNames().flatMap((s) =>
      loadScenario(s).flatMap((x) => {
        const body = x.response as { items?: unknown[]; number?: unknown; repository_url?: unknown } | unknown[];
        const list = Array.isArray(body) ? body : Array.isArray(body?.items) ? body.items : [body];
        return list.filter(
          (i): i is object =>
            typeof i === "object" && i !== null && "repository_url" in i && "number" in i && "comments_url" in i,
        );
      }),
    );
    expect(issues.length).toBeGreaterThanOrEqual(14);
    for (const issue of issues) expect(() => restIssue.parse(issue)).not.toThrow();
  });
});
