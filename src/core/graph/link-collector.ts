import { refKey, sameRef } from "../refs/parse-ref.js";
import { type CommitRef, type Evidence, type Link, type Relation, relationStrength } from "../thread/link.js";
import type { IssueRef } from "../thread/types.js";

const strength = (r: Relation) => relationStrength.indexOf(r);
const evidenceKey = (e: Evidence) => JSON.stringify([e.source, e.url, e.event, e.actor, e.at, e.excerpt]);

/** Adds evidence to a list unless an identical entry is already there. */
export function addEvidence(list: Evidence[], evidence: readonly Evidence[]): void {
  const seen = new Set(list.map(evidenceKey));
  for (const e of evidence) {
    const key = evidenceKey(e);
    if (!seen.has(key)) {
      seen.add(key);
      list.push(e);
    }
  }
}

/** Merges relations into a link in place, keeping them unique and strongest first. */
export function addRelations(link: Link, relations: readonly Relation[]): void {
  for (const r of relations) if (!link.relations.includes(r)) link.relations.push(r);
  link.relations.sort((a, b) => strength(a) - strength(b));
}

/** Oldest first; undated evidence (e.g. from closedByPulls) last; ties keep insertion order. */
const byTime = (a: Evidence, b: Evidence) =>
  a.at === b.at ? 0 : a.at === null ? 1 : b.at === null ? -1 : a.at < b.at ? -1 : 1;

/**
 * One Link per target: relations and evidence from every sighting are merged. Refs in `self` (the
 * thread itself, and where it was moved from) are dropped.
 */
export class LinkCollector {
  private readonly links = new Map<string, Link>();

  constructor(private readonly self: readonly IssueRef[]) {}

  add(target: IssueRef, relations: readonly Relation[], evidence: Evidence): void {
    if (relations.length === 0 || this.self.some((s) => sameRef(s, target))) return;
    const key = refKey(target);
    let link = this.links.get(key);
    if (!link) {
      link = { target, relations: [], evidence: [] };
      this.links.set(key, link);
    }
    addRelations(link, relations);
    addEvidence(link.evidence, [evidence]);
  }

  /** Strongest relation first, then by first sighting in time, then in order of discovery. */
  toLinks(): Link[] {
    const links = [...this.links.values()];
    for (const link of links) link.evidence.sort(byTime);
    const first = (l: Link) => l.evidence[0]?.at ?? "\uffff";
    return links.sort(
      (a, b) =>
        strength(a.relations[0] as Relation) - strength(b.relations[0] as Relation) ||
        (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0),
    );
  }
}

/** Commits by SHA (case-insensitive), evidence merged. */
export class CommitCollector {
  private readonly commits = new Map<string, CommitRef>();

  add(sha: string, url: string | null, evidence: Evidence): void {
    const key = sha.toLowerCase();
    let commit = this.commits.get(key);
    if (!commit) {
      commit = { sha, url, evidence: [] };
      this.commits.set(key, commit);
    }
    commit.url ??= url;
    addEvidence(commit.evidence, [evidence]);
  }

  addAll(commits: readonly CommitRef[]): void {
    for (const c of commits) for (const e of c.evidence) this.add(c.sha, c.url, e);
  }

  toCommits(): CommitRef[] {
    return [...this.commits.values()];
  }
}
