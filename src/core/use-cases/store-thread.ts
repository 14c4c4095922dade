// The one way a use-case stores a thread: with the error message core/analyze finds in it, and the
// signature and search document core/similar derives from it (report, sync and import alike).
import { extractThreadError } from "../analyze/extract-error.js";
import { type IndexThreadMeta, indexThread } from "../similar/index-thread.js";
import type { Store } from "../store/types.js";
import type { Thread } from "../thread/types.js";

/** The thread's error message, or null when it shows none. */
export const threadErrorText = (thread: Thread): string | null => extractThreadError(thread)?.message ?? null;

/** Stores the thread with its error signature, in one transaction; returns the error message found. */
export function storeThread(store: Store, thread: Thread, meta: IndexThreadMeta): Promise<string | null> {
  return indexThread(store, thread, meta, threadErrorText);
}
