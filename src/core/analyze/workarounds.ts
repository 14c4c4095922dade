// Reported workarounds ranked by independent confirmations: 👍 on the comment, later commenters who
// say it worked for them, and later commenters who quote it approvingly. A later "did not help" that
// points at it (quote, @mention, the same command, or a short reply right after it) is kept as a
// contradiction, never as support. One entry per comment: people confirm comments, not sentences.
import type { ReportWorkaround } from "../thread/report.js";
import type { Comment, Thread } from "../thread/types.js";
import { scoreSentence, strengthOf } from "./cue-engine.js";
import type { Finding, Findings } from "./findings.js";
import { withoutQuotes } from "./findings.js";
import { inlineCodeSpans, splitBlocks } from "./markdown-blocks.js";

export type RankedWorkaround = ReportWorkaround & {
  /** The strongest sentence of the comment, as read by findings.ts. */
  finding: Finding;
  maintainer: boolean;
  order: number;
};

/** "worked for me too", "can confirm", "same fix worked": a confirmation of someone else's report. */
const CONFIRM =
  /\b(?:work(?:s|ed)|help(?:s|ed)|fixe[sd]\s+it|did\s+the\s+trick)\s+(?:for\s+(?:me|us)\s+)?(?:too|as\s+well|also)\b|\bcan\s+confirm\b|\bconfirm(?:ed)?\s+(?:that\s+)?(?:this|it|the\s+(?:workaround|fix))\s+(?:works|worked|helps)\b|\b(?:same|this|that|your)\s+(?:fix|workaround|trick|solution)\s+(?:works|worked|helped)\b|\b(?:thanks|thank\s+you)\b[^.!?]{0,60}\b(?:works|worked|fixed|solved|helped)\b/i;
/** "Thanks, that was it.", "Perfect, thanks!", "Glad you got it working.": thanks or relief, naming nothing. */
const ACK =
  /^(?:(?:ok(?:ay)?|yes|yep|yeah|wow|great|perfect|awesome|excellent|nice|brilliant|amazing)[\s,!.]+)?(?:thanks|thank\s+you|thx|cheers)?(?:\s+(?:so\s+much|a\s+lot|again))?[\s,!.]*$|^glad\s+(?:you\s+got\s+it\s+working|(?:it'?s|it\s+is)\s+working|to\s+hear)\b/i;

/**
 * A short reply that names no step (no command, flag, version or action): an acknowledgement.
 * It is never a workaround itself; it confirms the comment it answers.
 */
function isAcknowledgement(body: string): boolean {
  const own = withoutQuotes(body).trim();
  if (own.length === 0 || own.length > SHORT || codeOf(own).length > 0) return false;
  return scoreSentence(own).step === 0;
}

/** "also didn't work for me": a contradiction of someone else's report. */
const CONTRADICT_SHORT = /\bfor\s+(?:me|us)\b|\beither\b|\bnot\s+for\s+me\b/i;
const SHORT = 300;

type Stance = "positive" | "negative" | null;

/** Whether a comment, read by findings.ts, reports success or failure (neither, or both: null). */
function stanceOf(findings: Findings): (c: Comment) => Stance {
  const pos = new Set<string>();
  const neg = new Set<string>();
  for (const f of findings.findings) {
    if (f.kind === "did-not-help") neg.add(f.voice.url);
    else if (f.kind === "worked") pos.add(f.voice.url);
  }
  return (c) => {
    const own = withoutQuotes(c.body).trim();
    const p = pos.has(c.url) || CONFIRM.test(own) || (ACK.test(own) && isAcknowledgement(c.body));
    const n = neg.has(c.url);
    return p === n ? null : p ? "positive" : "negative";
  };
}

const norm = (s: string): string => s.replace(/[*_`]/g, "").replace(/\s+/g, " ").trim().toLowerCase();

/** Quoted lines of a comment, each long enough to identify what it quotes. */
function quotedLines(body: string): string[] {
  return body
    .split("\n")
    .filter((l) => /^\s{0,3}>/.test(l))
    .map((l) => norm(l.replace(/^\s{0,3}(?:>\s?)+/, "")))
    .filter((l) => l.length >= 12);
}

/** Inline code spans and fenced blocks of a text, trimmed. */
export function codeOf(markdown: string): string[] {
  const out: string[] = [];
  for (const b of splitBlocks(markdown)) {
    if (b.kind === "code") {
      const text = b.lines.join("\n").trim();
      if (text) out.push(text);
      continue;
    }
    for (const line of b.lines) {
      for (const sp of inlineCodeSpans(line)) {
        const t = line.slice(sp.start, sp.end).trim();
        if (t.length >= 3) out.push(t);
      }
    }
  }
  return out;
}

const VERSION_ONLY = /^[v=@^~]?\d+(?:\.[\w-]+)+$/;

/**
 * The first inline code of a sentence, with the version a later span gives it ("pinning `pkg` to
 * `1.2.3`" is `pkg 1.2.3`: the package alone is not the step).
 */
function inlineStep(text: string): string | null {
  const spans = [...text.matchAll(/`([^`]+)`/g)].map((m) => (m[1] as string).trim());
  const first = spans.findIndex((x) => x.length >= 3 && !VERSION_ONLY.test(x));
  if (first < 0) return spans.find((x) => x.length >= 3) ?? null;
  const head = spans[first] as string;
  const version = spans.slice(first + 1).find((x) => VERSION_ONLY.test(x));
  return version && !/\d+\.\d+/.test(head) ? `${head} ${version}` : head;
}

/** Within one comment the strongest reading speaks for it; across comments, the strongest kind ranks first. */
const KIND_RANK: Record<ReportWorkaround["kind"], number> = { worked: 0, temporary: 1, suggested: 2, conditional: 3 };
const CANDIDATE: ReadonlySet<Finding["kind"]> = new Set(["worked", "temporary", "suggested", "conditional"]);

export function rankWorkarounds(thread: Thread, findings: Findings): RankedWorkaround[] {
  const byUrl = new Map<string, RankedWorkaround>();
  // 👍 on a comment that reports a failed attempt agree with the failure, not with a proposal beside it.
  const failedIn = new Set(findings.findings.filter((f) => f.kind === "did-not-help").map((f) => f.voice.url));
  const acks = new Set(thread.comments.filter((c) => isAcknowledgement(c.body)).map((c) => c.url));
  for (const f of findings.findings) {
    if (!CANDIDATE.has(f.kind)) continue;
    const kind = f.kind as ReportWorkaround["kind"];
    // "Thanks, that was it." names no step: it confirms the comment it answers (attachReplies).
    if ((kind === "worked" || kind === "temporary") && acks.has(f.voice.url)) continue;
    const seen = byUrl.get(f.voice.url);
    if (seen && KIND_RANK[seen.kind] < KIND_RANK[kind]) continue;
    if (seen && seen.kind === kind && strengthOf(seen.finding.text) >= strengthOf(f.text)) continue;
    const example =
      findings.examples.find((e) => e.voice.url === f.voice.url && e.offered === "worked") ??
      findings.examples.find((e) => e.voice.url === f.voice.url);
    const inline = inlineStep(f.text);
    byUrl.set(f.voice.url, {
      text: f.text,
      author: f.voice.login,
      url: f.voice.url,
      code: kind === "conditional" ? inline : (example?.code ?? inline),
      confirmations:
        failedIn.has(f.voice.url) && (kind === "suggested" || kind === "conditional") ? 0 : f.voice.plusOnes,
      confirmedBy: [],
      contradictedBy: [],
      kind,
      finding: f,
      maintainer: f.voice.maintainer,
      order: f.voice.order,
    });
  }
  const list = [...byUrl.values()].sort((a, b) => a.order - b.order);
  // A comment that only confirms an earlier workaround is not a workaround of its own.
  const repliesOnly = list.length > 0 ? attachReplies(thread, list, stanceOf(findings)) : new Set<string>();
  return list
    .filter((w) => !repliesOnly.has(w.url))
    .map((w) => {
      const confirmations = w.confirmations + w.confirmedBy.length;
      // A proposal someone else then says worked is a workaround that worked, unless as many say it failed.
      const kind = w.kind === "suggested" && w.confirmedBy.length > w.contradictedBy.length ? "worked" : w.kind;
      return { ...w, confirmations, kind };
    })
    .sort(
      (a, b) =>
        KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
        b.confirmations - a.confirmations ||
        Number(b.maintainer) - Number(a.maintainer) ||
        a.order - b.order,
    );
}

/** How far back a quote is looked for: replies quote recent comments, and this keeps huge threads linear. */
const QUOTE_WINDOW = 50;

/**
 * Reads every later comment once and credits the workaround it answers. Linear in the thread: the
 * workarounds seen so far are indexed by author and by code, and quotes are matched against a
 * bounded window of recent workarounds.
 */
function attachReplies(thread: Thread, list: RankedWorkaround[], stance: (c: Comment) => Stance): Set<string> {
  const bodies = new Map(thread.comments.map((c) => [c.url, c.body]));
  bodies.set(thread.url, thread.body);
  const normBody = new Map<string, string>();
  const bodyOf = (w: RankedWorkaround) => {
    let b = normBody.get(w.url);
    if (b === undefined) {
      b = norm(bodies.get(w.url) ?? w.text);
      normBody.set(w.url, b);
    }
    return b;
  };
  // Replies that only confirm are not candidates for later replies ("me too" answers the workaround).
  const repliesOnly = new Set<string>();
  const seen: RankedWorkaround[] = [];
  const byAuthor = new Map<string, RankedWorkaround>();
  const byCode = new Map<string, RankedWorkaround>();
  let next = 0;
  thread.comments.forEach((c, i) => {
    const order = i + 1;
    while (next < list.length && (list[next] as RankedWorkaround).order < order) {
      const w = list[next++] as RankedWorkaround;
      seen.push(w);
      if (w.author) byAuthor.set(w.author.toLowerCase(), w);
      if (w.code) byCode.set(norm(w.code), w);
    }
    const login = c.author?.login;
    if (!login || c.author?.isBot || seen.length === 0) return;
    const key = login.toLowerCase();
    const eligible = (w: RankedWorkaround | undefined): w is RankedWorkaround =>
      w !== undefined && w.kind !== "conditional" && !repliesOnly.has(w.url) && w.author?.toLowerCase() !== key;
    const s = stance(c);
    if (!s) return;
    const target = referenced(c, seen, eligible, bodyOf, byAuthor, byCode) ?? unreferenced(c, seen, eligible, s, order);
    if (!target) return;
    if (s === "positive") {
      const own = withoutQuotes(c.body).trim();
      if (own.length <= SHORT && codeOf(own).length === 0) repliesOnly.add(c.url);
      if (target.w.confirmedBy.some((x) => x.login.toLowerCase() === key)) return;
      target.w.confirmedBy.push({ login, url: c.url, how: target.quoted ? "quoted-it" : "said-it-worked" });
    } else if (!target.w.contradictedBy.some((x) => x.login.toLowerCase() === key)) {
      target.w.contradictedBy.push({ login, url: c.url });
    }
  });
  return repliesOnly;
}

type Target = { w: RankedWorkaround; quoted: boolean } | null;

/** The latest earlier workaround the comment quotes, @mentions or repeats the command of. */
function referenced(
  c: Comment,
  seen: readonly RankedWorkaround[],
  eligible: (w: RankedWorkaround | undefined) => w is RankedWorkaround,
  bodyOf: (w: RankedWorkaround) => string,
  byAuthor: ReadonlyMap<string, RankedWorkaround>,
  byCode: ReadonlyMap<string, RankedWorkaround>,
): Target {
  const quotes = quotedLines(c.body);
  if (quotes.length > 0) {
    for (let k = seen.length - 1; k >= Math.max(0, seen.length - QUOTE_WINDOW); k--) {
      const w = seen[k];
      if (eligible(w) && quotes.some((q) => bodyOf(w).includes(q))) return { w, quoted: true };
    }
  }
  for (const m of c.body.matchAll(/(?<![\w@])@([a-z\d](?:[a-z\d-]{0,38}))/gi)) {
    const w = byAuthor.get((m[1] as string).toLowerCase());
    if (eligible(w)) return { w, quoted: false };
  }
  for (const code of codeOf(withoutQuotes(c.body))) {
    const w = byCode.get(norm(code));
    if (eligible(w)) return { w, quoted: false };
  }
  return null;
}

/**
 * A short reply that names nothing answers the workaround just before it: "This worked for me too!"
 * or "Didn't work for me either." Longer comments without a reference are reports of their own.
 */
function unreferenced(
  c: Comment,
  seen: readonly RankedWorkaround[],
  eligible: (w: RankedWorkaround | undefined) => w is RankedWorkaround,
  s: Exclude<Stance, null>,
  order: number,
): Target {
  const text = withoutQuotes(c.body).trim();
  if (text.length > SHORT) return null;
  let last: RankedWorkaround | undefined;
  for (let k = seen.length - 1; k >= 0 && !last; k--) if (eligible(seen[k])) last = seen[k];
  if (!last) return null;
  if (s === "positive") {
    if (CONFIRM.test(text) || isAcknowledgement(text)) return { w: last, quoted: false };
    // "That did it." right after a proposal answers that proposal.
    return last.kind === "suggested" && last.order === order - 1 ? { w: last, quoted: false } : null;
  }
  // A contradiction must come right after the workaround it answers; a proposal is answered by any
  // failure reply right after it ("Did that twice, no luck").
  if (last.order !== order - 1) return null;
  return CONTRADICT_SHORT.test(text) || last.kind === "suggested" ? { w: last, quoted: false } : null;
}

/** The public shape: without the reading internals. */
export function toReportWorkaround(w: RankedWorkaround): ReportWorkaround {
  return {
    text: w.text,
    author: w.author,
    url: w.url,
    code: w.code,
    confirmations: w.confirmations,
    confirmedBy: w.confirmedBy,
    contradictedBy: w.contradictedBy,
    kind: w.kind,
  };
}
