// The worker side of the Markdown pool: renders one body. Plain JavaScript so a worker thread can
// load it from source and from the bundle alike; it registers tsx to import the TypeScript renderer.
import { register } from "tsx/esm/api";

register();
const { renderMarkdownBody } = await import("./markdown-html.ts");

export default function render({ markdown }) {
  return renderMarkdownBody(markdown);
}
