// Writes docs/screenshots/{home,issue,search}-{desktop,phone}-{light,dark}.png from the real site on
// the stand-in, in Chromium. Run: npx tsx test/e2e/screenshots.ts
import { mkdirSync } from "node:fs";
import { EXAMPLE_FIXTURES, FLAGSHIP_URL, launchChromium, openAnalysed, startSite } from "./support.js";

const OUT = new URL("../../docs/screenshots/", import.meta.url).pathname;
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const SEARCH = "You're out of extra usage. Add more at claude.ai/settings/usage and keep going.";

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const site = await startSite({ fixturesDir: EXAMPLE_FIXTURES });
  const browser = await launchChromium();
  try {
    // Analyse the flagship and a few neighbours first, so home has trending and recent issues.
    const warm = await browser.newPage();
    for (const n of [45203, 45020, 45039, 45095])
      await openAnalysed(warm, `${site.url}/anthropics/claude-code/issues/${n}`);
    await openAnalysed(warm, `${site.url}/anthropics/claude-code/issues/45203`);
    await warm.close();
    const flagshipPage = `${site.url}/anthropics/claude-code/issues/45203`;
    for (const scheme of ["light", "dark"] as const) {
      for (const [size, viewport] of Object.entries(SIZES)) {
        const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        const shots: [string, string][] = [
          ["home", `${site.url}/`],
          ["issue", flagshipPage],
          ["search", `${site.url}/search?q=${encodeURIComponent(SEARCH)}`],
        ];
        for (const [name, url] of shots) {
          if (name === "issue") await openAnalysed(page, url);
          else await page.goto(url);
          await page.screenshot({ path: `${OUT}${name}-${size}-${scheme}.png`, fullPage: true });
          console.log(`wrote ${name}-${size}-${scheme}.png (${FLAGSHIP_URL === url ? "flagship" : url})`);
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
