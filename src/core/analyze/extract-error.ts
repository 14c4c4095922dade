// Finds the one error message a thread is about. Every line of the text can yield a candidate from a
// set of recognisers (exception heads, log levels, compiler diagnostics, panics, tracebacks, npm
// errors, JSON error bodies, "error 400" phrases, quoted messages after the word "error"). Each
// candidate is scored by what it is (a typed exception beats a bare "error:", an error beats a
// warning) and where it stands (fenced code > inline code > start of a prose line > mid-sentence);
// the best wins, ties going to the earliest. The message is cut at the end of its inline code span
// or closing quote, or else at the end of the line; in code, a JSON body or message continuing on
// the next lines is kept.
import type { Thread } from "../thread/types.js";
import { type Block, type CodeBlock, inlineCodeSpans, splitBlocks } from "./markdown-blocks.js";
import { unescapeJson } from "./text.js";

export type ErrorKind =
  | "traceback"
  | "panic"
  | "exception"
  | "error"
  | "compiler"
  | "log-level"
  | "npm"
  | "crash"
  | "failed"
  | "json"
  | "warning"
  | "quoted"
  | "status"
  | "prose";

export type ErrorCandidate = {
  text: string;
  kind: ErrorKind;
  score: number;
  /** Line number in the text (0-based) and column where the message starts. */
  line: number;
  column: number;
};

/** Longest message returned; longer ones are cut (a whole minified bundle is not a message). */
const MAX_MESSAGE = 2000;
/** Below this a candidate is noise (e.g. an error string inside source code). */
const MIN_SCORE = 1.5;
/** Longest line examined: recognisers run per line and must stay linear on pasted blobs. */
const MAX_LINE = 4000;

// Qualifiers that belong to an error's name: "API Error", "Uncaught TypeError", "PHP Fatal error".
const PREFIX =
  "(?:[A-Z][A-Z0-9]+|Uncaught|Unhandled|Fatal|Internal|Runtime|Parse|Syntax|Server|Network|Connection|Request|Response|Assertion|Compile|Compilation|Build|Module|Import|Validation|Permission|Authentication|Authorization|Access|System|Process|Application|Unknown|Unexpected)";
const NOT_AFTER = "(?<![\\w$.\\-/])";
/** TypeError:, java.lang.IllegalStateException:, API Error:, DeprecationWarning:, ERROR [E12]: */
const NAMED = new RegExp(
  `${NOT_AFTER}((?:${PREFIX}\\s+){0,2})((?:[A-Za-z_$][\\w$]*\\.)*[\\w$]*?)(Error|Exception|Warning|Fault|Failure|ERROR|WARNING|EXCEPTION)(?:\\s*\\[[\\w-]+\\])?(?:\\s+[A-Z]+\\d+)?:(?!:)`,
  "g",
);
/** "Error response from daemon:", "Error loading config:", "Error from server (NotFound):" */
const ERROR_WORDS = new RegExp(
  `${NOT_AFTER}(?:${PREFIX}\\s+){0,2}(?:Error|ERROR)\\s+(?:[a-z][\\w'-]*\\s+){0,5}?(?:[a-z][\\w'-]*|\\([^)]{1,30}\\)):(?=\\s)`,
  "g",
);
/** error:, fatal error:, warning:, error[E0382]:, error TS2322: */
const LOWER = new RegExp(
  `${NOT_AFTER}((?:${PREFIX}\\s+){0,2})(fatal error|error|fatal|warning|panic)(\\[[\\w-]+\\]|\\s+[A-Z]+\\d+)?:(?=\\s)`,
  "g",
);
const LEVEL = /(?<![\w-])\[?(?:ERROR|FATAL|CRITICAL|SEVERE|PANIC)\]?(?=[\s:])/g;
const RUST_PANIC = /\bthread '[^']*' panicked at\b/g;
const GO_PANIC = /^\s*panic: (?=\S)/g;
const JAVA_THREAD = /\bException in thread "[^"]*"\s+(?=\S)/g;
const NPM = /^\s*npm (?:ERR!|error)\s+(?=\S)/g;
const YARN = /^\s*error\s+(?=[A-Z])/g;
const CRASH = /\b(?:Segmentation fault|Bus error|Abort trap|core dumped|OOMKilled)\b/;
/** Shell failures: "zsh: command not found: claude", "bash: ./run: Permission denied". */
const SHELL = /\b(?:command not found|No such file or directory|Permission denied)\b/;
const FAILED = /^\s*(?:[✖×✗]\s+)?(?=(?:Failed to|FAILED\b|Build failed|Command failed)\b)/g;
const STATUS_PHRASES = [
  /\b(?:[A-Z][A-Z0-9]+\s+)?(?:[Ee]rror|ERROR)\s+[1-5]\d\d\b/g,
  /\bHTTP(?:\/\d(?:\.\d)?)?\s+[45]\d\d\b(?:\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})?/g,
  /\b[45]\d\d\s+(?:Bad Request|Unauthorized|Payment Required|Forbidden|Not Found|Method Not Allowed|Conflict|Gone|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)\b/g,
];
/** The error "…", the error message: `…` (prose only; the message is the quoted part). */
const QUOTED_AFTER_WORD =
  /(?<!["'\w])(?:error|exception|warning)(?:\s+(?:message|text|output))?(?:\s*(?:says|saying|reads|reading|of|is|was|:))?\s+(?=["“'`])/gi;
const JSON_ERROR =
  /"(?:error|errors|errorMessage|error_message)"\s*:|"type"\s*:\s*"error"|"status(?:Code)?"\s*:\s*[45]\d\d/;
const TRACEBACK = /^\s*Traceback \(most recent call last\):\s*$/;
const PY_EXCEPTION_LINE = /^[A-Za-z_][\w.]*(?::\s.*)?$/;
const NPM_METADATA =
  /^\s*npm (?:ERR!|error)\s+(?:code|errno|syscall|path|dest|signal|command|cwd|A complete log|Log files)\b/;
const FILE_LOCATION = /(?:^|\s)[\w./\\@~-]+(?::\d+){1,2}:?\s*$|\(\d+,\d+\):?\s*$/;
const SOURCE_LANGS = new Set(
  "js javascript ts typescript jsx tsx mjs cjs py python rs rust go java kt kotlin c cpp c++ h hpp cs csharp swift rb ruby php scala dart lua diff patch yaml yml toml html xml css".split(
    " ",
  ),
);
const SOURCE_LINE =
  /\bnew\s+[\w.]*(?:Error|Exception)\s*\(|\bthrow\s|\braise\s|^\s*except\b|\bcatch\s*\(|\bconsole\.\w+\(|\blog(?:ger)?\.(?:error|warn\w*|fatal)\(|\bprint(?:ln|f)?\(|\bfmt\.\w+\(|\bassert\w*\s*\(/;
// "->" is not a branch of its own: the class already takes "-" and ">", and two ways to match one
// text made this exponential ("->" × 30 then "!").
const LINE_START_PREFIX = /^(?:[\s>*_#\-+.)\d$]|=>|\[[ xX]\])*$/;
const LABEL_PREFIX = /^[\s>*_#\-+.)\d]*[A-Za-z][\w /()-]{0,30}:[\s*_]*$/;

type Hit = { start: number; end: number | null; kind: ErrorKind; base: number; headEnd: number };
type Where = { code: CodeBlock | null };

/** Every candidate in a Markdown text, best first. */
export function findErrorCandidates(markdown: string): ErrorCandidate[] {
  const out: ErrorCandidate[] = [];
  for (const block of splitBlocks(markdown)) collect(block, out);
  return out
    .filter((c) => c.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.line - b.line || a.column - b.column);
}

/** The best error message in a Markdown text, or null when it shows none. */
export function extractError(markdown: string): string | null {
  return findErrorCandidates(markdown)[0]?.text ?? null;
}

export type ThreadError = { message: string; url: string; source: "body" | "comment"; kind: ErrorKind };

/** The thread's error: from the body, else from the comment with the best candidate (bots rank lower). */
export function extractThreadError(thread: Pick<Thread, "body" | "url" | "comments">): ThreadError | null {
  const fromBody = findErrorCandidates(thread.body)[0];
  if (fromBody) return { message: fromBody.text, url: thread.url, source: "body", kind: fromBody.kind };
  let best: { c: ErrorCandidate; score: number; url: string } | null = null;
  for (const comment of thread.comments) {
    if (!TRIGGER.test(comment.body)) continue; // most comments of a long thread show no error at all
    const c = findErrorCandidates(comment.body)[0];
    if (!c) continue;
    const score = c.score - (comment.author?.isBot ? 1 : 0);
    if (!best || score > best.score) best = { c, score, url: comment.url };
  }
  return best ? { message: best.c.text, url: best.url, source: "comment", kind: best.c.kind } : null;
}

function collect(block: Block, out: ErrorCandidate[]): void {
  const code = block.kind === "code" ? block : null;
  if (code) {
    const whole = wholeJsonBlock(code);
    if (whole) out.push(whole);
  }
  const tracebackEnds = code ? tracebackExceptionLines(code.lines) : new Set<number>();
  block.lines.forEach((raw, k) => {
    const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    const found = tracebackEnds.has(k)
      ? ({ start: line.search(/\S/), end: null, kind: "traceback", base: 4, headEnd: line.search(/\S/) } satisfies Hit)
      : bestHit(line, { code });
    if (!found) return;
    const c = toCandidate(block, k, line, found);
    if (c) out.push(c);
  });
}

/** A fenced block that is nothing but a JSON error body (pretty-printed over several lines). */
function wholeJsonBlock(block: CodeBlock): ErrorCandidate | null {
  const text = block.lines.join("\n").trim();
  if (!/^[{[][\s\S]*[}\]]$/.test(text) || !text.includes("\n") || !JSON_ERROR.test(text.replace(/\s+/g, ""))) {
    return null;
  }
  return { text: clip(text), kind: "json", score: 2.5 + 2, line: block.startLine, column: 0 };
}

/** The exception line that ends each Python traceback (the first unindented line after the frames). */
function tracebackExceptionLines(lines: string[]): Set<number> {
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

/** A cheap test that a line could hold any recogniser's match; most lines of a long thread fail it. */
const TRIGGER =
  /err|exception|warn|fault|fail|panic|fatal|traceback|critical|severe|segmentation|abort|core dumped|oomkilled|not found|no such file|denied|\b[1-5]\d\d\b|\{\s*"/i;

const HAS_NAMED = /Error|Exception|Warning|Fault|Failure|ERROR|WARNING|EXCEPTION/;
const HAS_LOWER = /error|fatal|warning|panic/;
const HAS_STATUS = /[1-5]\d\d/;

/** The strongest recogniser hit on one line (ties to the leftmost). */
function bestHit(line: string, where: Where): Hit | null {
  if (!TRIGGER.test(line)) return null;
  const inCode = where.code !== null;
  const hits: Hit[] = [];
  const add = (h: Hit) => hits.push(h);
  const atStart = (start: number) => LINE_START_PREFIX.test(line.slice(0, start));

  // Each recogniser runs only when its keyword is on the line (cheap literal tests first).
  const named = HAS_NAMED.test(line);
  const lower = HAS_LOWER.test(line);
  if (named)
    for (const m of line.matchAll(NAMED)) {
      const prefix = m[1] as string;
      const name = m[2] as string;
      const word = m[3] as string;
      const warning = /^warning$/i.test(word);
      const typed = name !== "" || /exception/i.test(word) || prefix !== "";
      const base = warning ? 2 : typed ? 3.5 : 3;
      add({ start: m.index, end: null, kind: warning ? "warning" : "exception", base, headEnd: m.index + m[0].length });
    }
  if (named)
    for (const m of line.matchAll(ERROR_WORDS)) {
      add({ start: m.index, end: null, kind: "error", base: 3, headEnd: m.index + m[0].length });
    }
  if (lower)
    for (const m of line.matchAll(LOWER)) {
      const word = m[2] as string;
      const before = line.slice(0, m.index);
      const headEnd = m.index + m[0].length;
      const warning = word === "warning";
      if (FILE_LOCATION.test(before)) {
        // gcc/clang/tsc/eslint: "src/a.c:3:5: error: …" — the location is part of the message.
        const loc = before.search(/\S/);
        add({
          start: Math.max(loc, 0),
          end: null,
          kind: warning ? "warning" : "compiler",
          base: warning ? 2 : 3.5,
          headEnd,
        });
      } else if (atStart(m.index) || inCode) {
        const base = warning ? 2 : word === "panic" ? 3.5 : atStart(m.index) ? 3 : 2.5;
        add({
          start: m.index,
          end: null,
          kind: warning ? "warning" : word === "panic" ? "panic" : "error",
          base,
          headEnd,
        });
      } else if (!warning) {
        // Prose: "I get this error: Cannot connect" — the message is what follows the colon.
        const start = headEnd + (line.slice(headEnd).length - line.slice(headEnd).trimStart().length);
        add({ start, end: null, kind: "prose", base: 1.5, headEnd: start });
      }
    }
  if (line.includes("panicked"))
    for (const m of line.matchAll(RUST_PANIC))
      add({ start: m.index, end: null, kind: "panic", base: 4, headEnd: m.index });
  if (line.includes("panic: "))
    for (const m of line.matchAll(GO_PANIC)) {
      const start = m.index + (m[0].length - m[0].trimStart().length);
      add({ start, end: null, kind: "panic", base: 4, headEnd: m.index + m[0].length });
    }
  if (line.includes("Exception in thread"))
    for (const m of line.matchAll(JAVA_THREAD)) {
      add({ start: m.index, end: null, kind: "exception", base: 4, headEnd: m.index + m[0].length });
    }
  if (inCode || atStart(line.search(/\S/))) {
    for (const m of line.matchAll(NPM)) {
      const start = line.search(/\S/);
      add({ start, end: null, kind: "npm", base: NPM_METADATA.test(line) ? 2 : 3, headEnd: m.index + m[0].length });
    }
    for (const m of line.matchAll(LEVEL)) {
      if (inCode || atStart(m.index))
        add({ start: m.index, end: null, kind: "log-level", base: 3, headEnd: m.index + m[0].length });
    }
  }
  if (inCode) {
    for (const m of line.matchAll(YARN))
      add({ start: line.search(/\S/), end: null, kind: "error", base: 2.5, headEnd: m.index + m[0].length });
    if (CRASH.test(line)) add({ start: line.search(/\S/), end: null, kind: "crash", base: 3, headEnd: 0 });
    if (SHELL.test(line)) add({ start: line.search(/\S/), end: null, kind: "crash", base: 2, headEnd: 0 });
    for (const m of line.matchAll(FAILED)) {
      const start = m.index + m[0].length;
      add({ start, end: null, kind: "failed", base: 2, headEnd: start });
    }
  }
  const jsonAt = line.search(/\{\s*"/);
  if (jsonAt >= 0 && JSON_ERROR.test(line.slice(jsonAt))) {
    add({ start: jsonAt, end: null, kind: "json", base: 2.5, headEnd: jsonAt });
  }
  if (HAS_STATUS.test(line))
    for (const re of STATUS_PHRASES) {
      for (const m of line.matchAll(re)) {
        add({ start: m.index, end: m.index + m[0].length, kind: "status", base: 1.5, headEnd: m.index + m[0].length });
      }
    }
  if (!inCode && (named || lower || /exception/i.test(line))) {
    for (const m of line.matchAll(QUOTED_AFTER_WORD)) {
      const start = m.index + m[0].length + 1; // after the opening quote
      add({ start, end: null, kind: "quoted", base: 2, headEnd: start });
    }
  }
  if (hits.length === 0) return null;
  let best = hits[0] as Hit;
  for (const h of hits) if (h.base > best.base || (h.base === best.base && h.start < best.start)) best = h;
  return best;
}

function toCandidate(block: Block, k: number, line: string, hit: Hit): ErrorCandidate | null {
  const code = block.kind === "code" ? block : null;
  const spans = inlineCodeSpans(line);
  const span = code ? undefined : spans.find((s) => s.start <= hit.start && hit.start < s.end);
  const opener = line[hit.start - 1];
  const quote = opener !== undefined && CLOSERS[opener] !== undefined && !span;

  let end = hit.end ?? line.length;
  let bonus = 0;
  if (span) {
    end = hit.end === null ? span.end : Math.min(end, span.end);
    bonus = 1.5;
  } else if (quote && hit.end === null) {
    end = closingQuote(line, hit.start, opener as string) ?? line.length;
    bonus = code ? 2 : 0.5;
  } else if (code) {
    bonus = 2;
  } else if (LINE_START_PREFIX.test(line.slice(0, hit.start)) || LABEL_PREFIX.test(line.slice(0, hit.start))) {
    bonus = 1;
  }
  if (code) {
    if (code.lang && SOURCE_LANGS.has(code.lang)) bonus -= 1.5;
    if (SOURCE_LINE.test(line)) bonus -= 3;
  }
  // A quoted "error '…'" is only as good as its quotes: an unterminated one is prose.
  if (hit.kind === "quoted" && !span && !quote) return null;

  let text = line.slice(hit.start, end);
  if (quote && opener === '"' && text.includes('\\"')) text = unescapeJson(text); // cut out of a JSON string literal
  if (!code) text = cleanProse(text);
  text = text.trim();
  if (!hasMessage(text, hit, end)) return null;
  if (code && hit.end === null && end === line.length) text = withContinuation(text, code.lines, k);
  return { text: clip(text), kind: hit.kind, score: hit.base + bonus, line: block.startLine + k, column: hit.start };
}

/** The head alone ("Error:", "**Error:**") is a label, not a message. */
function hasMessage(text: string, hit: Hit, end: number): boolean {
  if (hit.kind === "status") return true;
  const rest = hit.headEnd > hit.start ? text.slice(Math.max(0, hit.headEnd - hit.start)) : text;
  const min = hit.kind === "quoted" || hit.kind === "prose" ? 4 : 2;
  return end > hit.start && (rest.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= min;
}

/** Bold and italic markers around a prose message are formatting, not part of it. */
const cleanProse = (text: string): string =>
  text
    .replace(/^([^:]{1,80}:)[*_]{1,3}(?=\s|$)/, "$1")
    .replace(/(?<=\S)\s*(?:\*\*|__)\s*$/, "")
    .replace(/^(?:\*\*|__)/, "");

/**
 * A message that goes on below its head line: "API Error: 400" then a JSON body, or a Rust panic
 * head ending in ":" then its message. Stack frames are not part of the message.
 */
function withContinuation(text: string, lines: string[], k: number): string {
  const next = lines[k + 1];
  if (next === undefined || next.trim() === "") return text;
  const afterHead = text.slice(text.indexOf(":") + 1).trim();
  const startsJson = /^\s*[{[]/.test(next);
  if (startsJson && afterHead.length <= 24 && !/[{[]/.test(afterHead)) {
    const out = [text];
    let depth = 0;
    for (let j = k + 1; j < lines.length && j <= k + 40; j++) {
      const l = lines[j] as string;
      // Past the first line, only lines that look like JSON belong to the body.
      if (j > k + 1 && !/^\s*["{}[\],\d]/.test(l)) break;
      out.push(l.trimEnd());
      depth += bracketDelta(l);
      if (depth <= 0) break;
    }
    return out.join("\n");
  }
  if (text.endsWith(":") && !/^\s+(?:at |File ")/.test(next)) return `${text}\n${next.trim()}`;
  return text;
}

function bracketDelta(s: string): number {
  let d = 0;
  for (const ch of s) {
    if (ch === "{" || ch === "[") d++;
    else if (ch === "}" || ch === "]") d--;
  }
  return d;
}

const CLOSERS: Record<string, string> = { '"': '"', "'": "'", "“": "”", "‘": "’", "«": "»" };
const AFTER_CLOSE = /[\s.,;:!?)\]}*_]/;

/** Index of the quote that closes a message starting at `from` (JSON inside it is skipped). */
function closingQuote(line: string, from: number, opener: string): number | null {
  const closer = CLOSERS[opener] as string;
  let depth = 0;
  for (let i = from; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === "{" || ch === "[") depth++;
    else if ((ch === "}" || ch === "]") && depth > 0) depth--;
    else if (ch === closer && depth === 0 && i > from) {
      const next = line[i + 1];
      if (next !== undefined && !AFTER_CLOSE.test(next)) continue;
      if (closer === "'" && /\p{L}/u.test(line[i - 1] ?? "") && /\p{L}/u.test(next ?? "")) continue;
      return i;
    }
  }
  return null;
}

const clip = (s: string): string => (s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1)}…` : s);
