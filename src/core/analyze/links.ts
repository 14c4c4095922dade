import { formatRef, refKey, threadUrl } from "../refs/parse-ref.js";
import type { CommitRef, Evidence, LinkedThread, Relation } from "../thread/link.js";
import { relationStrength } from "../thread/link.js";
import type { ReportEvidence, ReportLink } from "../thread/report.js";
import type { ThreadKind } from "../thread/types.js";

const strength = (r: Relation): number => relationStrength.indexOf(r);

export const toReportEvidence = (e: Evidence): ReportEvidence => ({
  source: e.source,
  url: e.url,
  event: e.event,
  actor: e.actor,
  at: e.at,
  excerpt: e.excerpt,
});

/** A link without a summary: a closing link is most likely a pull request, anything else an issue. */
function guessKind(relations: readonly Relation[]): ThreadKind {
  return relations.includes("closed-by") ? "pull" : "issue";
}

/**
 * One ReportLink per target (duplicates in the input are merged), relations strongest first,
 * ordered by strongest relation, then depth, then ref. The url is the summary's, or built from
 * the ref when the summary could not be fetched.
 */
export function toReportLinks(links: readonly LinkedThread[]): ReportLink[] {
  const byKey = new Map<string, { link: LinkedThread; relations: Set<Relation>; evidence: Evidence[] }>();
  for (const link of links) {
    const key = refKey(link.target);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { link, relations: new Set(link.relations), evidence: [...link.evidence] });
      continue;
    }
    for (const r of link.relations) seen.relations.add(r);
    seen.evidence.push(...link.evidence);
    if (!seen.link.summary && link.summary) seen.link = { ...seen.link, summary: link.summary };
    if (link.depth < seen.link.depth) seen.link = { ...seen.link, depth: link.depth };
  }
  const out: ReportLink[] = [];
  for (const { link, relations, evidence } of byKey.values()) {
    const sorted = [...relations].sort((a, b) => strength(a) - strength(b));
    const s = link.summary;
    const type = s?.kind ?? guessKind(sorted);
    out.push({
      ref: formatRef(link.target),
      type,
      relation: sorted[0] ?? "mentions",
      relations: sorted,
      url: s?.url ?? threadUrl(link.target, type),
      title: s?.title ?? null,
      state: s?.state ?? null,
      stateReason: s?.stateReason ?? null,
      merged: type === "pull" && s ? s.merged : null,
      depth: link.depth,
      evidence: dedupeEvidence(evidence).map(toReportEvidence),
    });
  }
  return out.sort(
    (a, b) => strength(a.relation) - strength(b.relation) || a.depth - b.depth || compareRefs(a.ref, b.ref),
  );
}

/** "owner/repo#12" before "owner/repo#100": by repository, then number. */
export function compareRefs(a: string, b: string): number {
  const [ra = "", na = "0"] = a.split("#");
  const [rb = "", nb = "0"] = b.split("#");
  const byRepo = ra.toLowerCase() < rb.toLowerCase() ? -1 : ra.toLowerCase() > rb.toLowerCase() ? 1 : 0;
  return byRepo || Number(na) - Number(nb);
}

function dedupeEvidence(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.source}|${e.url}|${e.event ?? ""}|${e.excerpt ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function toReportCommits(
  commits: readonly CommitRef[],
): { sha: string; url: string | null; evidence: ReportEvidence[] }[] {
  const bySha = new Map<string, { sha: string; url: string | null; evidence: Evidence[] }>();
  for (const c of commits) {
    const seen = bySha.get(c.sha);
    if (seen) {
      seen.url ??= c.url;
      seen.evidence.push(...c.evidence);
    } else bySha.set(c.sha, { sha: c.sha, url: c.url, evidence: [...c.evidence] });
  }
  return [...bySha.values()].map((c) => ({ ...c, evidence: dedupeEvidence(c.evidence).map(toReportEvidence) }));
}
