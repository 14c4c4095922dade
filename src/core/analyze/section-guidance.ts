// Guidance (ordered steps, strongest evidence first) and the Example (working code quoted from
// the thread).
import type { Sections, Statement } from "../thread/report.js";
import {
  byKind,
  type Ctx,
  capitalise,
  closingCommitCites,
  linkCite,
  MAX_CITED_LINKS,
  MAX_MAINTAINER,
  MAX_NEGATIVE,
  MAX_TEMPORARY,
  MAX_WORKED,
  more,
  pullCite,
  refs,
  voiceCite,
  who,
} from "./section-context.js";
import { clip, day, quote } from "./text.js";

export function guidance(c: Ctx): Statement[] {
  const { thread, fix, findings } = c;
  const out: Statement[] = [];
  const merged = fix.pulls.filter((p) => p.merged);
  const proposals = fix.pulls.filter((p) => !p.merged);

  if (thread.kind === "pull") {
    out.push({ text: fix.summary, citations: [c.threadCite] });
    for (const l of c.links.filter((x) => x.depth === 1 && x.relations.includes("closes"))) {
      const title = l.title ? ` (${quote(l.title, 100)})` : "";
      const verb = thread.pull?.merged
        ? "It closed"
        : thread.state === "open"
          ? "It would close"
          : "It would have closed";
      out.push({ text: `${verb} ${l.ref}${title}.`, citations: [linkCite(l)] });
    }
  } else if (merged.length > 0) {
    for (const p of merged) {
      const text = p.releasedIn
        ? `Upgrade to ${p.releasedIn} or later: it contains ${p.ref}, which fixed this${p.mergedAt ? ` (merged ${day(p.mergedAt)})` : ""}.`
        : `Use a build that includes ${p.ref}, which fixed this${p.mergedAt ? ` (merged ${day(p.mergedAt)})` : ""}; no release containing it is known to this report.`;
      out.push({ text, citations: [pullCite(p)] });
    }
  } else if (fix.status === "fixed") {
    out.push({ text: `${fix.summary} Use a build that contains that commit.`, citations: closingCommitCites(c) });
  }
  if (thread.kind === "issue") {
    for (const p of proposals) {
      const text =
        p.state === "closed"
          ? `${p.ref} proposed a fix but was closed without merging, so it does not fix this.`
          : `${p.ref} would close this issue but is not merged${p.state === "open" ? " yet" : " (its state is unknown)"}; follow it for progress.`;
      out.push({ text, citations: [pullCite(p)] });
    }
  }
  for (const l of c.duplicateOf) {
    const title = l.title ? ` (${quote(l.title, 100)})` : "";
    out.push({
      text: `This is marked as a duplicate of ${l.ref}${title}; follow that issue instead.`,
      citations: [linkCite(l)],
    });
  }
  if (merged.length === 0 && fix.status !== "fixed" && c.worked.length === 0 && thread.kind === "issue") {
    out.unshift({ text: "No workaround or fix has been reported in this thread.", citations: [c.threadCite] });
  }
  for (const f of c.worked.slice(0, MAX_WORKED)) {
    const votes = f.voice.plusOnes > 0 ? ` (👍 ${f.voice.plusOnes})` : "";
    out.push({
      text: `Reported to work by ${who(f.voice)}${votes}: ${quote(f.text)}`,
      citations: [voiceCite(f.voice, thread)],
    });
  }
  for (const f of byKind(findings, "temporary").slice(0, MAX_TEMPORARY)) {
    out.push({
      text: `Helped only for a while, per ${who(f.voice)}: ${quote(f.text)}`,
      citations: [voiceCite(f.voice, thread)],
    });
  }
  for (const f of byKind(findings, "did-not-help").slice(0, MAX_NEGATIVE)) {
    out.push({ text: `Did not help, per ${who(f.voice)}: ${quote(f.text)}`, citations: [voiceCite(f.voice, thread)] });
  }
  for (const t of findings.tried) {
    const items = t.items.slice(0, 8).map((i) => clip(i, 80));
    out.push({
      text: `Already tried by ${who(t.voice)} without solving it: ${items.join("; ")}.`,
      citations: [voiceCite(t.voice, thread)],
    });
  }
  for (const f of byKind(findings, "maintainer").slice(0, MAX_MAINTAINER)) {
    out.push({ text: `${capitalise(who(f.voice))} wrote: ${quote(f.text)}`, citations: [voiceCite(f.voice, thread)] });
  }
  if (c.similar.length > 0) {
    out.push({
      text: `Follow the linked reports of a similar problem for updates: ${refs(c.similar)}${more(c.similar)}.`,
      citations: c.similar.slice(0, MAX_CITED_LINKS).map(linkCite),
    });
  }
  if (out.length === 0) {
    out.push({ text: "The thread reports no steps that were tried, worked or failed.", citations: [c.threadCite] });
  }
  return out;
}

export function example(c: Ctx): Sections["example"] {
  const pick = [...c.findings.examples].sort(
    (a, b) =>
      Number(b.voice.maintainer) - Number(a.voice.maintainer) ||
      b.voice.plusOnes - a.voice.plusOnes ||
      a.voice.order - b.voice.order,
  )[0];
  if (!pick) return null;
  return {
    code: pick.code,
    language: pick.language,
    citations: [voiceCite(pick.voice, c.thread)],
    caption: `Quoted from ${who(pick.voice)}, who wrote: ${quote(pick.cue, 160)}`,
  };
}
