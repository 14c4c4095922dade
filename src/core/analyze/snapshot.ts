// What "as of" means in a report: the latest activity the data shows (a comment, an event or an
// edit), not the time the report was made. Data served from a store or an archive can be months old;
// "no fix as of <today>" would then claim more than the data knows.
import { formatRef } from "../refs/parse-ref.js";
import type { ReportSnapshot } from "../thread/report.js";
import type { Thread } from "../thread/types.js";

export function snapshotOf(thread: Thread, fetchedAt: string): ReportSnapshot {
  let at = thread.createdAt;
  let citation = { label: formatRef(thread.ref), url: thread.url };
  const later = (t: string) => Date.parse(t) > Date.parse(at);
  if (later(thread.updatedAt)) at = thread.updatedAt;
  for (const e of thread.events) if (later(e.createdAt)) at = e.createdAt;
  for (const c of thread.comments) {
    // A comment at the latest time is the most specific thing to cite.
    if (Date.parse(c.createdAt) >= Date.parse(at)) {
      at = c.createdAt;
      citation = { label: `latest comment, by ${c.author?.login ?? "a deleted user"}`, url: c.url };
    }
  }
  // Nothing the data holds can be later than the fetch.
  if (Date.parse(at) > Date.parse(fetchedAt)) at = fetchedAt;
  return { at, citation };
}
