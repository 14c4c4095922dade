// What a repository's watermark means to sync, and how two writers' watermarks merge.
//
// Store's Watermark has `since`, `listEtag` and a free-form `cursor`. Sync reads them as:
// - since: every thread updated before it is stored (at least shallow, from the list);
// - deepSince (kept as JSON in `cursor`): every thread updated before it is stored deep (with
//   comments and timeline). since >= deepSince always; a deep sync lists from deepSince;
// - listEtag: the ETag of the first list page at exactly `since`; sent as if-none-match so an
//   unchanged repository answers 304 (free of rate limit). Only a completed sync records it.
import type { Watermark } from "../store/types.js";

export type SyncState = { since: string | null; deepSince: string | null; listEtag: string | null };

export const emptySyncState = (): SyncState => ({ since: null, deepSince: null, listEtag: null });

export function decodeSyncState(wm: Watermark | null): SyncState {
  if (!wm) return emptySyncState();
  return { since: wm.since, deepSince: readDeepSince(wm.cursor), listEtag: wm.listEtag };
}

export function encodeSyncState(state: SyncState): Watermark {
  return {
    since: state.since,
    listEtag: state.listEtag,
    cursor: state.deepSince === null ? null : JSON.stringify({ deepSince: state.deepSince }),
  };
}

function readDeepSince(cursor: string | null): string | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(cursor) as { deepSince?: unknown };
    return typeof v.deepSince === "string" && !Number.isNaN(Date.parse(v.deepSince)) ? v.deepSince : null;
  } catch {
    // Someone else's cursor: knowing nothing about deep coverage is the safe reading.
    return null;
  }
}

/** Compares ISO times by instant (GitHub writes "…Z", others "….000Z"); null is the beginning of time. */
export function compareTimes(a: string | null, b: string | null): number {
  const x = a === null ? Number.NEGATIVE_INFINITY : Date.parse(a);
  const y = b === null ? Number.NEGATIVE_INFINITY : Date.parse(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

export const laterOf = (a: string | null, b: string | null): string | null => (compareTimes(a, b) >= 0 ? a : b);

/**
 * The watermark after `proposed` is committed over `current` (which another process may have moved
 * meanwhile). Both only ever claim "everything before me is stored", so the later claim wins; the
 * list ETag belongs to one exact `since`, so it is kept only with the since it was fetched for.
 */
export function mergeSyncState(current: SyncState, proposed: SyncState): SyncState {
  const since = laterOf(current.since, proposed.since);
  const deepSince = laterOf(current.deepSince, proposed.deepSince);
  const listEtag =
    compareTimes(proposed.since, since) === 0
      ? proposed.listEtag
      : compareTimes(current.since, since) === 0
        ? current.listEtag
        : null;
  return { since, deepSince, listEtag };
}

/**
 * What a run claims after committing everything its list showed up to `upTo`: a shallow run moves
 * `since`; a deep run moves `deepSince` (and `since` when it has caught up with it). `listEtag` is
 * the ETag of a list at exactly `upTo`, kept only when `upTo` becomes the since.
 */
export function proposeSyncState(
  state: SyncState,
  run: { deep: boolean; upTo: string | null; listEtag: string | null },
): SyncState {
  const since = laterOf(state.since, run.upTo);
  const listEtag = compareTimes(since, run.upTo) === 0 ? run.listEtag : null;
  const deepSince = run.deep ? laterOf(state.deepSince, run.upTo) : state.deepSince;
  return { since, deepSince, listEtag };
}
