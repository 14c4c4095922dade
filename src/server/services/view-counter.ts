// Page views feed trending. A reader reloading a page counts once per issue and half hour; readers
// are voters when they have a cookie, else client addresses (IPv6 by /64).
import type { Context } from "hono";
import { LRUCache } from "lru-cache";
import { refKey } from "../../core/refs/parse-ref.js";
import type { IssueRef } from "../../core/thread/types.js";
import type { ServerDeps } from "../deps.js";

const VIEW_WINDOW_MS = 30 * 60_000;
const MAX_VIEW_KEYS = 50_000;

export interface ViewCounter {
  /** Who is reading: the voter, else the client's address group. */
  viewerKey(c: Context, voterId: string | null): string;
  /** Whether this page view counts (once per viewer and issue per half hour). */
  count(viewerKey: string, ref: IssueRef): boolean;
}

export function createViewCounter(clientIp: (c: Context) => string, nowMs: () => number): ViewCounter {
  const lastViews = new LRUCache<string, true>({
    max: MAX_VIEW_KEYS,
    ttl: VIEW_WINDOW_MS,
    ttlResolution: 0,
    perf: { now: nowMs },
  });
  return {
    viewerKey: (c, voterId) => (voterId ? `voter:${voterId}` : `address:${clientIp(c)}`),
    count(viewerKey, ref) {
      const key = `${viewerKey}|${refKey(ref)}`;
      if (lastViews.has(key)) return false;
      lastViews.set(key, true);
      return true;
    },
  };
}

/** Records a counted page view for trending; a failed write is logged, never the reader's problem. */
export async function recordPageView(
  deps: Pick<ServerDeps, "store" | "now" | "logger">,
  views: ViewCounter,
  viewerKey: string,
  ref: IssueRef,
): Promise<void> {
  if (!views.count(viewerKey, ref)) return;
  await deps.store.recordView(ref, deps.now().toISOString()).catch((e: unknown) => {
    deps.logger.warn({ err: e instanceof Error ? e.name : "error" }, "could not record a page view");
  });
}
