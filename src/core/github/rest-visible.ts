import type { Thread, TimelineEvent } from "../thread/types.js";

/**
 * The thread as REST could have told it: nulls exactly what only GraphQL knows (connected
 * subject, duplicate canonical, a closing pull request, willCloseTarget, closedByPulls, and a
 * transfer's origin repository, which REST's transferred event does not carry either).
 * A closed event whose closer is a merged pull becomes what REST shows for it: the pull's merge
 * commit (REST puts it in commit_id/commit_url). restVisible(graphqlThread) deep-equals the REST
 * thread of the same issue.
 */
export function restVisible(thread: Thread): Thread {
  return { ...thread, closedByPulls: [], events: thread.events.map(restVisibleEvent) };
}

function restVisibleEvent(e: TimelineEvent): TimelineEvent {
  switch (e.type) {
    case "cross-referenced":
      return { ...e, willCloseTarget: null };
    case "connected":
    case "disconnected":
      return { ...e, subject: null };
    case "marked_as_duplicate":
    case "unmarked_as_duplicate":
      return { ...e, canonical: null };
    case "closed": {
      if (e.closer?.kind !== "pull") return e;
      const { ref, mergeCommitSha: sha } = e.closer;
      const url = `https://${ref.host}/${ref.owner}/${ref.repo}/commit/${sha}`;
      return { ...e, closer: sha ? { kind: "commit", sha, url } : null };
    }
    case "transferred":
      return { ...e, fromRepo: null };
    default:
      return e;
  }
}
