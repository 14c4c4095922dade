// Finds the one error message a thread is about. Candidates are the lines of the body (prose,
// fenced blocks, inline code, quoted text), then the title, then the comments; each line is matched
// against the one recogniser table (extract-error.rules.ts) after its log prefix is stripped, and
// stack frames, log-level warnings, progress and retry lines are rejected. A candidate's score is
// its rule's score plus features: code vs prose, the section heading it sits under (### Logs,
// **Output**, * What went wrong:), the words it shares with the title; the best wins, ties going to
// the earliest. Nothing scoring means no error (feature requests, questions, screenshot-only).
import { STOP_WORDS } from "../text/lexicon.js";
import type { Thread } from "../thread/types.js";
import { CLOSERS, cleanProse, clipMessage, closingQuote, withContinuation } from "./error-text.js";
import {
  ERROR_HEADING,
  ERROR_RULES,
  type ErrorKind,
  type ErrorRule,
  HEADING_BONUS,
  JSON_BODY_SCORE,
  JSON_ERROR_BODY,
  JSON_HAS_MESSAGE,
  LOG_PREFIXES,
  REJECTED_LINES,
  TITLE_REQUEST,
  TRACEBACK_SCORE,
  WRAPPER_PENALTY,
  WRAPPER_SUMMARY,
} from "./extract-error.rules.js";
import { type Block, type CodeBlock, inlineCodeSpans, type Span, splitBlocks } from "./markdown-blocks.js";
import { unescapeJson } from "./text.js";

export type ErrorCandidate = {
  text: string;
  kind: ErrorKind;
  score: number;
  /** Line number in the text (0-based) and column where the message starts. */
  line: number;
  column: number;
};

/** What a candidate's features add to (or take from) its rule's score. */
const FEATURE = {
  fencedBonus: 2,
  inlineCodeBonus: 1.5,
  lineStartBonus: 1,
  quotedProseBonus: 0.5,
  sourceLangPenalty: 1.5,
  locationOnlyPenalty: 1,
  oneWordPenalty: 0.5,
  sourceLinePenalty: 3,
  /** Per word shared with the title, up to `titleWordsMax` words. */
  titleWordBonus: 0.25,
  titleWordsMax: 4,
} as const;
const ONE_WORD = /^\s{0,4}[A-Za-z]{1,40}\s*$/;

/** Where the thread's error is taken from: the body, the title or a comment, and how sure it must be. */
const CHOICE = {
  /** Below this a candidate is noise (e.g. an error string inside source code). */
  minScore: 1.5,
  /** How much a title candidate must beat the body's best by. */
  titleHandicap: 1,
  /** A body or title candidate this strong is the thread's error; comments are not read. */
  confident: 3.5,
  /** How much a comment's candidate must beat the body's (or title's) by. */
  commentHandicap: 2.5,
  /** What a title that asks for something must score to count as a report of an error. */
  titleRequestMin: 4,
  /** Shortest comment error taken as the verbatim form of the title's. */
  minVerbatim: 12,
} as const;

/** Longest line examined: recognisers run per line and must stay linear on pasted blobs. */
const MAX_LINE = 4000;

const SOURCE_LANGS = new Set(
  "js javascript ts typescript jsx tsx mjs cjs py python rs rust go java kt kotlin c cpp c++ h hpp cs csharp swift rb ruby php scala dart lua diff patch yaml yml toml html xml css".split(
    " ",
  ),
);
/** A line of source code that merely constructs, throws or logs an error. */
const SOURCE_LINE =
  /\bnew\s+[\w.]{0,80}(?:Error|Exception)\s*\(|\bthrow\s|\braise\s|^\s*except\b|\bcatch\s*\(|\bconsole\.\w+\(|\blog(?:ger)?\.(?:error|warn\w*|fatal)\(|\bprint(?:ln|f)?\(|\bfmt\.\w+\(|\bassert\w*\s*\(/;
/**
 * What may stand before a message that still counts as the start of its line. "->" is not a
 * branch of its own: the class already takes "-" and ">", and two ways to match one text made this
 * exponential ("->" × 30 then "!").
 */
const LINE_START_PREFIX = /^(?:[\s>*_#\-+.)\d$]|=>|\[[ xX]\])*$/;
/** What follows a head when it is only a place: "in ./src/a.js 3:0-70", "at src/main.rs:4:5". */
const LOCATION_ONLY =
  /^\s{0,4}(?:in|at)?\s{0,4}(?=\S{0,300}[/\\])[\w./\\@~-]{1,300}(?::\d{1,6}){0,2}(?:\s{1,4}\d{1,6}:\d{1,6}(?:-\d{1,6})?)?\s*$/;
const CONTENT_START = /^[\s>*_+-]{0,12}(?:\d{1,3}[.)]\s{1,4})?(?:\[[ xX]\]\s{1,4})?(?:\*\*|__)?/;
/** A short label before the message ("Output:", "**Error Messages**:"). */
const LABEL_PREFIX = /^[\s>*_#\-+.)\d]{0,12}[A-Za-z][\w /()-]{0,30}:[\s*_]{0,6}$/;
const TRACEBACK = /^\s*Traceback \(most recent call last\):\s*$/;
const PY_EXCEPTION_LINE = /^[A-Za-z_][\w.]{0,200}(?::\s.*)?$/;
/** A heading line: "### Logs", "**Error Messages/Logs**", "Output:", "* What went wrong:". */
const HEADING_LINE =
  /^\s{0,3}(?:#{1,6}\s+(.{1,80}?)\s*#*\s*$|(?:[-*+]\s+)?\*\*([^*]{1,80})\*\*:?\s*$|(?:[-*+]\s+)?([A-Z][\w /()-]{1,40}):\s*$)/;

/** One line to examine, with what is known about where it stands. */
type Line = {
  text: string;
  /** Fenced block (null in prose). */
  code: CodeBlock | null;
  /** In prose: the whole line is inside a code span that runs over several lines. */
  inSpanBlock: boolean;
  heading: string | null;
  lineNo: number;
  /** Index in the block's lines (for continuations). */
  k: number;
  /** The issue's title: a failure phrase there is the message as a whole. */
  title?: boolean;
};

type Hit = { rule: ErrorRule; start: number; end: number };

/** Every candidate in a Markdown text, best first. `title` adds the title-overlap feature. */
export function findErrorCandidates(markdown: string, title = ""): ErrorCandidate[] {
  const titleWords = wordsOf(title);
  const out: ErrorCandidate[] = [];
  let heading: string | null = null;
  for (const block of splitBlocks(markdown)) {
    if (block.kind === "code") collectCode(block, heading, out);
    else heading = collectProse(block, heading, out);
  }
  for (const c of out) c.score += titleBonus(c.text, titleWords);
  return out
    .filter((c) => c.score >= CHOICE.minScore)
    .sort((a, b) => b.score - a.score || a.line - b.line || a.column - b.column);
}

/** The best error message in a Markdown text, or null when it shows none. */
export function extractError(markdown: string, title = ""): string | null {
  return findErrorCandidates(markdown, title)[0]?.text ?? null;
}

export type ThreadError = {
  message: string;
  url: string;
  source: "body" | "title" | "comment";
  kind: ErrorKind;
};

/**
 * The thread's error: from the body; else from the title (a report that only names its error
 * there); else from the comment with the best candidate (bots rank lower).
 */
export function extractThreadError(
  thread: Pick<Thread, "body" | "url" | "comments"> & { title?: string },
): ThreadError | null {
  const title = thread.title ?? "";
  const fromBody = findErrorCandidates(thread.body, title)[0];
  const fromTitle = titleCandidate(title);
  // The title is a summary: it wins only over a clearly weaker body candidate.
  const own: (ThreadError & { score: number }) | null =
    fromTitle && (!fromBody || fromTitle.score - CHOICE.titleHandicap > fromBody.score)
      ? { message: fromTitle.text, url: thread.url, source: "title", kind: fromTitle.kind, score: fromTitle.score }
      : fromBody
        ? { message: fromBody.text, url: thread.url, source: "body", kind: fromBody.kind, score: fromBody.score }
        : null;
  if (own && own.score >= CHOICE.confident && own.source === "body") return strip(own);
  let best: { c: ErrorCandidate; score: number; url: string } | null = null;
  let verbatim: ThreadError | null = null;
  for (const comment of thread.comments) {
    if (!TRIGGER.test(comment.body)) continue; // most comments of a long thread show no error at all
    const c = findErrorCandidates(comment.body, title)[0];
    if (!c) continue;
    // A title runs on past its error ("X failed: <message> despite …"); a comment that shows the
    // error verbatim, as the title quotes it, gives where it ends.
    if (!verbatim && own?.source === "title" && c.text.length >= CHOICE.minVerbatim && own.message.includes(c.text))
      verbatim = { message: c.text, url: comment.url, source: "comment", kind: c.kind };
    const score = c.score - (comment.author?.isBot ? 1 : 0);
    if (!best || score > best.score) best = { c, score, url: comment.url };
  }
  if (verbatim) return verbatim;
  if (own && own.score >= CHOICE.confident) return strip(own);
  // The report's own words come first; a comment wins only over a much weaker candidate there.
  if (best && (!own || best.score - CHOICE.commentHandicap > own.score))
    return { message: best.c.text, url: best.url, source: "comment", kind: best.c.kind };
  return own ? strip(own) : null;
}

const strip = ({ score: _score, ...error }: ThreadError & { score: number }): ThreadError => error;

/** The title as a candidate: a recognised error in it, or a quoted message that names a failure. */
function titleCandidate(title: string): ErrorCandidate | null {
  const text = title.replace(/^\s*(?:\[[^\]]{1,40}\]\s*|[a-z][\w-]{0,15}(?:\([^)]{0,30}\))?:\s+)*/, "").trim();
  if (!text) return null;
  const quoted = /^["'“`](.{8,300}?)["'”`](?:\s|$)/.exec(text);
  if (quoted && /error|fail|cannot|can't|unable|crash|not found|denied|refused|invalid/i.test(quoted[1] as string))
    return { text: quoted[1] as string, kind: "quoted", score: CHOICE.minScore, line: 0, column: 0 };
  const line: Line = { text, code: null, inSpanBlock: false, heading: null, lineNo: 0, k: 0, title: true };
  const c = candidateOf(line, [text]);
  if (!c || c.score < CHOICE.minScore + FEATURE.lineStartBonus) return null;
  // "Add support for …", "How do I …?": a request or a question, unless it names a typed error.
  return TITLE_REQUEST.test(text) && c.score < CHOICE.titleRequestMin ? null : c;
}

function collectCode(block: CodeBlock, heading: string | null, out: ErrorCandidate[]): void {
  const whole = wholeJsonBlock(block);
  if (whole) out.push(whole);
  const tracebackEnds = tracebackExceptionLines(block.lines);
  let current = heading; // a tool's own section heads ("* What went wrong:") hold inside the block
  block.lines.forEach((raw, k) => {
    const h = HEADING_LINE.exec(raw);
    if (h) current = (h[1] ?? h[2] ?? h[3] ?? "").trim();
    const line: Line = {
      text: cap(raw),
      code: block,
      inSpanBlock: false,
      heading: current,
      lineNo: block.startLine + k,
      k,
    };
    if (tracebackEnds.has(k)) {
      const start = raw.search(/\S/);
      out.push({
        text: clipMessage(raw.trim()),
        kind: "traceback",
        score: TRACEBACK_SCORE + FEATURE.fencedBonus + headingBonus(current),
        line: line.lineNo,
        column: start,
      });
      return;
    }
    const c = candidateOf(line, block.lines);
    if (c) out.push(c);
  });
}

/** Prose lines; returns the heading in force at the end of the block. */
function collectProse(block: Block, heading: string | null, out: ErrorCandidate[]): string | null {
  const spanned = linesInMultilineSpans(block.lines);
  const tracebackEnds = tracebackExceptionLines(block.lines);
  let current = heading;
  block.lines.forEach((raw, k) => {
    const h = HEADING_LINE.exec(raw);
    if (h) current = (h[1] ?? h[2] ?? h[3] ?? "").trim();
    const inSpan = spanned.has(k);
    const line: Line = {
      // The span's own backticks are not part of the log line (blanked, so columns stay put).
      text: cap(inSpan ? raw.replace(/^(\s*)`(?!`)/, "$1 ").replace(/(?<!`)`(\s*)$/, " $1") : raw),
      code: null,
      inSpanBlock: inSpan,
      heading: current,
      lineNo: block.startLine + k,
      k,
    };
    if (tracebackEnds.has(k)) {
      out.push({
        text: clipMessage(raw.trim()),
        kind: "traceback",
        score: TRACEBACK_SCORE + FEATURE.lineStartBonus + headingBonus(current),
        line: line.lineNo,
        column: 0,
      });
      return;
    }
    const c = candidateOf(line, block.lines);
    if (c) out.push(c);
  });
  return current;
}

/** Lines of a paragraph that sit wholly inside an inline code span running over several lines. */
function linesInMultilineSpans(lines: readonly string[]): Set<number> {
  const inside = new Set<number>();
  let openAt = -1;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k] as string;
    if (l.trim() === "") {
      openAt = -1; // a code span never crosses a paragraph break
      continue;
    }
    const ticks = (l.match(/(?<!`)`(?!`)/g) ?? []).length;
    if (ticks === 2 && openAt < 0 && /^\s*`(?!`)[^`]+`\s*$/.test(l)) {
      inside.add(k); // a line that is one code span as a whole: a pasted log line
      continue;
    }
    if (ticks % 2 === 0) {
      if (openAt >= 0) inside.add(k);
      continue;
    }
    if (openAt < 0) openAt = k;
    else {
      for (let j = openAt; j <= k; j++) inside.add(j);
      openAt = -1;
    }
  }
  return inside;
}

/** The exception line that ends each Python traceback (the first unindented line after the frames). */
function tracebackExceptionLines(lines: readonly string[]): Set<number> {
  const ends = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!TRACEBACK.test(lines[i] as string)) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j] as string;
      if (l.trim() === "" || /^\s/.test(l)) continue;
      if (PY_EXCEPTION_LINE.test(l.trim())) ends.add(j);
      i = j;
      break;
    }
  }
  return ends;
}

/** A fenced block that is nothing but a JSON error body (pretty-printed over several lines). */
function wholeJsonBlock(block: CodeBlock): ErrorCandidate | null {
  const text = block.lines.join("\n").trim();
  if (!/^[{[][\s\S]*[}\]]$/.test(text) || !text.includes("\n")) return null;
  const compact = text.replace(/\s+/g, " ");
  if (!JSON_ERROR_BODY.test(compact) || !JSON_HAS_MESSAGE.test(compact)) return null;
  return {
    text: clipMessage(text),
    kind: "json",
    score: JSON_BODY_SCORE + FEATURE.fencedBonus,
    line: block.startLine,
    column: 0,
  };
}

/** A cheap test that a line could hold any recogniser's match; most lines of a long thread fail it. */
const TRIGGER =
  /err|exception|warn|fault|fail|panic|fatal|traceback|critical|severe|segmentation|abort|core dumped|oomkilled|not found|no such file|denied|signal|SIG[A-Z]|SEGV|illegal instruction|crash|exit (?:status|code)|exited|could not|couldn't|cannot|can't|unable|a problem occurred|is not (?:a function|defined|iterable|a constructor)|0x[0-9a-f]{8}|\b[1-5]\d\d\b|violation|overflow|mismatch|refused|\[(?:emerg|alert|crit)\]|blocked by|: \(\d|\{\s*"|exited unexpectedly|reset by peer|already in use|broken pipe|out of memory|[A-Z]\d{2,6}:/i;

/** The candidate one line yields, or null. */
function candidateOf(line: Line, blockLines: readonly string[]): ErrorCandidate | null {
  if (!TRIGGER.test(line.text)) return null;
  const offset = logPrefixEnd(line.text);
  const body = line.text.slice(offset);
  const trimmed = body.replace(/^[\s>*_\-+]*(?:\[[ xX]\]\s*)?/, "");
  if (REJECTED_LINES.some((r) => r.pattern.test(trimmed))) return null;
  const inCode = line.code !== null || line.inSpanBlock;
  // The strongest hit that yields a message (a bare "Error:" label does not; a weaker rule may).
  const spans = inCode ? [] : inlineCodeSpans(body);
  for (const hit of hitsOf(body, inCode, spans, line.title === true)) {
    const c = toCandidate(line, offset, body, hit, blockLines);
    if (c) return c;
  }
  return null;
}

/** Where the line's log prefixes (timestamps, syslog heads, prompts, borders) end. */
function logPrefixEnd(text: string): number {
  let at = text.length - text.trimStart().length;
  for (let round = 0; round < 6; round++) {
    const rest = text.slice(at);
    const m = LOG_PREFIXES.map((p) => p.exec(rest)).find((x) => x !== null && x[0].length > 0);
    if (!m) break;
    at += m[0].length;
  }
  return at;
}

/** Each rule's leftmost match on one line, strongest first (ties to the leftmost). */
function hitsOf(body: string, inCode: boolean, spans: readonly Span[], isTitle: boolean): Hit[] {
  // Inside an inline code span a line is code too (`Permission denied (publickey).`).
  const codeAt = (start: number) => inCode || spans.some((s) => s.start <= start && start < s.end);
  const lineStart = body.search(/\S/);
  // Anchored rules ("^Could not …") look past list markers, checkboxes and emphasis.
  const contentStart = CONTENT_START.exec(body)?.[0].length ?? 0;
  const atStart = (start: number) =>
    start === lineStart ||
    LINE_START_PREFIX.test(body.slice(0, start)) ||
    LABEL_PREFIX.test(body.slice(0, start)) ||
    /^\s*["'`]$/.test(body.slice(0, start));
  const hits: Hit[] = [];
  for (const rule of ERROR_RULES) {
    if (!rule.hint.test(body)) continue;
    if (rule.codeOnly && !inCode && spans.length === 0 && !(isTitle && rule.place === "code-or-title")) continue;
    const shift = rule.pattern.source.startsWith("^") ? contentStart : 0;
    const source = shift ? body.slice(shift) : body;
    for (const m of source.matchAll(rule.pattern)) {
      const start = m.index + shift;
      const ok =
        rule.place === "any" ||
        (rule.place === "code" && codeAt(start)) ||
        (rule.place === "line-start" && atStart(start)) ||
        (rule.place === "code-or-start" && (codeAt(start) || atStart(start))) ||
        (rule.place === "code-or-title" && (codeAt(start) || isTitle));
      if (!ok) continue;
      hits.push({ rule, start, end: start + m[0].length });
      break; // the leftmost match of a rule is its best
    }
  }
  return hits.sort((a, b) => b.rule.score - a.rule.score || a.start - b.start);
}

function toCandidate(
  line: Line,
  offset: number,
  body: string,
  hit: Hit,
  blockLines: readonly string[],
): ErrorCandidate | null {
  const { rule } = hit;
  const fenced = line.code !== null;
  const inCode = fenced || line.inSpanBlock;
  const spans: Span[] = fenced || line.inSpanBlock ? [] : inlineCodeSpans(body);
  const span = spans.find((s) => s.start <= hit.start && hit.start < s.end);
  const opener = body[hit.start - 1];
  const quotedByOpener = opener !== undefined && CLOSERS[opener] !== undefined && !span;
  const lineStart = Math.max(body.search(/\S/), 0);
  const startsLine = LINE_START_PREFIX.test(body.slice(0, hit.start)) || LABEL_PREFIX.test(body.slice(0, hit.start));

  let start = hit.start;
  let end = body.length;
  let bonus = 0;
  if (rule.keep === "match") end = hit.end;
  else if (rule.keep === "after") start = hit.end;
  else if (rule.keep === "quoted") {
    const q = body[hit.end];
    const close = q === undefined ? null : closingQuote(body, hit.end + 1, q === "`" ? "`" : q);
    if (close === null) return null; // an unterminated quote is prose, not a message
    start = hit.end + 1;
    end = close;
  } else if (rule.keep === "line" && line.title) start = lineStart;
  else if (rule.keep === "line" && (inCode || startsLine)) start = startsLine && !inCode ? hit.start : lineStart;
  else if (rule.keep === "from-match" && fenced && wholeLineHead(body.slice(lineStart, hit.start))) start = lineStart;

  if (span) {
    if (rule.keep !== "match" && rule.keep !== "quoted") {
      start = rule.keep === "line" ? span.start : hit.start;
      end = span.end;
    } else end = Math.min(end, span.end);
    bonus += FEATURE.inlineCodeBonus;
  } else if (quotedByOpener && rule.keep !== "match" && rule.keep !== "quoted") {
    end = closingQuote(body, hit.start, opener as string) ?? body.length;
    bonus += fenced ? FEATURE.fencedBonus : FEATURE.quotedProseBonus;
    start = hit.start;
  } else if (fenced) bonus += FEATURE.fencedBonus;
  else if (line.inSpanBlock) bonus += FEATURE.inlineCodeBonus;
  else if (startsLine) bonus += FEATURE.lineStartBonus;
  if (fenced) {
    if (line.code?.lang && SOURCE_LANGS.has(line.code.lang)) bonus -= FEATURE.sourceLangPenalty;
    if (SOURCE_LINE.test(body)) bonus -= FEATURE.sourceLinePenalty;
  }
  bonus += headingBonus(line.heading);
  // "ERROR in ./src/a.js 3:0-70" names where, not what: the message is on another line.
  if ((rule.keep === "line" || rule.keep === "from-match") && LOCATION_ONLY.test(body.slice(hit.end)))
    bonus -= FEATURE.locationOnlyPenalty;
  // A build step that only failed with an exit code: the tool's own error line says why.
  if (WRAPPER_SUMMARY.test(body)) bonus -= WRAPPER_PENALTY;
  // "FATAL EXCEPTION: main" names a thread, not a failure: one bare word says less than a sentence.
  if (rule.keep === "from-match" && ONE_WORD.test(body.slice(hit.end))) bonus -= FEATURE.oneWordPenalty;

  let text = body.slice(start, end);
  if (quotedByOpener && opener === '"' && text.includes('\\"')) text = unescapeJson(text); // cut out of a JSON string literal
  if (!inCode) text = cleanProse(text);
  text = text.trim();
  if (!hasMessage(text, hit, start)) return null;
  if (fenced && end === body.length && rule.keep !== "match") text = withContinuation(text, blockLines, line.k);
  return {
    text: clipMessage(text),
    kind: rule.kind,
    score: rule.score + bonus,
    line: line.lineNo,
    column: offset + start,
  };
}

/**
 * In a log, what stands before the recognised head belongs to the error line ("Module not found:
 * Error: …", "Unhandled exception. System.…Exception: …") unless it is a shell prompt or source code.
 */
const wholeLineHead = (before: string): boolean =>
  before.length > 0 && before.length <= 80 && !/[=(){};]|^\s*[-$#>]/.test(before);

const headingBonus = (heading: string | null): number =>
  heading !== null && ERROR_HEADING.test(heading) ? HEADING_BONUS : 0;

const cap = (s: string): string => (s.length > MAX_LINE ? s.slice(0, MAX_LINE) : s);

function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}_]{3,}/gu) ?? []) if (!STOP_WORDS.has(w)) out.add(w);
  return out;
}

/** Words a candidate shares with the title: the report's subject, as its author named it. */
function titleBonus(text: string, titleWords: ReadonlySet<string>): number {
  if (titleWords.size === 0) return 0;
  let shared = 0;
  for (const w of wordsOf(text.slice(0, 400))) if (titleWords.has(w)) shared++;
  return Math.min(shared, FEATURE.titleWordsMax) * FEATURE.titleWordBonus;
}

/** The head alone ("Error:", "**Error:**") is a label, not a message. */
function hasMessage(text: string, hit: Hit, start: number): boolean {
  if (hit.rule.keep === "match") return true;
  // A whole-line shape (exit status 2, 0x80070422, Segmentation fault) is itself the message.
  if (hit.rule.keep === "line") return (text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 4;
  // What the line says besides the recognised head (which may stand at its start or its end).
  const headFrom = Math.max(0, hit.start - start);
  const headTo = Math.max(0, hit.end - start);
  const rest = text.slice(0, headFrom) + text.slice(headTo);
  const min = hit.rule.kind === "quoted" || hit.rule.kind === "prose" ? 4 : 2;
  return (rest.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= min;
}
