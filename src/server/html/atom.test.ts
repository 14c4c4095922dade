import { describe, expect, it } from "vitest";
import { atomXml } from "./atom.js";

describe("atomXml", () => {
  it("escapes every text and the HTML content twice-safe", () => {
    const xml = atomXml({
      id: "urn:uuid:1",
      title: 'a <b> & "c"',
      link: "/o/r/issues/1",
      self: "/o/r/issues/1.atom",
      updated: "2026-04-10T12:00:00Z",
      entries: [
        {
          id: "urn:uuid:2",
          title: "</title><script>x</script>",
          link: "/o/r/issues/1",
          updated: "2026-04-10T12:00:00Z",
          lines: ["<img src=x onerror=alert(1)>"],
        },
      ],
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(
      true,
    );
    expect(xml).toContain("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>");
    expect(xml).toContain("<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>");
    // The entry's HTML is itself escaped text: a reader decodes it to an escaped <img>, never a tag.
    expect(xml).toContain('<content type="html">&lt;ul&gt;&lt;li&gt;&amp;lt;img src=x onerror=alert(1)&amp;gt;');
    expect(xml).not.toMatch(/<img|<script/);
  });
});
