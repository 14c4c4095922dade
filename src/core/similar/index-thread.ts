// Storing a thread so that similar() can find it: the thread, its error message, its signature and
// its search document, in one transaction. Import, sync and report all store threads this way.
import type { PutThreadMeta, Store } from "../store/types.js";
import type { Thread } from "../thread/types.js";
import { errorSignature, isEmptySignature } from "./error-signature.js";

export type IndexThreadMeta = Omit<PutThreadMeta, "errorMessage">;

/** Returns the error message found (null when the thread shows none; a stale signature is then cleared). */
export async function indexThread(
  store: Store,
  thread: Thread,
  meta: IndexThreadMeta,
  extractError: (thread: Thread) => string | null,
): Promise<string | null> {
  const errorMessage = extractError(thread);
  await store.transaction(async (tx) => {
    await tx.putThread(thread, { ...meta, errorMessage });
    const sig = errorMessage ? errorSignature(errorMessage) : null;
    // An empty (frame-only) signature names no error: it is not stored, so it matches nothing.
    if (errorMessage && sig && !isEmptySignature(sig)) {
      await tx.putSignature(thread.ref, { key: sig.key, family: sig.family, signature: sig.signature }, errorMessage);
    } else {
      await tx.clearSignature(thread.ref);
    }
  });
  return errorMessage;
}
