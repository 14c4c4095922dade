import type { TimelineCount } from "../thread/report.js";
import { reactionTotal, type Thread, type TimelineEvent } from "../thread/types.js";

export type Stats = { comments: number; participants: number; timelineEvents: number; reactions: number };

/**
 * GitHub-style counts. Participants are the distinct logins (case-insensitive, bots included) of the
 * author, the commenters and the actors of timeline events. Reactions are the issue's own reaction
 * total, as the issue header shows it; reactions on comments are not added in.
 */
export function computeStats(thread: Thread): Stats {
  const people = new Set<string>();
  const add = (login: string | null | undefined) => {
    if (login) people.add(login.toLowerCase());
  };
  add(thread.author?.login);
  for (const c of thread.comments) add(c.author?.login);
  for (const e of thread.events) add(e.actor);
  return {
    comments: thread.comments.length,
    participants: people.size,
    timelineEvents: thread.comments.length + thread.events.length,
    reactions: reactionTotal(thread.reactions),
  };
}

/** GitHub's name for an event: "other" events keep theirs. */
export const eventName = (e: TimelineEvent): string => (e.type === "other" ? e.name : e.type);

/** Timeline event types by count, highest first, ties by name; comments count as "commented". */
export function timelineTop(thread: Thread): TimelineCount[] {
  const counts = new Map<string, number>();
  if (thread.comments.length > 0) counts.set("commented", thread.comments.length);
  for (const e of thread.events) {
    const name = eventName(e);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}
