// The one copy of the small text helpers every layer uses: clipping, plurals, lists, dates.

/** Cuts text to `max` characters at a word boundary, marking the cut with "…". */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, "")}…`;
}

/**
 * Cuts text to `max` characters exactly where it falls, keeping it as written (no word boundary, no
 * whitespace folding): for names, URLs and messages quoted whole. `mark` ends a cut: "…", or "..."
 * where the text goes to a terminal or an error message.
 */
export const cut = (text: string, max: number, mark: "…" | "..." = "…"): string =>
  text.length > max ? `${text.slice(0, max - mark.length)}${mark}` : text;

/** "a", "a and b", "a, b and c". */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "1 comment" / "3 comments". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "Word" from "word": the first letter upper-case, the rest as written. */
export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "2026-04-09" from an ISO timestamp. */
export const day = (iso: string): string => iso.slice(0, 10);

/** Ends a sentence with a full stop unless it already ends with one (possibly inside a quote). */
export const endSentence = (s: string): string => (/[.!?…]["')]?$/.test(s) ? s : `${s}.`);
