// The five sections, composed only from facts in the thread and its links. Every statement cites
// the thread, a comment, a linked thread, a pull request, a release or a commit from the input;
// where nothing is known the statement says so and cites the thread itself. Quotes are the
// thread's own words.
import { formatRef } from "../refs/parse-ref.js";
import { day } from "../text/format.js";
import type { Sections } from "../thread/report.js";
import { readThread } from "./reading.js";
import type { Ctx, Reading, SectionInput } from "./section-context.js";
import { example, guidance } from "./section-guidance.js";
import { notes } from "./section-notes.js";
import { recommendation } from "./section-recommendation.js";
import { tldr } from "./section-tldr.js";

export type { SectionInput } from "./section-context.js";

export function sectionContext(input: SectionInput, reading: Reading): Ctx {
  return {
    ...input,
    ...reading,
    threadCite: { label: formatRef(input.thread.ref), url: input.thread.url },
    asOf: day(reading.snapshot.at),
    lookedUp: new Set(input.releases?.keys() ?? []),
  };
}

export function buildSections(input: SectionInput, reading: Reading = readThread(input)): Sections {
  const ctx = sectionContext(input, reading);
  return {
    tldr: tldr(ctx),
    guidance: guidance(ctx),
    example: example(ctx),
    notes: notes(ctx),
    recommendation: recommendation(ctx),
  };
}
