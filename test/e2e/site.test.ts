// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (innerText waits and reads rendered text), not DOM nodes
// The site in real Chromium, on the stand-in with the real GitHub client and a SQLite file:
// the flagship from the home form, every part of its page, votes (with and without JavaScript),
// a forged cross-site vote, search, accessibility (axe) in light and dark, no secrets.
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  axeViolations,
  EXAMPLE_FIXTURES,
  FLAGSHIP_URL,
  launchChromium,
  openAnalysed,
  SECRETS,
  type Site,
  startOtherOrigin,
  startSite,
} from "./site.test-helper.js";

const FLAGSHIP_PATH = "/anthropics/claude-code/issues/45203";
const FLAGSHIP_ERROR = "You're out of extra usage. Add more at claude.ai/settings/usage and keep going.";

let site: Site;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const foreignRequests: string[] = [];
const cspErrors: string[] = [];

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite({ fixturesDir: EXAMPLE_FIXTURES }), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const siteHost = new URL(site.url).host;
  context.on("request", (r) => {
    if (new URL(r.url()).host !== siteHost) foreignRequests.push(r.url());
  });
  page = await context.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const votesOf = async (signal: string) => {
  const res = await fetch(`${site.url}/api/v1/votes?ref=${encodeURIComponent("anthropics/claude-code#45203")}`);
  return ((await res.json()) as { counts: Record<string, number> }).counts[signal];
};

const voteButton = (p: Page, label: string) => p.locator(`button.vote-button[data-label="${label}"]`);

describe("the flagship, pasted on the home page", () => {
  it("shows the analysing page, then every part of the report", async () => {
    await page.goto(site.url);
    await page.getByLabel("Issue URL, owner/repo#number, or error text").fill(FLAGSHIP_URL);
    await page.getByRole("button", { name: "Analyse" }).click();
    await page.waitForSelector("#issue-title", { timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe(FLAGSHIP_PATH);

    await expect
      .poll(() => page.locator("#issue-title").innerText())
      .toMatch(/extra usage.*\[4 comments, 5 participants\]/s);
    expect(await page.getByRole("link", { name: "View on GitHub" }).getAttribute("href")).toBe(FLAGSHIP_URL);
    // The status strip: state, fix status, same-error count and the stats on one line.
    const strip = await page.locator("ul.strip").innerText();
    for (const part of [
      /open/,
      /fix|fixed/,
      /with this error/,
      /\d+ comments · \d+ participants · \d+ events · \d+ reactions/,
      /fetched/,
    ]) {
      expect(strip).toMatch(part);
    }
    expect(await page.locator("section[aria-labelledby=links-title]").innerText()).toMatch(/Top timeline events: \w/);
    expect(await page.locator("section[aria-labelledby=error-title] pre").innerText()).toContain("out of extra usage");

    // The raw body is collapsed until asked for, and rendered as HTML.
    const body = page.locator("section[aria-labelledby=body-title] .markdown");
    expect(await body.isVisible()).toBe(false);
    await page.getByText("Show the original issue text").click();
    expect(await body.isVisible()).toBe(true);
    expect(await body.locator("strong", { hasText: "Bug Description" }).count()).toBe(1);

    for (const h of ["TL;DR", "Guidance", "Notes", "Recommendation"]) {
      expect(await page.getByRole("heading", { name: h, exact: true }).count()).toBe(1);
    }
    // No empty sections: the flagship reports no working code, so it has no Example.
    expect(await page.getByRole("heading", { name: "Example", exact: true }).count()).toBe(0);
    expect(
      await page
        .locator("section[aria-labelledby=analysis-title] .cite a, section[aria-labelledby=details-title] .cite a")
        .count(),
    ).toBeGreaterThan(3);
    expect(await page.locator("table[aria-labelledby=links-title] tbody tr").count()).toBe(8);
    expect(await page.locator("svg.link-graph .node").count()).toBe(9);
    expect(await page.locator("section[aria-labelledby=similar-title] li a").count()).toBeGreaterThan(3);
    expect(await page.locator("button.vote-button").count()).toBe(7);
    expect(
      await page
        .locator(
          "section[aria-labelledby=votes-title] .evidence .strength-strong, section[aria-labelledby=votes-title] .evidence .strength-some",
        )
        .count(),
    ).toBeGreaterThan(0);

    const tools = page.locator("section[aria-labelledby=tools-title]");
    expect(await tools.locator("ul.tools").first().locator("li").count()).toBe(6);
    const second = tools.locator("details ul.tools li");
    expect(await second.first().isVisible()).toBe(false);
    await tools.getByText("Another batch").click();
    expect(await second.count()).toBe(6);
    expect(await second.first().isVisible()).toBe(true);
    expect(await page.locator("#trending-title").isVisible()).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the Markdown report" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("anthropics-claude-code-45203.md");
    expect(readFileSync((await download.path()) as string, "utf8")).toContain("extra usage");
  });

  it("loaded nothing from another host and broke no CSP rule", () => {
    expect(foreignRequests).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});

describe("votes", () => {
  it("count with JavaScript, survive a reload, and toggle", async () => {
    await openAnalysed(page, `${site.url}${FLAGSHIP_PATH}`);
    const works = voteButton(page, "Works");
    await works.click();
    await expect.poll(() => works.getAttribute("aria-pressed")).toBe("true");
    expect(await works.locator(".vote-number").innerText()).toBe("1");
    expect(await page.locator("#vote-status").innerText()).toContain("Vote counted");

    // The page is the same for everyone; the script marks this reader's own votes after loading.
    await page.reload();
    await expect.poll(() => voteButton(page, "Works").getAttribute("aria-pressed")).toBe("true");
    expect(await voteButton(page, "Works").locator(".vote-number").innerText()).toBe("1");

    await voteButton(page, "Works").click();
    await expect.poll(() => voteButton(page, "Works").getAttribute("aria-pressed")).toBe("false");
    await page.reload();
    expect(await voteButton(page, "Works").locator(".vote-number").innerText()).toBe("0");
    expect(await votesOf("works")).toBe(0);
  });

  it("work without JavaScript (a plain form post; no per-page token)", async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    try {
      const p = await noJs.newPage();
      await openAnalysed(p, `${site.url}${FLAGSHIP_PATH}`);
      await voteButton(p, "Blocking").click();
      await p.waitForURL(/voted=blocking&active=1/);
      expect(await p.locator(".notice[role=status]").innerText()).toContain("“Blocking” vote was counted");
      expect(await voteButton(p, "Blocking").locator(".vote-number").innerText()).toBe("1");
      await voteButton(p, "Blocking").click();
      await p.waitForURL(/voted=blocking&active=0/);
      expect(await voteButton(p, "Blocking").locator(".vote-number").innerText()).toBe("0");
    } finally {
      await noJs.close();
    }
  });

  it("refuse a forged cross-site post, from another site and from another port", async () => {
    // The victim has a voter cookie from reading the page.
    await openAnalysed(page, `${site.url}${FLAGSHIP_PATH}`);
    const before = await votesOf("works");
    const target = `${site.url}${FLAGSHIP_PATH}/votes`;
    const html = `<!doctype html><title>win a prize</title>
      <form id="f" method="post" action="${target}">
        <input type="hidden" name="signal" value="works">
      </form>
      <script>
        fetch(${JSON.stringify(`${site.url}/api/v1/votes`)}, { method: "POST", mode: "no-cors", credentials: "include",
          headers: { "content-type": "text/plain" }, body: JSON.stringify({ ref: "anthropics/claude-code#45203", signal: "works" }) })
          .catch(() => {})
          .finally(() => fetch(${JSON.stringify(`${site.url}/api/v1/votes`)}, { method: "POST", credentials: "include",
            headers: { "content-type": "application/json" }, body: JSON.stringify({ ref: "anthropics/claude-code#45203", signal: "works" }) })
            .catch(() => {}))
          .finally(() => document.getElementById("f").submit());
      </script>`;
    // localhost vs 127.0.0.1 is another site; another port of 127.0.0.1 is the same site but another origin.
    for (const host of ["localhost", "127.0.0.1"]) {
      const attacker = await startOtherOrigin(html, host);
      try {
        const response = page.waitForResponse((r) => r.url() === target);
        await page.goto(attacker.url);
        expect((await response).status()).toBe(403);
        await page.waitForURL(target);
        expect(await page.locator("#error-page-title").innerText()).toBe("Not allowed");
      } finally {
        await attacker.close();
      }
    }
    expect(await votesOf("works")).toBe(before);
  });
});

describe("search", () => {
  it("finds the flagship's cluster from its error text", async () => {
    await page.goto(`${site.url}/`);
    await page.getByLabel("Issue URL, owner/repo#number, or error text").fill(FLAGSHIP_ERROR);
    await page.getByRole("button", { name: "Analyse" }).click();
    await page.waitForURL(/\/search\?q=/);
    const cluster = page.locator("#cluster");
    expect(await cluster.locator("h2").innerText()).toMatch(/^Same error \(\d+ issues\)$/);
    const refs = await cluster.locator("li .meta").allInnerTexts();
    expect(refs.some((t) => t.startsWith("anthropics/claude-code#45203 "))).toBe(true);
    expect(refs.length).toBeGreaterThanOrEqual(5);
  });
});

describe("accessibility (axe-core)", () => {
  const pages = [
    ["home", "/"],
    ["issue", FLAGSHIP_PATH],
    ["repository", "/anthropics/claude-code"],
    ["search", `/search?q=${encodeURIComponent(FLAGSHIP_ERROR)}`],
  ] as const;
  for (const scheme of ["light", "dark"] as const) {
    for (const [name, path] of pages) {
      it(`${name} page in ${scheme}: no serious or critical violations`, async () => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`${site.url}${path}`);
        await page.locator("details").evaluateAll((els) => {
          for (const el of els) el.setAttribute("open", "");
        });
        const bad = (await axeViolations(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(bad.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
          [],
        );
      });
    }
  }
});

describe("secrets", () => {
  it("appear in no page the browser sees", async () => {
    const seen: string[] = [];
    for (const path of [
      "/",
      FLAGSHIP_PATH,
      `/search?q=usage`,
      "/api/v1/trending",
      "/nope/nope/nope/nope",
      "/anthropics/claude-code",
      `${FLAGSHIP_PATH}.atom`,
    ]) {
      await page.goto(`${site.url}${path}`);
      seen.push(await page.content());
    }
    const all = seen.join("\n");
    for (const secret of Object.values(SECRETS)) expect(all).not.toContain(secret);
    for (const cookie of await context.cookies()) {
      for (const secret of Object.values(SECRETS)) expect(cookie.value).not.toContain(secret);
    }
  });
});
