// What a repository's watermark means to sync, and how two writers' watermarks merge.
//
// Store's Watermark has `since`, `listEtag` and a free-form `cursor`. Sync reads them as:
// - since: every thread updated before it is stored (at least shallow, from the list);
// - deepSince (kept as JSON in `cursor`): every thread updated before it is stored deep (with
//   comments and timeline). since >= deepSince always; a deep sync lists from deepSince;
// - listEtag: the ETag of the first list page at exactly `since`; sent as if-none-match so an
//   unchanged repository answers 304 (free of rate limit). Only a completed sync records it;
// - source (in `cursor` too): the API the watermark was made against. A watermark from another
//   API (a stand-in's world vs GitHub's, for the same owner/repo) says nothing about this one.
import type { Watermark } from "../../store/types.js";

export type SyncState = {
  since: string | null;
  deepSince: string | null;
  listEtag: string | null;
  /** The API base URL; null for a watermark written without one. */
  source: string | null;
};

export const emptySyncState = (source: string | null = null): SyncState => ({
  since: null,
  deepSince: null,
  listEtag: null,
  source,
});

export function decodeSyncState(wm: Watermark | null): SyncState {
  if (!wm) return emptySyncState();
  const extra = readCursor(wm.cursor);
  return { since: wm.since, deepSince: extra.deepSince, listEtag: wm.listEtag, source: extra.source };
}

export function encodeSyncState(state: SyncState): Watermark {
  const extra = {
    ...(state.deepSince === null ? {} : { deepSince: state.deepSince }),
    ...(state.source === null ? {} : { source: state.source }),
  };
  return {
    since: state.since,
    listEtag: state.listEtag,
    cursor: Object.keys(extra).length ? JSON.stringify(extra) : null,
  };
}

function readCursor(cursor: string | null): { deepSince: string | null; source: string | null } {
  if (!cursor) return { deepSince: null, source: null };
  try {
    const v = JSON.parse(cursor) as { deepSince?: unknown; source?: unknown };
    const deepSince = typeof v.deepSince === "string" && !Number.isNaN(Date.parse(v.deepSince)) ? v.deepSince : null;
    return { deepSince, source: typeof v.source === "string" ? v.source : null };
  } catch {
    // Someone else's cursor: knowing nothing about deep coverage is the safe reading.
    return { deepSince: null, source: null };
  }
}

/** The state as seen by a sync against `source`: another API's watermark counts for nothing. */
export function stateFor(state: SyncState, source: string): SyncState {
  return state.source === null || state.source === source ? { ...state, source } : emptySyncState(source);
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
  // A watermark of another API is replaced, not merged.
  if (current.source !== null && current.source !== proposed.source) return proposed;
  const since = laterOf(current.since, proposed.since);
  const deepSince = laterOf(current.deepSince, proposed.deepSince);
  const listEtag =
    compareTimes(proposed.since, since) === 0
      ? proposed.listEtag
      : compareTimes(current.since, since) === 0
        ? current.listEtag
        : null;
  return { since, deepSince, listEtag, source: proposed.source };
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
  return { since, deepSince, listEtag, source: state.source };
}
