// The text a thread is searched by: its title, its body without the parts every issue template
// shares (checklists, HTML comments, image and link URLs), and its error message.
import type { Thread } from "../thread/types.js";

const MAX_BODY = 4000;

export function queryTextOf(thread: Pick<Thread, "title" | "body">, errorText: string | null): string {
  // Each pattern stops at the next opener of its kind, so a body of unclosed `[`, `(`, `<img` or
  // `<!--` costs linear time (the earlier `[^\]]*`, `[^)]*` forms were quadratic on them).
  const body = thread.body
    .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
    .replace(/^[ \t]*[-*][ \t]+\[[ xX]\].*$/gm, " ")
    .replace(/!?\[([^\][]*)\]\([^()]*\)/g, "$1")
    .replace(/<img[^<>]*>/gi, " ")
    .replace(/\bhttps?:\/\/\S+/g, " ")
    .slice(0, MAX_BODY);
  return [thread.title, body, errorText ?? ""].join("\n");
}
