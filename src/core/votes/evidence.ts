// The evidence beside each vote count: what the analysis itself found for each quick signal
// (`report.signals`, computed by core/analyze/signals.ts), so the votes page, the API and the
// report show the same evidence. Pure.
import type { Citation, Report } from "../thread/report.js";
import type { Signal } from "./signals.js";

export type EvidenceStrength = "strong" | "some";

export type EvidenceSignal = {
  signal: Signal;
  strength: EvidenceStrength;
  /** One short sentence a reader can check, e.g. "3 people report it here, 2 linked issues with the same error". */
  reason: string;
  citations: Citation[];
};

/**
 * The analysis's signals, without their counts. A report stored before the analysis computed signals
 * has none: it shows vote counts only until it is refreshed (a refresh analyses the thread again).
 */
export function evidenceSignals(report: Report): EvidenceSignal[] {
  return (report.signals ?? []).map(({ signal, strength, reason, citations }) => ({
    signal,
    strength,
    reason,
    citations,
  }));
}
