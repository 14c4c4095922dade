// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (innerText waits and reads rendered text), not DOM nodes
// The issue page's layout in real Chromium, at desktop (1366x900) and phone (390x844) sizes, in
// light and dark: the answer comes first (the TL;DR's top within 600 px / 900 px), nothing is
// wider than the viewport, no state badge is clipped, the votes come within the first screens,
// and axe finds no serious or critical violation. Then the repository page and both Atom feeds,
// end to end on the stand-in (a new report after the issue was closed on "GitHub").
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  axeViolations,
  EXAMPLE_FIXTURES,
  launchChromium,
  openAnalysed,
  SECRETS,
  type Site,
  startSite,
} from "./site.test-helper.js";

const FLAGSHIP = "anthropics/claude-code#45203";
const FLAGSHIP_PATH = "/anthropics/claude-code/issues/45203";
const SIZES = {
  desktop: { viewport: { width: 1366, height: 900 }, tldrWithin: 600 },
  phone: { viewport: { width: 390, height: 844 }, tldrWithin: 900 },
} as const;

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite({ fixturesDir: EXAMPLE_FIXTURES }), launchChromium()]);
  // Analyse the flagship and a few neighbours, so the repository page has reports to show.
  for (const n of [45203, 45020, 45039]) {
    const res = await fetch(`${site.url}/api/v1/issues/anthropics/claude-code/${n}`);
    expect(res.status).toBe(200);
  }
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

type Box = { top: number; left: number; right: number; width: number };

/** Measures in the page (a string: this project's TypeScript has no DOM types). */
const measure = (p: Page) =>
  p.evaluate(`(() => {
    const vw = document.documentElement.clientWidth;
    const box = (el) => { const r = el.getBoundingClientRect(); return { top: r.top + scrollY, left: r.left, right: r.right, width: r.width }; };
    // Elements that stick out of the viewport (ignoring what a scrolling box or a closed <details> hides).
    const wide = [];
    for (const el of document.querySelectorAll("body *")) {
      // The skip link waits off-screen until focused, by design.
      if (el.closest("details:not([open]) > :not(summary)") || el.closest(".visually-hidden, .skip")) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden") { clipped = true; break; }
      }
      if (!clipped && (r.right > vw + 1 || r.left < -1)) wide.push(el.tagName.toLowerCase() + "." + el.className + " " + Math.round(r.left) + ".." + Math.round(r.right));
    }
    // A badge is clipped when its text does not fit its box, or an ancestor cuts it off.
    const clippedBadges = [];
    for (const b of document.querySelectorAll(".badge")) {
      const r = b.getBoundingClientRect();
      if (r.width === 0) continue;
      let cut = b.scrollWidth > b.clientWidth + 1;
      for (let a = b.parentElement; a && a !== document.body && !cut; a = a.parentElement) {
        if (getComputedStyle(a).overflowX === "visible") continue;
        const ar = a.getBoundingClientRect();
        if (r.right > ar.right + 1 || r.left < ar.left - 1) cut = true;
      }
      if (cut) clippedBadges.push(b.textContent);
    }
    const q = (s) => document.querySelector(s);
    const tldr = [...document.querySelectorAll("h3")].find((h) => h.textContent === "TL;DR");
    return {
      viewport: vw,
      scrollWidth: document.documentElement.scrollWidth,
      wide, clippedBadges,
      tldr: tldr ? box(tldr) : null,
      votes: q("#votes-title") ? box(q("#votes-title")) : null,
      error: q("#error-title") ? box(q("#error-title")) : null,
      body: q("#body-title") ? box(q("#body-title")) : null,
      pageHeight: document.documentElement.scrollHeight,
    };
  })()`) as Promise<{
    viewport: number;
    scrollWidth: number;
    wide: string[];
    clippedBadges: string[];
    tldr: Box | null;
    votes: Box | null;
    error: Box | null;
    body: Box | null;
    pageHeight: number;
  }>;

describe("the issue page's layout", () => {
  for (const [size, spec] of Object.entries(SIZES)) {
    for (const scheme of ["light", "dark"] as const) {
      it(`${size} ${spec.viewport.width}x${spec.viewport.height}, ${scheme}: answer first, nothing too wide, no badge clipped, axe clean`, async () => {
        const context = await browser.newContext({ viewport: spec.viewport, colorScheme: scheme });
        try {
          const page = await context.newPage();
          await openAnalysed(page, `${site.url}${FLAGSHIP_PATH}`);
          const m = await measure(page);
          expect(m.tldr?.top).toBeLessThanOrEqual(spec.tldrWithin);
          expect(m.scrollWidth).toBeLessThanOrEqual(m.viewport);
          expect(m.wide).toEqual([]);
          expect(m.clippedBadges).toEqual([]);
          // The votes are within the first screens, well before the error and the raw body.
          expect(m.votes?.top).toBeLessThan(spec.viewport.height * 3);
          expect(m.votes?.top ?? 0).toBeLessThan(m.error?.top ?? 0);
          expect(m.error?.top ?? 0).toBeLessThan(m.body?.top ?? 0);
          // Linked issues on a phone are cards: each row is one block as wide as the content.
          if (size === "phone") {
            const rows = await page
              .locator("table.links tbody tr")
              .evaluateAll((trs) =>
                trs.map(
                  (tr) =>
                    (tr as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width,
                ),
              );
            expect(rows.length).toBeGreaterThan(0);
            for (const w of rows) expect(w).toBeLessThanOrEqual(spec.viewport.width);
          }
          await page.locator("details").evaluateAll((els) => {
            for (const el of els) el.setAttribute("open", "");
          });
          expect((await measure(page)).wide).toEqual([]);
          const bad = (await axeViolations(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
          expect(bad.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
            [],
          );
        } finally {
          await context.close();
        }
      });
    }
  }

  it("renders code spans in the analysis, compact citations, GitHub's state colours and a graph with a legend", async () => {
    const context = await browser.newContext({ viewport: SIZES.desktop.viewport });
    try {
      const page = await context.newPage();
      await openAnalysed(page, `${site.url}${FLAGSHIP_PATH}`);
      const text = await page.locator("article.issue").innerText();
      expect(text).not.toMatch(/\[ /); // no "[ issue body" with a stray space
      // Backticks in the analysis became code, not literal characters.
      const analysis = await page
        .locator("section.answer, section[aria-labelledby=details-title], #votes")
        .allInnerTexts();
      expect(analysis.join("\n")).not.toContain("`");
      const cites = await page.locator(".cite").first().innerText();
      expect(cites).toMatch(/^\s?\[[^\s]/);
      const colours = await page.evaluate(`(() => {
        const colour = (cls) => { const s = document.createElement("span"); s.className = cls; document.body.append(s); const c = getComputedStyle(s).color; s.remove(); return c; };
        return { open: colour("badge open"), completed: colour("badge closed reason-completed"), notPlanned: colour("badge closed reason-not-planned"), merged: colour("badge merged") };
      })()`);
      expect(colours).toEqual({
        open: "rgb(26, 127, 55)",
        completed: "rgb(130, 80, 223)",
        notPlanned: "rgb(89, 99, 110)",
        merged: "rgb(130, 80, 223)",
      });
      expect(await page.locator("ul.legend li").count()).toBeGreaterThanOrEqual(6);
      const titles = await page.locator("svg.link-graph .node > title").allTextContents();
      expect(titles.length).toBe(9);
      expect(titles.every((t) => t.length > 12)).toBe(true);
      // Sized to its content: the picture is not mostly empty, nor scaled beyond its own size.
      const graph = await page.locator("svg.link-graph").boundingBox();
      const width = Number(await page.locator("svg.link-graph").getAttribute("width"));
      expect(graph?.width).toBeLessThanOrEqual(width + 1);
      const nodes = await page
        .locator("svg.link-graph .node circle")
        .evaluateAll((cs) =>
          cs.map((c) =>
            (c as unknown as { getBoundingClientRect(): { left: number; right: number } }).getBoundingClientRect(),
          ),
        );
      const spread = Math.max(...nodes.map((n) => n.right)) - Math.min(...nodes.map((n) => n.left));
      expect(spread / (graph?.width ?? 1)).toBeGreaterThan(0.6);
    } finally {
      await context.close();
    }
  });
});

describe("the repository page and the feeds", () => {
  it("shows the repository's error clusters, likely duplicates, shipped fixes and trending issues", async () => {
    const context = await browser.newContext({ viewport: SIZES.desktop.viewport });
    try {
      const page = await context.newPage();
      const res = await page.goto(`${site.url}/anthropics/claude-code`);
      expect(res?.status()).toBe(200);
      expect(await page.locator("h1").innerText()).toBe("anthropics/claude-code");
      for (const h of ["Top error clusters", "Open likely duplicates", "Fixes shipped recently", "Trending issues"]) {
        expect(await page.getByRole("heading", { name: h, exact: true }).count()).toBe(1);
      }
      // The flagship's error is shared by several stored issues: a cluster that contains it.
      const clusters = page.locator("ol.clusters > li");
      expect(await clusters.count()).toBeGreaterThan(0);
      const all = (await clusters.allInnerTexts()).join("\n");
      expect(all).toContain(FLAGSHIP);
      expect(all).toContain("out of extra usage");
      expect(await page.locator("section[aria-labelledby=dups-title] li").count()).toBeGreaterThan(0);
      expect(await page.locator('link[rel=alternate][type="application/atom+xml"]').getAttribute("href")).toBe(
        "/anthropics/claude-code/feed.atom",
      );
      const bad = (await axeViolations(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => v.id)).toEqual([]);
      expect((await page.goto(`${site.url}/nobody/nothing`))?.status()).toBe(404);
    } finally {
      await context.close();
    }
  });

  it("feeds say what changed after the issue is closed on GitHub and analysed again", async () => {
    const record = site.standin.world.lookup(FLAGSHIP);
    if (!record) throw new Error("flagship missing from the stand-in");
    record.data.state = "closed";
    record.data.state_reason = "completed";
    record.data.closed_at = "2026-04-10T08:00:00Z";
    record.data.updated_at = "2026-04-10T08:00:00Z";
    const refresh = await fetch(`${site.url}/api/v1/admin/refresh`, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRETS.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ ref: FLAGSHIP }),
    });
    expect(refresh.status).toBe(200);

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const parse = async (path: string) => {
        const res = await fetch(`${site.url}${path}`);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
        const xml = await res.text();
        // Well-formed Atom, parsed by the browser's XML parser.
        return (await page.evaluate(
          `((xml) => { const d = new DOMParser().parseFromString(xml, "application/xml");
            if (d.querySelector("parsererror")) return { error: d.querySelector("parsererror").textContent };
            const ns = "http://www.w3.org/2005/Atom";
            return { root: d.documentElement.namespaceURI === ns ? d.documentElement.localName : "?",
              title: d.querySelector("feed > title").textContent,
              entries: [...d.getElementsByTagNameNS(ns, "entry")].map((e) => ({
                id: e.getElementsByTagNameNS(ns, "id")[0].textContent,
                title: e.getElementsByTagNameNS(ns, "title")[0].textContent,
                link: e.getElementsByTagNameNS(ns, "link")[0].getAttribute("href"),
                content: e.getElementsByTagNameNS(ns, "content")[0].textContent })) }; })(${JSON.stringify(xml)})`,
        )) as {
          error?: string;
          root: string;
          title: string;
          entries: { id: string; title: string; link: string; content: string }[];
        };
      };
      const issue = await parse(`${FLAGSHIP_PATH}.atom`);
      expect(issue.error).toBeUndefined();
      expect(issue.root).toBe("feed");
      expect(issue.title).toContain("What changed in anthropics/claude-code#45203");
      expect(issue.entries[0]?.title).toMatch(/State changed from open to closed \(completed\)/);
      expect(issue.entries[0]?.link).toBe(FLAGSHIP_PATH);
      expect(issue.entries.at(-1)?.title).toBe(`${FLAGSHIP}: first report`);
      expect(new Set(issue.entries.map((e) => e.id)).size).toBe(issue.entries.length);

      const repo = await parse("/anthropics/claude-code/feed.atom");
      expect(repo.error).toBeUndefined();
      expect(repo.entries[0]?.title.startsWith(`${FLAGSHIP}:`)).toBe(true);
      expect(repo.entries[0]?.content).toContain("State changed from open to closed");
      expect(repo.entries.length).toBeGreaterThanOrEqual(3);

      // The page shows the same change and the new state.
      await openAnalysed(page, `${site.url}${FLAGSHIP_PATH}`);
      expect(await page.locator(".strip .badge").first().innerText()).toBe("closed (completed)");
      expect(await page.locator("section[aria-labelledby=changes-title]").innerText()).toContain(
        "State changed from open to closed",
      );
      expect((await fetch(`${site.url}/nobody/nothing/issues/1.atom`)).status).toBe(404);
    } finally {
      await context.close();
    }
  });
});
