// Test-only: analyze input around a thread built with core/thread/builders.test-helper.ts, and what
// every analysis must satisfy (citations only to URLs it was given, no generic filler).
import { threadUrl } from "../refs/parse-ref.js";
import type { Thread } from "../thread/types.js";
import type { AnalyzeInput } from "./analyze.js";

export function input(thread: Thread, over: Partial<AnalyzeInput> = {}): AnalyzeInput {
  return {
    thread,
    links: [],
    commits: [],
    meta: { fetchedAt: "2024-02-01T00:00:00Z", via: "graphql", requests: { rest: 0, graphql: 2 } },
    depth: 1,
    generatedAt: "2024-02-01T00:00:05Z",
    ...over,
  };
}

/** Every URL a citation may point at: the thread, its comments, linked threads, commits. */
export function allowedUrls(i: AnalyzeInput): Set<string> {
  const urls = new Set<string>([i.thread.url, ...i.thread.comments.map((c) => c.url)]);
  for (const l of i.links) {
    if (l.summary) urls.add(l.summary.url);
    urls.add(threadUrl(l.target, "issue"));
    urls.add(threadUrl(l.target, "pull"));
  }
  for (const c of i.commits) if (c.url) urls.add(c.url);
  for (const r of i.thread.closedByPulls) urls.add(threadUrl(r, "pull"));
  // Releases the lookup found, and stored issues with the same error (the report's graph).
  for (const [ref, release] of i.releases ?? []) {
    if (release) urls.add(`https://${i.thread.ref.host}/${ref.split("#")[0]}/releases/tag/${release.tag}`);
  }
  const same = i.sameError;
  for (const ref of [...(same?.likelyDuplicates ?? []), ...(same?.fixedOrWorkaround ?? [])].map((x) => x.ref)) {
    const [repo, n] = ref.split("#");
    urls.add(`https://${i.thread.ref.host}/${repo}/issues/${n}`);
  }
  return urls;
}

/** Generic advice the analysis must never produce on its own. */
export const BANNED_FILLER = [
  "check your configuration",
  "review the documentation",
  "verify your settings",
  "try restarting",
];
