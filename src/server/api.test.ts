// The JSON API in-process (app.request): status codes, JSON errors, single flight, stale-while-revalidate.
import { describe, expect, it } from "vitest";
import { GoneError, RateLimitedError, StoreError, UpstreamError } from "../core/errors.js";
import type { Store } from "../core/store/types.js";
import {
  ADMIN_TOKEN,
  Client,
  deferred,
  forbiddenSource,
  makeTestApp,
  SECRET,
  testRef,
  testThread,
} from "./app.test-helper.js";

const json = async (res: Response) =>
  (await res.json()) as Record<string, unknown> & { error?: Record<string, string> };

describe("GET /api/v1/issues/{owner}/{repo}/{n}", () => {
  it("analyses once, then serves from the store", async () => {
    const t = await makeTestApp();
    const res = await t.app.request("/api/v1/issues/acme/widget/7");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await json(res);
    expect(body).toMatchObject({ stale: false, report: { ref: "acme/widget#7", schemaVersion: 1 } });
    expect((await t.store.getReport(testRef(7)))?.report.title).toBe("Widget fails to start (7)");
    const again = await t.app.request("/api/v1/issues/acme/widget/7");
    expect(again.status).toBe(200);
    expect(t.source.fetched).toHaveLength(1);
  });

  it("answers 404 with a JSON error for an issue GitHub does not have", async () => {
    const t = await makeTestApp();
    const res = await t.app.request("/api/v1/issues/acme/widget/999");
    expect(res.status).toBe(404);
    const body = await json(res);
    expect(body.error).toEqual({
      code: "not_found",
      message: expect.stringContaining("#999"),
      hint: expect.any(String),
    });
  });

  it("answers 400 for a malformed owner without fetching", async () => {
    const source = forbiddenSource();
    const t = await makeTestApp([], { reportSource: source });
    const res = await t.app.request("/api/v1/issues/-bad-/widget/7");
    expect(res.status).toBe(400);
    expect((await json(res)).error?.code).toBe("bad_request");
    expect(source.calls).toEqual([]);
  });

  it.each([
    [new GoneError("acme/widget#7 was deleted", "h"), 410, "gone", null],
    [new UpstreamError("GitHub answered 500", "h", 500), 502, "upstream_error", null],
    [new RateLimitedError("rate limit", "h", new Date("2026-04-10T12:05:00Z")), 503, "upstream_rate_limited", "300"],
  ])("maps upstream %s", async (err, status, code, retryAfter) => {
    const t = await makeTestApp();
    t.source.failWith = err;
    const res = await t.app.request("/api/v1/issues/acme/widget/7");
    expect(res.status).toBe(status);
    expect((await json(res)).error?.code).toBe(code);
    expect(res.headers.get("retry-after")).toBe(retryAfter);
  });

  it("answers 500 without internals for an unexpected error, and logs it", async () => {
    const t = await makeTestApp();
    t.source.failWith = new Error("boom at /srv/secret/path.ts:12");
    const res = await t.app.request("/api/v1/issues/acme/widget/7");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("/srv/secret");
    expect(JSON.parse(text)).toEqual({
      error: { code: "internal", message: "Something went wrong on our side.", hint: expect.any(String) },
    });
    expect(t.logger.lines.some((l) => l.level === "error")).toBe(true);
  });

  it("answers 503 when the store fails", async () => {
    const t = await makeTestApp();
    const broken = new Proxy(t.store, {
      get(target, prop, receiver) {
        if (prop === "getReport") return async () => Promise.reject(new StoreError("disk I/O error", "h"));
        return Reflect.get(target, prop, receiver);
      },
    }) as Store;
    const t2 = await makeTestApp([testThread(7)], { store: broken });
    const res = await t2.app.request("/api/v1/issues/acme/widget/7");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect((await json(res)).error?.code).toBe("store_unavailable");
  });
});

describe("single flight", () => {
  it("50 concurrent requests for one uncached issue make exactly one upstream fetch", async () => {
    const t = await makeTestApp();
    const gate = deferred();
    t.source.gate = gate.promise;
    const pending = Array.from({ length: 50 }, () => t.app.request("/api/v1/issues/acme/widget/7"));
    // Let every request reach the service before GitHub "answers".
    await new Promise((r) => setTimeout(r, 50));
    expect(t.source.fetched).toHaveLength(1);
    gate.resolve();
    const responses = await Promise.all(pending);
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(t.source.fetched).toHaveLength(1);
    expect((await t.store.listReports(testRef(7))).length).toBe(1);
  });

  it("also for pages: 50 readers see the loading page, one fetch runs", async () => {
    const t = await makeTestApp();
    const gate = deferred();
    t.source.gate = gate.promise;
    const responses = await Promise.all(Array.from({ length: 50 }, () => t.app.request("/acme/widget/issues/7")));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(202));
    gate.resolve();
    await t.app.idle();
    expect(t.source.fetched).toHaveLength(1);
    expect((await t.app.request("/acme/widget/issues/7")).status).toBe(200);
  });
});

describe("stale-while-revalidate", () => {
  it("serves a stale report at once and refreshes it in the background, once", async () => {
    const t = await makeTestApp();
    expect((await t.app.request("/api/v1/issues/acme/widget/7")).status).toBe(200);
    const first = (await t.store.getReport(testRef(7)))?.report.meta.fetchedAt;

    t.clock.advance(5 * 60_000);
    expect(await json(await t.app.request("/api/v1/issues/acme/widget/7"))).toMatchObject({ stale: false });
    expect(t.source.fetched).toHaveLength(1);

    t.clock.advance(6 * 60_000);
    const gate = deferred();
    t.source.gate = gate.promise;
    const stale = await Promise.all([1, 2, 3].map(() => t.app.request("/api/v1/issues/acme/widget/7")));
    for (const res of stale)
      expect(await json(res)).toMatchObject({ stale: true, report: { meta: { fetchedAt: first } } });
    expect(t.source.fetched).toHaveLength(2);

    gate.resolve();
    await t.app.idle();
    const fresh = await json(await t.app.request("/api/v1/issues/acme/widget/7"));
    expect(fresh).toMatchObject({ stale: false, report: { meta: { fetchedAt: t.clock.now().toISOString() } } });
    expect(t.source.fetched).toHaveLength(2);
  });

  it("keeps serving the stored report when the refresh fails", async () => {
    const t = await makeTestApp();
    await t.app.request("/api/v1/issues/acme/widget/7");
    t.clock.advance(11 * 60_000);
    t.source.failWith = new UpstreamError("GitHub is down", "h", 502);
    expect((await t.app.request("/api/v1/issues/acme/widget/7")).status).toBe(200);
    await t.app.idle();
    expect((await t.app.request("/api/v1/issues/acme/widget/7")).status).toBe(200);
    // The failure is remembered for a while: no hammering.
    expect(t.source.fetched).toHaveLength(2);
    expect(t.logger.lines.some((l) => l.level === "warn" && l.msg?.includes("background refresh failed"))).toBe(true);
  });
});

describe("other API routes", () => {
  it("lists endpoints and answers JSON 404 for unknown ones", async () => {
    const t = await makeTestApp();
    const index = await t.app.request("/api/v1");
    expect(index.status).toBe(200);
    expect((await json(index)).signals).toContain("common-issue");
    const missing = await t.app.request("/api/v1/nope");
    expect(missing.status).toBe(404);
    expect((await json(missing)).error?.code).toBe("not_found");
  });

  it("serves similar issues and tools for an issue", async () => {
    const t = await makeTestApp([testThread(7), testThread(8, { title: "Widget cannot start either" })]);
    await t.app.request("/api/v1/issues/acme/widget/8");
    const similar = await t.app.request("/api/v1/issues/acme/widget/7/similar");
    expect(similar.status).toBe(200);
    const items = (await json(similar)).items as { ref: string; sameError: boolean; page: string }[];
    expect(items).toContainEqual(
      expect.objectContaining({ ref: "acme/widget#8", sameError: true, page: "/acme/widget/issues/8" }),
    );
    const tools = await json(await t.app.request("/api/v1/issues/acme/widget/7/tools"));
    expect(tools).toMatchObject({ ref: "acme/widget#7", category: expect.any(String) });
    expect((tools.tools as unknown[]).length).toBeGreaterThanOrEqual(12);
  });

  it("searches stored issues, and refuses an empty or oversized query", async () => {
    const t = await makeTestApp();
    await t.app.request("/api/v1/issues/acme/widget/7");
    const res = await t.app.request(`/api/v1/search?q=${encodeURIComponent("ENOENT: no such file or directory")}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.results).toEqual([expect.objectContaining({ ref: "acme/widget#7", page: "/acme/widget/issues/7" })]);
    expect((await t.app.request("/api/v1/search?q=")).status).toBe(400);
    expect((await t.app.request(`/api/v1/search?q=${"x".repeat(501)}`)).status).toBe(400);
    expect((await t.app.request("/api/v1/search?q=x&limit=0")).status).toBe(400);
  });

  it("lists trending issues", async () => {
    const t = await makeTestApp();
    await t.app.request("/api/v1/issues/acme/widget/7");
    const body = await json(await t.app.request("/api/v1/trending"));
    expect(body.generatedAt).toBe(t.clock.now().toISOString());
    expect(body.items).toEqual([expect.objectContaining({ ref: "acme/widget#7", score: expect.any(Number) })]);
  });

  it("refuses bodies over 16 KB", async () => {
    const t = await makeTestApp();
    const c = new Client(t.app);
    const res = await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "x".repeat(20_000) });
    expect(res.status).toBe(413);
    expect((await json(res)).error?.code).toBe("payload_too_large");
  });
});

describe("SSRF: user input never picks a host", () => {
  it.each([
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://169.254.169.254/acme/widget/issues/7",
    "https://evil.example/acme/widget/issues/7",
    "https://github.com.evil.example/acme/widget/issues/7",
    "http://127.0.0.1:8080/acme/widget/issues/7",
    "https://user:pass@evil.example/acme/widget/issues/7",
    "file:///etc/passwd",
    "gopher://169.254.169.254/_x",
  ])("refuses %s with 400 and no fetch", async (url) => {
    const source = forbiddenSource();
    const t = await makeTestApp([], { reportSource: source });
    const resolve = await t.app.request(`/api/v1/resolve?q=${encodeURIComponent(url)}`);
    expect(resolve.status).toBe(400);
    const page = await t.app.request(`/go?q=${encodeURIComponent(url)}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("That is not something we can look up");
    const c = new Client(t.app);
    const vote = await c.postJson("/api/v1/votes", { ref: url, signal: "works" });
    expect(vote.status).toBe(400);
    const refresh = await t.app.request("/api/v1/admin/refresh", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ ref: url }),
    });
    expect(refresh.status).toBe(400);
    await t.app.idle();
    expect(source.calls).toEqual([]);
  });

  it("resolves an allowed URL without fetching it", async () => {
    const source = forbiddenSource();
    const t = await makeTestApp([], { reportSource: source });
    const res = await t.app.request(
      `/api/v1/resolve?q=${encodeURIComponent("https://github.com/acme/widget/issues/7")}`,
    );
    expect(await json(res)).toEqual({
      ref: "acme/widget#7",
      host: "github.com",
      page: "/acme/widget/issues/7",
      api: "/api/v1/issues/acme/widget/7",
    });
    expect(source.calls).toEqual([]);
  });
});

describe("admin endpoints", () => {
  const post = (t: Awaited<ReturnType<typeof makeTestApp>>, path: string, body: unknown, auth?: string) =>
    t.app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(body),
    });

  it("are switched off without an admin token", async () => {
    const t = await makeTestApp([testThread(7)], { adminToken: null });
    const res = await post(t, "/api/v1/admin/refresh", { ref: "acme/widget#7" }, "Bearer anything");
    expect(res.status).toBe(404);
    expect(t.source.fetched).toEqual([]);
  });

  it("need the token: 401 without, 403 when wrong, 200 when right", async () => {
    const t = await makeTestApp();
    const none = await post(t, "/api/v1/admin/refresh", { ref: "acme/widget#7" });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await post(t, "/api/v1/admin/refresh", { ref: "acme/widget#7" }, "Basic abc")).status).toBe(401);
    expect((await post(t, "/api/v1/admin/refresh", { ref: "acme/widget#7" }, `Bearer ${ADMIN_TOKEN}x`)).status).toBe(
      403,
    );
    expect((await post(t, "/api/v1/admin/refresh", { ref: "acme/widget#7" }, `Bearer ${SECRET}`)).status).toBe(403);
    expect(t.source.fetched).toEqual([]);
    const ok = await post(t, "/api/v1/admin/refresh", { ref: "acme/widget#7" }, `Bearer ${ADMIN_TOKEN}`);
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ ref: "acme/widget#7", fetchedAt: t.clock.now().toISOString() });
    expect(t.source.fetched).toHaveLength(1);
  });

  it("run a repository sync when the server has one", async () => {
    const synced: string[] = [];
    const t = await makeTestApp([], {
      runSync: async (repo) => {
        synced.push(`${repo.host}/${repo.owner}/${repo.repo}`);
        return { threads: 3 };
      },
    });
    const res = await post(t, "/api/v1/admin/sync", { repo: "acme/widget" }, `Bearer ${ADMIN_TOKEN}`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ repo: "acme/widget", result: { threads: 3 } });
    expect(synced).toEqual(["github.com/acme/widget"]);
    expect((await post(t, "/api/v1/admin/sync", { repo: "../etc" }, `Bearer ${ADMIN_TOKEN}`)).status).toBe(400);
    const noSync = await makeTestApp();
    expect((await post(noSync, "/api/v1/admin/sync", { repo: "acme/widget" }, `Bearer ${ADMIN_TOKEN}`)).status).toBe(
      404,
    );
  });
});
