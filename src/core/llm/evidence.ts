// The evidence the LLM writer may use, and nothing else: facts of the deterministic report, each
// with an id (E1, E2, …) that maps to the citations it rests on. The model sees only this list; its
// answer is checked against the same list.
import { cut, day } from "../text/format.js";
import type { Citation, Report, Statement } from "../thread/report.js";

export type EvidenceItem = { id: string; text: string; citations: Citation[] };

const MAX_TEXT = 700;
const MAX_LINKS = 15;

export function collectEvidence(report: Report): EvidenceItem[] {
  const items: Omit<EvidenceItem, "id">[] = [];
  const thread: Citation = { label: report.ref, url: report.url };
  const add = (text: string, citations: Citation[]) => {
    if (text.trim() && citations.length > 0)
      items.push({ text: cut(text.replace(/\s+/g, " ").trim(), MAX_TEXT), citations });
  };

  const state =
    report.state === "closed" && report.stateReason
      ? `closed (${report.stateReason.replace(/_/g, " ")})`
      : report.state;
  add(
    `${report.kind === "pull" ? "Pull request" : "Issue"} ${report.ref} "${report.title}", opened ${day(report.createdAt)} by ${report.author ?? "a deleted user"}, is ${state}; labels: ${report.labels.length > 0 ? report.labels.join(", ") : "none"}; ${report.stats.comments} comments, ${report.stats.participants} participants${report.locked ? "; the conversation is locked" : ""}.`,
    [thread],
  );
  if (report.snapshot)
    add(`The latest activity in the data is on ${day(report.snapshot.at)}.`, [report.snapshot.citation]);
  if (report.errorMessage) add(`Error message quoted in the thread: ${report.errorMessage}`, [thread]);
  if (report.category) {
    const reason = report.tags?.find((t) => t.source === "category")?.reason;
    add(`Category: ${report.category}${reason ? ` (${reason})` : ""}.`, [thread]);
  }
  add(
    `Fix status: ${report.fix.status}. ${report.fix.summary}`,
    report.fix.pulls.length > 0 ? report.fix.pulls.map((p) => ({ label: p.ref, url: p.url })) : [thread],
  );
  for (const p of report.fix.pulls) {
    const when = p.merged
      ? `merged${p.mergedAt ? ` on ${day(p.mergedAt)}` : ""}`
      : `not merged (state ${p.state ?? "unknown"})`;
    const release = p.releasedIn
      ? `; first released in ${p.releasedIn}${p.releasedAt ? ` on ${day(p.releasedAt)}` : ""}`
      : "";
    add(`Pull request ${p.ref}${p.title ? ` "${p.title}"` : ""} closes this issue: ${when}${release}.`, [
      { label: p.ref, url: p.url },
    ]);
  }
  const WORKAROUND_WORDS = {
    worked: "Reported to work",
    temporary: "Helped only for a while",
    suggested: "Proposed, not confirmed to work",
    conditional: "Where it does or does not happen",
  } as const;
  for (const w of report.workarounds ?? []) {
    const code = w.code ? ` Code given with it: \`${w.code}\`.` : "";
    const against =
      w.contradictedBy.length > 0 ? ` ${w.contradictedBy.map((x) => x.login).join(", ")} said it did not help.` : "";
    add(
      `${WORKAROUND_WORDS[w.kind]}, by ${w.author ?? "a deleted user"}: "${w.text}" (${w.confirmations} confirmations).${code}${against}`,
      [
        { label: `comment by ${w.author ?? "a deleted user"}`, url: w.url },
        ...w.confirmedBy.map((x) => ({ label: `confirmation by ${x.login}`, url: x.url })),
      ],
    );
  }
  const s = report.sections;
  for (const st of [...s.tldr, ...s.guidance, ...s.notes, s.recommendation] as Statement[]) add(st.text, st.citations);
  if (s.example) add(`Code quoted from the thread (${s.example.caption}): ${s.example.code}`, s.example.citations);
  for (const l of report.links.filter((x) => x.depth === 1).slice(0, MAX_LINKS)) {
    const st = l.state
      ? l.state === "closed" && l.stateReason
        ? `closed (${l.stateReason.replace(/_/g, " ")})`
        : l.state
      : "of unknown state";
    add(
      `Linked ${l.type === "pull" ? "pull request" : "issue"} ${l.ref} (${l.relations.join(", ")}): "${l.title ?? "title unknown"}", ${st}${l.merged ? ", merged" : ""}.`,
      [{ label: l.ref, url: l.url }],
    );
  }
  for (const x of report.signals ?? []) add(`Signal ${x.signal} (${x.strength}): ${x.reason}.`, x.citations);
  return dedupe(items).map((item, i) => ({ id: `E${i + 1}`, ...item }));
}

/** The same text twice (a TL;DR line repeated in Notes) is one item, with both sets of citations. */
function dedupe(items: Omit<EvidenceItem, "id">[]): Omit<EvidenceItem, "id">[] {
  const byText = new Map<string, Omit<EvidenceItem, "id">>();
  for (const it of items) {
    const seen = byText.get(it.text);
    if (!seen) byText.set(it.text, { text: it.text, citations: [...it.citations] });
    else for (const c of it.citations) if (!seen.citations.some((x) => x.url === c.url)) seen.citations.push(c);
  }
  return [...byText.values()];
}
