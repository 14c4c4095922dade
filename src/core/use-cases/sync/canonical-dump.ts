// A canonical, comparable picture of what a sync left in the store for one repository: every
// thread (without its fetch time, which differs run to run), its error signature, and the
// watermark. Two stores that synced the same repository to the end dump equal.
import { refKey } from "../../refs/parse-ref.js";
import type { RepoRef, Store, StoredSignature, Watermark } from "../../store/types.js";
import type { Thread } from "../../thread/types.js";

export type DumpedThread = {
  key: string;
  via: string;
  source: string | null;
  etag: string | null;
  errorMessage: string | null;
  thread: Thread;
  signature: Omit<StoredSignature, "ref"> | null;
};

export type RepoDump = { threads: DumpedThread[]; watermark: Watermark | null };

export async function dumpRepo(store: Store, repo: RepoRef): Promise<RepoDump> {
  // One query for all rows: offset paging over an order with ties could skip or repeat rows.
  const rows = await store.listThreads({ repo, limit: (await store.stats()).threads + 1 });
  const threads: DumpedThread[] = [];
  for (const row of rows) {
    const stored = await store.getThread(row.ref);
    if (!stored) continue;
    const sig = await store.getSignature(row.ref);
    threads.push({
      key: refKey(row.ref),
      via: stored.via,
      source: stored.source,
      etag: stored.etag,
      errorMessage: stored.errorMessage,
      thread: stored.thread,
      signature: sig ? { key: sig.key, family: sig.family, signature: sig.signature, errorText: sig.errorText } : null,
    });
  }
  threads.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { threads, watermark: await store.getWatermark(repo) };
}
