// The citations every section builds, one builder per kind of source. Import as a namespace
// (`import * as cite from "./cite.js"`): cite.pull(p), cite.voice(v, thread), cite.dedupe(cites).
import type { Citation, FixPull, ReportLink } from "../thread/report.js";
import type { Thread } from "../thread/types.js";
import type { Voice } from "./findings.js";
import { type Ctx, kindWord, uniqueBy } from "./section-context.js";
import type { RankedWorkaround } from "./workarounds.js";

/** Citation of a release page: https://host/owner/repo/releases/tag/TAG. */
export function release(p: FixPull, host: string): Citation | null {
  if (!p.releasedIn) return null;
  const repo = p.ref.split("#")[0];
  return {
    label: `release ${p.releasedIn}`,
    url: `https://${host}/${repo}/releases/tag/${encodeURIComponent(p.releasedIn)}`,
  };
}

/** "the last activity on 2026-04-09" with its citation. */
export const asOf = (c: Ctx): Citation => c.snapshot.citation;

export function voice(v: Voice, t: Thread): Citation {
  if (v.source === "body") return { label: `${kindWord(t)} body`, url: v.url };
  return { label: `comment by ${v.login ?? "a deleted user"}`, url: v.url };
}

export const link = (l: ReportLink): Citation => ({ label: l.ref, url: l.url });

export const pull = (p: FixPull): Citation => ({ label: p.ref, url: p.url });

/** The comment (or body) a workaround was reported in. */
export const workaround = (w: RankedWorkaround, t: Thread): Citation => voice(w.finding.voice, t);

export function closingCommits(c: Ctx): Citation[] {
  const out: Citation[] = [];
  for (const commit of c.commits) {
    if (commit.url && commit.evidence.some((e) => e.event === "closed")) {
      out.push({ label: `commit ${commit.sha.slice(0, 7)}`, url: commit.url });
    }
  }
  return out.length > 0 ? out : [c.threadCite];
}

export const dedupe = (cites: Citation[]): Citation[] => uniqueBy(cites, (c) => c.url);
