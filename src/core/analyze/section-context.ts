// What every section builder shares: the reading of the thread, citations and wording helpers.

import { day, list } from "../text/format.js";
import type {
  Citation,
  FixPull,
  ReportCategory,
  ReportEnvironment,
  ReportLink,
  ReportSnapshot,
  SameErrorPart,
} from "../thread/report.js";
import type { Thread } from "../thread/types.js";
import type { ReporterEnv } from "./environment-compare.js";
import type { ThreadError } from "./extract-error.js";
import type { Finding, Findings, Voice } from "./findings.js";
import type { Fix, Releases, ReportCommit } from "./fix-status.js";
import type { Regression } from "./regression.js";
import type { SameErrorLink } from "./related.js";
import type { RankedWorkaround } from "./workarounds.js";

export type SectionInput = {
  thread: Thread;
  links: readonly ReportLink[];
  commits: readonly ReportCommit[];
  fix: Fix;
  error: ThreadError | null;
  fetchedAt: string;
  /** Other stored issues with the same error, when the report is made with a store. */
  sameError?: SameErrorPart | null | undefined;
  /** Release lookups made (a key with null: looked up, none found). */
  releases?: Releases | undefined;
};

/** What the whole analysis read from the thread, shared by the sections and the signals. */
export type Reading = {
  findings: Findings;
  workarounds: RankedWorkaround[];
  /** Linked issues that report the same error (or are marked as duplicates of this one). */
  cluster: SameErrorLink[];
  /** Linked issues that only look similar (shared title words). */
  similar: ReportLink[];
  duplicateOf: ReportLink[];
  envs: ReporterEnv[];
  environment: ReportEnvironment;
  snapshot: ReportSnapshot;
  regression: Regression | null;
  category: ReportCategory;
};

/** Labels that qualify the report itself; the TL;DR names them. */
export const CAVEAT_LABEL =
  /invalid|wont-?fix|won't fix|duplicate|stale|needs?[\s:-]*(?:more[\s-]*)?info|more info|question|upstream|by[\s-]*design|as[\s-]*designed|not[\s-]*planned|can(?:not|'t)[\s-]*reproduce|not[\s-]*a[\s-]*bug|unconfirmed/i;
/** Labels worth a note: they change how far the report can be trusted or what to expect. */
export const NOTABLE_LABEL =
  /invalid|wont-?fix|won't fix|duplicate|stale|needs?[\s:-]*(?:more[\s-]*)?info|more info|question|upstream|by[\s-]*design|as[\s-]*designed|not[\s-]*planned|regression|confirmed|has[\s-]*repro|needs?[\s-]*repro|can(?:not|'t)[\s-]*reproduce|not[\s-]*a[\s-]*bug|help[\s-]*wanted|good[\s-]*first[\s-]*issue|unconfirmed|candidate|important|security/i;

export const MAX_WORKED = 4;
export const MAX_NEGATIVE = 4;
export const MAX_TEMPORARY = 3;
export const MAX_MAINTAINER = 3;
export const MAX_CITED_LINKS = 10;

export type Ctx = SectionInput &
  Reading & {
    threadCite: Citation;
    /** The day of the snapshot (latest activity), for "as of". */
    asOf: string;
    /** Fix pulls whose release was looked up (found or not). */
    lookedUp: ReadonlySet<string>;
  };

/** The people who report the problem in the thread: the author plus same-here commenters. */
export const reporterCount = (c: Ctx): number => (c.thread.kind === "pull" ? 0 : 1 + c.findings.sameHere.length);

export const kindWord = (t: Thread): string => (t.kind === "pull" ? "pull request" : "issue");

/** Whose words: "maintainer bob (MEMBER)", "the reporter", "carol". */
export function who(v: Voice): string {
  if (v.source === "body")
    return v.maintainer && v.login ? `the reporter ${v.login} (${v.association})` : "the reporter";
  const name = v.login ?? "a deleted user";
  if (v.maintainer) return `maintainer ${name} (${v.association})`;
  if (v.isAuthor) return `the reporter (${name})`;
  return name;
}

export function stateLine(t: Thread): string {
  if (t.kind === "pull") {
    if (t.pull?.merged) return "Merged pull request";
    return t.state === "open"
      ? `Open${t.pull?.draft ? " draft" : ""} pull request`
      : "Pull request closed without merging";
  }
  if (t.state === "open") return "Open issue";
  return t.stateReason && t.stateReason !== "reopened" ? `Issue closed ${reasonPhrase(t.stateReason)}` : "Closed issue";
}

/** "as completed", "as not planned", "as a duplicate". */
export function reasonPhrase(reason: string): string {
  if (reason === "duplicate") return "as a duplicate";
  return `as ${reason.replace(/_/g, " ")}`;
}

export const notableLabels = (t: Thread): string[] => t.labels.filter((l) => NOTABLE_LABEL.test(l));
export const refs = (links: readonly ReportLink[]): string => list(links.slice(0, MAX_CITED_LINKS).map((l) => l.ref));
export const more = (links: readonly ReportLink[]): string =>
  links.length > MAX_CITED_LINKS ? ` and ${links.length - MAX_CITED_LINKS} more` : "";

export function mergedPhrase(p: FixPull): string {
  const parts = [p.mergedAt ? `merged ${day(p.mergedAt)}` : "merged"];
  if (p.releasedIn) parts.push(`released in ${p.releasedIn}${p.releasedAt ? ` on ${day(p.releasedAt)}` : ""}`);
  return `${p.ref} (${parts.join(", ")})`;
}

export const byKind = (f: Findings, kind: Finding["kind"]): Finding[] => f.findings.filter((x) => x.kind === kind);

export function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const x of items) {
    const k = key(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}
