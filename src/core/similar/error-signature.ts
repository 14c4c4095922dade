// Error signatures: what makes two error messages "the same error". An error as people paste it is
// a wrapper (`API Error: 400`, `Error: 429`, a JSON envelope, a stack) around one human message,
// sprinkled with values that differ per occurrence (request ids, times, paths, amounts, quoted
// names). The signature keeps the error types and the innermost message with those values replaced
// by placeholders; `key` hashes the message alone, and `sameError` adds type compatibility and two
// principled near-equalities (a truncated message that is a prefix of the other; token Jaccard).

export type ErrorSignature = {
  /** Readable normalised form: "types [status] | message". */
  signature: string;
  /** Short hash of the normalised message (of the wrapper when there is no message). */
  key: string;
  /** The message's first tokens: a coarse bucket in which near-equal messages are looked for. */
  family: string;
  /** The innermost human message, normalised. */
  message: string;
  /** Specific error types seen (e.g. "typeerror", "invalid_request_error"); generic wrappers left out. */
  types: string[];
  /** An HTTP status given by the wrapper (`API Error: 400`), or null. */
  status: number | null;
  /** The message was cut short ("…", "...") by whoever pasted it. */
  truncated: boolean;
};

/** Generic wrapper words: they say "this is an error" but not which one. */
const GENERIC_TYPES = new Set([
  "error",
  "api error",
  "apierror",
  "fatal",
  "fatal error",
  "uncaught error",
  "unhandled error",
  "warning",
  "warn",
  "panic",
  "exception",
  "uncaught exception",
  "err",
  "failed",
]);

const STACK_FRAME = /^\s*(?:at\s+\S.*|File ".*", line \d+.*|\^+|~+|-{3,}|\.\.\. \d+ more)\s*$/;
const TRACEBACK = /Traceback \(most recent call last\)/;
const TYPE_LINE = /^\s*([A-Za-z_][\w.$]*(?:Error|Exception|Warning|Fault))\s*:\s*\S/;
// A leading "<Type>:" or "<Type> <status>" of the wrapper.
const WRAPPER =
  /^\s*((?:[A-Za-z_][\w.$]*?)?(?:Error|Exception|Warning|Fault|Panic|ERROR|EXCEPTION|WARNING|FATAL|Fatal|error|exception|warning|fatal|panic)|API [Ee]rror|Uncaught \w+|Unhandled \w+)(?:\s*\[[^\]]*\])?\s*(?::|\s(?=\d{3}\b)|$)\s*/;
const STATUS = /^\s*([1-5]\d{2})\b\s*[:\-–]?\s*/;

export function errorSignature(errorText: string): ErrorSignature {
  let text = unescapeJson(stripStack(errorText.replace(/\r\n?/g, "\n")));
  const types: string[] = [];
  let status: number | null = null;

  // Peel the wrapper: "API Error: 400 ...", "Error: 429 ...", "TypeError: ...".
  for (let i = 0; i < 4; i++) {
    const w = WRAPPER.exec(text);
    if (w?.[1]) {
      addType(types, w[1]);
      text = text.slice(w[0].length);
    }
    const s = STATUS.exec(text);
    if (s?.[1] && status === null) {
      status = Number(s[1]);
      text = text.slice(s[0].length);
    }
    if (!w && !s) break;
  }

  // A JSON envelope: its innermost "message" is the message; its "type"s are types.
  let message = text;
  if (/[{[]\s*"/.test(text)) {
    for (const m of text.matchAll(/"type"\s*:\s*"([A-Za-z_]+)"/g)) if (m[1]) addType(types, m[1]);
    const messages = [...text.matchAll(/"(?:message|error_description|detail|msg)"\s*:\s*"((?:[^"\\]|\\.)*)"?/g)];
    const inner = messages.at(-1)?.[1];
    if (inner !== undefined) message = inner;
    else if (/^\s*[{[]/.test(text)) message = "";
  }
  message = unquoteWhole(message.trim());
  // The message may carry its own type ("Error: TypeError: x").
  const own = /^([A-Za-z_][\w.$]*(?:Error|Exception)):\s*/.exec(message);
  if (own?.[1]) {
    addType(types, own[1]);
    message = message.slice(own[0].length);
  }

  const truncated = /(?:\.\.\.|…)\s*["'`”]?\s*$/.test(message);
  const normalised = normaliseMessage(message);
  const head = [...types, ...(status !== null ? [String(status)] : [])].join(" ");
  const signature = `${head || "-"} | ${normalised}`;
  const key = normalised ? hash(normalised) : hash(`#${signature}`);
  return {
    signature,
    key,
    family: normalised ? tokens(normalised).slice(0, FAMILY_TOKENS).join(" ") : key,
    message: normalised,
    types,
    status,
    truncated,
  };
}

const FAMILY_TOKENS = 3;
/** A truncated message must keep this many tokens to match by prefix. */
const MIN_PREFIX_TOKENS = 4;
/** Without an ellipsis, a prefix must cover this share of the longer message. */
const MIN_PREFIX_SHARE = 0.6;
/** Token Jaccard at or above which two messages of 4+ tokens count as the same error. */
export const NEAR_JACCARD = 0.8;

export type SignatureMatch = { same: boolean; how: "exact" | "prefix" | "near" | null; similarity: number };

/**
 * Same error? Types and status must not contradict (a missing one never contradicts), and the
 * messages must be equal, or one a prefix of the other (cut short), or near-equal by tokens.
 */
export function compareSignatures(a: ErrorSignature, b: ErrorSignature): SignatureMatch {
  const none: SignatureMatch = { same: false, how: null, similarity: 0 };
  if (a.status !== null && b.status !== null && a.status !== b.status) return none;
  if (a.types.length && b.types.length && !a.types.some((t) => b.types.includes(t))) return none;
  if (a.key === b.key) return { same: true, how: "exact", similarity: 1 };
  if (!a.message || !b.message) return none;
  const ta = tokens(a.message);
  const tb = tokens(b.message);
  const [short, long, shortSig] = ta.length <= tb.length ? [ta, tb, a] : [tb, ta, b];
  if (short.length >= MIN_PREFIX_TOKENS && short.every((t, i) => long[i] === t)) {
    if (shortSig.truncated || short.length >= MIN_PREFIX_SHARE * long.length) {
      return { same: true, how: "prefix", similarity: 0.9 };
    }
  }
  const j = jaccard(ta, tb);
  if (short.length >= MIN_PREFIX_TOKENS && j >= NEAR_JACCARD) return { same: true, how: "near", similarity: j };
  return { same: false, how: null, similarity: j };
}

export const sameError = (a: ErrorSignature, b: ErrorSignature): boolean =>
  !isEmptySignature(a) && !isEmptySignature(b) && compareSignatures(a, b).same;

/**
 * A signature that names no error: no words left in the message (stack frames only, or only values
 * such as paths and numbers) and no specific type. Two such "match" anything, so they never match.
 */
export function isEmptySignature(sig: ErrorSignature): boolean {
  if (sig.types.length) return false;
  return !tokens(sig.message).some((t) => !t.startsWith("<") && /\p{L}/u.test(t));
}

/** Replace per-occurrence values with placeholders; keep the words. */
export function normaliseMessage(message: string): string {
  let s = message.replace(/\s+/g, " ").trim();
  s = s.replace(/(?:\.\.\.|…)\s*(["'`”]?)\s*$/, "$1");
  s = s
    // URLs: keep host and path shape, drop query, fragment and variable segments.
    .replace(/\b(?:https?|wss?|ftp):\/\/([^\s/"'`<>)]+)([^\s"'`<>)?#]*)(?:[?#][^\s"'`<>)]*)?/gi, (_m, host, path) => {
      const segs = String(path)
        .split("/")
        .map((seg) => (/\d/.test(seg) && seg.length >= 4 ? "<id>" : seg));
      return `${String(host).toLowerCase()}${segs.join("/")}`.replace(/\/$/, "");
    })
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>")
    .replace(/\breq_[A-Za-z0-9]+/g, "<req>")
    .replace(/\b[a-z]{2,12}_[A-Za-z0-9]{12,}\b/g, "<id>")
    .replace(/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, "<email>")
    .replace(/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g, "<time>")
    .replace(/\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[ap]\.?m\.?\b)?/gi, "<time>")
    .replace(/\b\d{1,2}\s?[ap]m\b/gi, "<time>")
    .replace(
      /\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z_]+(?:\/[A-Za-z_]+)?/g,
      "<tz>",
    )
    // Paths: absolute, home-relative, Windows, ./relative, and anything/with/a/file.ext (with :line:col).
    .replace(/(^|[\s"'`(=[,])(?:~|[A-Za-z]:|\.{1,2})?(?:[\\/][\w.@~+%-]+)+[\\/]?(?::\d+){0,2}/g, "$1<path>")
    .replace(/\b[\w.-]+(?:\/[\w.-]+)+\.[A-Za-z]{1,5}(?::\d+){0,2}\b/g, "<path>")
    .replace(/(?:\b[A-Z]{1,3})?[$€£¥]\s?\d[\d,]*(?:\.\d+)?/g, "<amount>")
    .replace(/\b\d[\d,]*(?:\.\d+)?\s?(?:USD|EUR|GBP|credits?)\b/gi, "<amount>")
    .replace(/(^|[^\w])@[A-Za-z0-9][\w-]*(?:\[bot\])?/g, "$1<user>")
    // Quoted values: a quote not inside a word (so "You're" stays).
    .replace(/(?<![\w])'[^'\n]{0,200}'(?![\w])/g, "<str>")
    .replace(/"[^"\n]{0,200}"/g, "<str>")
    .replace(/`[^`\n]{0,200}`/g, "<str>")
    .replace(/[“‘][^”’\n]{0,200}[”’]/g, "<str>")
    .replace(/\b0x[0-9a-f]+\b/gi, "<hex>")
    .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, "<hex>")
    .replace(/\b(?=\w*\d)(?=\w*[A-Za-z])\w{20,}\b/g, "<id>")
    .replace(/\bv?\d+(?:\.\d+){1,3}(?:-[\w.]+)?\b/g, "<ver>")
    .replace(/\d+(?:\.\d+)?/g, "<n>");
  return s
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s.,;:!]+$/, "")
    .trim();
}

/** Words and placeholders, for comparing normalised messages. */
export function tokens(normalised: string): string[] {
  return normalised.match(/<[a-z]+>|[\p{L}\p{N}_]+(?:'[\p{L}]+)?/gu) ?? [];
}

function jaccard(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (!sa.size && !sb.size) return 1;
  let inter = 0;
  for (const t of sa) if (sb.has(t)) inter++;
  return inter / (sa.size + sb.size - inter);
}

function addType(types: string[], raw: string): void {
  const t = raw
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^(?:uncaught|unhandled) /, "")
    .trim();
  if (GENERIC_TYPES.has(t) || !t) return;
  if (!/(error|exception|fault|warning)$/.test(t)) return;
  if (!types.includes(t)) types.push(t);
}

function stripStack(text: string): string {
  const lines = text.split("\n");
  if (TRACEBACK.test(text)) {
    const last = [...lines].reverse().find((l) => TYPE_LINE.test(l));
    if (last) return last.trim();
  }
  return lines
    .filter((l) => !STACK_FRAME.test(l))
    .join(" ")
    .trim();
}

/** Undo up to three levels of JSON string escaping (errors nested as strings inside JSON). */
function unescapeJson(text: string): string {
  let s = text;
  for (let i = 0; i < 3 && /\\["\\/nt]/.test(s); i++) {
    s = s.replace(/\\(["\\/])/g, "$1").replace(/\\[nt]/g, " ");
  }
  return s;
}

function unquoteWhole(s: string): string {
  const m = /^(["'`“])([\s\S]*?)(["'`”])?$/.exec(s);
  if (!m || m[2] === undefined) return s;
  // Only when the quote wraps the whole message (or was cut off before the closing quote).
  const inner = m[2];
  if (m[3] === undefined && /["'`”]/.test(inner)) return s;
  if (m[1] && inner.includes(m[1])) return s;
  // A quoted sentence is the message; a quoted word or two is a value (KeyError: 'id').
  return inner.trim().split(/\s+/).length >= 3 ? inner : s;
}

/** FNV-1a 64-bit, first 12 hex digits: short, stable, no crypto dependency. */
function hash(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(s)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0").slice(0, 12);
}
