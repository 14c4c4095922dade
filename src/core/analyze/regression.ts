// Reports that come after the fix shipped: a comment saying it still happens (same here, did not
// help, the error again) or a linked same-error issue that first showed up after the release. Each
// is a possible regression, or a sign the fix did not cover every case; the report says "possible".
import { day } from "../text/format.js";
import type { Citation, FixPull } from "../thread/report.js";
import type { Thread } from "../thread/types.js";
import type { Findings } from "./findings.js";
import type { SameErrorLink } from "./related.js";

export type Regression = {
  /** The release (or the merge, when no release is known) the reports come after. */
  after: { what: string; at: string; cite: Citation };
  comments: { login: string; url: string; at: string }[];
  issues: { ref: string; url: string; at: string }[];
};

const STILL =
  /\bstill\s+(?:happens|occurs|broken|failing|fails|see(?:ing)?|get(?:ting)?|an\s+issue|present|there)\b|\b(?:is\s+)?back\s+(?:again|in)\b|\bregress(?:ed|ion)\b|\bagain\s+(?:in|on|with|after)\s+v?\d/i;

export function regressionAfterFix(
  thread: Thread,
  pulls: readonly FixPull[],
  findings: Findings,
  cluster: readonly SameErrorLink[],
): Regression | null {
  const merged = pulls.filter((p) => p.merged);
  if (merged.length === 0 || thread.kind === "pull") return null;
  // The latest shipped fix is the one later reports contradict.
  const released = merged.filter((p) => p.releasedAt).sort((a, b) => cmp(b.releasedAt, a.releasedAt))[0];
  const landed = merged.filter((p) => p.mergedAt).sort((a, b) => cmp(b.mergedAt, a.mergedAt))[0];
  const after = released?.releasedAt
    ? {
        what: `${released.releasedIn} (released ${day(released.releasedAt)})`,
        at: released.releasedAt,
        cite: { label: released.ref, url: released.url },
      }
    : landed?.mergedAt
      ? { what: `the merge of ${landed.ref}`, at: landed.mergedAt, cite: { label: landed.ref, url: landed.url } }
      : null;
  if (!after) return null;
  const since = Date.parse(after.at);
  const same = new Set(findings.sameHere.map((s) => s.voice.url));
  const failed = new Set(findings.findings.filter((f) => f.kind === "did-not-help").map((f) => f.voice.url));
  const comments: Regression["comments"] = [];
  for (const c of thread.comments) {
    if (c.author?.isBot || Date.parse(c.createdAt) <= since) continue;
    if (same.has(c.url) || failed.has(c.url) || STILL.test(c.body)) {
      comments.push({ login: c.author?.login ?? "a deleted user", url: c.url, at: c.createdAt });
    }
  }
  const issues: Regression["issues"] = [];
  for (const { link } of cluster) {
    // A linked issue is known only by its summary; the earliest time it touched this thread stands in for its date.
    const first = link.evidence
      .map((e) => e.at)
      .filter((x): x is string => x !== null)
      .sort()[0];
    if (first && Date.parse(first) > since) issues.push({ ref: link.ref, url: link.url, at: first });
  }
  return comments.length + issues.length > 0 ? { after, comments, issues } : null;
}

const cmp = (a: string | null, b: string | null): number => Date.parse(a ?? "") - Date.parse(b ?? "");
