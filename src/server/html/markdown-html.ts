// Issue Markdown -> safe HTML. GFM is parsed, raw HTML in the Markdown is dropped (remark-rehype
// without allowDangerousHtml), and the tree is sanitised with rehype-sanitize's default schema
// (GitHub's allow-list). Afterwards images become plain links, so a page never loads anything from
// another host (the CSP would block it anyway), and links get rel="nofollow noopener noreferrer ugc".
// The text is first bounded (core/markdown/budget.ts): paragraphs too costly to parse are shown as
// plain text, and the result says what was simplified.
import type { Element, ElementContent, Root, Text } from "hast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toHast } from "mdast-util-to-hast";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { boundMarkdown, type Simplification } from "../../core/markdown/budget.js";
import { gfmWithoutLiteralAutolinks } from "../../core/markdown/gfm.js";
import { safeHttpUrl } from "./escape.js";

/** Bodies longer than this are cut (and say so): parsing megabytes per request helps nobody. */
export const MAX_MARKDOWN_CHARS = 100_000;

export type RenderedMarkdown = { html: string; simplified: Simplification[] };

const toHtml = unified().use(rehypeSanitize).use(rehypeOutbound).use(rehypeStringify).freeze();

export function markdownToSafeHtml(markdown: string): string {
  return renderMarkdownBody(markdown).html;
}

export function renderMarkdownBody(markdown: string): RenderedMarkdown {
  const cut = markdown.length > MAX_MARKDOWN_CHARS;
  const text = cut ? `${markdown.slice(0, MAX_MARKDOWN_CHARS)}\n\n*(cut: the body is longer)*` : markdown;
  const bounded = boundMarkdown(text);
  const source = bounded.parts.map((p) => (p.kind === "markdown" ? p.text : asCodeBlock(p.text))).join("\n");
  const { micromarkExtensions, mdastExtensions } = gfmWithoutLiteralAutolinks();
  const mdast = fromMarkdown(source, { extensions: micromarkExtensions, mdastExtensions });
  const hast = toHast(mdast) as Root;
  linkifyBareUrls(hast);
  const html = toHtml.stringify(toHtml.runSync(hast) as Root);
  return { html, simplified: bounded.simplified };
}

/** A fenced block longer than any backtick run inside, so the text shows verbatim. */
function asCodeBlock(text: string): string {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === "`" ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `\n${fence}text\n${text}\n${fence}\n`;
}

// Bare URLs become links, as GitHub's literal autolinks do (that micromark extension is
// super-linear on long paragraphs). One linear pattern; trailing punctuation trimmed by hand.
const BARE_URL = /(?:https?:\/\/|www\.)[^\s<>]+/gi;
const TRAILING = new Set([".", ",", ":", ";", "!", "?", "'", '"', ")", "]", "*", "_", "~"]);

function linkifyBareUrls(tree: Root): void {
  visit(tree, (node, index, parent) => {
    if (node.type === "element" && (node.tagName === "a" || node.tagName === "code" || node.tagName === "pre")) {
      return SKIP;
    }
    if (node.type !== "text" || !parent || index === undefined) return;
    const pieces = splitUrls((node as Text).value);
    if (pieces.length === 1 && typeof pieces[0] === "string") return;
    const replacement: ElementContent[] = pieces.map((p) =>
      typeof p === "string"
        ? { type: "text", value: p }
        : { type: "element", tagName: "a", properties: { href: p.href }, children: [{ type: "text", value: p.text }] },
    );
    parent.children.splice(index, 1, ...(replacement as typeof parent.children));
    return [SKIP, index + replacement.length];
  });
}

function splitUrls(text: string): (string | { href: string; text: string })[] {
  const out: (string | { href: string; text: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(BARE_URL)) {
    let end = m[0].length;
    while (end > 0 && TRAILING.has(m[0][end - 1] as string)) end--;
    const url = m[0].slice(0, end);
    const href = safeHttpUrl(/^www\./i.test(url) ? `https://${url}` : url);
    if (!href) continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ href, text: url });
    last = m.index + end;
  }
  if (last < text.length) out.push(text.slice(last));
  return out.length ? out : [text];
}

/** Runs after sanitising: it only removes or rewrites, never adds anything dangerous. */
function rehypeOutbound() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName === "img" && parent && index !== undefined) {
        const src = typeof node.properties.src === "string" ? safeHttpUrl(node.properties.src) : null;
        const alt =
          typeof node.properties.alt === "string" && node.properties.alt.trim() ? node.properties.alt : "image";
        const replacement: ElementContent = src
          ? {
              type: "element",
              tagName: "a",
              properties: { href: src, rel: ["nofollow", "noopener", "noreferrer", "ugc"], className: ["md-image"] },
              children: [{ type: "text", value: `[image: ${alt}]` }],
            }
          : { type: "text", value: `[image: ${alt}]` };
        parent.children[index] = replacement;
        return;
      }
      if (node.tagName === "a") {
        node.properties.rel = ["nofollow", "noopener", "noreferrer", "ugc"];
      }
    });
  };
}
