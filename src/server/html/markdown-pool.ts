// Issue Markdown is rendered off the event loop: a small pool of worker threads (piscina) with a
// deadline per body. Past the deadline the worker is stopped and the body is shown as escaped plain
// text, saying so; a page never waits longer than the deadline and /healthz never waits at all.
// Rendered bodies are cached by content (one entry per thread version: same text, same HTML).
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { LRUCache } from "lru-cache";
import { Piscina } from "piscina";
import { projectPath } from "../../project-paths.js";
import { escapeXml } from "./escape.js";
import { type RenderedMarkdown, renderMarkdownBody } from "./markdown-html.js";

export type BodyHtml = { html: string; simplified: string[]; fallback: "deadline" | "error" | null };

export type MarkdownRenderer = {
  render(markdown: string): Promise<BodyHtml>;
  close(): Promise<void>;
};

export type MarkdownPoolOptions = {
  /** Per body; past it the plain-text fallback is shown. */
  deadlineMs?: number;
  maxThreads?: number;
  /** Rendered bodies kept (by content hash). */
  cacheEntries?: number;
};

const DEFAULT_MARKDOWN_DEADLINE_MS = 2_000;

/** The plain-text form: linear, escaped, shown when the parse failed or ran out of time. */
function plainTextBody(markdown: string, maxChars = 100_000): string {
  const text = markdown.length > maxChars ? `${markdown.slice(0, maxChars)}\n(cut: the body is longer)` : markdown;
  return `<pre class="md-plain">${escapeXml(text)}</pre>`;
}

export function createMarkdownPool(options: MarkdownPoolOptions = {}): MarkdownRenderer {
  const deadlineMs = options.deadlineMs ?? DEFAULT_MARKDOWN_DEADLINE_MS;
  const pool = new Piscina({
    filename: projectPath("src/server/html/markdown-worker.mjs"),
    minThreads: 1,
    // Leave a core to the event loop: on a small machine, workers must not starve it.
    maxThreads: options.maxThreads ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    idleTimeout: 60_000,
  });
  // A cold worker compiles the renderer first; that must not count against a body's deadline.
  const warm = pool.run({ markdown: "" }).catch(() => undefined);
  const renderNow = async (markdown: string): Promise<BodyHtml> => {
    await warm;
    const signal = AbortSignal.timeout(deadlineMs);
    try {
      const out = (await pool.run({ markdown }, { signal })) as RenderedMarkdown;
      return { html: out.html, simplified: out.simplified, fallback: null };
    } catch {
      return { html: plainTextBody(markdown), simplified: [], fallback: signal.aborted ? "deadline" : "error" };
    }
  };

  return { ...cached(renderNow, options.cacheEntries), close: () => pool.destroy() };
}

/** The same renderer in this thread (tests, and anything that must not start workers): no deadline. */
export function createInProcessMarkdown(options: Pick<MarkdownPoolOptions, "cacheEntries"> = {}): MarkdownRenderer {
  const renderNow = async (markdown: string): Promise<BodyHtml> => {
    try {
      const out = renderMarkdownBody(markdown);
      return { html: out.html, simplified: out.simplified, fallback: null };
    } catch {
      return { html: plainTextBody(markdown), simplified: [], fallback: "error" };
    }
  };
  return { ...cached(renderNow, options.cacheEntries), close: async () => {} };
}

function cached(renderNow: (markdown: string) => Promise<BodyHtml>, entries = 500) {
  const cache = new LRUCache<string, BodyHtml>({ max: entries });
  const running = new Map<string, Promise<BodyHtml>>();
  return {
    async render(markdown: string): Promise<BodyHtml> {
      const key = createHash("sha256").update(markdown).digest("base64url");
      const hit = cache.get(key);
      if (hit) return hit;
      // Concurrent views of one new version share one render.
      let job = running.get(key);
      if (!job) {
        job = renderNow(markdown).then((out) => {
          running.delete(key);
          cache.set(key, out);
          return out;
        });
        running.set(key, job);
      }
      return job;
    },
  };
}
