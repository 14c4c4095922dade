// Test mode's ledger of the official-spec check: how many REST replies every stand-in in this
// process checked, and every violation. Kept per process (vitest runs each test file in its own
// module graph), so a setup file can fail the file that provoked a violation, even when the test
// itself swallowed the stand-in's 500 or reset the stand-in afterwards.
import type { ValidationFailure } from "./validation.js";

export type SpecAudit = { checked: number; failures: ValidationFailure[] };

const ledger: SpecAudit = { checked: 0, failures: [] };

/** Under vitest (or with STANDIN_VALIDATE=1) a stand-in validates every REST reply unless told not to. */
export const isTestMode = (): boolean => process.env.VITEST !== undefined || process.env.STANDIN_VALIDATE === "1";

export function recordChecked(failure: ValidationFailure | null): void {
  ledger.checked++;
  if (failure) ledger.failures.push(failure);
}

/** What this process's stand-ins have checked so far, and clears the ledger. */
export function takeSpecAudit(): SpecAudit {
  const out = { checked: ledger.checked, failures: [...ledger.failures] };
  ledger.checked = 0;
  ledger.failures.length = 0;
  return out;
}
