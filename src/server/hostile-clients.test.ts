// Hostile clients against the app: names that would reach other API paths, vote and view stuffing,
// forwarded-address spoofing, admin token guessing and forged Host headers. Each test reproduces an
// attack and shows it has no effect beyond the documented limits.
import type { Context } from "hono";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { ADMIN_TOKEN, Client, makeTestApp, testRef, testThread } from "./app.test-helper.js";
import { NEW_VOTERS_PER_HOUR } from "./deps.js";
import { clientAddress, trustedProxies } from "./security/admission.js";

const HOUR = 3_600_000;

async function analysed(over: Parameters<typeof makeTestApp>[1] = {}, threads = [testThread(7), testThread(8)]) {
  const t = await makeTestApp(threads, over);
  for (const th of threads) await t.app.request(`/api/v1/issues/acme/widget/${th.ref.number}`);
  return t;
}

/** Every request of this app comes from `address.value` (a socket address the test sets). */
function fromAddress(initial: string) {
  const address = { value: initial };
  return { address, clientIp: () => address.value };
}

describe("names that would reach other paths on the API host", () => {
  it("site and API paths with `..` (from `...git`) or a number beyond GitHub's range are 400, with no fetch", async () => {
    const t = await makeTestApp();
    for (const path of [
      "/xss/...git/issues/2",
      "/xss/..git/issues/2",
      "/api/v1/issues/xss/...git/2",
      "/nodejs/node/issues/2147483648",
      "/api/v1/issues/nodejs/node/99999999999",
    ]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(400);
    }
    expect(t.source.fetched).toEqual([]);
  });

  it("admin sync refuses `evil/..` like the CLI does", async () => {
    const synced: string[] = [];
    const t = await makeTestApp([], { runSync: async (r) => synced.push(`${r.owner}/${r.repo}`) });
    for (const repo of ["evil/..", "evil/.", "evil/...git", "-x/y"]) {
      const res = await t.app.request("/api/v1/admin/sync", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ repo }),
      });
      expect(res.status, repo).toBe(400);
    }
    expect(synced).toEqual([]);
  });
});

describe("vote stuffing", () => {
  it(`cookie-less vote posts mint at most ${NEW_VOTERS_PER_HOUR} voters per address an hour`, async () => {
    const t = await analysed({ clientIp: () => "198.51.100.8" });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await new Client(t.app).postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" });
      statuses.push(res.status);
      t.clock.advance(150); // 200 posts in 30 s
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(NEW_VOTERS_PER_HOUR);
    expect(statuses.slice(NEW_VOTERS_PER_HOUR).every((s) => s === 429)).toBe(true);
    expect((await t.store.getVotes(testRef(7))).counts.works).toBe(NEW_VOTERS_PER_HOUR);
  });

  it(`a script that views then votes adds at most ${NEW_VOTERS_PER_HOUR} votes per address an hour`, async () => {
    const { clientIp } = fromAddress("198.51.100.7");
    const t = await analysed({ clientIp });
    const votesAfter = async () => (await t.store.getVotes(testRef(7))).counts.works ?? 0;
    const stuff = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const c = new Client(t.app);
        await c.request("/acme/widget/issues/7");
        await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" });
        t.clock.advance(150); // 200 tries in 30 s
      }
    };
    await stuff(200);
    expect(await votesAfter()).toBe(NEW_VOTERS_PER_HOUR);
    t.clock.advance(HOUR);
    await stuff(200);
    expect(await votesAfter()).toBe(2 * NEW_VOTERS_PER_HOUR);
  });

  it("IPv6 addresses are grouped by /64: rotating the interface id does not help", async () => {
    const { address, clientIp } = fromAddress("2001:db8:1:2::1");
    const t = await analysed({ clientIp });
    for (let i = 0; i < 100; i++) {
      address.value = `2001:db8:1:2:${i.toString(16)}:ffff:${(i * 7).toString(16)}:1`;
      const c = new Client(t.app);
      await c.request("/acme/widget/issues/7");
      await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" });
    }
    expect((await t.store.getVotes(testRef(7))).counts.works).toBe(NEW_VOTERS_PER_HOUR);
    // Another /64 is another subscriber.
    address.value = "2001:db8:1:3::1";
    const c = new Client(t.app);
    await c.request("/acme/widget/issues/7");
    expect((await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" })).status).toBe(200);
  });

  it("X-Forwarded-For is believed only from a listed proxy", async () => {
    const socket = { value: "203.0.113.50" };
    const proxies = trustedProxies(["10.0.0.0/8"]);
    const clientIp = (c: Context) => clientAddress(socket.value, c.req.header("x-forwarded-for"), proxies);
    const t = await analysed({ clientIp });
    const voteFrom = async (forwarded: string) => {
      const c = new Client(t.app);
      const headers = { "x-forwarded-for": forwarded };
      await c.request("/acme/widget/issues/7", { headers });
      return (await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" }, headers)).status;
    };
    // A direct client forging the header is still its socket address: one bucket.
    const direct: number[] = [];
    for (let i = 0; i < 30; i++) direct.push(await voteFrom(`192.0.2.${i}`));
    expect(direct.filter((s) => s === 200)).toHaveLength(NEW_VOTERS_PER_HOUR);
    // Behind the proxy, each forwarded client has its own bucket; what the client prepended is ignored.
    socket.value = "10.1.2.3";
    const behind: number[] = [];
    for (let i = 0; i < 5; i++) behind.push(await voteFrom(`6.6.6.6, 198.51.100.${i}`));
    expect(behind).toEqual([200, 200, 200, 200, 200]);
    for (let i = 0; i < 30; i++) await voteFrom(`${i}.${i}.${i}.${i}, 198.51.100.200`);
    expect((await t.store.getVotes(testRef(7))).counts.works).toBe(NEW_VOTERS_PER_HOUR + 5 + NEW_VOTERS_PER_HOUR);
  });
});

describe("view stuffing and trending", () => {
  it("300 cookie-less page views count as one view, and do not beat real readers", async () => {
    const { address, clientIp } = fromAddress("198.51.100.9");
    const t = await analysed({ clientIp });
    const viewsOf = async (n: number) =>
      (await t.store.activitySince("2000-01-01T00:00:00Z", { limit: 10 })).find((a) => a.ref.number === n)?.views ?? 0;
    for (let i = 0; i < 300; i++) {
      await t.app.request("/acme/widget/issues/7");
      t.clock.advance(6); // 300 in 2 s
    }
    // A reader without a voter cookie counts once per address and half hour.
    expect(await viewsOf(7)).toBe(1);
    // Twenty people on twenty addresses read issue 8 once each.
    for (let i = 0; i < 20; i++) {
      address.value = `203.0.113.${i}`;
      await new Client(t.app).request("/acme/widget/issues/8");
    }
    expect(await viewsOf(8)).toBe(20);
    t.clock.advance(2 * 60_000);
    const trending = (await (await createApp(t.deps).request("/api/v1/trending")).json()) as {
      items: { ref: string }[];
    };
    expect(trending.items[0]?.ref).toBe("acme/widget#8");
  });

  it("trending counts distinct voters: one voter's seven signals are one vote", async () => {
    const t = await analysed();
    const c = new Client(t.app);
    await c.request("/acme/widget/issues/7");
    for (const signal of ["works", "easy-fix", "time-saver", "blocking", "common-issue", "flaky", "verified"]) {
      expect((await c.postJson("/api/v1/votes", { ref: "acme/widget#7", signal })).status).toBe(200);
    }
    const row = (await t.store.activitySince("2000-01-01T00:00:00Z", { limit: 10 })).find((a) => a.ref.number === 7);
    expect(row?.votes).toBe(1);
  });
});

describe("admin token and Host", () => {
  it("an admin token under 32 characters is refused", async () => {
    await expect(makeTestApp([], { adminToken: "short-token-123" })).rejects.toThrow(/too short/);
  });

  it("an admin token a Bearer header cannot carry is refused at start, not silently unusable", async () => {
    const spaced = "an admin token with spaces, long enough to pass";
    await expect(makeTestApp([], { adminToken: spaced })).rejects.toThrow(/Bearer token cannot carry/);
  });

  it("wrong guesses are limited per address; then even the right token waits", async () => {
    const t = await makeTestApp([testThread(7)], { clientIp: () => "198.51.100.66" });
    const post = (token: string) =>
      t.app.request("/api/v1/admin/refresh", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ ref: "acme/widget#7" }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post(`guess-${i}-0123456789abcdefghijklmnop`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(403));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await post(ADMIN_TOKEN)).status).toBe(429);
    t.clock.advance(HOUR);
    expect((await post(ADMIN_TOKEN)).status).toBe(200);
  });

  it("with public origins, another Host is refused and Origin must be a public origin", async () => {
    const t = await makeTestApp([testThread(7)], { publicOrigins: ["https://issuegraph.example"] });
    const site = new Client(t.app, "https://issuegraph.example");
    await site.request("/api/v1/issues/acme/widget/7");
    const forged = await t.app.request("http://evil.example/acme/widget/issues/7");
    expect(forged.status).toBe(400);
    expect((await t.app.request("http://evil.example/healthz")).status).toBe(200);
    expect((await site.request("/acme/widget/issues/7")).status).toBe(200);
    const vote = (origin: string) =>
      site.postJson("/api/v1/votes", { ref: "acme/widget#7", signal: "works" }, { origin });
    expect((await vote("http://evil.example")).status).toBe(403);
    expect((await vote("https://issuegraph.example")).status).toBe(200);
  });
});
