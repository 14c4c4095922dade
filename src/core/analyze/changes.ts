// What changed since the previous report of the same thread: new comments, state and title, labels,
// lock, links and their states, the fix and its release, the error, the stored same-error count and
// the workarounds. Pure: two reports in, a list of cited statements out. A field the previous
// report did not have yet (stored before it existed) is not compared, so nothing is called new
// only because an older report could not know it.

import { day, list, plural } from "../text/format.js";
import type { Citation, Report, ReportChange, ReportChanges, ReportLink } from "../thread/report.js";

const MAX_CITES = 8;

export function diffReports(previous: Report, current: Report): ReportChanges {
  const thread: Citation = { label: current.ref, url: current.url };
  const items: ReportChange[] = [];
  const add = (kind: ReportChange["kind"], text: string, citations: Citation[]) =>
    items.push({ kind, text, citations: citations.length > 0 ? citations.slice(0, MAX_CITES) : [thread] });

  const newComments = current.stats.comments - previous.stats.comments;
  if (newComments > 0) {
    add(
      "comments",
      `${plural(newComments, "new comment")} (${current.stats.comments} in all).`,
      newCommentCites(previous, current),
    );
  } else if (newComments < 0) {
    add("comments", `${plural(-newComments, "comment")} fewer than before (deleted or hidden).`, [thread]);
  }
  if (previous.state !== current.state || previous.stateReason !== current.stateReason) {
    add("state", `State changed from ${stateText(previous)} to ${stateText(current)}.`, [thread]);
  }
  if (previous.title !== current.title)
    add("title", `Renamed from "${previous.title}" to "${current.title}".`, [thread]);
  const added = current.labels.filter((l) => !previous.labels.includes(l));
  const removed = previous.labels.filter((l) => !current.labels.includes(l));
  if (added.length + removed.length > 0) {
    const parts = [];
    if (added.length > 0) parts.push(`added ${list(added.map((l) => `"${l}"`))}`);
    if (removed.length > 0) parts.push(`removed ${list(removed.map((l) => `"${l}"`))}`);
    add("labels", `Labels: ${parts.join("; ")}.`, [thread]);
  }
  if (previous.locked !== current.locked) {
    add("locked", current.locked ? "The conversation was locked." : "The conversation was unlocked.", [thread]);
  }
  linkChanges(previous, current, add);
  fixChanges(previous, current, add, thread);
  if (previous.errorMessage !== current.errorMessage && current.errorMessage) {
    add("error", previous.errorMessage ? "The extracted error message changed." : "An error message is now found.", [
      thread,
    ]);
  }
  const before = previous.sameError?.count;
  const after = current.sameError?.count;
  if (before !== undefined && after !== undefined && before !== after) {
    add("same-error", `Stored issues with the same error: ${before} → ${after}.`, [thread]);
  }
  workaroundChanges(previous, current, add);
  return { sinceFetchedAt: previous.meta.fetchedAt, sinceGeneratedAt: previous.meta.generatedAt, items };
}

type Add = (kind: ReportChange["kind"], text: string, citations: Citation[]) => void;

function stateText(r: Report): string {
  return r.state === "closed" && r.stateReason ? `closed (${r.stateReason.replace(/_/g, " ")})` : r.state;
}

/** Comments cited now and not before: the new comments the analysis found worth citing. */
function newCommentCites(previous: Report, current: Report): Citation[] {
  const cited = (r: Report) => {
    const s = r.sections;
    return [
      ...s.tldr,
      ...s.guidance,
      ...s.notes,
      s.recommendation,
      ...(s.example ? [{ text: "", citations: s.example.citations }] : []),
    ].flatMap((x) => x.citations);
  };
  const before = new Set(cited(previous).map((c) => c.url));
  const out = new Map<string, Citation>();
  for (const c of cited(current)) if (c.url.includes("#issuecomment-") && !before.has(c.url)) out.set(c.url, c);
  if (current.snapshot && !before.has(current.snapshot.citation.url) && current.snapshot.citation.url.includes("#")) {
    out.set(current.snapshot.citation.url, current.snapshot.citation);
  }
  return [...out.values()];
}

function linkChanges(previous: Report, current: Report, add: Add): void {
  const old = new Map(previous.links.map((l) => [l.ref.toLowerCase(), l]));
  const now = new Map(current.links.map((l) => [l.ref.toLowerCase(), l]));
  const fresh = current.links.filter((l) => !old.has(l.ref.toLowerCase()));
  if (fresh.length > 0) {
    add(
      "links",
      `${plural(fresh.length, "new link")}: ${list(fresh.slice(0, MAX_CITES).map((l) => `${l.ref} (${l.relation})`))}${fresh.length > MAX_CITES ? ` and ${fresh.length - MAX_CITES} more` : ""}.`,
      fresh.map(cite),
    );
  }
  const gone = previous.links.filter((l) => !now.has(l.ref.toLowerCase()));
  if (gone.length > 0) {
    add("links", `No longer linked: ${list(gone.slice(0, MAX_CITES).map((l) => l.ref))}.`, gone.map(cite));
  }
  for (const l of current.links) {
    const p = old.get(l.ref.toLowerCase());
    if (!p || p.state === null || l.state === null) continue;
    if (p.merged !== true && l.merged === true) add("link-state", `${l.ref} was merged.`, [cite(l)]);
    else if (p.state !== l.state || p.stateReason !== l.stateReason) {
      add("link-state", `${l.ref} is now ${linkState(l)} (was ${linkState(p)}).`, [cite(l)]);
    }
  }
}

const cite = (l: ReportLink): Citation => ({ label: l.ref, url: l.url });
const linkState = (l: ReportLink): string =>
  l.state === "closed" && l.stateReason ? `closed (${l.stateReason.replace(/_/g, " ")})` : (l.state ?? "unknown");

function fixChanges(previous: Report, current: Report, add: Add, thread: Citation): void {
  const pulls = current.fix.pulls.map((p) => ({ label: p.ref, url: p.url }));
  if (previous.fix.status !== current.fix.status) {
    add(
      "fix",
      `Fix status changed from ${previous.fix.status} to ${current.fix.status}: ${current.fix.summary}`,
      pulls.length > 0 ? pulls : [thread],
    );
  }
  const before = new Map(previous.fix.pulls.map((p) => [p.ref.toLowerCase(), p]));
  for (const p of current.fix.pulls) {
    const old = before.get(p.ref.toLowerCase());
    if (p.releasedIn && old?.releasedIn !== p.releasedIn) {
      const on = p.releasedAt ? ` on ${day(p.releasedAt)}` : "";
      add("release", `${p.ref} was released in ${p.releasedIn}${on}.`, [{ label: p.ref, url: p.url }]);
    } else if (p.merged && !old?.merged && previous.fix.status === current.fix.status) {
      add("fix", `${p.ref} was merged.`, [{ label: p.ref, url: p.url }]);
    }
  }
}

function workaroundChanges(previous: Report, current: Report, add: Add): void {
  if (!previous.workarounds || !current.workarounds) return;
  const before = new Map(previous.workarounds.map((w) => [w.url, w]));
  // Only steps reported to work (or to help for a while) are "new workarounds"; proposals and conditions are not.
  const fresh = current.workarounds.filter(
    (w) => !before.has(w.url) && (w.kind === "worked" || w.kind === "temporary"),
  );
  if (fresh.length > 0) {
    add(
      "workarounds",
      `${plural(fresh.length, "new workaround")} reported: ${list(fresh.slice(0, 3).map((w) => `"${w.text.slice(0, 100)}" (${w.author ?? "a deleted user"})`))}.`,
      fresh.map((w) => ({ label: `comment by ${w.author ?? "a deleted user"}`, url: w.url })),
    );
  }
  for (const w of current.workarounds) {
    const old = before.get(w.url);
    if (old && w.confirmations > old.confirmations) {
      add(
        "workarounds",
        `The workaround by ${w.author ?? "a deleted user"} has ${plural(w.confirmations, "confirmation")} (was ${old.confirmations}).`,
        [{ label: `comment by ${w.author ?? "a deleted user"}`, url: w.url }],
      );
    }
  }
}
