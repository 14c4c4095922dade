// The quick signals people can vote on. One list, used by the store adapter, the API and the pages.

export const SIGNALS = ["works", "easy-fix", "time-saver", "blocking", "common-issue", "flaky", "verified"] as const;

export type Signal = (typeof SIGNALS)[number];

export const SIGNAL_LABELS: Readonly<Record<Signal, string>> = {
  works: "Works",
  "easy-fix": "Easy Fix",
  "time-saver": "Time Saver",
  blocking: "Blocking",
  "common-issue": "Common Issue",
  flaky: "Flaky / Intermittent",
  verified: "Verified / Reproducible",
};

export const isSignal = (value: unknown): value is Signal =>
  typeof value === "string" && (SIGNALS as readonly string[]).includes(value);

/** Votes per signal, every signal present (0 when nobody voted). */
export type VoteCounts = Record<Signal, number>;

export const emptyVoteCounts = (): VoteCounts => ({
  works: 0,
  "easy-fix": 0,
  "time-saver": 0,
  blocking: 0,
  "common-issue": 0,
  flaky: 0,
  verified: 0,
});

/** Fills the signals a store did not mention with 0 and drops anything that is not a signal. */
export function normaliseVoteCounts(raw: Readonly<Record<string, number>>): VoteCounts {
  const counts = emptyVoteCounts();
  for (const signal of SIGNALS) {
    const n = raw[signal];
    if (typeof n === "number" && Number.isFinite(n) && n > 0) counts[signal] = Math.floor(n);
  }
  return counts;
}
