// Environment facts a reporter gives: "OS: macOS", "- **Claude Code version:** 2.1.29", or an issue
// form's "### Version" heading followed by its answer. Only keys that name an environment aspect
// are kept, so "Summary:" or "Current session:" lines are not mistaken for environment.
import { OS_NAMES } from "../text/lexicon.js";
import { plainLine, splitBlocks } from "./markdown-blocks.js";

export type EnvFact = { key: string; value: string };

const ENV_WORDS =
  "versions?|os|operating\\s+system|platform|plan|models?|node(?:\\.js)?|npm|pnpm|yarn|python|java|go|rust|browser|runtime|arch(?:itecture)?|device|terminal|shell|distro|distribution|kernel|subsystem|ide|editor|region|timezone";
/** The aspect must lead or end the key: "OS Version", "Models tried", not "Current week (all models)". */
const ENV_KEY = new RegExp(`^(?:${ENV_WORDS})\\b|\\b(?:${ENV_WORDS})$`, "i");
const KEY_VALUE = /^([A-Za-z][\w .()/+-]{0,40}?)\s*:\s*(.+)$/;
const HEADING = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/;
const MAX_FACTS = 8;
const MAX_VALUE = 100;

const clean = (s: string): string => s.replace(/\*\*|__|`/g, "").trim();

/** Environment facts in the order they appear; one per key (the first wins). */
export function environmentFacts(markdown: string): EnvFact[] {
  const facts: EnvFact[] = [];
  const seen = new Set<string>();
  const add = (key: string, value: string) => {
    const k = clean(key);
    const v = clean(value);
    if (!k || !v || seen.has(k.toLowerCase()) || facts.length >= MAX_FACTS) return;
    if (/^https?:/i.test(v) || /^[-_*.\s]+$/.test(v)) return;
    seen.add(k.toLowerCase());
    facts.push({ key: k, value: v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE - 1)}…` : v });
  };
  let pendingHeading: string | null = null;
  for (const b of splitBlocks(markdown)) {
    if (b.kind === "code") {
      pendingHeading = null;
      continue;
    }
    for (const raw of b.lines) {
      if (raw.trim() === "") continue;
      const heading = HEADING.exec(raw);
      if (heading) {
        const title = clean(heading[1] as string);
        // "## Environment" introduces key: value lines; "### Version" is answered by the next line.
        pendingHeading = ENV_KEY.test(title) && title.length <= 30 ? title : null;
        continue;
      }
      if (pendingHeading) {
        add(pendingHeading, plainLine(raw));
        pendingHeading = null;
        continue;
      }
      const kv = KEY_VALUE.exec(clean(plainLine(raw)));
      const key = kv?.[1] ?? "";
      // A key of more than four words is a sentence ("Master issue for the integrated terminal: #143").
      if (
        kv &&
        ENV_KEY.test(key) &&
        key.trim().split(/\s+/).length <= 4 &&
        !/\bsteps\b|\bexpected\b|\bactual\b/i.test(key)
      ) {
        add(kv[1] as string, kv[2] as string);
      }
    }
  }
  return facts;
}

const VERSION = /\bv?\d+\.\d+(?:\.\d+)+(?:-[\w.]+)?\b/g;
const OS = new RegExp(`\\b(?:${OS_NAMES})(?:\\s(?:\\d+(?:\\.\\d+)*|Server\\s\\d+))?\\b`, "g");

/** Version numbers and operating systems named in free text ("on Claude Code v2.0.76 on macOS"). */
export function mentionedEnvironment(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(VERSION)) found.push(m[0]);
  for (const m of text.matchAll(OS)) found.push(m[0]);
  return found;
}
