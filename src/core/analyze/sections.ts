// The five sections, composed only from facts in the thread and its links. Every statement cites
// the thread, a comment, a linked thread or a commit from the input; where nothing is known the
// statement says so and cites the thread itself. Quotes are the thread's own words.
import { formatRef } from "../refs/parse-ref.js";
import type { Sections } from "../thread/report.js";
import { readFindings } from "./findings.js";
import { similarIssues } from "./related.js";
import type { Ctx, SectionInput } from "./section-context.js";
import { example, guidance } from "./section-guidance.js";
import { notes } from "./section-notes.js";
import { recommendation } from "./section-recommendation.js";
import { tldr } from "./section-tldr.js";
import { day, errorGist } from "./text.js";

export type { SectionInput } from "./section-context.js";

export function buildSections(input: SectionInput): Sections {
  const findings = readFindings(input.thread);
  const worked = findings.findings
    .filter((f) => f.kind === "worked")
    .sort(
      (a, b) =>
        Number(b.voice.maintainer) - Number(a.voice.maintainer) ||
        b.voice.plusOnes - a.voice.plusOnes ||
        a.voice.order - b.voice.order,
    );
  const ctx: Ctx = {
    ...input,
    findings,
    // A pull request's linked issues are what it fixes, not similar reports.
    similar:
      input.thread.kind === "pull"
        ? []
        : similarIssues(input.thread, input.links, input.error ? errorGist(input.error.message) : null).filter(
            (l) => !l.relations.includes("duplicate-of"),
          ),
    duplicateOf: input.links.filter((l) => l.depth === 1 && l.relations.includes("duplicate-of")),
    worked,
    threadCite: { label: formatRef(input.thread.ref), url: input.thread.url },
    asOf: day(input.fetchedAt),
  };
  return {
    tldr: tldr(ctx),
    guidance: guidance(ctx),
    example: example(ctx),
    notes: notes(ctx),
    recommendation: recommendation(ctx),
  };
}
