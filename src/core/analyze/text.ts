// Small wording helpers shared by the section builders.
import { clip } from "../text/format.js";

/**
 * A quotation of thread text: straight double quotes, one line, at most `max` characters. A final
 * full stop is left out, so the quote can sit inside a sentence ("… reached", and …).
 */
export const quote = (text: string, max = 220): string => `"${clip(text, max).replace(/(?<!\.)\.$/, "")}"`;

/** A quotation kept exactly as written (error messages, titles), clipped only. */
export const quoteExact = (text: string, max = 220): string => `"${clip(text, max)}"`;

/**
 * The gist of an error for a sentence: an HTTP-style JSON body is reduced to its "message" (kept
 * behind whatever precedes the JSON, e.g. `API Error: 400`), anything else is clipped to one line.
 */
export function errorGist(message: string, max = 180): string {
  const brace = message.indexOf("{");
  if (brace >= 0) {
    const m = /"message"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(message.slice(brace));
    if (m?.[1]) {
      const head = clip(message.slice(0, brace).trim(), 60);
      const text = clip(unescapeJson(m[1]), Math.max(40, max - head.length - 3));
      return head ? `${head} "${text}"` : `"${text}"`;
    }
  }
  return clip(message.split("\n")[0] ?? message, max);
}

/** The value of a JSON string literal's body (`\\"` → `"`), or the text itself when it is not one. */
export function unescapeJson(s: string): string {
  try {
    const v: unknown = JSON.parse(`"${s}"`);
    return typeof v === "string" ? v : s;
  } catch {
    return s;
  }
}

/**
 * A step in the thread's words: the quote, or its command when the words are only a question or
 * a pointer around it ("Can you try this?" + `sc config x start=auto`).
 */
export function stepWords(w: { text: string; code: string | null }, max = 120): string {
  const code = w.code?.trim() ?? "";
  const oneLine = code !== "" && !code.includes("\n") && code.length <= 100;
  if (oneLine && /\?\s*$/.test(w.text.trim())) return `${quote(w.text, max)} (\`${code.replace(/`/g, "")}\`)`;
  return quote(w.text, max);
}
