// The HTML pages in-process: what they show, the loading and error states, CSP and headers, and
// that no secret ever reaches a response or a log.
import { describe, expect, it, vi } from "vitest";
import { NotFoundError } from "../core/errors.js";
import type { ReportPhase } from "../core/use-cases/report.js";
import {
  ADMIN_TOKEN,
  Client,
  deferred,
  forbiddenSource,
  makeTestApp,
  SECRET,
  testClientIp,
  testRef,
  testThread,
} from "./app.test-helper.js";

async function analysed(threads = [testThread(7)]) {
  const t = await makeTestApp(threads);
  const c = new Client(t.app);
  expect((await c.request("/acme/widget/issues/7")).status).toBe(202);
  await t.app.idle();
  return { ...t, c };
}

describe("home", () => {
  it("has the form, trending and recently analysed issues", async () => {
    const { c } = await analysed();
    const res = await c.request("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<label for="q">Issue URL, owner/repo#number, or error text</label>');
    expect(html).toContain('action="/go"');
    expect(html).toMatch(
      /<h2 id="trending-title">Trending issues<\/h2><ol class="issue-list"><li><a href="\/acme\/widget\/issues\/7">/,
    );
    // The score is explained where it is shown.
    expect(html).toMatch(/score \d+\.\d\d<\/span><\/li><\/ol><p class="muted small formula">Score = recent activity/);
    // The example refs are links that go where the form would.
    expect(html).toContain('<a href="/go?q=nodejs%2Fnode%2345028"');
    // The two lists never repeat each other.
    const recent = /<h2 id="recent-title">Recently analysed<\/h2>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(recent).not.toContain('href="/acme/widget/issues/7"');
    expect(recent).toContain("Every recently analysed issue is trending.");
  });

  it("lists recently analysed issues that are not trending, and stored ones not analysed yet", async () => {
    const old = { createdAt: "2025-01-01T10:00:00Z", updatedAt: "2025-01-02T10:00:00Z" };
    const t = await makeTestApp([testThread(7), testThread(9, { ...old, title: "Old widget crash", comments: [] })]);
    await t.app.request("/api/v1/issues/acme/widget/9");
    await t.store.putThread(testThread(11, { ...old, title: "Stored, never analysed", comments: [] }), {
      fetchedAt: t.clock.now().toISOString(),
      via: "rest",
      requests: { rest: 0, graphql: 0 },
      etag: null,
      errorMessage: null,
    });
    const html = await (await t.app.request("/")).text();
    const recent = /<h2 id="recent-title">Recently analysed<\/h2>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(recent).toMatch(/Old widget crash<\/a>.*analysed 2026-04-10 12:00 UTC/);
    expect(recent).toMatch(/Stored, never analysed<\/a>.*stored, not analysed yet/);
  });

  it("sends the form to an issue page or to search", async () => {
    const t = await makeTestApp();
    const go = (q: string) => t.app.request(`/go?q=${encodeURIComponent(q)}`);
    expect((await go("acme/widget#7")).headers.get("location")).toBe("/acme/widget/issues/7");
    expect((await go("https://github.com/acme/widget/issues/7#issuecomment-1")).headers.get("location")).toBe(
      "/acme/widget/issues/7",
    );
    expect((await go("https://github.com/acme/widget/pull/9")).headers.get("location")).toBe("/acme/widget/issues/9");
    expect((await go("You're out of extra usage")).headers.get("location")).toBe(
      "/search?q=You're%20out%20of%20extra%20usage",
    );
    expect((await go("")).headers.get("location")).toBe("/");
    expect(t.source.fetched).toEqual([]);
  });
});

describe("issue page: loading", () => {
  it("shows a loading page that refreshes itself, then the report", async () => {
    const t = await makeTestApp();
    const gate = deferred();
    t.source.gate = gate.promise;
    const loading = await t.app.request("/acme/widget/issues/7");
    expect(loading.status).toBe(202);
    const html = await loading.text();
    expect(html).toContain('<meta http-equiv="refresh" content="1"/>');
    expect(html).toContain("Analysing acme/widget#7…");
    expect(html).toContain('role="status"');
    expect(html).toContain("Fetching the issue");
    gate.resolve();
    await t.app.idle();
    expect((await t.app.request("/acme/widget/issues/7")).status).toBe(200);
  });

  it("marks the step of the analysis' current phase, and the steps before it done", async () => {
    const gate = deferred();
    let tell: (phase: ReportPhase) => void = () => {};
    const t = await makeTestApp([testThread(7)], {
      analyse: async (_ref, onPhase) => {
        tell = onPhase;
        await gate.promise;
        throw new NotFoundError("acme/widget#7 was not found on GitHub", "Check the number.");
      },
    });
    const steps = async () => {
      const html = await (await t.app.request("/acme/widget/issues/7")).text();
      const done = [...html.matchAll(/<li class="done">([^<]*)/g)].map((m) => m[1]);
      return { current: /<li class="current">([^<]*)/.exec(html)?.[1], done: done.length };
    };
    expect(await steps()).toEqual({ current: "Queued", done: 0 });
    tell("links");
    expect(await steps()).toEqual({ current: "Following linked issues and pull requests", done: 2 });
    tell("similar");
    expect(await steps()).toEqual({ current: "Analysing and saving the report", done: 4 });
    gate.resolve();
    await t.app.idle();
  });
});

describe("issue page: the report", () => {
  it("shows every part of the report", async () => {
    const { c } = await analysed([testThread(7), testThread(8, { title: "Widget cannot start either" })]);
    await c.request("/api/v1/issues/acme/widget/8");
    const res = await c.request("/acme/widget/issues/7");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Widget fails to start (7) <span class="title-meta">[1 comment, 2 participants]</span>');
    expect(html).toMatch(
      /<a href="https:\/\/github.com\/acme\/widget\/issues\/7" rel="nofollow noopener noreferrer">View on GitHub<\/a>/,
    );
    // The status strip: state, fix status, same-error count and the stats on one line.
    const strip = /<ul class="strip" aria-label="Status">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
    expect(strip).toContain('<span class="badge open">open</span>');
    expect(strip).toContain("no fix known");
    expect(strip).toMatch(
      /1 comment<\/span> · <span>2 participants<\/span> · <span>\d+ events?<\/span> · <span>3 reactions/,
    );
    expect(strip).toContain("fetched <time");
    expect(html).toContain("Top timeline events");
    // Answer first: TL;DR and Recommendation, then the signals, the rest of the analysis, the error,
    // links, same error, and the raw body last.
    const order = [
      "<h3>TL;DR</h3>",
      "<h3>Recommendation</h3>",
      'id="votes-title"',
      "<h3>Guidance</h3>",
      "<h3>Notes</h3>",
      'id="error-title"',
      'id="links-title"',
      'id="similar-title"',
      'id="body-title"',
    ].map((marker) => html.indexOf(marker));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain("ENOENT: no such file or directory");
    for (const h of ["TL;DR", "Guidance", "Notes", "Recommendation"]) expect(html).toContain(`<h3>${h}</h3>`);
    // No empty sections: this thread reports no working code, so there is no Example heading.
    expect(html).not.toContain("<h3>Example</h3>");
    expect(html).toContain("<summary>Show the original issue text</summary>");
    expect(html).toContain('<h2 id="similar-title">Same error elsewhere</h2>');
    expect(html).toContain('<a href="/acme/widget/issues/8">Widget cannot start either</a>');
    expect(html.match(/<form class="vote-form"/g)).toHaveLength(7);
    // The matrix: one row per signal with the vote button and the evidence's strength.
    expect(html.match(/<td class="evidence"><span class="strength strength-(strong|some|none)">/g)).toHaveLength(7);
    expect(html).toContain("Verified / Reproducible");
    expect(html).toMatch(
      /<ul class="tools">(<li>.*?<\/li>){6}<\/ul><details><summary>Another batch<\/summary><ul class="tools">(<li>.*?<\/li>){6}<\/ul>/,
    );
    expect(html).toContain('href="/acme/widget/issues/7.md" download');
    expect(html).toContain('<h2 id="trending-title">Trending issues</h2>');
  });

  it("says what changed since the last report once a stale report is refreshed", async () => {
    const t = await analysed();
    expect(await (await t.c.request("/acme/widget/issues/7")).text()).not.toContain(
      "What changed since the last report",
    );
    const thread = t.source.threads.get("github.com/acme/widget#7");
    if (!thread) throw new Error("test thread missing");
    thread.state = "closed";
    thread.stateReason = "completed";
    t.clock.advance(11 * 60_000); // past the freshness window: served stale, refreshed in the background
    await t.c.request("/acme/widget/issues/7");
    await t.app.idle();
    const html = await (await t.c.request("/acme/widget/issues/7")).text();
    const section = /<section aria-labelledby="changes-title">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(section).toContain("What changed since the last report");
    expect(section).toMatch(/<li>[^<]*closed/i);
  });
});

describe("issue page: graph, download, redirects", () => {
  it("draws the link graph when there are links", async () => {
    const t7 = testThread(7, { body: "See #8 for the same crash." });
    const { c } = await analysed([t7, testThread(8)]);
    const html = await (await c.request("/acme/widget/issues/7")).text();
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="link-graph"');
    expect(html).toContain('<a href="/acme/widget/issues/8">');
  });
});

describe("issue page: downloads, redirects, errors and limits", () => {
  it("offers the Markdown report as a download", async () => {
    const { c } = await analysed();
    const res = await c.request("/acme/widget/issues/7.md");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="acme-widget-7.md"');
    expect(await res.text()).toContain("Widget fails to start (7)");
  });

  it("redirects pull URLs and transferred issues", async () => {
    const moved = testThread(70, { movedFrom: testRef(7) });
    const t = await makeTestApp([moved]);
    t.source.threads.set("github.com/acme/widget#7", moved);
    expect((await t.app.request("/acme/widget/pull/7")).headers.get("location")).toBe("/acme/widget/issues/7");
    expect((await t.app.request("/acme/widget/issues/7")).status).toBe(202);
    await t.app.idle();
    const res = await t.app.request("/acme/widget/issues/7");
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/acme/widget/issues/70");
    expect(t.source.fetched).toHaveLength(1);
  });
});

describe("issue page: errors, views and limits", () => {
  it("shows a clear error page, and does not refetch at once", async () => {
    const t = await makeTestApp([]);
    expect((await t.app.request("/acme/widget/issues/404")).status).toBe(202);
    await t.app.idle();
    const res = await t.app.request("/acme/widget/issues/404");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<h1 id="error-page-title">Not found</h1>');
    expect(html).toContain("acme/widget#404 was not found");
    expect(t.source.fetched).toHaveLength(1);
    t.clock.advance(20_000);
    expect((await t.app.request("/acme/widget/issues/404")).status).toBe(202);
    expect(t.source.fetched).toHaveLength(2);
  });

  it("counts a reader's reloads as one view per half hour", async () => {
    const t = await makeTestApp([testThread(7)], { clientIp: testClientIp });
    await t.app.request("/api/v1/issues/acme/widget/7");
    const { app, store, clock } = t;
    const c = new Client(app);
    const views = async () =>
      (await store.activitySince("2000-01-01T00:00:00Z", { limit: 10 })).find((a) => a.ref.number === 7)?.views;
    await c.request("/acme/widget/issues/7");
    expect(await views()).toBe(1);
    clock.advance(29 * 60_000);
    await c.request("/acme/widget/issues/7");
    expect(await views()).toBe(1);
    await new Client(app).request("/acme/widget/issues/7", { headers: { "x-test-client": "192.0.2.2" } });
    expect(await views()).toBe(2);
    clock.advance(2 * 60_000);
    await c.request("/acme/widget/issues/7");
    expect(await views()).toBe(3);
  });

  it("answers unknown paths with a 404 page", async () => {
    const t = await makeTestApp();
    const res = await t.app.request("/no/such/page/here");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Issue pages look like /owner/repo/issues/123.");
  });

  it("limits how many new issues one client may make the server fetch", async () => {
    const threads = [1, 2, 3].map((n) => testThread(n));
    const t = await makeTestApp(threads, {
      limits: { analysesPerIp: { capacity: 2, refillPerSecond: 0.01 } },
      clientIp: () => "203.0.113.9",
    });
    expect((await t.app.request("/acme/widget/issues/1")).status).toBe(202);
    expect((await t.app.request("/acme/widget/issues/2")).status).toBe(202);
    const third = await t.app.request("/acme/widget/issues/3");
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    await t.app.idle();
    expect(t.source.fetched).toHaveLength(2);
    // Stored issues are served whatever the limit.
    expect((await t.app.request("/acme/widget/issues/1")).status).toBe(200);
  });
});

describe("search page", () => {
  it("finds stored issues and groups the same error", async () => {
    const { c } = await analysed([testThread(7), testThread(8, { title: "Widget cannot start either" })]);
    await c.request("/api/v1/issues/acme/widget/8");
    const q = encodeURIComponent("Error: ENOENT: no such file or directory, open '/etc/widget.conf'");
    const html = await (await c.request(`/search?q=${q}`)).text();
    expect(html).toContain('<div class="cluster" id="cluster"><h2>Same error (2 issues)</h2>');
    expect(html).toContain('<a href="/acme/widget/issues/7">');
    expect(html).toContain('<a href="/acme/widget/issues/8">');
    const none = await (await c.request("/search?q=zzzqqq")).text();
    expect(none).toContain("No stored issue matches “zzzqqq”");
  });
});

describe("security headers and CSP", () => {
  it("sends a strict CSP with no nonce (scripts from 'self' only), the same on every response, and the other headers", async () => {
    const { c } = await analysed();
    for (const path of ["/", "/acme/widget/issues/7", "/search?q=x", "/nope/nope/nope/nope", "/acme/widget"]) {
      const res = await c.request(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;/);
      expect(csp).not.toContain("nonce");
      expect(csp).not.toContain("unsafe");
      for (const d of ["form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) expect(csp).toContain(d);
      const html = await res.text();
      // One script, a file of this site; no inline script or style anywhere.
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => [m[1], m[2]]);
      expect(scripts).toEqual([[' src="/assets/app.js" defer=""', ""]]);
      expect(html).not.toMatch(/\sstyle=/);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
    }
    const a = (await c.request("/")).headers.get("content-security-policy");
    const b = (await c.request("/acme/widget/issues/7")).headers.get("content-security-policy");
    expect(a).toBe(b);
  });

  it("serves the stylesheet and script with revalidation", async () => {
    const t = await makeTestApp();
    const css = await t.app.request("/assets/app.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toContain("prefers-color-scheme: dark");
    const etag = css.headers.get("etag") ?? "";
    expect((await t.app.request("/assets/app.css", { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await t.app.request("/assets/app.js")).headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  });
});

describe("secrets", () => {
  it("never appear in any page, API answer, header or log", async () => {
    const t7 = testThread(7, { body: "See #8" });
    const t = await makeTestApp([t7, testThread(8)]);
    const c = new Client(t.app);
    const seen: string[] = [];
    const record = async (res: Response) => {
      seen.push(res.status.toString(), [...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n"), await res.text());
    };
    await record(await c.request("/acme/widget/issues/7"));
    await t.app.idle();
    for (const path of [
      "/",
      "/acme/widget/issues/7",
      "/acme/widget/issues/7.md",
      "/acme/widget/issues/8",
      "/search?q=widget",
      "/api/v1",
      "/api/v1/issues/acme/widget/7",
      "/api/v1/issues/acme/widget/7/similar",
      "/api/v1/issues/acme/widget/7/tools",
      "/api/v1/trending",
      "/api/v1/votes?ref=acme/widget%237",
      "/api/v1/search?q=widget",
      "/assets/app.js",
      "/assets/app.css",
      "/missing/page/x/y",
      "/go?q=http://169.254.169.254/",
    ]) {
      await record(await c.request(path));
    }
    await record(await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" }));
    await record(
      await c.request("/api/v1/admin/refresh", {
        method: "POST",
        headers: { authorization: "Bearer wrong-token", "content-type": "application/json" },
        body: "{}",
      }),
    );
    t.source.failWith = new NotFoundError("acme/widget#9 was not found", "h");
    await record(await c.request("/api/v1/issues/acme/widget/9"));
    const everything = [...seen, JSON.stringify(t.logger.lines)].join("\n");
    expect(everything.length).toBeGreaterThan(10_000);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(ADMIN_TOKEN);
  });
});

describe("no fetch for bad input", () => {
  it("site paths with a bad owner or number are refused before any fetch", async () => {
    const source = forbiddenSource();
    const t = await makeTestApp([], { reportSource: source });
    expect((await t.app.request("/-x-/widget/issues/7")).status).toBe(400);
    expect((await t.app.request("/acme/widget/issues/0")).status).toBe(400);
    expect((await t.app.request("/acme/widget/issues/99999999999")).status).toBe(400);
    expect(source.calls).toEqual([]);
  });
});

describe("render once, serve many", () => {
  it("serves the issue page as the same bytes to every reader, with an ETag, 304s and no cookie", async () => {
    const { app } = await analysed();
    const first = await app.request("/acme/widget/issues/7");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers.get("cache-control")).toBe("public, no-cache");
    expect(first.headers.get("vary")).toBe("accept-encoding");
    expect(first.headers.getSetCookie()).toEqual([]);
    const body = await first.text();
    const reader = new Client(app);
    await reader.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" });
    await reader.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" }); // taken back: same counts
    const returning = await reader.request("/acme/widget/issues/7");
    expect(returning.headers.get("etag")).toBe(etag);
    expect(await returning.text()).toBe(body);
    const cond = await app.request("/acme/widget/issues/7", { headers: { "if-none-match": etag } });
    expect(cond.status).toBe(304);
    expect(await cond.text()).toBe("");
    expect(
      (await app.request("/acme/widget/issues/7", { headers: { "if-none-match": `W/${etag}, "x"` } })).status,
    ).toBe(304);
  });

  it("builds a new version when the votes change, and renders each version once", async () => {
    const t = await makeTestApp([testThread(7)]);
    let renders = 0;
    const getVotes = t.store.getVotes.bind(t.store);
    t.store.getVotes = (...args) => {
      renders++;
      return getVotes(...args);
    };
    await t.app.request("/api/v1/issues/acme/widget/7");
    const before = await t.app.request("/acme/widget/issues/7");
    await Promise.all(Array.from({ length: 20 }, () => t.app.request("/acme/widget/issues/7")));
    expect(renders).toBe(1);
    const voter = new Client(t.app);
    expect((await voter.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "blocking" })).status).toBe(200);
    const after = await t.app.request("/acme/widget/issues/7", {
      headers: { "if-none-match": before.headers.get("etag") ?? "" },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect(await after.text()).toMatch(
      /data-label="Blocking"><span>Blocking<\/span><span class="vote-count"><span class="vote-number">1</,
    );
    expect(renders).toBe(2);
    // Past the cache's trust window the inputs are read again (in the background, the kept version
    // is served meanwhile); unchanged bytes keep their ETag.
    t.clock.advance(11_000);
    const again = await t.app.request("/acme/widget/issues/7");
    expect(again.headers.get("etag")).toBe(after.headers.get("etag"));
    await vi.waitFor(() => expect(renders).toBe(3));
    expect((await t.app.request("/acme/widget/issues/7")).headers.get("etag")).toBe(after.headers.get("etag"));
    expect(renders).toBe(3);
  });

  it("compresses each version once, with brotli or gzip as the client accepts", async () => {
    const { app } = await analysed();
    const { brotliDecompressSync, gunzipSync } = await import("node:zlib");
    const plain = Buffer.from(await (await app.request("/acme/widget/issues/7")).arrayBuffer());
    const br = await app.request("/acme/widget/issues/7", { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(plain.length / 3);
    expect(brotliDecompressSync(brBytes).equals(plain)).toBe(true);
    const gz = await app.request("/acme/widget/issues/7", { headers: { "accept-encoding": "gzip;q=1, br;q=0" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(plain)).toBe(true);
    const json = await app.request("/api/v1/issues/acme/widget/7", { headers: { "accept-encoding": "gzip" } });
    expect(json.headers.get("content-encoding")).toBe("gzip");
    expect(json.headers.get("etag")).toMatch(/^"/);
  });

  it("shows the reader's own votes only on their own page after a form vote", async () => {
    const { app } = await analysed();
    const c = new Client(app);
    await c.postForm("/acme/widget/issues/7/votes", { signal: "flaky" });
    const own = await c.request("/acme/widget/issues/7?voted=flaky&active=1");
    expect(own.headers.get("cache-control")).toBe("private, no-store");
    expect(await own.text()).toContain('aria-pressed="true" data-label="Flaky / Intermittent"');
    const shared = await (await c.request("/acme/widget/issues/7")).text();
    expect(shared).not.toContain('aria-pressed="true"');
    expect(shared).toMatch(
      /data-label="Flaky \/ Intermittent"><span>Flaky \/ Intermittent<\/span><span class="vote-count"><span class="vote-number">1</,
    );
  });
});

describe("meta, robots, CORS", () => {
  it("describes pages for search engines and link previews", async () => {
    const { app } = await analysed();
    const html = await (await app.request("/acme/widget/issues/7")).text();
    expect(html).toMatch(/<meta name="description" content="Open issue reporting [^"]+"\/>/);
    expect(html).toContain('<meta property="og:type" content="article"/>');
    expect(html).toContain('<meta property="og:title" content="Widget fails to start (7) (acme/widget#7)"/>');
    expect(html).toContain(
      '<link rel="alternate" type="application/atom+xml" title="What changed in acme/widget#7" href="/acme/widget/issues/7.atom"/>',
    );
    // No absolute URL is made from the request's Host header (it would be cached for everyone).
    expect(html).not.toContain("og:url");
    const t = await makeTestApp([testThread(7)], { publicOrigins: ["https://issuegraph.example"] });
    // With public origins, only their Host is answered.
    await t.app.request("https://issuegraph.example/api/v1/issues/acme/widget/7");
    const withOrigin = await (await t.app.request("https://issuegraph.example/acme/widget/issues/7")).text();
    expect(withOrigin).toContain('<meta property="og:url" content="https://issuegraph.example/acme/widget/issues/7"/>');
    expect(withOrigin).toContain('<link rel="canonical" href="https://issuegraph.example/acme/widget/issues/7"/>');
    const search = await (await app.request("/search?q=widget")).text();
    expect(search).toContain('<meta name="robots" content="noindex"/>');
  });

  it("serves robots.txt", async () => {
    const t = await makeTestApp();
    const res = await t.app.request("/robots.txt");
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await res.text();
    expect(text).toContain("User-agent: *");
    expect(text).toContain("Disallow: /api/");
    expect(text).toContain("Disallow: /search");
  });

  it("lets any site read the API with GET, but never post to it", async () => {
    const { app } = await analysed();
    const get = await app.request("/api/v1/issues/acme/widget/7", { headers: { origin: "https://elsewhere.example" } });
    expect(get.headers.get("access-control-allow-origin")).toBe("*");
    expect(get.headers.get("access-control-allow-credentials")).toBeNull();
    expect(get.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const preflight = await app.request("/api/v1/votes", {
      method: "OPTIONS",
      headers: {
        origin: "https://elsewhere.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET,HEAD");
    // Pages stay same-origin.
    const page = await app.request("/acme/widget/issues/7", { headers: { origin: "https://elsewhere.example" } });
    expect(page.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the static-file path (serveCached)", () => {
  const raw = (url: string, headers: Record<string, string> = {}) => ({
    method: "GET",
    url,
    headers,
    socket: { remoteAddress: "192.0.2.9" },
  });
  const headersOf = (res: Response) => {
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (k !== "content-length") out[k] = v;
    });
    return out;
  };

  it("answers a kept page and JSON report exactly as the app does, and nothing else", async () => {
    const { app } = await analysed();
    expect(app.serveCached(raw("/acme/widget/issues/7"))).toBeNull(); // not built yet
    for (const [url, accept] of [
      ["/acme/widget/issues/7", "gzip, br"],
      ["/api/v1/issues/acme/widget/7", ""],
    ] as const) {
      const viaApp = await app.request(url, { headers: { "accept-encoding": accept } });
      const fast = app.serveCached(raw(url, { "accept-encoding": accept }));
      if (!fast?.body) throw new Error(`no fast answer for ${url}`);
      const { "content-length": length, ...fastHeaders } = fast.headers;
      expect(fastHeaders).toEqual(headersOf(viaApp));
      expect(Number(length)).toBe(fast.body.byteLength);
      expect(Buffer.from(fast.body).equals(Buffer.from(await viaApp.arrayBuffer()))).toBe(true);
      const etag = fast.headers.etag ?? "";
      expect(app.serveCached(raw(url, { "if-none-match": etag }))?.status).toBe(304);
    }
    // Query strings, other methods, unknown paths and unverified cookies go through the app.
    expect(app.serveCached(raw("/acme/widget/issues/7?voted=works&active=1"))).toBeNull();
    expect(app.serveCached({ ...raw("/acme/widget/issues/7"), method: "POST" })).toBeNull();
    expect(app.serveCached(raw("/acme/widget/issues/8"))).toBeNull();
    expect(app.serveCached(raw("/acme/widget/issues/7", { cookie: "ig_voter=forged.sig" }))).toBeNull();
  });

  it("counts views as the app does (once per reader and half hour)", async () => {
    const t = await makeTestApp([testThread(7)], { clientIp: testClientIp });
    await t.app.request("/api/v1/issues/acme/widget/7");
    await t.app.request("/acme/widget/issues/7", { headers: { "x-test-client": "192.0.2.1" } });
    const views = async () =>
      (await t.store.activitySince("2000-01-01T00:00:00Z", { limit: 10 })).find((a) => a.ref.number === 7)?.views;
    expect(await views()).toBe(1);
    const settle = () => new Promise((r) => setTimeout(r, 20));
    // The same reader again, through the fast path: not a new view.
    expect(t.app.serveCached(raw("/acme/widget/issues/7", { "x-test-client": "192.0.2.1" }))?.status).toBe(200);
    await settle();
    expect(await views()).toBe(1);
    // Another reader: a view, counted once however often they reload.
    for (let i = 0; i < 3; i++) t.app.serveCached(raw("/acme/widget/issues/7", { "x-test-client": "192.0.2.77" }));
    await settle();
    expect(await views()).toBe(2);
  });
});
