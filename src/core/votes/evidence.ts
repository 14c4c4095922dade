// Evidence-based signals: what the report itself says about each quick signal, shown beside the
// vote counts. Pure. The analysis now computes `report.signals` (preferred); the keyword rules
// here cover reports stored before it did.
import type { Citation, Report, Statement } from "../thread/report.js";
import type { Signal } from "./signals.js";

export type EvidenceStrength = "strong" | "some";

export type EvidenceSignal = {
  signal: Signal;
  strength: EvidenceStrength;
  /** One short sentence a reader can check, e.g. "3 duplicates and 4 issues with the same error". */
  reason: string;
  citations: Citation[];
};

export type EvidenceContext = {
  /** Issues in the store that report the same error (from the similar use-case); 0 when unknown. */
  sameErrorCount: number;
};

const BLOCKING =
  /\b(cannot|can't|can not|unable to) (use|work|log ?in|start|open|run)\b|\blocked out\b|\bunusable\b|\bblock(s|ed|ing) (me|us|our|all|every)\b|\bevery (single )?(command|request|call) fails\b|\bstop using\b|\bcompletely broken\b/i;
const FLAKY =
  /\b(sometimes|intermittent(ly)?|randomly|occasionally|sporadic(ally)?|flaky|now and then|from time to time)\b/i;
const REPRO =
  /\b(steps to reproduce|reproduction steps|to reproduce|repro steps|minimal (repro|reproduction)|reproducible (example|case)|how to reproduce)\b/i;
const CONFIRMED_LABELS = /^(confirmed|verified|reproducible|has[- ]repro|repro|bug: confirmed|status: confirmed)$/i;
const CONFIRMED_TEXT = /\b(i can reproduce|can confirm|confirmed (this|the bug|it)|reproduced (it|this|the issue))\b/i;

/**
 * The analysis's own signals (`report.signals`) when the report has them; reports made before the
 * analysis computed signals get the simple keyword-based ones below.
 */
export function evidenceSignals(report: Report, context: EvidenceContext): EvidenceSignal[] {
  if (Array.isArray(report.signals)) {
    return report.signals.map(({ signal, strength, reason, citations }) => ({ signal, strength, reason, citations }));
  }
  return keywordSignals(report, context);
}

/** Simple evidence from the report's text and links, for reports without `signals`. */
export function keywordSignals(report: Report, context: EvidenceContext): EvidenceSignal[] {
  const out: EvidenceSignal[] = [];
  const statements = allStatements(report);
  const bodyCite: Citation = { label: "issue body", url: report.url };

  // Common Issue: duplicates pointing here, and other issues reporting the same error.
  const duplicates = report.links.filter((l) => l.relations.includes("duplicated-by"));
  const common = duplicates.length + context.sameErrorCount;
  if (common > 0) {
    const parts: string[] = [];
    if (duplicates.length > 0) parts.push(plural(duplicates.length, "duplicate"));
    if (context.sameErrorCount > 0) parts.push(`${plural(context.sameErrorCount, "issue")} with the same error`);
    out.push({
      signal: "common-issue",
      strength: common >= 3 ? "strong" : "some",
      reason: `${parts.join(" and ")}; ${plural(report.stats.participants, "participant")}`,
      citations: duplicates.slice(0, 3).map((l) => ({ label: l.ref, url: l.url })),
    });
  }

  // Verified / Reproducible: reproduction steps, a maintainer's label or words, or a merged fix.
  const verified = firstMatch(report, statements, CONFIRMED_TEXT);
  const confirmedLabel = report.labels.find((l) => CONFIRMED_LABELS.test(l.trim()));
  if (report.fix.status === "fixed") {
    const pull = report.fix.pulls.find((p) => p.merged);
    out.push({
      signal: "verified",
      strength: "strong",
      reason: "a merged pull request fixed it",
      citations: pull ? [{ label: pull.ref, url: pull.url }] : [],
    });
  } else if (confirmedLabel) {
    out.push({ signal: "verified", strength: "strong", reason: `labelled "${confirmedLabel}"`, citations: [bodyCite] });
  } else if (verified) {
    out.push({ signal: "verified", strength: "some", reason: "someone confirmed reproducing it", citations: verified });
  } else if (REPRO.test(report.body)) {
    out.push({
      signal: "verified",
      strength: "some",
      reason: "the report has reproduction steps",
      citations: [bodyCite],
    });
  }

  const blocking = firstMatch(report, statements, BLOCKING);
  if (blocking) {
    out.push({ signal: "blocking", strength: "some", reason: "reported as stopping all use", citations: blocking });
  }

  const flaky = firstMatch(report, statements, FLAKY);
  if (flaky) {
    out.push({ signal: "flaky", strength: "some", reason: "described as intermittent", citations: flaky });
  }

  // Works / Easy Fix: a released fix, or a quoted workaround (a single command is an easy fix).
  const example = report.sections.example;
  if (report.fix.status === "fixed") {
    const released = report.fix.pulls.find((p) => p.releasedIn);
    out.push({
      signal: "works",
      strength: "strong",
      reason: released ? `fixed in ${released.releasedIn}` : "fix merged",
      citations: report.fix.pulls.filter((p) => p.merged).map((p) => ({ label: p.ref, url: p.url })),
    });
  } else if (example && example.citations.length > 0) {
    out.push({
      signal: "works",
      strength: "some",
      reason: "a workaround is quoted in the thread",
      citations: example.citations,
    });
  }
  if (example && example.citations.length > 0 && isSingleCommand(example.code)) {
    out.push({
      signal: "easy-fix",
      strength: "some",
      reason: "the workaround is a single command",
      citations: example.citations,
    });
  }
  return out;
}

function allStatements(report: Report): Statement[] {
  const s = report.sections;
  return [...s.tldr, ...s.guidance, ...s.notes, s.recommendation];
}

/** Citations of the first place (body, then analysis statements) whose text matches. */
function firstMatch(report: Report, statements: Statement[], re: RegExp): Citation[] | null {
  if (re.test(report.title) || re.test(report.body)) return [{ label: "issue body", url: report.url }];
  const hit = statements.find((st) => re.test(st.text) && st.citations.length > 0);
  return hit ? hit.citations : null;
}

/** One non-empty line that is not a comment: `npm i -g pkg@1.2.3`, `export FOO=1`. */
export function isSingleCommand(code: string): boolean {
  const lines = code
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#") && !l.startsWith("//"));
  return lines.length === 1 && (lines[0]?.length ?? 0) <= 200;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
