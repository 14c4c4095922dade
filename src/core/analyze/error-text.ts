// Where an error message ends: quotes that close it, a JSON body or message continuing on the next
// lines of a log, formatting around it, and the longest message kept.
import { cut } from "../text/format.js";

/** Longest message returned; longer ones are cut (a whole minified bundle is not a message). */
const MAX_MESSAGE = 2000;

/** Bold and italic markers around a prose message are formatting, not part of it. */
export const cleanProse = (text: string): string =>
  text
    .replace(/^([^:]{1,80}:)[*_]{1,3}(?=\s|$)/, "$1")
    .replace(/(?<=\S)\s*(?:\*\*|__)\s*$/, "")
    .replace(/^(?:\*\*|__)/, "");

/**
 * A message that goes on below its head line: "API Error: 400" then a JSON body, or a Rust panic
 * head ending in ":" then its message. Stack frames are not part of the message.
 */
export function withContinuation(text: string, lines: readonly string[], k: number): string {
  const next = lines[k + 1];
  if (next === undefined || next.trim() === "") return text;
  const afterHead = text.slice(text.indexOf(":") + 1).trim();
  const startsJson = /^\s*[{[]/.test(next);
  if (startsJson && afterHead.length <= 24 && !/[{[]/.test(afterHead)) {
    const out = [text];
    let depth = 0;
    for (let j = k + 1; j < lines.length && j <= k + 40; j++) {
      const l = lines[j] as string;
      // Past the first line, only lines that look like JSON belong to the body.
      if (j > k + 1 && !/^\s*["{}[\],\d]/.test(l)) break;
      out.push(l.trimEnd());
      depth += bracketDelta(l);
      if (depth <= 0) break;
    }
    return out.join("\n");
  }
  if (text.endsWith(":") && !/^\s+(?:at |File ")/.test(next)) return `${text}\n${next.trim()}`;
  return text;
}

function bracketDelta(s: string): number {
  let d = 0;
  for (const ch of s) {
    if (ch === "{" || ch === "[") d++;
    else if (ch === "}" || ch === "]") d--;
  }
  return d;
}

export const CLOSERS: Record<string, string> = { '"': '"', "'": "'", "“": "”", "‘": "’", "«": "»", "`": "`" };
const AFTER_CLOSE = /[\s.,;:!?)\]}*_]/;

/** Index of the quote that closes a message starting at `from` (JSON inside it is skipped). */
export function closingQuote(line: string, from: number, opener: string): number | null {
  const closer = CLOSERS[opener];
  if (closer === undefined) return null;
  let depth = 0;
  for (let i = from; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === "{" || ch === "[") depth++;
    else if ((ch === "}" || ch === "]") && depth > 0) depth--;
    else if (ch === closer && depth === 0 && i > from) {
      const next = line[i + 1];
      if (next !== undefined && !AFTER_CLOSE.test(next)) continue;
      if (closer === "'" && /\p{L}/u.test(line[i - 1] ?? "") && /\p{L}/u.test(next ?? "")) continue;
      return i;
    }
  }
  return null;
}

/** A message cut to the longest one kept. */
export const clipMessage = (s: string): string => cut(s, MAX_MESSAGE);
