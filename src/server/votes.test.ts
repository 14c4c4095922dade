// Votes: toggling, persistence in the real SQLite store, cross-site refusals (Origin /
// Sec-Fetch-Site for form posts, plus the double-submit cookie for scripted votes) and rate limits.
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { Client, makeTestApp, testRef, testThread } from "./app.test-helper.js";
import { CSRF_COOKIE, VOTER_COOKIE } from "./context.js";

async function withIssue(over: Parameters<typeof makeTestApp>[1] = {}) {
  const t = await makeTestApp([testThread(7)], over);
  await t.app.request("/api/v1/issues/acme/widget/7");
  return t;
}

const countOf = (html: string, label: string) => {
  const m = new RegExp(
    `aria-pressed="(true|false)" data-label="${label}"><span>${label}</span><span class="vote-count"><span class="vote-number">(\\d+)</span>`,
  ).exec(html);
  return m ? { pressed: m[1] === "true", count: Number(m[2]) } : null;
};

describe("form votes (no JavaScript)", () => {
  it("count, persist and toggle; the page carries no per-reader token", async () => {
    const t = await withIssue();
    const c = new Client(t.app);
    const page = await (await c.request("/acme/widget/issues/7")).text();
    expect(page).not.toMatch(/name="csrf"/);
    const res = await c.postForm("/acme/widget/issues/7/votes", { signal: "works" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/acme/widget/issues/7?voted=works&active=1#votes");
    // The first vote mints the voter and the double-submit cookies.
    expect(c.cookies.has(VOTER_COOKIE)).toBe(true);
    expect(c.cookies.get(CSRF_COOKIE)).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    let html = await (await c.request("/acme/widget/issues/7?voted=works&active=1")).text();
    expect(countOf(html, "Works")).toEqual({ pressed: true, count: 1 });
    expect(html).toContain("Your “Works” vote was counted.");
    expect((await t.store.getVotes(testRef(7))).counts.works).toBe(1);

    // Another voter adds to the count; the same voter again takes the vote back.
    const other = new Client(t.app);
    await other.postForm("/acme/widget/issues/7/votes", { signal: "works" });
    expect((await t.store.getVotes(testRef(7))).counts.works).toBe(2);
    const back = await c.postForm("/acme/widget/issues/7/votes", { signal: "works" });
    expect(back.headers.get("location")).toContain("active=0");
    html = await (await c.request("/acme/widget/issues/7")).text();
    expect(countOf(html, "Works")).toEqual({ pressed: false, count: 1 });

    // A new app over the same store (a restart) shows the same counts.
    const restarted = new Client(createApp(t.deps));
    expect(countOf(await (await restarted.request("/acme/widget/issues/7")).text(), "Works")?.count).toBe(1);
  });

  it("refuse cross-site posts, and posts that do not say where they come from", async () => {
    const t = await withIssue();
    const c = new Client(t.app);
    await c.postForm("/acme/widget/issues/7/votes", { signal: "flaky" }); // c is a voter now
    const attempts = [
      c.postForm(
        "/acme/widget/issues/7/votes",
        { signal: "works" },
        { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
      ),
      c.postForm(
        "/acme/widget/issues/7/votes",
        { signal: "works" },
        { origin: "http://localhost:9999", "sec-fetch-site": "same-site" },
      ),
      c.postForm(
        "/acme/widget/issues/7/votes",
        { signal: "works" },
        { origin: "null", "sec-fetch-site": "cross-site" },
      ),
      c.postForm(
        "/acme/widget/issues/7/votes",
        { signal: "works" },
        { origin: "http://evil.example", "sec-fetch-site": "same-origin" },
      ),
      // Neither header: not what a browser sends with a form.
      c.request("/acme/widget/issues/7/votes", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "signal=works",
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Not allowed");
    }
    expect((await t.store.getVotes(testRef(7))).counts.works ?? 0).toBe(0);
    // A tampered voter cookie is not that voter: the post counts for a new voter instead.
    c.cookies.set(VOTER_COOKIE, `${c.cookies.get(VOTER_COOKIE)}x`);
    expect((await c.postForm("/acme/widget/issues/7/votes", { signal: "flaky" })).headers.get("location")).toContain(
      "active=1",
    );
    expect((await t.store.getVotes(testRef(7))).counts.flaky).toBe(2);
  });

  it("refuse unknown signals and issues not analysed", async () => {
    const t = await withIssue();
    const c = new Client(t.app);
    expect((await c.postForm("/acme/widget/issues/7/votes", { signal: "hacked" })).status).toBe(400);
    expect((await c.postForm("/acme/widget/issues/8/votes", { signal: "works" })).status).toBe(404);
    const plain = await c.request("/acme/widget/issues/7/votes", {
      method: "POST",
      headers: { "content-type": "text/plain", origin: c.origin },
      body: "signal=works",
    });
    expect(plain.status).toBe(415);
  });
});

describe("JSON votes", () => {
  it("toggle and list", async () => {
    const t = await withIssue();
    const c = new Client(t.app);
    const first = await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "blocking" });
    expect(first.status).toBe(200);
    expect(first.headers.getSetCookie().join()).toContain(`${VOTER_COOKIE}=`);
    expect(await first.json()).toMatchObject({
      ref: "acme/widget#7",
      signal: "blocking",
      active: true,
      counts: { blocking: 1, works: 0 },
    });
    const listed = await (await c.request("/api/v1/votes?ref=acme/widget%237")).json();
    expect(listed).toMatchObject({ counts: { blocking: 1 }, mine: ["blocking"], evidence: expect.any(Array) });
    const second = await c.postJson("/api/v1/votes", {
      ref: "https://github.com/acme/widget/issues/7",
      signal: "blocking",
    });
    expect(await second.json()).toMatchObject({ active: false, counts: { blocking: 0 } });
    const anonymous = await (await t.app.request("/api/v1/votes?ref=acme/widget%237")).json();
    expect(anonymous).toMatchObject({ mine: [] });
  });

  it("need the double-submit header once the reader is a voter", async () => {
    const t = await withIssue();
    const c = new Client(t.app);
    expect((await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" })).status).toBe(200);
    const token = c.cookies.get(CSRF_COOKIE) ?? "";
    for (const header of [undefined, "forged-value-0123456789", `${token}x`]) {
      const res = await c.postJson(
        "/api/v1/votes",
        { ref: "acme/widget#7", signal: "works" },
        header === undefined ? { "x-csrf-token": "" } : { "x-csrf-token": header },
      );
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { hint: string } }).error.hint).toContain("X-CSRF-Token");
    }
    expect((await t.store.getVotes(testRef(7))).counts.works).toBe(1);
    expect((await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" })).status).toBe(200);
    expect((await t.store.getVotes(testRef(7))).counts.works ?? 0).toBe(0);
  });

  it("need JSON and the same origin", async () => {
    const t = await withIssue();
    const c = new Client(t.app);
    const cross = await c.postJson(
      "/api/v1/votes",
      { ref: "acme/widget#7", signal: "works" },
      { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const form = await c.request("/api/v1/votes", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "ref=acme%2Fwidget%237&signal=works",
    });
    expect(form.status).toBe(415);
    const textPlain = await c.request("/api/v1/votes", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ ref: "acme/widget#7", signal: "works" }),
    });
    expect(textPlain.status).toBe(415);
    expect((await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "nope" })).status).toBe(400);
    expect((await c.postJson("/api/v1/votes", { ref: "acme/widget#8", signal: "works" })).status).toBe(404);
    const bad = await c.request("/api/v1/votes", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": c.cookies.get(CSRF_COOKIE) ?? "" },
      body: "{",
    });
    expect(bad.status).toBe(400);
    expect((await t.store.getVotes(testRef(7))).counts.works ?? 0).toBe(0);
  });
});

describe("rate limits", () => {
  it("429 per voter, with retry-after, until the bucket refills", async () => {
    const t = await withIssue({ limits: { votesPerVoter: { capacity: 3, refillPerSecond: 0.5 } } });
    const c = new Client(t.app);
    const vote = () => c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "flaky" });
    expect([(await vote()).status, (await vote()).status, (await vote()).status]).toEqual([200, 200, 200]);
    const limited = await vote();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    t.clock.advance(2_000);
    expect((await vote()).status).toBe(200);
  });

  it("429 per address, whatever the voter cookie", async () => {
    const t = await withIssue({
      limits: { votesPerIp: { capacity: 2, refillPerSecond: 0.1 } },
      clientIp: () => "198.51.100.7",
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await new Client(t.app).postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});
