// Guidance (ordered steps, strongest evidence first) and the Example (the command, config or code
// reported to work, quoted from the thread). Strength: a released fix, a merged fix, workarounds by
// independent confirmations, a proposed fix, maintainer statements; then what had a cost, what did
// not help, and where to follow the problem.

import { clip, day, endSentence, list, plural } from "../text/format.js";
import type { Citation, Sections, Statement } from "../thread/report.js";
import {
  asOfCite,
  byKind,
  type Ctx,
  capitalise,
  closingCommitCites,
  dedupeCitations,
  linkCite,
  MAX_CITED_LINKS,
  MAX_MAINTAINER,
  MAX_NEGATIVE,
  MAX_TEMPORARY,
  MAX_WORKED,
  more,
  pullCite,
  refs,
  releaseCite,
  voiceCite,
  who,
  workaroundCite,
} from "./section-context.js";
import { releaseOnRecord } from "./section-facts.js";
import { regressionCites } from "./section-tldr.js";
import { quote, quoteExact } from "./text.js";
import type { RankedWorkaround } from "./workarounds.js";

export function guidance(c: Ctx): Statement[] {
  const { thread, fix, findings } = c;
  const out: Statement[] = [];
  const merged = fix.pulls.filter((p) => p.merged);
  const proposals = fix.pulls.filter((p) => !p.merged);

  if (thread.kind === "pull") {
    out.push({ text: fix.summary, citations: [c.threadCite] });
    for (const l of c.links.filter((x) => x.depth === 1 && x.relations.includes("closes"))) {
      const title = l.title ? ` (${quoteExact(l.title, 100)})` : "";
      const verb = thread.pull?.merged
        ? "It closed"
        : thread.state === "open"
          ? "It would close"
          : "It would have closed";
      out.push({ text: `${verb} ${l.ref}${title}.`, citations: [linkCite(l)] });
    }
  } else if (merged.length > 0) {
    for (const p of merged) {
      const when = p.mergedAt ? ` (merged ${day(p.mergedAt)})` : "";
      const release = releaseCite(p, thread.ref.host);
      if (p.releasedIn) {
        const on = p.releasedAt ? `, released ${day(p.releasedAt)}` : "";
        out.push({
          text: `Upgrade to ${p.releasedIn} or later${on}: it contains ${p.ref}, which fixed this${when}.`,
          citations: release ? [pullCite(p), release] : [pullCite(p)],
        });
      } else if (c.lookedUp.has(p.ref)) {
        out.push({
          text: `${p.ref} fixed this${when}, but no release containing it was found as of ${c.asOf}: use a build that includes it.`,
          citations: [pullCite(p)],
        });
      } else {
        out.push({
          text: `Use a build that includes ${p.ref}, which fixed this${when}; no release containing it is known to this report.`,
          citations: [pullCite(p)],
        });
      }
    }
    if (c.regression) {
      const r = c.regression;
      const by = [
        ...r.comments.map((x) => `${x.login} (${day(x.at)})`),
        ...r.issues.map((x) => `${x.ref} (${day(x.at)})`),
      ];
      out.push({
        text: `Possible regression: reported again after ${r.after.what} by ${list(by.slice(0, 6))}; check those reports before relying on the fix.`,
        citations: regressionCites(c),
      });
    }
  } else if (fix.status === "fixed") {
    out.push({ text: `${fix.summary} Use a build that contains that commit.`, citations: closingCommitCites(c) });
  }
  const worked = c.workarounds.filter((w) => w.kind === "worked");
  const released = releaseOnRecord(c);
  if (released && merged.length === 0 && thread.kind === "issue") {
    out.push({
      text: endSentence(
        `Upgrade to ${released.version} or later: ${who(released.voice)} wrote ${quote(released.text)}`,
      ),
      citations: [voiceCite(released.voice, thread)],
    });
  }
  if (merged.length === 0 && fix.status !== "fixed" && worked.length === 0 && !released && thread.kind === "issue") {
    const others = c.workarounds.some((w) => w.kind === "suggested" || w.kind === "conditional");
    out.unshift({
      text: others
        ? `No fix, and nothing reported to work, as of the last activity on ${c.asOf}; what was proposed or observed follows.`
        : `No workaround or fix has been reported in this thread as of the last activity on ${c.asOf}.`,
      citations: [asOfCite(c)],
    });
  }
  for (const w of worked.slice(0, MAX_WORKED)) out.push(workaroundStep(w, c));
  for (const w of c.workarounds.filter((x) => x.kind === "suggested").slice(0, MAX_WORKED)) {
    out.push({
      text: endSentence(`Proposed by ${who(w.finding.voice)}, not yet confirmed to work: ${quote(w.text)}`),
      citations: [workaroundCite(w, thread)],
    });
  }
  for (const w of c.workarounds.filter((x) => x.kind === "conditional").slice(0, MAX_WORKED)) {
    out.push({
      text: endSentence(`Where it does or does not happen, per ${who(w.finding.voice)}: ${quote(w.text)}`),
      citations: [workaroundCite(w, thread)],
    });
  }
  out.push(...storedLeads(c));
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
    const title = l.title ? ` (${quoteExact(l.title, 100)})` : "";
    out.push({
      text: `This is marked as a duplicate of ${l.ref}${title}; follow that issue instead.`,
      citations: [linkCite(l)],
    });
  }
  for (const w of c.workarounds.filter((x) => x.kind === "temporary").slice(0, MAX_TEMPORARY)) {
    out.push({
      text: endSentence(`Helped only for a while, per ${who(w.finding.voice)}: ${quote(w.text)}`),
      citations: [workaroundCite(w, thread)],
    });
  }
  for (const f of byKind(findings, "maintainer").slice(0, MAX_MAINTAINER)) {
    out.push({
      text: endSentence(`${capitalise(who(f.voice))} wrote: ${quote(f.text)}`),
      citations: [voiceCite(f.voice, thread)],
    });
  }
  for (const f of byKind(findings, "caveat").slice(0, MAX_NEGATIVE)) {
    out.push({
      text: endSentence(`Caution, per ${who(f.voice)}: ${quote(f.text)}`),
      citations: [voiceCite(f.voice, thread)],
    });
  }
  for (const f of byKind(findings, "did-not-help").slice(0, MAX_NEGATIVE)) {
    out.push({
      text: endSentence(`Did not help, per ${who(f.voice)}: ${quote(f.text)}`),
      citations: [voiceCite(f.voice, thread)],
    });
  }
  for (const t of findings.tried) {
    const items = t.items.slice(0, 8).map((i) => clip(i, 80));
    out.push({
      text: `Already tried by ${who(t.voice)} without solving it: ${items.join("; ")}.`,
      citations: [voiceCite(t.voice, thread)],
    });
  }
  out.push(...follow(c));
  if (out.length === 0) {
    out.push({ text: "The thread reports no steps that were tried, worked or failed.", citations: [c.threadCite] });
  }
  return out;
}

function workaroundStep(w: RankedWorkaround, c: Ctx): Statement {
  const people = w.confirmedBy.map((x) => x.login);
  const thumbs = w.confirmations - w.confirmedBy.length;
  const support: string[] = [];
  if (people.length > 0)
    support.push(
      `confirmed by ${list(people.slice(0, 5))}${people.length > 5 ? ` and ${people.length - 5} more` : ""}`,
    );
  if (thumbs > 0) support.push(`👍 ${thumbs}`);
  const against =
    w.contradictedBy.length > 0
      ? `; ${list(w.contradictedBy.map((x) => x.login))} said it did not help ${w.contradictedBy.length === 1 ? "them" : "them"}`
      : "";
  const head =
    w.confirmations > 0
      ? `Workaround reported by ${who(w.finding.voice)} (${support.join(", ")})`
      : `Reported to work by ${who(w.finding.voice)} (not yet confirmed by others)`;
  const cites: Citation[] = [
    workaroundCite(w, c.thread),
    ...w.confirmedBy.map((x) => ({ label: `confirmation by ${x.login}`, url: x.url })),
    ...w.contradictedBy.map((x) => ({ label: `comment by ${x.login}`, url: x.url })),
  ];
  return { text: endSentence(`${head}: ${quote(w.text)}${against}`), citations: dedupeCitations(cites).slice(0, 8) };
}

/**
 * Stored issues with the same error that were fixed or closed: where a cause or fix may already be
 * known. Only when this thread has neither.
 */
function storedLeads(c: Ctx): Statement[] {
  // A lead must carry a fix or a workaround: "closed as completed" alone points at nothing to apply.
  const leads = (c.sameError?.fixedOrWorkaround ?? []).filter((f) => !/^closed as completed$/i.test(f.how.trim()));
  if (c.thread.kind !== "issue" || c.fix.status === "fixed" || leads.length === 0) return [];
  const shown = leads.slice(0, 3);
  const host = c.thread.ref.host;
  const cites = shown.flatMap((f) => {
    const [repo, n] = f.ref.split("#");
    return repo && n ? [{ label: f.ref, url: `https://${host}/${repo}/issues/${n}` }] : [];
  });
  const items = shown.map((f) => `${f.ref} (${quoteExact(f.title, 120)}: ${f.how})`);
  return [
    {
      text: `Check the stored ${leads.length === 1 ? "issue" : "issues"} with the same error that ${leads.length === 1 ? "has" : "have"} a fix or workaround on record, in case ${leads.length === 1 ? "it applies" : "one applies"}: ${list(items)}.`,
      citations: cites.length > 0 ? cites : [c.threadCite],
    },
  ];
}

/** Where to follow the problem: open same-error issues first, then similar ones. */
function follow(c: Ctx): Statement[] {
  const out: Statement[] = [];
  const same = c.cluster.map((x) => x.link);
  const open = same.filter((l) => l.state === "open");
  if (same.length > 0) {
    const which = open.length > 0 ? open : same;
    const state = open.length > 0 ? (open.length === 1 ? "the open one" : "the open ones") : "all closed";
    out.push({
      text: `Follow the linked issues with the same ${c.error ? "error" : "problem"} for a fix (${state}: ${refs(which)}${more(which)}).`,
      citations: which.slice(0, MAX_CITED_LINKS).map(linkCite),
    });
  }
  if (c.similar.length > 0) {
    out.push({
      text: `Linked reports of a similar problem (${plural(c.similar.length, "issue")}): ${refs(c.similar)}${more(c.similar)}.`,
      citations: c.similar.slice(0, MAX_CITED_LINKS).map(linkCite),
    });
  }
  return out;
}

export function example(c: Ctx): Sections["example"] {
  // The best-supported workaround's own code first; otherwise any code offered as working.
  // A bare version ("0.7.5") is no example to copy; the workaround's words already name it.
  const top = c.workarounds.find(
    (w) => w.kind === "worked" && w.code !== null && !/^v?\d+(?:\.\d+)*$/.test(w.code.trim()),
  );
  if (top?.code) {
    const ex = c.findings.examples.find((e) => e.voice.url === top.url && e.code === top.code);
    const support = top.confirmations > 0 ? `, confirmed by ${plural(top.confirmations, "person", "people")},` : "";
    return {
      code: top.code,
      language: ex?.language ?? null,
      citations: [
        workaroundCite(top, c.thread),
        ...top.confirmedBy.map((x) => ({ label: `confirmation by ${x.login}`, url: x.url })),
      ],
      caption: `Quoted from ${who(top.finding.voice)}${support} who wrote: ${quote(ex?.cue ?? top.text, 160)}`,
    };
  }
  const pick = c.findings.examples
    .filter((e) => e.offered === "worked")
    .sort(
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
