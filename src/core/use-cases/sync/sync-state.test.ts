import { describe, expect, it } from "vitest";
import {
  compareTimes,
  decodeSyncState,
  encodeSyncState,
  mergeSyncState,
  proposeSyncState,
  type SyncState,
  stateFor,
} from "./sync-state.js";

const T1 = "2024-01-01T00:00:00Z";
const T2 = "2024-02-01T00:00:00Z";
const T3 = "2024-03-01T00:00:00Z";
const state = (
  since: string | null,
  deepSince: string | null,
  listEtag: string | null = null,
  source: string | null = null,
): SyncState => ({ since, deepSince, listEtag, source });

describe("sync state in a watermark", () => {
  it("round-trips, keeping deep coverage in the cursor", () => {
    const s = state(T2, T1, '"e"');
    expect(encodeSyncState(s)).toEqual({ since: T2, listEtag: '"e"', cursor: JSON.stringify({ deepSince: T1 }) });
    expect(decodeSyncState(encodeSyncState(s))).toEqual(s);
    expect(decodeSyncState(null)).toEqual(state(null, null));
  });

  it("keeps the API it was made against, and counts another API's watermark for nothing", () => {
    const s = state(T2, T1, '"e"', "https://api.github.com");
    expect(JSON.parse(encodeSyncState(s).cursor ?? "")).toEqual({ deepSince: T1, source: "https://api.github.com" });
    expect(decodeSyncState(encodeSyncState(s))).toEqual(s);
    expect(stateFor(s, "https://api.github.com")).toEqual(s);
    expect(stateFor(s, "http://127.0.0.1:4000")).toEqual(state(null, null, null, "http://127.0.0.1:4000"));
    // A watermark written without a source is taken as this API's.
    expect(stateFor(state(T2, T1), "http://x")).toEqual(state(T2, T1, null, "http://x"));
  });

  it("reads a cursor it did not write as no deep coverage", () => {
    expect(decodeSyncState({ since: T2, listEtag: null, cursor: "opaque" }).deepSince).toBeNull();
    expect(decodeSyncState({ since: T2, listEtag: null, cursor: '{"deepSince":"soon"}' }).deepSince).toBeNull();
  });

  it("compares times by instant, null first", () => {
    expect(compareTimes("2024-01-01T00:00:00.000Z", T1)).toBe(0);
    expect(compareTimes(null, T1)).toBe(-1);
    expect(compareTimes(T2, T1)).toBe(1);
  });
});

describe("proposeSyncState", () => {
  it("a shallow run moves since only", () => {
    expect(proposeSyncState(state(T1, T1), { deep: false, upTo: T2, listEtag: '"e"' })).toEqual(state(T2, T1, '"e"'));
  });

  it("a deep run behind the shallow watermark moves deepSince and drops an ETag that is not since's", () => {
    expect(proposeSyncState(state(T3, null), { deep: true, upTo: T2, listEtag: '"e"' })).toEqual(state(T3, T2));
  });

  it("a deep run that catches up moves both", () => {
    expect(proposeSyncState(state(T2, T1), { deep: true, upTo: T3, listEtag: '"e"' })).toEqual(state(T3, T3, '"e"'));
  });
});

describe("mergeSyncState (another process committed meanwhile)", () => {
  it("keeps the later claims, and the ETag of whichever since survives", () => {
    expect(mergeSyncState(state(T3, T1, '"theirs"'), state(T2, T2, '"mine"'))).toEqual(state(T3, T2, '"theirs"'));
    expect(mergeSyncState(state(T1, null, '"theirs"'), state(T2, null, '"mine"'))).toEqual(state(T2, null, '"mine"'));
  });

  it("replaces a watermark of another API instead of merging with it", () => {
    const theirs = state(T3, T3, '"t"', "http://other");
    const mine = state(T1, T1, null, "http://mine");
    expect(mergeSyncState(theirs, mine)).toEqual(mine);
  });

  it("a chunk commit at the same since clears the ETag (the list at since changed)", () => {
    expect(mergeSyncState(state(T2, null, '"old"'), state(T2, null, null))).toEqual(state(T2, null, null));
  });
});
