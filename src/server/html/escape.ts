// Escaping and URL checks for markup built as strings (the SVG) and for hrefs taken from data.

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML/SVG element content and quoted attribute values. */
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);

/**
 * The URL when it is an absolute http(s) URL, else null. Every href built from report data goes
 * through this: a fixture (or GitHub) could hand us `javascript:` or `data:` URLs.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== "https:" && u.protocol !== "http:") return null;
    if (u.username || u.password) return null;
    return u.toString();
  } catch {
    return null;
  }
}
