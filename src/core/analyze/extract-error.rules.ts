// The error recognisers: one table of general shapes, shared by every ecosystem. Each entry says
// which line shape it recognises, how strong that evidence is, where it may stand and what of the
// line to keep; extract-error.ts finds the candidate lines and weighs them. Adding an ecosystem is
// one entry here. Every pattern must stay linear on long lines: no nested or adjacent unbounded
// quantifiers over overlapping characters (bench/extract-error.ts runs them on a hostile 64 KB body).

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

/**
 * What of the line a match keeps:
 * - "line": the whole line (log prefixes stripped) — in prose, from the match when it stands mid-sentence;
 * - "from-match": from the start of the match to the end of the line (or its inline code span / quote);
 * - "after": what follows the match ("I get this error: <message>");
 * - "match": the match alone (a status phrase inside a sentence);
 * - "quoted": the quoted text that follows the match.
 */
export type Keep = "line" | "from-match" | "after" | "match" | "quoted";

/**
 * Where a match counts: "any"; "code" (fenced or inline code only); "line-start" (at the start of a
 * line, after list markers, a label such as "Output:" or a shell prompt); "code-or-start";
 * "code-or-title" (code, or an issue title that is itself the message: "server exited unexpectedly").
 */
export type Place = "any" | "code" | "line-start" | "code-or-start" | "code-or-title";

export type ErrorRule = {
  name: string;
  kind: ErrorKind;
  /** A cheap test run before the pattern; most lines of a long thread fail it. */
  hint: RegExp;
  /** Global flag required; matched with matchAll. */
  pattern: RegExp;
  score: number;
  keep: Keep;
  place: Place;
  /** Not in prose (e.g. a shape that is only an error when printed by a tool). Default false. */
  codeOnly?: boolean;
};

// Qualifiers that belong to an error's name: "API Error", "Uncaught TypeError", "PHP Fatal error".
const QUALIFIER =
  "(?:[A-Z][A-Z0-9]+|Uncaught|Unhandled|Fatal|Internal|Runtime|Parse|Syntax|Server|Network|Connection|Request|Response|Assertion|Compile|Compilation|Build|Module|Import|Validation|Permission|Authentication|Authorization|Access|System|Process|Application|Unknown|Unexpected)";
/** A name must not continue a word, path or identifier ("std::io::Error::new" is not an error). */
const NOT_AFTER = "(?<![\\w$.\\-/:])";

const rx = (source: string, flags = "g") => new RegExp(source, flags);

export const ERROR_RULES: readonly ErrorRule[] = [
  {
    name: "rust panic",
    kind: "panic",
    hint: /panicked/,
    pattern: /\bthread '[^']{0,200}' panicked at\b/g,
    score: 4,
    keep: "from-match",
    place: "any",
  },
  {
    name: "go panic / fatal error",
    kind: "panic",
    hint: /panic: |[Ff]atal error: /,
    pattern: /(?<![\w-])(?:panic|[Ff]atal error): (?=\S)/g,
    score: 4,
    keep: "from-match",
    place: "code-or-start",
  },
  {
    name: "java uncaught exception",
    kind: "exception",
    hint: /Exception in thread/,
    pattern: /\bException in thread "[^"]{0,200}"\s+(?=\S)/g,
    score: 4,
    keep: "from-match",
    place: "any",
  },
  {
    name: "typed exception (TypeError:, java.io.IOException:, API Error:)",
    kind: "exception",
    hint: /Error|Exception|Fault|Failure|ERROR|EXCEPTION/,
    pattern: rx(
      `${NOT_AFTER}(?:(?:${QUALIFIER}\\s+){1,2}(?:[A-Za-z_$][\\w$]{0,80}\\.){0,8}[\\w$]{0,80}|(?:[A-Za-z_$][\\w$]{0,80}\\.){0,8}[\\w$]{0,80}[A-Za-z$])(?:Error|Exception|Fault|Failure|ERROR|EXCEPTION)(?:\\s{0,2}\\[[\\w-]{1,40}\\])?(?:\\s+[A-Z]+\\d+)?:(?!:)`,
    ),
    score: 3.5,
    keep: "from-match",
    place: "any",
  },
  {
    name: "error class in parentheses (Ruby's `…' (NoMethodError), Elixir's ** (KeyError) …)",
    kind: "exception",
    hint: /Error\)|Exception\)/,
    pattern: /\((?:[A-Z][\w]{0,60}(?:::|\.)){0,4}[A-Z]\w{0,60}(?:Error|Exception)\)(?=\s|$)/g,
    score: 3.5,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "uncaught (in promise)",
    kind: "exception",
    hint: /Uncaught|Unhandled/,
    pattern: /\b(?:Uncaught|Unhandled)(?: \(in promise\))? (?=[A-Z]\w{0,80}(?:Error|Exception)\b)/g,
    score: 3.5,
    keep: "from-match",
    place: "any",
  },
  {
    name: "unhandled exception head (An unhandled exception occurred: …, Uncaught exception: …)",
    kind: "exception",
    hint: /[Uu]nhandled|[Uu]ncaught/,
    pattern:
      /(?<![\w-])(?:An? )?(?:[Uu]nhandled|[Uu]ncaught) (?:exception|error|rejection)(?: (?:has )?occurred| was thrown)?[:.]\s{1,4}(?=\S)/g,
    score: 3.5,
    keep: "from-match",
    place: "code-or-start",
  },
  {
    name: "capitalised failure head (Invariant Violation:, Assertion Failure:, Stack Overflow:)",
    kind: "exception",
    hint: /Violation|Failure|Fault|Overflow|Mismatch|Denied|Refused/,
    pattern:
      /(?<![\w$.\-/:])(?:[A-Z][a-z]{1,30} ){1,2}(?:Violation|Failure|Fault|Overflow|Mismatch|Denied|Refused):\s{1,4}(?=\S)/g,
    score: 3,
    keep: "from-match",
    place: "code-or-start",
  },
  {
    name: "bare Error:",
    kind: "exception",
    hint: /Error|ERROR|Exception|EXCEPTION/,
    pattern: rx(`${NOT_AFTER}(?:Error|ERROR|Exception|EXCEPTION)(?:\\s{0,2}\\[[\\w-]{1,40}\\])?:(?!:)`),
    score: 3,
    keep: "from-match",
    place: "any",
  },
  {
    name: "Error <words>: (Error response from daemon:, Error from server (NotFound):)",
    kind: "error",
    hint: /Error |ERROR /,
    pattern: rx(
      `${NOT_AFTER}(?:${QUALIFIER}\\s+){0,2}(?:Error|ERROR)\\s+(?:[a-z][\\w'-]{0,40}\\s+){0,5}(?:[a-z][\\w'-]{0,40}|\\([^)]{1,30}\\)):(?=\\s)`,
    ),
    score: 3,
    keep: "from-match",
    place: "any",
  },
  {
    name: "compiler diagnostic with its location (gcc, tsc, eslint)",
    kind: "compiler",
    hint: /error/,
    pattern:
      /(?<![\w./\\@~-])[\w./\\@~-]{1,300}(?::\d+){1,2}:?\s{0,4}(?:fatal )?error(?:\[[\w-]{1,20}\]|\s+[A-Z]{1,5}\d{1,6})?:(?=\s)|(?<![\w./\\@~-])[\w./\\@~-]{1,300}\(\d+,\d+\):\s{0,4}error(?:\s+[A-Z]{1,5}\d{1,6})?:(?=\s)/g,
    score: 3.5,
    keep: "line",
    place: "any",
  },
  {
    name: "diagnostic code (error[E0308]:, error TS2322:)",
    kind: "compiler",
    hint: /error/,
    pattern: /(?<![\w-])error(?:\[[\w-]{1,20}\]|\s+[A-Z]{1,5}\d{1,6}):(?=\s)/g,
    score: 3.5,
    keep: "from-match",
    place: "any",
  },
  {
    name: "a leading error code that is part of the message (E5113: …, ERR123: …, TS2322: …)",
    kind: "compiler",
    hint: /[A-Z]\d\d/,
    // The message follows in words: "SHA256: e3b0c4…" is a listing, not an error.
    pattern: /(?<![\w.\-/:])[A-Z]{1,6}\d{2,6}:\s{1,4}(?=[A-Z][a-z]|[a-z]{2,}\s)/g,
    score: 3,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "a tool's own error line (ld.lld: error: …, cc1: fatal error: …): the root cause under a wrapper",
    kind: "compiler",
    hint: /: (?:fatal )?error: /,
    pattern: /^[A-Za-z][\w.+-]{0,40}: (?:fatal )?error: (?=\S)/g,
    score: 3.5,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "an SDK client's service error (An error occurred (Code) when calling the X operation: …)",
    kind: "error",
    hint: /error occurred \(/,
    pattern:
      /(?<![\w-])[Aa]n error occurred \([\w.:-]{1,60}\) when calling the [\w.-]{1,80} operation\b[^\n:]{0,80}:\s{1,4}(?=\S)/g,
    score: 3.5,
    keep: "from-match",
    place: "any",
  },
  {
    name: "error: / fatal: at the start of a line",
    kind: "error",
    hint: /error|fatal/,
    pattern: /(?<![\w-])(?:error|fatal):(?=\s)/g,
    score: 3,
    keep: "from-match",
    place: "code-or-start",
  },
  {
    name: "error <words>: (Go-style wrapped error)",
    kind: "error",
    hint: /error /,
    pattern: /^error(?: [a-z][\w'-]{0,30}){1,6}: (?=\S)/g,
    score: 3,
    keep: "line",
    place: "line-start",
  },
  {
    name: "error: in the middle of a log line",
    kind: "error",
    hint: /error:/,
    pattern: /(?<![\w-])error:(?=\s)/g,
    score: 2.5,
    keep: "line",
    place: "code",
    codeOnly: true,
  },
  {
    name: "prose: the text after 'error:'",
    kind: "prose",
    hint: /error:/,
    pattern: /(?<![\w-])error:\s{1,4}/g,
    score: 1.5,
    keep: "after",
    place: "any",
  },
  {
    name: "log level (ERROR, [FATAL], CRITICAL)",
    kind: "log-level",
    hint: /ERROR|FATAL|CRITICAL|SEVERE|PANIC/,
    pattern: /(?<![\w-])\[?(?:ERROR|FATAL|CRITICAL|SEVERE|PANIC)\]?(?=[\s:])/g,
    score: 3,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "bracketed server log level (prog: [emerg] …, [crit] 12#0: …)",
    kind: "log-level",
    hint: /\[(?:emerg|alert|crit|error|fatal)\]/,
    pattern: /(?<![\w-])(?:[\w.-]{1,40}:\s{1,4})?\[(?:emerg|alert|crit|error|fatal)\]\s{1,4}(?=[^\s(])/g,
    score: 3,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "key=value log level (level=error msg=…)",
    kind: "log-level",
    hint: /(?:level|lvl|severity)=/,
    pattern:
      /(?<![\w-])(?:level|lvl|severity)="?(?:error|fatal|panic|crit|critical|emerg|alert|ERROR|FATAL|PANIC|CRITICAL)\b/g,
    score: 3,
    keep: "line",
    place: "code",
    codeOnly: true,
  },
  {
    name: "tool: (code) message (a command-line client's numbered failure)",
    kind: "error",
    hint: /: \(\d/,
    // A lowercase program name and a capitalised message: "CPU: (10) arm64" is a listing, not a failure.
    pattern: /^[a-z][\w.-]{0,39}: \(\d{1,4}\) (?=[A-Z])/g,
    score: 3,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "logrus-style level (FATA[0000], ERRO[0001])",
    kind: "log-level",
    hint: /FATA\[|ERRO\[/,
    pattern: /(?<![\w-])(?:FATA|ERRO)\[[^\]]{0,40}\]\s+(?=\S)/g,
    score: 3,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "a head naming where, with the message on the next lines (X Error at file:12 (call):)",
    kind: "error",
    hint: /Error at|ERROR at/,
    pattern: /(?<![\w-])(?:Error|ERROR) at [^\n]{1,200}:$/g,
    score: 3,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "test failure head (--- FAIL: TestX)",
    kind: "failed",
    hint: /FAIL/,
    pattern: /^-{0,3}\s{0,2}FAIL:? \S/g,
    score: 2.5,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "one-letter error level (E: …, F: …)",
    kind: "log-level",
    hint: /^\s{0,8}[EF]: /,
    pattern: /^[EF]: (?=\S)/g,
    score: 2.5,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "npm ERR! / npm error",
    kind: "npm",
    hint: /npm (?:ERR!|error)/,
    pattern:
      /^npm (?:ERR!|error)\s+(?!(?:code|errno|syscall|path|dest|signal|command|cwd|A complete log|Log files|[\w-]{1,30}:\s)\b)(?=\S)/g,
    score: 3,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "npm ERR! code (its metadata lines)",
    kind: "npm",
    hint: /npm (?:ERR!|error)/,
    pattern: /^npm (?:ERR!|error)\s+(?=\S)/g,
    score: 2,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "pnpm error code (ERR_PNPM_…)",
    kind: "npm",
    hint: /ERR_PNPM_/,
    pattern: /(?<![\w-])ERR_PNPM_[A-Z_]{2,60}\b/g,
    score: 3.5,
    keep: "line",
    place: "any",
  },
  {
    name: "yarn error",
    kind: "error",
    hint: /error /,
    pattern: /^error\s+(?=[A-Z])/g,
    score: 2.5,
    keep: "line",
    place: "code",
    codeOnly: true,
  },
  {
    name: "Windows error code (0x8…)",
    kind: "error",
    hint: /0x[0-9a-fA-F]{8}/,
    pattern: /\b(?:[Ee]rror|ERROR|[Cc]ode|HRESULT|hr)\b[^\n0-9]{0,48}0x[0-9a-fA-F]{8}\b/g,
    score: 3.5,
    keep: "line",
    place: "any",
  },
  {
    name: "crash signal (SIGSEGV, Segmentation fault, core dumped)",
    kind: "crash",
    hint: /signal|SIG[A-Z]|SEGV|Segmentation fault|Bus error|Abort trap|core dumped|OOMKilled|illegal instruction/,
    pattern:
      /\b(?:Received signal \d{1,2}|signal: [a-z]|SIG(?:SEGV|ABRT|BUS|ILL|FPE|KILL)\b|SEGV_[A-Z]{3,}|Segmentation fault|Bus error|Abort trap|core dumped|OOMKilled|[Ii]llegal instruction)/g,
    score: 3,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "crashed / killed / terminated by a signal",
    kind: "crash",
    hint: /signal/,
    pattern: /\b(?:crashed|killed|terminated|aborted|died|stopped) (?:by|with|on|due to) (?:a )?signal\b/g,
    score: 3,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "request blocked by a browser policy (… has been blocked by CORS policy: …)",
    kind: "error",
    hint: /blocked by/,
    pattern: /\bhas been blocked by [A-Z][\w-]{1,20} policy\b/g,
    score: 3,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "crash report reason (Crash reason:, Exception Type:, Termination Reason:)",
    kind: "crash",
    hint: /[Cc]rash [Rr]eason|Exception Type|Termination Reason|Exception [Cc]ode/,
    pattern: /^(?:Crash [Rr]eason|Exception Type|Termination Reason|Exception [Cc]ode):\s{1,8}(?=\S)/g,
    score: 3,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "process exit status",
    kind: "failed",
    hint: /exit (?:status|code)|exited with|status=\d/,
    pattern: /\b(?:(?:exit (?:status|code)|exited with (?:exit )?code)[: ]{1,2}-?\d{1,3}\b|status=\d{1,3}\/[A-Z]{2,})/g,
    score: 2.5,
    keep: "line",
    place: "code-or-start",
  },
  {
    name: "a failure sentence that names its object (Could not fetch URL …: …)",
    kind: "failed",
    hint: /Could not|Couldn't|Cannot|Can't|Unable to|Failed to|Execution failed|A problem occurred|Build failed|Command failed/,
    pattern:
      /^(?:[✖×✗]\s)?(?:Could not|Couldn't|Cannot|Can't|Unable to|Failed to|Execution failed|A problem occurred|Build failed|Command failed)\b(?=[^\n]{0,300}?:\s)(?![^\n]{0,400}\?\s*$)/g,
    score: 2.5,
    keep: "line",
    place: "line-start",
  },
  {
    name: "a failure line in a log",
    kind: "failed",
    hint: /Could not|Couldn't|Cannot|Can't|Unable to|Failed to|FAILED|Execution failed|A problem occurred|Build failed|Command failed/,
    pattern:
      /^(?:[✖×✗]\s)?(?:Could not|Couldn't|Cannot|Can't|Unable to|Failed to|FAILED\b|Execution failed|A problem occurred|Build failed|Command failed)/g,
    score: 2,
    keep: "line",
    place: "code",
    codeOnly: true,
  },
  {
    name: "JavaScript property access on nothing, without its name (Cannot read properties of undefined)",
    kind: "exception",
    hint: /Cannot (?:read|set) propert/,
    pattern: /\bCannot (?:read|set) propert(?:y|ies) [^\n]{1,80}? of (?:undefined|null)\b/g,
    score: 2.5,
    keep: "from-match",
    place: "any",
  },
  {
    name: "JavaScript runtime message without its name (x.map is not a function)",
    kind: "exception",
    hint: /is not (?:a function|defined|iterable|a constructor)/,
    pattern: /[\w$.[\]'"]{1,80} is not (?:a function|defined|iterable|a constructor)\b/g,
    score: 2.5,
    keep: "from-match",
    place: "code-or-start",
  },
  {
    name: "shell failure (command not found, No such file or directory)",
    kind: "crash",
    hint: /command not found|No such file or directory|Permission denied/,
    pattern: /\b(?:command not found|No such file or directory|Permission denied)\b/g,
    score: 2,
    keep: "line",
    place: "code",
    codeOnly: true,
  },
  {
    name: "a failure phrase that is the message itself (a title or a code line: 'server exited unexpectedly')",
    kind: "crash",
    hint: /exited|reset by peer|segmentation|denied|no such file|already in use|not found|refused|broken pipe|out of memory/i,
    pattern:
      /\b(?:exited unexpectedly|connection (?:reset by peer|refused)|segmentation fault|permission denied|no such file or directory|address already in use|command not found|broken pipe|out of memory)\b/gi,
    score: 2.5,
    keep: "line",
    place: "code-or-title",
    codeOnly: true,
  },
  {
    name: "named warning (Warning:, DeprecationWarning:)",
    kind: "warning",
    hint: /Warning:/,
    pattern: rx(`${NOT_AFTER}(?:[A-Z][\\w$]{0,60})?Warning:(?=\\s)`),
    score: 2,
    keep: "from-match",
    place: "any",
  },
  {
    name: "HTTP error JSON",
    kind: "json",
    hint: /\{\s*"/,
    pattern:
      /\{(?=\s*")(?=[^\n]{0,400}?(?:"(?:error|errors|errorMessage|error_message|detail|documentation_url)"\s*:|"type"\s*:\s*"error"|"status(?:Code)?"\s*:\s*[45]\d\d))(?=[^\n]{0,2000}?(?:"(?:message|msg|error|errorMessage|error_message|error_description|detail|reason|title)"\s*:\s*"(?!\s*at\s)[^"]{3}|"errors"\s*:\s*\[\s*"(?!\s*at\s)[^"]{3}|"status(?:Code)?"\s*:\s*[45]\d\d))/g,
    score: 2.5,
    keep: "from-match",
    place: "any",
  },
  {
    name: "error status phrase (API error 400)",
    kind: "status",
    hint: /[Ee]rror|ERROR/,
    pattern: /\b(?:[A-Z][A-Z0-9]{1,20}\s+)?(?:[Ee]rror|ERROR)\s+[1-5]\d\d\b/g,
    score: 1.5,
    keep: "match",
    place: "any",
  },
  {
    name: "HTTP status (HTTP 413 Payload Too Large)",
    kind: "status",
    hint: /HTTP/,
    pattern: /\bHTTP(?:\/\d(?:\.\d)?)?\s+[45]\d\d\b(?:\s+[A-Z][a-z]{1,20}(?:\s+[A-Z][a-z]{1,20}){0,3})?/g,
    score: 1.5,
    keep: "match",
    place: "any",
  },
  {
    name: "status code with its reason (503 Service Unavailable)",
    kind: "status",
    hint: /\b[45]\d\d\b/,
    pattern:
      /\b[45]\d\d\s+(?:Bad Request|Unauthorized|Payment Required|Forbidden|Not Found|Method Not Allowed|Conflict|Gone|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)\b/g,
    score: 1.5,
    keep: "match",
    place: "any",
  },
  {
    name: 'quoted after the word error (the error "…")',
    kind: "quoted",
    hint: /error|exception|warning/i,
    pattern:
      /(?<!["'\w])(?:error|exception)(?:\s+(?:message|text|output))?(?:\s*(?:says|saying|reads|reading|of|is|was|:))?\s+(?=["“'`])/gi,
    score: 2,
    keep: "quoted",
    place: "any",
  },
  {
    name: 'a quoted message that names a failure (it says "Unable to connect")',
    kind: "quoted",
    hint: /["“'`]/,
    pattern:
      /\b(?:says|saying|said|shows|showing|displays|gives|giving|returns|returning|prints|throws|reports|get|gets|got|getting|see|seeing|receive|received)\b(?: me)?(?: (?:the|this|an?|following))?(?: (?:message|popup|dialog|notification|toast|banner))?:?\s{1,3}(?!["“'`][^\s"”'`/\\]{0,300}[/\\][^\s"”'`]{0,300}["”'`])(?=["“'`][^"”'`\n]{0,200}?(?:error|fail|unable|cannot|can't|could not|couldn't|not found|denied|invalid|refused|timed? ?out|crash|missing|unexpected|forbidden|exceeded))/gi,
    score: 2,
    keep: "quoted",
    place: "any",
  },
];

/** The shape of a fenced block that is an HTTP error body as a whole (pretty-printed JSON). */
export const JSON_ERROR_BODY =
  /"(?:error|errors|errorMessage|error_message|detail|documentation_url)"\s*:|"type"\s*:\s*"error"|"status(?:Code)?"\s*:\s*[45]\d\d/;
/** An error body says what went wrong in words (or a status); one holding only a stack is not a message. */
export const JSON_HAS_MESSAGE =
  /"(?:message|msg|error|errorMessage|error_message|error_description|detail|reason|title)"\s*:\s*"(?!\s*at\s)[^"]{3}|"errors"\s*:\s*\[\s*"(?!\s*at\s)[^"]{3}|"status(?:Code)?"\s*:\s*[45]\d\d/;
export const JSON_BODY_SCORE = 2.5;

/**
 * A build tool's summary that only says a step failed with an exit code ("Linking x failed: (Exit 1)",
 * "collect2: error: ld returned 1 exit status"): the tool's own error line beside it says why.
 */
export const WRAPPER_SUMMARY =
  /\(Exit \d{1,3}\)|\breturned \d{1,3} exit status\b|\bfailed with exit (?:code|status) \d{1,3}\b/;
export const WRAPPER_PENALTY = 1;

/** A title that asks for something or asks a question: a failure phrase in it is not a report. */
export const TITLE_REQUEST =
  /^(?:add|support|allow|enable|implement|provide|make|feature|request|proposal|how|why|what|where|when|can|could|is|are|does|do|should|would|please)\b|\?\s*$/i;

/** The exception line that ends a Python traceback (found structurally, see extract-error.ts). */
export const TRACEBACK_SCORE = 4;

/** Lines that are never the error: stack frames, log-level warnings, progress and retry lines. */
export const REJECTED_LINES: readonly { name: string; pattern: RegExp }[] = [
  {
    name: "JS/Java/C# stack frame",
    pattern: /^at [\w$.<>[\]/\\@~ -]{1,300}[(:]|^at <anonymous>|^at (?:async )?\S{1,300}$/,
  },
  { name: "Python stack frame", pattern: /^File "[^"]{1,300}", line \d/ },
  { name: "native stack frame", pattern: /^#?\d{1,3}\s{1,4}0x[0-9a-fA-F]{4,}/ },
  { name: "Go stack frame", pattern: /^\S{1,300}\.go:\d{1,6}(?: \+0x[0-9a-f]{1,8})?$/ },
  {
    name: "log-level warning",
    pattern:
      /^\W{0,3}(?:WARN(?:ING)?|warn(?:ing)?|W\d{4})\b(?=[\s:[\]|-])|^npm (?:WARN|warn)\b|^\(node:\d{1,8}\) Warning:/,
  },
  {
    name: "build step header (ERROR [stage 3/5] RUN …): the message follows it",
    pattern: /^(?:ERROR|error) \[[^\]\n]{0,40}\d{1,3}\/\d{1,3}\]/,
  },
  {
    name: "retry",
    pattern: /^\W{0,3}(?:Retrying|Retry(?:ing)? in)\b|\bretrying in\b|\bwill retry\b|\battempt \d{1,3} ?(?:of|\/) ?\d/i,
  },
  {
    name: "progress",
    pattern:
      /^(?![^\n]{0,4000}?(?:error|fail|exception|fatal|panic|denied|refused))(?:[^\n]{0,4000}?(?:\b\d{1,3}(?:\.\d{1,2})?%(?:\s|\||$)|[=#>█▉▊▋▌▍▎▏░▒▓-]{8}\s{0,2}\d)|\s{0,8}(?:Downloading|Downloaded|Pulling|Extracting|Installing|Collecting|Resolving|Building|Compiling|Fetching)\b)/i,
  },
];

/**
 * Log prefixes that are not part of an error line: timestamps, syslog host/process heads, bracketed
 * time stamps, a box border (│ Error: …). Applied repeatedly (a syslog line wraps a program's own log).
 */
export const LOG_PREFIXES: readonly RegExp[] = [
  /^\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?\]?(?:\s{1,4}[-|]\s{1,4}|\s{1,4}|$)/,
  /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})?\s{1,4}/,
  /^\[?\d\d:\d\d:\d\d(?:[.,]\d{1,9})?\]?\s{1,4}/,
  /^[A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d \S{1,100} [\w./-]{1,100}(?:\[\d{1,10}\])?:\s{1,4}/,
  /^\[[A-Z] [^\]]{0,40}\d\d:\d\d[^\]]{0,60}\]\s{0,4}/,
  /^\[\d{1,8}(?:\.\d{1,9})?\]\s{1,4}/,
  // "pid:role day Mon year time level-mark" ("1:M 14 Mar 2024 03:12:47.512 # ").
  /^(?:\d{1,8}:[A-Z]\s{1,4})?\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d(?:\.\d{1,9})?\s{1,4}(?:[#*.-]\s{1,4})?/,
  /^[│┃]\s{0,4}/,
  // A mobile log's level/tag head ("E/Runtime( 123): ").
  /^[VDIWEF]\/[\w.$-]{1,60}(?:\(\s{0,4}\d{1,8}\))?:\s{1,4}/,
  // A logger's source location ("main.go:436: "), unless a compiler diagnostic follows it.
  /^[\w.-]{1,100}\.[a-z]{1,5}:\d{1,6}: (?!(?:fatal )?error\b|warning\b|note\b)(?=\S)/,
  // A browser console's source location ("bundle.js:56 Uncaught TypeError", "VM12:1 Error: …").
  /^(?:VM\d{1,8}|[\w.-]{1,100}\.[a-z]{1,5}):\d{1,6}(?::\d{1,6})?\s{1,4}(?=Uncaught\b|[A-Z]\w{0,60}(?:Error|Exception)\b)/,
  /^(?:[$#>%]|PS [^>]{0,200}>|=>|->|\/\/)\s{1,4}(?=\S)/,
];

/** Section headings under which an error is expected (issue templates, hand-written reports). */
export const ERROR_HEADING =
  /\b(?:errors?|exceptions?|logs?|output|stack ?traces?|traceback|backtrace|crash(?:es)?|what went wrong|actual (?:behaviou?r|results?|outcome)|what happened|console|messages?|stderr|panic)\b/i;
export const HEADING_BONUS = 1;
