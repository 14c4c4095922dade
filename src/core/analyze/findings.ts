// What people in the thread say worked, did not work, helped only for a while or made things worse;
// what they think the cause is; who reports the same problem; what maintainers state; and code they
// offer as a working example. Sentence-level cue phrases, negative cues checked first ("did not
// help" is never read as "helped"). Quoted lines ("> …") are someone else's words and are skipped.
import { REF_TEXT_PATTERN } from "../refs/names.js";
import type { AuthorAssociation, Comment, Thread } from "../thread/types.js";
import { outcomeOf, scoreSentence } from "./cue-engine.js";
import { ANAPHOR, POINTER } from "./findings.rules.js";
import { type CodeBlock, inlineCodeSpans, plainLine, sentences, splitBlocks } from "./markdown-blocks.js";

/** Who said it, and where a citation should point. */
export type Voice = {
  login: string | null;
  association: AuthorAssociation | null;
  isBot: boolean;
  /** OWNER, MEMBER or COLLABORATOR (and not a bot). */
  maintainer: boolean;
  /** The thread's author (in the body or a comment). */
  isAuthor: boolean;
  source: "body" | "comment";
  url: string;
  at: string;
  /** 👍 on the comment (0 for the body, whose reactions are the thread's). */
  plusOnes: number;
  /** Position in the thread: 0 for the body, 1.. for comments. */
  order: number;
};

/**
 * - caveat: a step that had a cost or made things worse ("as soon as I enabled X, credits were deducted");
 * - cause: someone's reading of why it happens ("It looks as if requests are billed to …").
 */
/**
 * - suggested: someone proposes a step nobody has yet said worked ("Can you try `X`?");
 * - conditional: where it does or does not happen ("only with X", "the desktop app still works").
 */
export type FindingKind =
  | "worked"
  | "did-not-help"
  | "temporary"
  | "suggested"
  | "conditional"
  | "maintainer"
  | "caveat"
  | "cause";
export type Finding = { kind: FindingKind; text: string; voice: Voice };
/** Code offered with a step: as working ("worked") or only proposed ("suggested"). */
export type Example = {
  code: string;
  language: string | null;
  voice: Voice;
  cue: string;
  offered: "worked" | "suggested";
};
export type TriedList = { items: string[]; voice: Voice };

export type Findings = {
  findings: Finding[];
  /** Commenters (not the author, not bots) who say they have the same problem; one per login. */
  sameHere: { voice: Voice; text: string }[];
  /** "What I already tried" lists: steps that did not solve it. */
  tried: TriedList[];
  examples: Example[];
};

const MAINTAINERS = new Set<AuthorAssociation>(["OWNER", "MEMBER", "COLLABORATOR"]);

/** A cost or a worse state … */
const WORSE =
  /^\s*(?:even\s+)?worse\b|\bmade\s+(?:it|things|this)\s+(?:even\s+)?worse\b|\bside[- ]effects?\b|\b(?:started|began)\s+(?:being\s+)?(?:deducted|charged|billed|draining)\b|\b(?:got|was|were|am|been)\s+(?:\w+\s+)?(?:charged|billed)\b|\b(?:credits?|balance|money|data)\b[^.]{0,40}\b(?:deducted|drained|lost|wiped)\b/i;
/** … that followed a step someone took. */
const STEP =
  /\b(?:as\s+soon\s+as|after|when|once)\s+(?:I|we)\s+\w+|\bafter\s+\w+ing\b|\b(?:switch(?:ed|ing)|turn(?:ed|ing))\s+on\b|\benabl(?:ed|ing)\b/i;
/** Someone's reading of why it happens. Questions and negations are not readings. */
const CAUSE =
  /\b(?:looks\s+(?:as\s+if|as\s+though|like\s+(?:the|it|requests?|this))|seems\s+(?:as\s+if|like\s+(?:the|it|this)|that|to\s+be)|appears\s+(?:that|to\s+be)|(?:the\s+)?root\s+cause|caused\s+by|I\s+(?:suspect|believe)\s+(?:that\s+)?(?:the|it|this)|my\s+guess\s+is|it\s+turns\s+out|the\s+(?:problem|issue|bug)\s+is\s+that)\b/i;
/** Things a maintainer says about the state of the problem. */
const STATUS_CUE =
  /\b(?:fix(?:ed|es)?|clos(?:ed|es|ing)|releas(?:ed|e)|milestone|duplicate|by\s+design|expected|intended|not\s+a\s+bug|won't\s+fix|wontfix|upstream|reproduc\w*|regression|workaround|candidate|landed|merged|backport\w*|cause[sd]?)\b/i;
/** "Duplicate of #N", "Fixes: <url>": GitHub commands whose meaning the links already carry. */
const LINK_COMMAND = new RegExp(
  String.raw`^(?:duplicate\s+of|fix(?:es|ed)?|close[sd]?|resolve[sd]?)\s*:?\s*(?:#\d+|https?:\/\/\S+|${REF_TEXT_PATTERN})[\s\p{P}\p{Extended_Pictographic}]*$`,
  "iu",
);
const SAME_HERE =
  /\b(?:same\s+(?:here|thing|error|issue|problem|for\s+me|bug)|(?:seeing|getting|having|hitting|experiencing)\s+(?:the\s+)?same|me\s+too|happens\s+to\s+me|also\s+(?:seeing|getting|having|hitting|affected)|(?:I|we)\s+(?:have|had|get|see)\s+the\s+same)\b|^\s*\+1\b/im;
const TRIED_HEADING =
  /^(?:what\s+I(?:'ve|\s+have)?\s+(?:already\s+)?tried|(?:things|steps)\s+(?:I(?:'ve|\s+have)?\s+)?(?:already\s+)?(?:tried|taken)|tried\s+so\s+far|attempted\s+(?:fixes|solutions|workarounds))\b/i;
const WORKAROUND_LABEL = /^(?:[*_]*)(?:temporary\s+)?work-?\s?arounds?(?:[*_]*)\s*:?\s*(?:[*_]*)\s*(.*)$/i;

/** Reads every sentence of the body and comments once (linear in the thread's text). */
export function readFindings(thread: Thread): Findings {
  const out: Findings = { findings: [], sameHere: [], tried: [], examples: [] };
  const authorLogin = thread.author?.login.toLowerCase() ?? null;
  /** Who wrote the body or a comment, and where it stands in the thread. */
  const voiceOf = (
    source: Voice["source"],
    post: Pick<Comment, "author" | "url" | "createdAt">,
    plusOnes: number,
    order: number,
  ): Voice => {
    const login = post.author?.login ?? null;
    const association = post.author?.association ?? null;
    const isBot = post.author?.isBot ?? false;
    return {
      login,
      association,
      isBot,
      maintainer: !isBot && association !== null && MAINTAINERS.has(association),
      isAuthor: login !== null && login.toLowerCase() === authorLogin,
      source,
      url: post.url,
      at: post.createdAt,
      plusOnes,
      order,
    };
  };

  const body = voiceOf("body", thread, 0, 0);
  const bodyText = forCues(thread.body);
  readText(
    bodyText,
    body,
    out,
    sentences(bodyText).filter((x) => x.length <= MAX_SENTENCE),
  );

  const same = new Set<string>();
  thread.comments.forEach((c, i) => {
    const voice = voiceOf("comment", c, c.reactions["+1"], i + 1);
    if (voice.isBot) return; // bot notices ("possible duplicates") are not reports of what worked
    const own = forCues(withoutQuotes(c.body));
    const all = sentences(own).filter((x) => x.length <= MAX_SENTENCE);
    readText(own, voice, out, all);
    const key = voice.login?.toLowerCase();
    if (key && !voice.isAuthor && !same.has(key)) {
      const hit = all.find((s) => SAME_HERE.test(s));
      if (hit) {
        same.add(key);
        out.sameHere.push({ voice, text: hit });
      }
    }
  });
  out.findings = dedupe(out.findings);
  return out;
}

/** A pasted log line in inline code, longer than any command, is not prose. */
const LONG_INLINE_CODE = 100;

function withoutLongInlineCode(line: string): string {
  let out = "";
  let at = 0;
  for (const sp of inlineCodeSpans(line)) {
    if (sp.end - sp.start < LONG_INLINE_CODE) continue;
    out += `${line.slice(at, sp.start)}…`;
    at = sp.end;
  }
  return out + line.slice(at);
}
/** A template section saying what should happen states no outcome. */
const EXPECTED_HEADING = /^\s*(?:#{1,6}\s*|\*\*)\s*expected\s+(?:behaviou?r|result|outcome)\b/i;

/** The text the cues read: no long inline logs, no "Expected behavior" section. */
function forCues(markdown: string): string {
  const lines = markdown.split("\n").map(withoutLongInlineCode);
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (/^\s*(?:#{1,6}\s|\*\*[^*]+\*\*\s*:?\s*$)/.test(line)) skipping = EXPECTED_HEADING.test(line);
    if (!skipping) out.push(line);
  }
  return out.join("\n");
}

/** A sentence read both as prose and under a "Work-around:" label is one finding. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.voice.url}\u0000${f.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Longer "sentences" are pasted logs or run-on text, not a statement of what worked; skipping them
 * keeps the cue regexes (many alternatives each) linear in practice on huge comments.
 */
const MAX_SENTENCE = 400;

function readText(markdown: string, voice: Voice, out: Findings, all: string[]): void {
  let positive: string | null = null;
  let proposed: string | null = null;
  // Paragraphs are split once per text, and only when a sentence points back.
  let paras: string[][] | undefined;
  const parasOf = () => (paras ??= paragraphs(markdown));
  for (const s of all) {
    if (WORKAROUND_LABEL.exec(s)?.[1] === "") continue; // a bare "Work-around:" label
    const split = contrastedClauses(s);
    if (split) {
      for (const c of split) out.findings.push({ kind: c.kind, text: c.text, voice });
      positive ??= split.find((c) => c.kind === "worked")?.text ?? null;
      continue;
    }
    const read = classify(s);
    // The reporter does not propose steps to themselves: imperatives in a body are reproduction steps.
    const kind = read === "suggested" && voice.source === "body" ? null : read;
    if (kind) {
      const text = kind === "worked" || kind === "temporary" || kind === "suggested" ? withContext(parasOf, s) : s;
      out.findings.push({ kind, text, voice });
      if (kind === "worked") positive ??= s;
      if (kind === "suggested") proposed ??= s;
    } else if (voice.maintainer && STATUS_CUE.test(s) && !s.endsWith("?") && !LINK_COMMAND.test(s)) {
      out.findings.push({ kind: "maintainer", text: s, voice });
    }
  }
  const label = readSections(markdown, voice, out);
  positive ??= label;
  // Code offered by someone who says it works (or under a "Workaround:" label) is an example;
  // code offered with a proposal is kept as proposed, for a later "that did it" to confirm.
  const cue = positive ?? proposed;
  if (cue) {
    const blocks = splitBlocks(markdown);
    blocks.forEach((b, i) => {
      // A body is a form: its code blocks are versions and logs unless they follow the cue's own paragraph.
      const prev = blocks[i - 1];
      const near =
        voice.source !== "body" || (prev?.kind === "prose" && lastParagraph(prev.lines).includes(cue.slice(0, 40)));
      if (b.kind === "code" && near && isUsableCode(b)) {
        out.examples.push({
          code: b.lines.join("\n").trim(),
          language: b.lang,
          voice,
          cue,
          offered: positive ? "worked" : "suggested",
        });
      }
    });
  }
}

/** The lines after the last blank line or heading: the paragraph that leads into what follows. */
function lastParagraph(lines: readonly string[]): string {
  let from = 0;
  lines.forEach((l, i) => {
    if (!l.trim() || /^\s*#{1,6}\s/.test(l)) from = i + 1;
  });
  return lines.slice(from).map(plainLine).join(" ");
}

/**
 * A sentence that points back ("That got it working for me.", "After removing that entry it
 * builds.") is quoted with what it points at: the sentences before it in its paragraph, else the
 * last sentence of the paragraph before (a line ending in ":" introduces a log, and is skipped).
 */
function withContext(paragraphsOf: () => string[][], sentence: string): string {
  const pointsBack = ANAPHOR.test(sentence) || (POINTER.test(sentence) && scoreSentence(sentence).step < 3);
  if (!pointsBack) return sentence;
  const paras = paragraphsOf();
  for (let p = 0; p < paras.length; p++) {
    const list = paras[p] as string[];
    const i = list.findIndex((x) => x.includes(sentence) || sentence.includes(x));
    if (i < 0) continue;
    let before = list.slice(Math.max(0, i - 2), i).filter((x) => !x.endsWith(":"));
    for (let q = p - 1; before.length === 0 && q >= 0 && q >= p - 2; q--) {
      const prev = (paras[q] as string[]).filter((x) => !x.endsWith(":"));
      if (prev.length > 0) before = prev.slice(-1);
    }
    const joined = [...before, sentence].join(" ");
    return joined.length <= MAX_SENTENCE ? joined : sentence;
  }
  return sentence;
}

/** Prose paragraphs (blank lines and code blocks end one), each as its sentences. */
function paragraphs(markdown: string): string[][] {
  const out: string[][] = [];
  for (const b of splitBlocks(markdown)) {
    if (b.kind === "code") continue;
    let cur: string[] = [];
    for (const raw of [...b.lines, ""]) {
      const line = plainLine(raw);
      if (line) {
        cur.push(line);
        continue;
      }
      // Looser than sentences(): "… from there. pnpm printed this:" is two sentences here.
      if (cur.length > 0) out.push(cur.join(" ").split(/(?<=[.!?])\s+/));
      cur = [];
    }
  }
  return out;
}

/** "but", "however", "whereas" (after a comma or semicolon, or alone) start a contrasting clause. */
const CONTRAST = /\s*[,;]?\s+(?:but|however|whereas|though)\b,?\s*/gi;

/**
 * "`X` didn't change anything, but `Y` sorted it": a failed attempt and a working one in one
 * sentence. Read clause by clause: the clause with the success cue is the step that worked, the
 * failed one a negative result. Null unless the sentence holds both.
 */
function contrastedClauses(sentence: string): { kind: "worked" | "did-not-help"; text: string }[] | null {
  if (outcomeOf(sentence) !== "did-not-help") return null;
  const parts = sentence
    .split(CONTRAST)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length < 2) return null;
  const read = parts.map((text) => ({ text, kind: outcomeOf(text) }));
  if (!read.some((r) => r.kind === "worked") || !read.some((r) => r.kind === "did-not-help")) return null;
  return read.flatMap((r) =>
    r.kind === "worked" || r.kind === "did-not-help" ? [{ kind: r.kind, text: r.text }] : [],
  );
}

/** One sentence: what it reports, or null when it reports none of these. */
export function classify(sentence: string): Exclude<FindingKind, "maintainer"> | null {
  const outcome = outcomeOf(sentence);
  if (outcome === "did-not-help" || outcome === "temporary") return outcome;
  if (WORSE.test(sentence) && STEP.test(sentence)) return "caveat";
  if (/\bno\s+(?:known\s+)?(?:work-?\s?around|fix|solution)\b/i.test(sentence)) return null;
  if (outcome) return outcome;
  if (sentence.trimEnd().endsWith("?")) return null;
  const cause = CAUSE.exec(sentence);
  if (cause && isReading(sentence, cause)) return "cause";
  return null;
}

/**
 * A cause cue that is a reading of why: not negated before it ("It does not look like …"; a
 * negation after it, "… has not been reached", is fine), not a pointer to another report ("looks
 * like the same thing as #12"), not an aside in parentheses ("(part of it caused by …)").
 */
function isReading(sentence: string, cue: RegExpExecArray): boolean {
  const before = sentence.slice(0, cue.index);
  const after = sentence.slice(cue.index + cue[0].length);
  if (/\b(?:not|no|never)\b|n't\b/i.test(before)) return false;
  if (
    /^\s*(?:the\s+)?(?:same|a\s+duplicate)\b/i.test(after) ||
    (/\bthe\s*$/i.test(cue[0]) && /^\s*same\b/i.test(after))
  )
    return false;
  return (before.match(/\(/g)?.length ?? 0) <= (before.match(/\)/g)?.length ?? 0);
}

/** The text without quoted lines ("> …"), which repeat someone else's words. */
export const withoutQuotes = (markdown: string): string =>
  markdown
    .split("\n")
    .filter((l) => !/^\s{0,3}>/.test(l))
    .join("\n");

/**
 * "Work-around:" blocks and "What I tried" lists, read line by line from the prose. Returns the
 * first workaround label line, if any.
 */
function readSections(markdown: string, voice: Voice, out: Findings): string | null {
  let mode: "none" | "workaround" | "tried" = "none";
  let firstLabel: string | null = null;
  let tried: TriedList | null = null;
  for (const b of splitBlocks(markdown)) {
    if (b.kind === "code") continue;
    for (const raw of b.lines) {
      const isHeading = /^\s*#{1,6}\s/.test(raw) || /^\s*\*\*[^*]+\*\*\s*:?\s*$/.test(raw);
      const line = plainLine(raw).replace(/^\*\*|\*\*$/g, "");
      if (isHeading || WORKAROUND_LABEL.test(line)) mode = "none";
      if (TRIED_HEADING.test(line)) {
        mode = "tried";
        tried = { items: [], voice };
        out.tried.push(tried);
        continue;
      }
      const label = WORKAROUND_LABEL.exec(line);
      if (label) {
        mode = "workaround";
        firstLabel ??= line;
        const rest = (label[1] ?? "").trim();
        if (rest) out.findings.push({ kind: "worked", text: rest, voice });
        continue;
      }
      if (isHeading) continue;
      if (line === "") {
        if (mode === "workaround") mode = "none";
        continue;
      }
      if (mode === "tried" && tried && /^\s*(?:[-*+]|\d{1,3}[.)])\s+/.test(raw)) tried.items.push(line);
      if (mode === "workaround" && !out.findings.some((f) => f.text === line && f.voice === voice)) {
        out.findings.push({ kind: "worked", text: line, voice });
      }
    }
  }
  if (tried && tried.items.length === 0) out.tried.pop();
  return firstLabel;
}

/** Code worth quoting: short, and not a log or stack trace (those belong to the error, not the fix). */
function isUsableCode(b: CodeBlock): boolean {
  const text = b.lines.join("\n").trim();
  if (!text || b.lines.length > 40) return false;
  return !/^\s*(?:at\s|Traceback|File ")|\b(?:Error|Exception):|^\s*(?:WARN(?:ING)?|ERROR|ERR!|INFO|DEBUG|TRACE|FATAL)\b/m.test(
    text,
  );
}
