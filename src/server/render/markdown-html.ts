// Issue Markdown -> safe HTML. GFM is parsed, raw HTML in the Markdown is dropped (remark-rehype
// without allowDangerousHtml), and the tree is sanitised with rehype-sanitize's default schema
// (GitHub's allow-list). Afterwards images become plain links, so a page never loads anything from
// another host (the CSP would block it anyway), and links get rel="nofollow noopener noreferrer ugc".
import type { Element, ElementContent, Root } from "hast";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { safeHttpUrl } from "./escape.js";

/** Bodies longer than this are cut (and say so): parsing megabytes per request helps nobody. */
export const MAX_MARKDOWN_CHARS = 100_000;

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeOutbound)
  .use(rehypeStringify)
  .freeze();

export function markdownToSafeHtml(markdown: string): string {
  const cut = markdown.length > MAX_MARKDOWN_CHARS;
  const text = cut ? `${markdown.slice(0, MAX_MARKDOWN_CHARS)}\n\n*(cut: the body is longer)*` : markdown;
  return String(processor.processSync(text));
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
