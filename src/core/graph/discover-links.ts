import { type FoundReference, findReferences } from "../refs/find-references.js";
import { refKey, sameRef, threadUrl } from "../refs/parse-ref.js";
import type { CommitRef, Evidence, Link, Relation } from "../thread/link.js";
import type { IssueRef, Thread, TimelineEvent } from "../thread/types.js";
import { CommitCollector, LinkCollector } from "./link-collector.js";

export type Discovery = { links: Link[]; commits: CommitRef[] };

type TextSource = { where: "body" | "comment" | "review"; url: string; actor: string | null; at: string };

/**
 * Every issue and pull request the thread links to, and every commit it names, from its body, its
 * comments and review bodies, its timeline and `closedByPulls`. Pure: reads only the thread.
 * One Link per target (self-references dropped), relations strongest first.
 */
export function discoverLinks(thread: Thread): Discovery {
  const links = new LinkCollector(thread.movedFrom ? [thread.ref, thread.movedFrom] : [thread.ref]);
  const commits = new CommitCollector();
  const context = { host: thread.ref.host, owner: thread.ref.owner, repo: thread.ref.repo };

  const fromText = (markdown: string, source: TextSource): void => {
    for (const found of findReferences(markdown, context)) {
      links.add(found.target, textRelations(thread, found, source.where), {
        source: source.where === "review" ? "timeline" : source.where,
        url: source.url,
        event: source.where === "review" ? "reviewed" : null,
        actor: source.actor,
        at: source.at,
        excerpt: found.excerpt,
      });
    }
  };

  fromText(thread.body, { where: "body", url: thread.url, actor: thread.author?.login ?? null, at: thread.createdAt });
  for (const c of thread.comments) {
    fromText(c.body, { where: "comment", url: c.url, actor: c.author?.login ?? null, at: c.createdAt });
  }
  fromTimeline(thread, links, commits, fromText);
  for (const pull of thread.closedByPulls) {
    links.add(pull, ["closed-by"], {
      source: "pull",
      url: threadUrl(pull, "pull"),
      event: null,
      actor: null,
      at: null,
      excerpt: null,
    });
  }
  return { links: links.toLinks(), commits: commits.toCommits() };
}

/**
 * What a reference in text says, from the reported thread's side. GitHub honours closing keywords
 * only in a pull request's description, so "Fixes #N" elsewhere (an issue, a comment) is a mention;
 * "Fixed by #N" / "#N closed this" on an issue is a person stating what closed it.
 */
function textRelations(thread: Thread, found: FoundReference, where: TextSource["where"]): Relation[] {
  switch (found.kind) {
    case "closing":
      return thread.kind === "pull" && where === "body" ? ["closes"] : ["mentions"];
    case "fixed-by":
      return thread.kind === "issue" ? ["closed-by"] : ["mentions"];
    case "duplicate":
      return ["duplicate-of"];
    case "mention":
      return ["mentions"];
  }
}

type EventOf<T extends TimelineEvent["type"]> = Extract<TimelineEvent, { type: T }>;

function fromTimeline(
  thread: Thread,
  links: LinkCollector,
  commits: CommitCollector,
  fromText: (markdown: string, source: TextSource) => void,
): void {
  const at = (e: TimelineEvent, event: string, url = thread.url, excerpt: string | null = null): Evidence => ({
    source: "timeline",
    url,
    event,
    actor: e.actor,
    at: e.createdAt,
    excerpt,
  });
  // Development links and duplicate marks can be undone: only the last word per target counts.
  const connected = new Latest<EventOf<"connected" | "disconnected">>();
  const duplicates = new Latest<EventOf<"marked_as_duplicate" | "unmarked_as_duplicate">>();

  for (const e of thread.events) {
    switch (e.type) {
      case "cross-referenced": {
        // willCloseTarget is GraphQL-only (null over REST); a closing reference only closes issues.
        const closes = e.willCloseTarget === true && thread.kind === "issue";
        const relations: Relation[] = closes ? ["closed-by", "mentioned-by"] : ["mentioned-by"];
        links.add(e.source.ref, relations, at(e, "cross-referenced", e.source.url));
        break;
      }
      case "connected":
      case "disconnected":
        if (e.subject) connected.note(e.subject, e);
        break;
      case "marked_as_duplicate":
      case "unmarked_as_duplicate":
        if (e.canonical) duplicates.note(e.canonical, e);
        break;
      case "closed":
        if (e.closer?.kind === "pull") links.add(e.closer.ref, ["closed-by"], at(e, "closed"));
        if (e.closer?.kind === "commit") commits.add(e.closer.sha, e.closer.url, at(e, "closed"));
        break;
      case "referenced":
        commits.add(e.commitSha, e.commitUrl, at(e, "referenced"));
        break;
      case "reviewed":
        if (e.body) fromText(e.body, { where: "review", url: thread.url, actor: e.actor, at: e.createdAt });
        break;
      default:
        break;
    }
  }

  // A Development link joins an issue and a pull request; the pull closes the issue when merged.
  const viaDevelopment: Relation[] = ["connected", thread.kind === "issue" ? "closed-by" : "closes"];
  for (const { ref, events } of connected.standing("connected")) {
    for (const e of events) links.add(ref, viaDevelopment, at(e, "connected"));
  }
  // A mark whose canonical is this thread names no other thread (the type carries no `duplicate`).
  for (const { ref, events } of duplicates.standing("marked_as_duplicate")) {
    if (sameRef(ref, thread.ref)) continue;
    for (const e of events) links.add(ref, ["duplicate-of"], at(e, "marked_as_duplicate"));
  }
}

/** Per target, the events since the last undo; a target whose last event is the undo has none. */
class Latest<E extends { type: string }> {
  private readonly byTarget = new Map<string, { ref: IssueRef; events: E[] }>();

  note(ref: IssueRef, event: E): void {
    const key = refKey(ref);
    const entry = this.byTarget.get(key) ?? { ref, events: [] };
    entry.events.push(event);
    this.byTarget.set(key, entry);
  }

  standing(doType: E["type"]): { ref: IssueRef; events: E[] }[] {
    const out: { ref: IssueRef; events: E[] }[] = [];
    for (const { ref, events } of this.byTarget.values()) {
      let since: E[] = [];
      for (const e of events) since = e.type === doType ? [...since, e] : [];
      if (since.length > 0) out.push({ ref, events: since });
    }
    return out;
  }
}
