// Votes: toggling, persistence in the real SQLite store, CSRF refusals and rate limits.
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { Client, hiddenInput, makeTestApp, testRef, testThread } from "./app.test-helper.js";
import { VOTER_COOKIE } from "./context.js";

async function withIssue(over: Parameters<typeof makeTestApp>[1] = {}) {
  const t = await makeTestApp([testThread(7)], over);
  await t.app.request("/api/v1/issues/acme/widget/7");
  return t;
}

/** Opens the issue page like a browser and returns the form's CSRF token. */
async function openPage(c: Client): Promise<string> {
  const html = await (await c.request("/acme/widget/issues/7")).text();
  const csrf = hiddenInput(html, "csrf");
  if (!csrf) throw new Error("no csrf token on the page");
  return csrf;
}

const countOf = (html: string, label: string) => {
  const m = new RegExp(
    `aria-pressed="(true|false)" data-label="${label}"><span>${label}</span><span class="vote-count"><span class="vote-number">(\\d+)</span>`,
  ).exec(html);
  return m ? { pressed: m[1] === "true", count: Number(m[2]) } : null;
};

describe("form votes (no JavaScript)", () => {
  it("count, persist and toggle", async () => {
    const t = await withIssue();
    const c = new Client(t.app);
    const csrf = await openPage(c);
    const res = await c.postForm("/acme/widget/issues/7/votes", { csrf, signal: "works" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/acme/widget/issues/7?voted=works&active=1#votes");
    let html = await (await c.request("/acme/widget/issues/7?voted=works&active=1")).text();
    expect(countOf(html, "Works")).toEqual({ pressed: true, count: 1 });
    expect(html).toContain("Your “Works” vote was counted.");
    expect((await t.store.getVotes(testRef(7))).counts.works).toBe(1);

    // Another voter adds to the count; the same voter again takes the vote back.
    const other = new Client(t.app);
    await other.postForm("/acme/widget/issues/7/votes", { csrf: await openPage(other), signal: "works" });
    expect((await t.store.getVotes(testRef(7))).counts.works).toBe(2);
    const back = await c.postForm("/acme/widget/issues/7/votes", { csrf, signal: "works" });
    expect(back.headers.get("location")).toContain("active=0");
    html = await (await c.request("/acme/widget/issues/7")).text();
    expect(countOf(html, "Works")).toEqual({ pressed: false, count: 1 });

    // A new app over the same store (a restart) shows the same counts.
    const restarted = new Client(createApp(t.deps));
    expect(countOf(await (await restarted.request("/acme/widget/issues/7")).text(), "Works")?.count).toBe(1);
  });

  it("refuse cross-site posts, and posts without a valid token", async () => {
    const t = await withIssue();
    const c = new Client(t.app);
    const csrf = await openPage(c);
    const attempts = [
      c.postForm(
        "/acme/widget/issues/7/votes",
        { csrf, signal: "works" },
        { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
      ),
      c.postForm(
        "/acme/widget/issues/7/votes",
        { csrf, signal: "works" },
        { origin: "http://localhost:9999", "sec-fetch-site": "same-site" },
      ),
      c.postForm("/acme/widget/issues/7/votes", { csrf, signal: "works" }, { origin: "null" }),
      c.postForm("/acme/widget/issues/7/votes", { signal: "works" }),
      c.postForm("/acme/widget/issues/7/votes", { csrf: "forged", signal: "works" }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Not allowed");
    }
    // A token of another voter does not work either, nor a token without the cookie.
    const other = new Client(t.app);
    const otherCsrf = await openPage(other);
    expect((await c.postForm("/acme/widget/issues/7/votes", { csrf: otherCsrf, signal: "works" })).status).toBe(403);
    const cookieless = new Client(t.app);
    expect((await cookieless.postForm("/acme/widget/issues/7/votes", { csrf, signal: "works" })).status).toBe(403);
    // A tampered cookie is not a voter.
    c.cookies.set(VOTER_COOKIE, `${c.cookies.get(VOTER_COOKIE)}x`);
    expect((await c.postForm("/acme/widget/issues/7/votes", { csrf, signal: "works" })).status).toBe(403);
    expect((await t.store.getVotes(testRef(7))).counts.works ?? 0).toBe(0);
  });

  it("refuse unknown signals and issues not analysed", async () => {
    const t = await withIssue();
    const c = new Client(t.app);
    const csrf = await openPage(c);
    expect((await c.postForm("/acme/widget/issues/7/votes", { csrf, signal: "hacked" })).status).toBe(400);
    expect((await c.postForm("/acme/widget/issues/8/votes", { csrf, signal: "works" })).status).toBe(404);
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
    // The voter cookie comes from a page view; a vote never mints one.
    const page = await c.request("/acme/widget/issues/7");
    expect(page.headers.getSetCookie().join()).toContain(`${VOTER_COOKIE}=`);
    const first = await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "blocking" });
    expect(first.status).toBe(200);
    expect(first.headers.getSetCookie().join()).not.toContain(`${VOTER_COOKIE}=`);
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

  it("need a voter cookie from a page view", async () => {
    const t = await withIssue();
    const res = await new Client(t.app).postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" });
    expect(res.status).toBe(403);
    expect((await t.store.getVotes(testRef(7))).counts.works ?? 0).toBe(0);
  });

  it("need JSON and the same origin", async () => {
    const t = await withIssue();
    const c = new Client(t.app);
    await c.request("/acme/widget/issues/7");
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
      headers: { "content-type": "application/json" },
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
    await c.request("/acme/widget/issues/7");
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
      const c = new Client(t.app);
      await c.request("/acme/widget/issues/7");
      statuses.push((await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});
