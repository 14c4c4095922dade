// The XSS corpus, rendered by the real site in Chromium: every payload sits in titles, bodies,
// comments, labels, logins and error messages of generated issues served by the stand-in, and in
// search queries. Nothing may run, and nothing may be requested from another host.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, openAnalysed, type Site, startSite } from "./site.test-helper.js";
import { xssFixtures } from "./xss-fixtures.test-helper.js";
import { XSS_PAYLOADS } from "./xss-payloads.test-helper.js";

let site: Site;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const foreign: string[] = [];
let issueCount = 0;

beforeAll(async () => {
  const fixtures = xssFixtures();
  issueCount = fixtures.length;
  [site, browser] = await Promise.all([startSite({ fixtures }), launchChromium()]);
  context = await browser.newContext();
  const siteHost = new URL(site.url).host;
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.host === siteHost) return route.continue();
    foreign.push(route.request().url());
    return route.abort();
  });
  // A trap: a payload that reaches a script context calls alert or sets __xss.
  await context.addInitScript(
    "(() => { const a = window.alert.bind(window); window.alert = (m) => { window.__xss = 'alert:' + m; return a(m); }; })();",
  );
  // Analyse every issue up front (in parallel, through the API) so the page visits are quick.
  const warm = await Promise.all(
    fixtures.map((f) => fetch(`${site.url}/api/v1/issues/xss-org/xss-repo/${f.number}`).then((r) => r.status)),
  );
  if (warm.some((s) => s !== 200)) throw new Error(`analysis failed: ${warm.join(",")}`);
  page = await context.newPage();
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * One round trip: opens every <details>, then reports the trap and what a payload could have left
 * in the live DOM (scripts, frames, handlers, script URLs, styles), and the search box's value.
 */
async function inspect(p: Page): Promise<{ xss: unknown; problems: string[]; query: string | null }> {
  return (await p.evaluate(`(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
    const out = [];
    for (const el of document.querySelectorAll("*")) {
      const tag = el.tagName.toLowerCase();
      if (tag === "script" && el.getAttribute("src") !== "/assets/app.js") out.push("script: " + el.outerHTML.slice(0, 80));
      if (["iframe", "object", "embed", "base", "frame", "frameset", "applet", "img", "video", "audio", "source", "picture", "style", "template", "form", "input", "textarea", "select", "isindex", "link", "meta"].includes(tag)) {
        const ours = (tag === "form" && (el.classList.contains("vote-form") || el.closest("search")))
          || (tag === "input" && (el.closest("form.vote-form") || el.closest("search") || (el.type === "checkbox" && el.disabled)))
          || (tag === "link" && el.getAttribute("href") === "/assets/app.css" && el.parentElement === document.head)
          || (tag === "link" && el.parentElement === document.head && el.getAttribute("rel") === "alternate"
              && el.getAttribute("type") === "application/atom+xml"
              && /^\\/[\\w.-]+\\/[\\w.-]+\\/(issues\\/\\d+\\.atom|feed\\.atom)$/.test(el.getAttribute("href")))
          || (tag === "meta" && el.parentElement === document.head && !el.hasAttribute("http-equiv"));
        if (!ours) out.push("element: " + el.outerHTML.slice(0, 80));
      }
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const value = attr.value.toLowerCase().replace(/[\\s\\u0000-\\u001f]/g, "");
        if (name.startsWith("on")) out.push("handler: " + el.outerHTML.slice(0, 80));
        if (["style", "srcdoc", "formaction", "ping", "srcset", "background", "poster"].includes(name)) out.push("attr " + name + ": " + el.outerHTML.slice(0, 80));
        if (["href", "src", "action", "xlink:href", "data"].includes(name) && /^(javascript|vbscript|data):/.test(value)) out.push("url: " + el.outerHTML.slice(0, 80));
      }
    }
    const q = document.getElementById("search-q");
    return { xss: window.__xss, problems: out, query: q ? q.value : null };
  })()`)) as { xss: unknown; problems: string[]; query: string | null };
}

async function assertClean(p: Page, where: string): Promise<string | null> {
  const seen = await inspect(p);
  expect(seen.xss, where).toBeUndefined();
  expect(seen.problems, where).toEqual([]);
  expect(dialogs, where).toEqual([]);
  expect(foreign, where).toEqual([]);
  return seen.query;
}

describe(`XSS corpus (${XSS_PAYLOADS.length} payloads)`, () => {
  it("has at least 100 payloads", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(XSS_PAYLOADS).size).toBe(XSS_PAYLOADS.length);
  });

  it("runs nothing on any issue page", async () => {
    for (let n = 1; n <= issueCount; n++) {
      await openAnalysed(page, `${site.url}/xss-org/xss-repo/issues/${n}`);
      expect(await page.locator("#issue-title").count(), `issue ${n}`).toBe(1);
      // Payloads are shown as text: the title keeps its angle brackets, visibly.
      expect(await page.locator("#issue-title").textContent()).toContain(`XSS ${n} `);
      await assertClean(page, `issue ${n}`);
    }
  }, 120_000);

  it("runs nothing on the repository page, and the feeds stay well-formed", async () => {
    expect((await fetch(`${site.url}/api/v1/issues/xss-org/xss-repo/1`)).status).toBe(200);
    await page.goto(`${site.url}/xss-org/xss-repo`);
    expect(await page.locator("#repo-title").count()).toBe(1);
    await assertClean(page, "repository page");
    for (const path of ["/xss-org/xss-repo/feed.atom", "/xss-org/xss-repo/issues/1.atom"]) {
      const res = await fetch(`${site.url}${path}`);
      expect(res.status, path).toBe(200);
      const xml = await res.text();
      const parsed = await page.evaluate(
        `(() => { const d = new DOMParser().parseFromString(${JSON.stringify(xml)}, "application/xml");
          return { error: !!d.querySelector("parsererror"), scripts: d.getElementsByTagName("script").length }; })()`,
      );
      expect(parsed, path).toEqual({ error: false, scripts: 0 });
    }
  });

  it("runs nothing on the home page (trending and recent titles)", async () => {
    await page.goto(`${site.url}/`);
    expect(await page.locator("#recent-title + ul li").count()).toBeGreaterThan(5);
    await assertClean(page, "home");
  });

  it("runs nothing when payloads are the search query or the home form input", async () => {
    // Payloads packed into queries of up to 500 characters (the limit): every one is echoed once.
    const queries: string[] = [];
    for (const payload of XSS_PAYLOADS) {
      const last = queries.at(-1);
      if (last !== undefined && last.length + payload.length + 1 <= 500)
        queries[queries.length - 1] = `${last} ${payload}`;
      else queries.push(payload);
    }
    for (const [i, q] of queries.entries()) {
      await page.goto(`${site.url}/search?q=${encodeURIComponent(q)}`);
      const shown = await assertClean(page, `search ${i}`);
      // Shown back as text: a text input drops line breaks from its value; the server trims the query.
      expect(shown, `query ${i}`).toBe(q.trim().replace(/[\r\n]/g, ""));
    }
    for (const payload of XSS_PAYLOADS.slice(0, 10)) {
      await page.goto(`${site.url}/go?q=${encodeURIComponent(payload)}`);
      await assertClean(page, `go ${payload}`);
    }
  }, 120_000);

  it("runs nothing on error pages that echo the input", async () => {
    for (const payload of [
      "javascript:alert(1)//https://github.com/a/b/issues/1",
      "https://<svg onload=alert(1)>/a/b/issues/1",
    ]) {
      await page.goto(`${site.url}/go?q=${encodeURIComponent(payload)}`);
      await assertClean(page, `error page ${payload}`);
    }
  });
});
