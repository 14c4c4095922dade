// The HTML pages in-process: what they show, the loading and error states, CSP and headers, and
// that no secret ever reaches a response or a log.
import { describe, expect, it } from "vitest";
import { NotFoundError } from "../core/errors.js";
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
    expect(html).toMatch(
      /<h2 id="recent-title">Recently analysed<\/h2><ul class="issue-list"><li><a href="\/acme\/widget\/issues\/7">/,
    );
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

describe("issue page", () => {
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
    for (const stat of ["Comments", "Participants", "Timeline events", "Reactions", "Fetched"]) {
      expect(html).toContain(`<dt>${stat}</dt>`);
    }
    expect(html).toContain("Top timeline events");
    expect(html).toContain("ENOENT: no such file or directory");
    for (const h of ["TL;DR", "Guidance", "Notes", "Recommendation"]) expect(html).toContain(`<h3>${h}</h3>`);
    // No empty sections: this thread reports no working code, so there is no Example heading.
    expect(html).not.toContain("<h3>Example</h3>");
    expect(html).toContain("<summary>Show the original issue text</summary>");
    expect(html).toContain('<h2 id="similar-title">Same error elsewhere</h2>');
    expect(html).toContain('<a href="/acme/widget/issues/8">Widget cannot start either</a>');
    expect(html.match(/<form class="vote-form"/g)).toHaveLength(7);
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

  it("draws the link graph when there are links", async () => {
    const t7 = testThread(7, { body: "See #8 for the same crash." });
    const { c } = await analysed([t7, testThread(8)]);
    const html = await (await c.request("/acme/widget/issues/7")).text();
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="link-graph"');
    expect(html).toContain('<a href="/acme/widget/issues/8">');
  });

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
    const { c, app, store, clock } = await analysed();
    const views = async () =>
      (await store.activitySince("2000-01-01T00:00:00Z", { limit: 10 })).find((a) => a.ref.number === 7)?.views;
    await c.request("/acme/widget/issues/7");
    expect(await views()).toBe(1);
    clock.advance(29 * 60_000);
    await c.request("/acme/widget/issues/7");
    expect(await views()).toBe(1);
    await new Client(app).request("/acme/widget/issues/7");
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
  it("sends a strict CSP whose nonce matches the page's script, and the other headers", async () => {
    const { c } = await analysed();
    for (const path of ["/", "/acme/widget/issues/7", "/search?q=x", "/nope/nope/nope/nope"]) {
      const res = await c.request(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(
        /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]{16,}'; style-src 'self'; img-src 'self' data:;/,
      );
      for (const d of ["form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) expect(csp).toContain(d);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      const html = await res.text();
      const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
      expect(scripts).toEqual([` nonce="${nonce}" src="/assets/app.js" defer=""`]);
      expect(html).not.toMatch(/\sstyle=/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
    }
    const a = (await c.request("/")).headers.get("content-security-policy");
    const b = (await c.request("/")).headers.get("content-security-policy");
    expect(a).not.toBe(b);
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
