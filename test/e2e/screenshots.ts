// Writes docs/screenshots/{home,issue,repo,search}-{desktop,phone}-light.png and the desktop ones in dark (plus the
// issue page on a phone in dark), from the real site on the stand-in, in Chromium at 1366x900 and 390x844.
// Run: npx tsx test/e2e/screenshots.ts
import { mkdirSync } from "node:fs";
import { EXAMPLE_FIXTURES, launchChromium, openAnalysed, startSite } from "./site.test-helper.js";

const OUT = new URL("../../docs/screenshots", import.meta.url).pathname;
const SIZES = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;
const SEARCH = "You're out of extra usage. Add more at claude.ai/settings/usage and keep going.";

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const site = await startSite({ fixturesDir: EXAMPLE_FIXTURES });
  const browser = await launchChromium();
  try {
    // Analyse the flagship and a few neighbours, and vote on them, so home has trending issues
    // (through the API: no page computes trending before the votes are in).
    const votes: [number, string[]][] = [
      [45203, ["common-issue", "blocking", "verified"]],
      [45020, ["blocking", "common-issue"]],
      [45039, ["common-issue"]],
      [45095, ["works"]],
    ];
    for (const [n, signals] of votes) {
      const res = await fetch(`${site.url}/api/v1/issues/anthropics/claude-code/${n}`);
      if (res.status !== 200) throw new Error(`analysing #${n}: ${res.status}`);
      for (const signal of signals) {
        const vote = await fetch(`${site.url}/api/v1/votes`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ ref: `anthropics/claude-code#${n}`, signal }),
        });
        if (vote.status !== 200) throw new Error(`voting on #${n}: ${vote.status}`);
      }
    }
    const flagshipPage = `${site.url}/anthropics/claude-code/issues/45203`;
    // Light at both sizes; dark at desktop size only (the stylesheet is the same at any width).
    const runs = [
      ["light", "desktop"],
      ["light", "phone"],
      ["dark", "desktop"],
      ["dark", "phone"],
    ] as const;
    for (const [scheme, size] of runs) {
      {
        const viewport = SIZES[size];
        const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        const shots: [string, string][] = [
          ["home", `${site.url}/`],
          ["issue", flagshipPage],
          ["repo", `${site.url}/anthropics/claude-code`],
          ["search", `${site.url}/search?q=${encodeURIComponent(SEARCH)}`],
        ].filter(([name]) => !(scheme === "dark" && size === "phone" && name !== "issue")) as [string, string][];
        for (const [name, url] of shots) {
          if (name === "issue") await openAnalysed(page, url);
          else await page.goto(url);
          await page.screenshot({ path: `${OUT}${name}-${size}-${scheme}.png`, fullPage: true });
          console.log(`wrote ${name}-${size}-${scheme}.png`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

await main();
