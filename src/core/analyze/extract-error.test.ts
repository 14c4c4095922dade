import { describe, expect, it } from "vitest";
import { comment, makeThread } from "../thread/builders.test-helper.js";
import { extractError, extractThreadError, findErrorCandidates } from "./extract-error.js";

const fenced = (text: string, lang = "") => `Steps: run it.\n\n\`\`\`${lang}\n${text}\n\`\`\`\n`;

describe("extractError: stack traces and runtime errors", () => {
  it.each([
    [
      "Python traceback: the final exception line",
      fenced(
        "Traceback (most recent call last):\n  File \"main.py\", line 3, in <module>\n    int('abc')\nValueError: invalid literal for int() with base 10: 'abc'",
      ),
      "ValueError: invalid literal for int() with base 10: 'abc'",
    ],
    [
      "Python traceback ending in a bare exception name",
      fenced('Traceback (most recent call last):\n  File "a.py", line 1, in <module>\n    main()\nKeyboardInterrupt'),
      "KeyboardInterrupt",
    ],
    [
      "Rust panic, old format",
      fenced(
        "thread 'main' panicked at 'called `Option::unwrap()` on a `None` value', src/main.rs:4:5\nnote: run with `RUST_BACKTRACE=1`",
      ),
      "thread 'main' panicked at 'called `Option::unwrap()` on a `None` value', src/main.rs:4:5",
    ],
    [
      "Rust panic, new format with the message on the next line",
      fenced(
        "$ cargo run\nthread 'main' panicked at src/main.rs:2:5:\nindex out of bounds: the len is 3 but the index is 99",
        "console",
      ),
      "thread 'main' panicked at src/main.rs:2:5:\nindex out of bounds: the len is 3 but the index is 99",
    ],
    [
      "Go panic, not the goroutine dump",
      fenced(
        "panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation]\n\ngoroutine 1 [running]:\nmain.main()",
      ),
      "panic: runtime error: invalid memory address or nil pointer dereference",
    ],
    [
      "Go fatal error",
      fenced("fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:"),
      "fatal error: all goroutines are asleep - deadlock!",
    ],
    [
      "Java exception in thread",
      fenced(
        'Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null\n\tat Main.main(Main.java:5)',
      ),
      'Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null',
    ],
    [
      "Java: the first exception, not its cause",
      fenced(
        "java.lang.IllegalStateException: Failed to load ApplicationContext\n\tat org.example.Foo\nCaused by: java.io.IOException: Stream closed",
      ),
      "java.lang.IllegalStateException: Failed to load ApplicationContext",
    ],
    [
      "C# unhandled exception",
      fenced(
        "Unhandled exception. System.InvalidOperationException: Sequence contains no elements\n   at System.Linq.ThrowHelper.ThrowNoElementsException()",
      ),
      "Unhandled exception. System.InvalidOperationException: Sequence contains no elements",
    ],
    [
      "Node: the error line, not the source line with `throw new Error(`",
      fenced(
        "/app/index.js:3\nthrow new Error('boom')\n^\n\nError: boom\n    at Object.<anonymous> (/app/index.js:3:7)",
      ),
      "Error: boom",
    ],
    ["segfault", fenced("$ ./app\nSegmentation fault (core dumped)"), "Segmentation fault (core dumped)"],
  ])("%s", (_name, text, expected) => {
    expect(extractError(text)).toBe(expected);
  });
});

// Tools, compilers and logs: what it is, a thread body, the message it must give.
const TOOL_LOGS: [name: string, text: string, expected: string][] = [
  [
    "npm ERR!: the message line, not the code line",
    fenced(
      "npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree\nnpm ERR! \nnpm ERR! While resolving: app@1.0.0",
    ),
    "npm ERR! ERESOLVE unable to resolve dependency tree",
  ],
  [
    "npm 10 `npm error`",
    fenced("npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/nope - Not found"),
    "npm error 404 Not Found - GET https://registry.npmjs.org/nope - Not found",
  ],
  [
    "yarn",
    fenced('error An unexpected error occurred: "https://registry.yarnpkg.com/x: Not found".'),
    'error An unexpected error occurred: "https://registry.yarnpkg.com/x: Not found".',
  ],
  [
    "gcc keeps its location",
    fenced("main.c:3:5: error: expected ';' before 'return'"),
    "main.c:3:5: error: expected ';' before 'return'",
  ],
  [
    "tsc keeps its location and code",
    fenced("src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'."),
    "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
  ],
  [
    "rustc error code",
    fenced("error[E0382]: borrow of moved value: `v`\n --> src/main.rs:4:20"),
    "error[E0382]: borrow of moved value: `v`",
  ],
  [
    "an error beats an earlier warning",
    fenced("warning: unused variable `x`\nerror: could not compile `foo`"),
    "error: could not compile `foo`",
  ],
  [
    "docker",
    fenced("Error response from daemon: pull access denied for foo"),
    "Error response from daemon: pull access denied for foo",
  ],
  [
    "pip",
    fenced("ERROR: Could not find a version that satisfies the requirement torch==9.9 (from versions: none)"),
    "ERROR: Could not find a version that satisfies the requirement torch==9.9 (from versions: none)",
  ],
  [
    "git",
    fenced("$ git status\nfatal: not a git repository (or any of the parent directories): .git"),
    "fatal: not a git repository (or any of the parent directories): .git",
  ],
  [
    "log level after a timestamp",
    fenced(
      "2024-05-01 12:00:00,123 INFO starting\n2024-05-01 12:00:01,456 ERROR [main] Connection refused: localhost:5432",
    ),
    "ERROR [main] Connection refused: localhost:5432",
  ],
  [
    "Node deprecation warning",
    fenced("(node:1234) [DEP0005] DeprecationWarning: Buffer() is deprecated due to security and usability issues."),
    "DeprecationWarning: Buffer() is deprecated due to security and usability issues.",
  ],
  [
    "vitest assertion",
    fenced(" FAIL  src/a.test.ts > adds\nAssertionError: expected 2 to be 3"),
    "AssertionError: expected 2 to be 3",
  ],
  [
    "pytest: the whole summary line with its assertion",
    fenced("FAILED tests/test_x.py::test_a - AssertionError: assert 1 == 2"),
    "FAILED tests/test_x.py::test_a - AssertionError: assert 1 == 2",
  ],
  [
    "kubectl",
    fenced('Error from server (NotFound): pods "x" not found'),
    'Error from server (NotFound): pods "x" not found',
  ],
  [
    "python import",
    fenced("ModuleNotFoundError: No module named 'torch'"),
    "ModuleNotFoundError: No module named 'torch'",
  ],
  ["shell", fenced("$ claude\nzsh: command not found: claude"), "zsh: command not found: claude"],
  [
    "webpack: the whole line, not a fragment",
    fenced("Module not found: Error: Can't resolve 'fs' in '/app'"),
    "Module not found: Error: Can't resolve 'fs' in '/app'",
  ],
];

describe("extractError: tools, compilers and logs", () => {
  it.each(TOOL_LOGS)("%s", (_name, text, expected) => {
    expect(extractError(text)).toBe(expected);
  });
});

describe("extractError: HTTP and JSON error bodies", () => {
  it("keeps a JSON body that continues on the next line of a code block", () => {
    const text = fenced('API Error: 400\n{"type":"error","error":{"message":"quota"},"request_id":"req_1');
    expect(extractError(text)).toBe('API Error: 400\n{"type":"error","error":{"message":"quota"},"request_id":"req_1');
  });

  it("does not swallow prose that follows the JSON", () => {
    const text = fenced('HTTP Error: 500\n{"error":"boom"}\nthen I restarted');
    expect(extractError(text)).toBe('HTTP Error: 500\n{"error":"boom"}');
  });

  it("takes a pretty-printed JSON error body whole", () => {
    const text =
      'The API returns:\n```json\n{\n  "error": {\n    "code": 401,\n    "message": "Bad credentials"\n  }\n}\n```';
    expect(extractError(text)).toBe('{\n  "error": {\n    "code": 401,\n    "message": "Bad credentials"\n  }\n}');
  });

  it("prefers the message in the text to a JSON block that holds only a stack", () => {
    const text =
      'After saving I get TypeError: Cannot read properties of undefined (reading \'id\')\n\n### Error Messages/Logs\n\n```json\n{\n  "error": {\n    "name": "TypeError",\n    "stack": "at Vx (https://cdn.example.com/bundle.min.js:1:23456)"\n  }\n}\n```';
    expect(extractError(text)).toBe("TypeError: Cannot read properties of undefined (reading 'id')");
  });

  it("takes a one-line JSON error body after a label", () => {
    expect(extractError('Response body: {"error":"invalid_grant","error_description":"Bad Request"}')).toBe(
      '{"error":"invalid_grant","error_description":"Bad Request"}',
    );
  });

  it("unescapes a message cut out of a JSON string", () => {
    const text = fenced('[{"error":"Error: 429 {\\"type\\":\\"error\\",\\"message\\":\\"slow down\\"}"}]', "json");
    expect(extractError(text)).toBe('Error: 429 {"type":"error","message":"slow down"}');
  });

  it.each([
    ["an error-and-status phrase", "**Turning it off gives an immediate API error 400**", "API error 400"],
    [
      "HTTP status with its reason",
      "The upload now returns HTTP 413 Payload Too Large for big files.",
      "HTTP 413 Payload Too Large",
    ],
    [
      "a status code with its reason",
      "The server answers 503 Service Unavailable every time.",
      "503 Service Unavailable",
    ],
  ])("finds %s in prose", (_name, text, expected) => {
    expect(extractError(text)).toBe(expected);
  });
});

describe("extractError: prose", () => {
  it.each([
    [
      "inline code ends the message",
      "I get `TypeError: Cannot read properties of undefined (reading 'map')` on save.",
      "TypeError: Cannot read properties of undefined (reading 'map')",
    ],
    [
      "a double-quoted message ends at its closing quote",
      'It produces "API Error: Rate limit reached" even with quota left.',
      "API Error: Rate limit reached",
    ],
    [
      "a single-quoted message keeps its apostrophes",
      "It says 'Error: can't open file' and exits.",
      "Error: can't open file",
    ],
    [
      "the quoted text after the word error",
      'Claude answers with the error "You\'re out of usage. Add more" although I have quota.',
      "You're out of usage. Add more",
    ],
    [
      "the text after 'this error:'",
      "After the update I get this error: Cannot connect to the Docker daemon",
      "Cannot connect to the Docker daemon",
    ],
    ["a bold label before the message", "**Error:** Something went badly wrong", "Error: Something went badly wrong"],
    [
      "the message on the line after a bare label",
      "**Error:**\nAPI Error: 400 quota exceeded",
      "API Error: 400 quota exceeded",
    ],
    ["a blockquoted error", "> Error: quoted from another issue", "Error: quoted from another issue"],
    [
      "a browser console error",
      "Console shows:\n\n    Uncaught (in promise) TypeError: Failed to fetch",
      "Uncaught (in promise) TypeError: Failed to fetch",
    ],
  ])("%s", (_name, text, expected) => {
    expect(extractError(text)).toBe(expected);
  });

  it("takes a quoted message that names a failure, not any quoted text", () => {
    expect(extractError('Clicking sync shows "Unable to reach the server, try later" for a minute.')).toBe(
      "Unable to reach the server, try later",
    );
    expect(extractError('The dialog says "Welcome back" and nothing else.')).toBeNull();
  });

  it("prefers a fenced error over the same error mentioned in prose", () => {
    const text =
      'It fails with API Error: 400 "out of usage", every time.\n\n```\nAPI Error: 400 {"message":"out of usage"}\n```';
    expect(extractError(text)).toBe('API Error: 400 {"message":"out of usage"}');
  });

  it("strips a shell comment prefix in code", () => {
    expect(extractError(fenced('claude -p "hi"\n# => API Error: 400 "You\'re out of extra usage..."', "bash"))).toBe(
      'API Error: 400 "You\'re out of extra usage..."',
    );
  });

  it("unwraps a quoted warning in a code block", () => {
    expect(extractError(fenced("'Warning: getDOMNode(...) is deprecated.'"))).toBe(
      "Warning: getDOMNode(...) is deprecated.",
    );
  });
});

describe("extractError: no error", () => {
  it("does not take a hardware listing with a count in parentheses for a tool's failure", () => {
    expect(extractError(fenced("System:\n  CPU: (8) x64 Example Chip\n  Memory: 3.1 GB / 16 GB"))).toBeNull();
  });
  it("does not take a capitalised heading that names no failure", () => {
    expect(extractError(fenced("Feature Request: export to CSV"))).toBeNull();
  });

  it.each([
    ["a feature request", "It would be nice to have a minimap. Error handling in the docs is confusing too."],
    ["source code that throws", fenced("function f() {\n  throw new Error('nope');\n}", "js")],
    ["source code that logs an error string", fenced('console.error("Error: this is source code")', "js")],
    ["a bare label", "**Error:**\n\nnothing here"],
    ["an issue template placeholder in an HTML comment", "<!-- Error: paste your error here -->\nNothing broke."],
    ["an empty template section", "### Error Messages/Logs\n\n```shell\n\n```\n"],
    ["a Rust path, not an error", "Use `std::io::Error::new` for that."],
    ["empty text", ""],
  ])("%s gives null", (_name, text) => {
    expect(extractError(text)).toBeNull();
  });
});

describe("findErrorCandidates", () => {
  it("ranks candidates best first and records kind and position", () => {
    const text = "It fails with error 500 sometimes.\n\n```\nTypeError: x is not a function\n```";
    const [best, second] = findErrorCandidates(text);
    expect(best).toMatchObject({ text: "TypeError: x is not a function", kind: "exception", line: 3 });
    expect(second?.kind).toBe("status");
    expect((best?.score ?? 0) > (second?.score ?? 0)).toBe(true);
  });

  it("cuts a message longer than 2000 characters", () => {
    const text = fenced(`Error: ${"x".repeat(5000)}`);
    const message = extractError(text) ?? "";
    expect(message.length).toBe(2000);
    expect(message.endsWith("…")).toBe(true);
  });
});

describe("extractThreadError", () => {
  it("uses the body when it has an error, citing the thread", () => {
    const thread = makeThread({
      body: "```\nError: from body\n```",
      comments: [comment("bob", "```\nTypeError: from comment\n```")],
    });
    expect(extractThreadError(thread)).toMatchObject({ message: "Error: from body", source: "body", url: thread.url });
  });

  it("falls back to the comment with the best candidate", () => {
    const weak = comment("bob", "I also see error 500 here.");
    const strong = comment("carol", "```\nTypeError: boom\n```");
    const thread = makeThread({ body: "Nothing works.", comments: [weak, strong] });
    expect(extractThreadError(thread)).toMatchObject({
      message: "TypeError: boom",
      source: "comment",
      url: strong.url,
    });
  });

  it("takes a comment's full error over a passing mention in the body", () => {
    const log = comment(
      "carol",
      "Here is the log:\n\n```\nRuntimeError: CUDA error: device-side assert triggered\n```",
    );
    const thread = makeThread({ body: "Training stops with error 500 from the dashboard.", comments: [log] });
    expect(extractThreadError(thread)).toMatchObject({
      message: "RuntimeError: CUDA error: device-side assert triggered",
      source: "comment",
    });
  });

  it("keeps the body's own error over a comment's when the body states one", () => {
    const other = comment("carol", "```\nTypeError: something else\n```");
    const thread = makeThread({ body: "Error: cannot open the project file", comments: [other] });
    expect(extractThreadError(thread)?.source).toBe("body");
  });

  it("ranks a bot's error below a person's equal one", () => {
    const bot = comment("ci[bot]", "```\nError: build failed\n```");
    const person = comment("dave", "```\nError: build failed again\n```");
    const thread = makeThread({ body: "", comments: [bot, person] });
    expect(extractThreadError(thread)?.url).toBe(person.url);
  });

  it("is null when neither body nor comments show an error", () => {
    expect(
      extractThreadError(makeThread({ body: "Please add dark mode.", comments: [comment("b", "+1")] })),
    ).toBeNull();
  });
});

// One row per recogniser shape: what it is, a thread body, the message it must give.
const TABLE_SHAPES: [name: string, text: string, expected: string][] = [
  [
    "the last line of a Python traceback pasted as prose",
    'It crashed:\n\nTraceback (most recent call last):\n  File "run.py", line 9, in <module>\n    load()\nOSError: [Errno 28] No space left on device',
    "OSError: [Errno 28] No space left on device",
  ],
  [
    "a panic after a label keeps its head",
    "Output: panic: send on closed channel\n\nThe tool crashed.",
    "panic: send on closed channel",
  ],
  [
    "a Windows error code inside brackets, the whole line",
    "### Actual Behavior\n\n```\n[process exited with error 0x80070005 while starting `tool.exe`]\n```",
    "[process exited with error 0x80070005 while starting `tool.exe`]",
  ],
  [
    "Terraform's box border is not part of the error",
    fenced("│ Error: Invalid provider configuration\n│"),
    "Error: Invalid provider configuration",
  ],
  [
    "a logrus fatal line",
    fenced('INFO[0000] starting\nFATA[0001] failed to open config "x.yml": permission denied'),
    'FATA[0001] failed to open config "x.yml": permission denied',
  ],
  [
    "a pnpm error code",
    fenced(" ERR_PNPM_PEER_DEP_ISSUES  Unmet peer dependencies"),
    "ERR_PNPM_PEER_DEP_ISSUES  Unmet peer dependencies",
  ],
  [
    "a Gradle failure under * What went wrong:",
    fenced(
      "FAILURE: Build failed with an exception.\n\n* What went wrong:\nExecution failed for task ':lib:compileJava'.\n\n* Try:",
    ),
    "Execution failed for task ':lib:compileJava'.",
  ],
  [
    "a crash report's reason",
    "Crash log:\n\nException Type:  EXC_BAD_ACCESS (SIGSEGV)\nException Codes: KERN_INVALID_ADDRESS",
    "Exception Type:  EXC_BAD_ACCESS (SIGSEGV)",
  ],
  [
    "a signal behind syslog and program log prefixes",
    "`Mar  2 10:00:01 box worker[31]: 2024/03/02 10:00:01 main.go:77: signal: segmentation fault (core dumped)`",
    "signal: segmentation fault (core dumped)",
  ],
  [
    "a Go-style wrapped error at the start of a prose line",
    "Running the command prints\nerror getting credentials: exec: not found in $PATH\nand stops.",
    "error getting credentials: exec: not found in $PATH",
  ],
  [
    "a failure sentence that names what failed",
    "Could not open socket /run/app.sock: Connection refused",
    "Could not open socket /run/app.sock: Connection refused",
  ],
  [
    "an error line inside a code span that runs over two lines",
    "The log says:\n`12:00:01 starting worker\n12:00:02 Error: worker exited unexpectedly`",
    "Error: worker exited unexpectedly",
  ],
  [
    "Ruby: the line that ends in the error class",
    fenced(
      "/app/models/user.rb:12:in `name': undefined method `first' for nil:NilClass (NoMethodError)\n\tfrom /app/x.rb:3",
    ),
    "/app/models/user.rb:12:in `name': undefined method `first' for nil:NilClass (NoMethodError)",
  ],
  [
    "Elixir: the error class in parentheses",
    fenced("** (KeyError) key :name not found in: %{}\n    (app 0.1.0) lib/app.ex:5: App.run/0"),
    "** (KeyError) key :name not found in: %{}",
  ],
  [
    "a shell failure inside inline code",
    "Running `ssh git@example.com` gives `Permission denied (publickey).`",
    "Permission denied (publickey).",
  ],
  [
    "a Node error code in brackets",
    fenced(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x' imported from /app/index.js\n    at new NodeError (node:internal/errors:399:5)",
    ),
    "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x' imported from /app/index.js",
  ],
  [
    "a service manager's exit status behind a syslog prefix",
    fenced("Jan 05 09:00:00 host init[1]: web.service: Main process exited, code=exited, status=1/FAILURE"),
    "web.service: Main process exited, code=exited, status=1/FAILURE",
  ],
  [
    "a one-letter error level",
    fenced("Reading package lists... Done\nE: Unable to locate package libfoo-dev"),
    "E: Unable to locate package libfoo-dev",
  ],
  [
    "a head naming where, with the message on the next line",
    fenced('Build Error at build/config.txt:12 (load):\n  Could not find the file "x.cfg"'),
    'Build Error at build/config.txt:12 (load):\nCould not find the file "x.cfg"',
  ],
  [
    "a test failure head",
    fenced("--- FAIL: TestParse (0.00s)\n    parse_test.go:12: want 3\nFAIL"),
    "--- FAIL: TestParse (0.00s)",
  ],
  [
    "a browser console's source location is not part of the error",
    fenced("list.js:56 Uncaught TypeError: Cannot read properties of null (reading 'x')"),
    "Uncaught TypeError: Cannot read properties of null (reading 'x')",
  ],
  [
    "a compiler's location stays with its diagnostic",
    fenced("lib/a.go:12: error: undefined: foo"),
    "lib/a.go:12: error: undefined: foo",
  ],
  [
    "a crash head that names only a thread gives way to the exception",
    fenced(
      "E/Runtime( 812): FATAL EXCEPTION: main\nE/Runtime( 812): java.lang.IllegalStateException: Could not execute method for android:onClick\nE/Runtime( 812): \tat a.b.C.d(C.java:1)",
    ),
    "java.lang.IllegalStateException: Could not execute method for android:onClick",
  ],
  [
    "Swift fatal error",
    fenced("Fatal error: Unexpectedly found nil while unwrapping an Optional value"),
    "Fatal error: Unexpectedly found nil while unwrapping an Optional value",
  ],
  [
    "a head naming an unhandled exception, not the log path after it",
    fenced(
      'An unhandled exception occurred: Cannot load plugin "report-writer"\nSee "/var/tmp/tool-4Fz1/crash.log" for the full trace.',
    ),
    'An unhandled exception occurred: Cannot load plugin "report-writer"',
  ],
  [
    "an uncaught exception head at the start of a prose line",
    "Right after login the console shows:\n\nUncaught exception: session store went away before the reply",
    "Uncaught exception: session store went away before the reply",
  ],
  [
    "a capitalised failure head (two words and a colon)",
    fenced("Assertion Failure: queue length went negative after drain()"),
    "Assertion Failure: queue length went negative after drain()",
  ],
  [
    "a server's bracketed log level after its name, in inline code",
    "Reloading fails with `proxyd: [emerg] duplicate listen option in /srv/proxyd/site.conf:12` since the upgrade.",
    "proxyd: [emerg] duplicate listen option in /srv/proxyd/site.conf:12",
  ],
  [
    "a bracketed log level after a timestamp",
    fenced(
      "2025/06/01 08:00:01 [notice] 10#10: start worker\n2025/06/01 08:00:02 [crit] 11#11: open() of the pid file failed (13: Permission denied)",
    ),
    "[crit] 11#11: open() of the pid file failed (13: Permission denied)",
  ],
  [
    "a key=value log line whose level is error",
    fenced('ts=1717000000 level=info msg="listening"\nts=1717000001 level=error msg="disk quota reached" volume=/data'),
    'ts=1717000001 level=error msg="disk quota reached" volume=/data',
  ],
  [
    "a command-line client's numbered failure",
    fenced("$ fetcher --tls https://internal.test\nfetcher: (35) TLS handshake aborted by peer"),
    "fetcher: (35) TLS handshake aborted by peer",
  ],
  [
    "a server that crashed by a signal, behind a pid/role/date log prefix",
    fenced(
      "7:S 02 Jan 2025 10:00:00.001 * Ready to accept connections\n7:S 02 Jan 2025 10:05:13.402 # Cache 3.1.0 crashed by signal: 6, si_code: 0",
    ),
    "Cache 3.1.0 crashed by signal: 6, si_code: 0",
  ],
  [
    "a worker killed by a signal",
    fenced("starting 4 workers\nworker 2 was killed by signal 9"),
    "worker 2 was killed by signal 9",
  ],
  [
    "a request blocked by a browser policy",
    fenced(
      "Access to XMLHttpRequest at 'https://data.example.test/items' from origin 'https://app.example.test' has been blocked by CORS policy: Response to preflight request doesn't pass access control check.",
    ),
    "Access to XMLHttpRequest at 'https://data.example.test/items' from origin 'https://app.example.test' has been blocked by CORS policy: Response to preflight request doesn't pass access control check.",
  ],
  [
    "a container build's summary, not its step header",
    fenced(
      'ERROR [web 4/7] RUN ./compile.sh\nERROR: failed to solve: process "/bin/sh -c ./compile.sh" did not complete successfully: exit code: 1',
    ),
    'ERROR: failed to solve: process "/bin/sh -c ./compile.sh" did not complete successfully: exit code: 1',
  ],
  [
    ".NET unhandled exception with its type",
    fenced(
      "Unhandled exception. System.ArgumentNullException: Value cannot be null. (Parameter 'key')\n   at Program.Main()",
    ),
    "Unhandled exception. System.ArgumentNullException: Value cannot be null. (Parameter 'key')",
  ],
  [
    "PHP fatal error with its prefix",
    fenced("PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted in /app/src/Import.php on line 88"),
    "PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted in /app/src/Import.php on line 88",
  ],
  [
    "MySQL client error with its code and state",
    fenced("ERROR 1049 (42000): Unknown database 'inventory'"),
    "ERROR 1049 (42000): Unknown database 'inventory'",
  ],
  [
    "PostgreSQL server error",
    fenced('ERROR:  column "qty" of relation "orders" does not exist\nLINE 1: UPDATE orders SET qty = 1;'),
    'ERROR:  column "qty" of relation "orders" does not exist',
  ],
  [
    "PostgreSQL fatal connection error",
    fenced('FATAL:  role "reporter" does not exist'),
    'FATAL:  role "reporter" does not exist',
  ],
  [
    "browser console: an uncaught promise rejection",
    fenced("Uncaught (in promise) RangeError: Invalid time value\n    at format (utils.js:40)"),
    "Uncaught (in promise) RangeError: Invalid time value",
  ],
];

describe("extractError: shapes of the recogniser table", () => {
  it.each(TABLE_SHAPES)("%s", (_name, text, expected) => {
    expect(extractError(text)).toBe(expected);
  });

  it("prefers the message to a header that only names a location", () => {
    const text = fenced(
      "ERROR in ./src/views/list.js 12:0-40\nModule not found: Error: Can't resolve './item' in '/app/src/views'",
    );
    expect(extractError(text)).toBe("Module not found: Error: Can't resolve './item' in '/app/src/views'");
  });

  it("prefers the line under an error heading over an earlier equal one", () => {
    const text = "### Steps\n\n```\nError: setup step\n```\n\n### Logs\n\n```\nError: the real failure\n```";
    expect(extractError(text)).toBe("Error: the real failure");
  });

  it("prefers the line that shares the title's words, else the first", () => {
    const text = fenced("Error: 0x80070005\nError code: Setup/Install/0x80070005");
    expect(extractError(text, "Error code: Setup/Install/0x80070005 on first run")).toBe(
      "Error code: Setup/Install/0x80070005",
    );
    expect(extractError(text, "")).toBe("Error: 0x80070005");
  });

  it("takes a process exit line that the title names over a vaguer failure line", () => {
    const text =
      "### Relevant log output\n\n```\nCould not complete the request.\nworker process has terminated: exit status 3\n```";
    expect(extractError(text, "worker process has terminated: exit status 3")).toBe(
      "worker process has terminated: exit status 3",
    );
  });
});

describe("extractError: rejected lines", () => {
  it.each([
    ["a log-level warning", fenced("WARNING:root:disk almost full")],
    ["a compiler warning", fenced("warning: unused variable `x`")],
    [
      "stack frames alone",
      fenced(
        "    at Object.<anonymous> (/app/a.js:3:7)\n    at Module._compile (node:internal/modules/cjs/loader:1105:14)",
      ),
    ],
    ["a native backtrace alone", fenced("#0 0x7f5f5acc9d07 <unknown>\n#1 0x7f5f48ecffe0 <unknown>")],
    ["a retry line", fenced("Retrying (Retry(total=4)) after connection broken by 'ProtocolError'")],
    ["a progress line", fenced("Downloading model.bin  42% |████████          | 1.2G/2.9G")],
    ["a question", "How can I configure the cache folder? The docs do not say."],
    ["a screenshot only", "It fails like this:\n\n![error](https://example.com/shot.png)"],
    ["a sentence that merely says something is not defined", "The order of the results is not defined in the spec."],
    ["a JSON snippet that is not an error body", fenced('{"type": "module", "name": "x"}', "")],
  ])("%s gives null", (_name, text) => {
    expect(extractError(text)).toBeNull();
  });

  it("keeps an error line that carries a percentage", () => {
    expect(extractError(fenced("OSError: disk quota reached (100% of 20 GB used)"))).toBe(
      "OSError: disk quota reached (100% of 20 GB used)",
    );
  });

  it("skips a retry warning for the error that follows it", () => {
    const text =
      "WARNING: Retrying (Retry(total=0)) after connection broken by 'SSLError(\"bad handshake\")': /simple/x/\nCould not fetch URL https://example.org/simple/x/: There was a problem confirming the ssl certificate - skipping";
    expect(extractError(text)).toBe(
      "Could not fetch URL https://example.org/simple/x/: There was a problem confirming the ssl certificate - skipping",
    );
  });
});

describe("extractThreadError: the title", () => {
  it("takes an error named only in the title when the body shows none", () => {
    const thread = {
      ...makeThread({ body: "See the screenshot.\n\n![x](https://example.com/a.png)" }),
      title: "KeyError: 'missing_column'",
    };
    expect(extractThreadError(thread)).toMatchObject({ message: "KeyError: 'missing_column'", source: "title" });
  });

  it("ends a title's error where a comment shows it verbatim", () => {
    const log = comment("bob", "Same here:\n\n```\nAPI Error: Quota exceeded\n```");
    const thread = {
      ...makeThread({ body: "", comments: [log] }),
      title: "API Error: Quota exceeded although only 10% is used",
    };
    expect(extractThreadError(thread)).toMatchObject({ message: "API Error: Quota exceeded", source: "comment" });
  });

  it("takes the quoted message of a title", () => {
    const thread = {
      ...makeThread({ body: "Happens on every start." }),
      title: '"Bundler has encountered an internal error" after renaming a file',
    };
    expect(extractThreadError(thread)?.message).toBe("Bundler has encountered an internal error");
  });

  it("does not take a plain title for an error", () => {
    const thread = { ...makeThread({ body: "Please add vertical tabs." }), title: "Support vertical tabs" };
    expect(extractThreadError(thread)).toBeNull();
  });

  it("prefers the title's error to a much weaker one in the body", () => {
    const thread = {
      ...makeThread({ body: "The page answers with error 500 after that." }),
      title: "KeyError: 'user_id' in the session view",
    };
    expect(extractThreadError(thread)).toMatchObject({
      message: "KeyError: 'user_id' in the session view",
      source: "title",
    });
  });

  it("prefers the body's error to the title's", () => {
    const thread = { ...makeThread({ body: "```\nValueError: bad shape (3, 4)\n```" }), title: "TypeError in reshape" };
    expect(extractThreadError(thread)?.source).toBe("body");
  });
});

describe("extractError: a leading error code belongs to the message", () => {
  it.each([
    [
      "fenced, a letter and digits",
      fenced("E7041: Failure while loading plugin file: conf.vim:9: unknown option"),
      "E7041: Failure while loading plugin file: conf.vim:9: unknown option",
    ],
    [
      "inline code in the middle of a sentence",
      "On start it shows `Q2045: Error while reading the profile: bad header` and quits.",
      "Q2045: Error while reading the profile: bad header",
    ],
    [
      "a lowercase message after the code",
      "After upgrading:\n\n`ERR504: unable to reach the index server`",
      "ERR504: unable to reach the index server",
    ],
    [
      "a compiler code without the word error",
      fenced("XY1234: Argument of kind 'a' cannot be given to kind 'b'."),
      "XY1234: Argument of kind 'a' cannot be given to kind 'b'.",
    ],
  ])("%s", (_name, body, expected) => {
    expect(extractError(body)).toBe(expected);
  });

  it("still strips a timestamp before the code", () => {
    expect(extractError(fenced("2025-03-04 11:22:33 K0912: Stopped reading the queue file"))).toBe(
      "K0912: Stopped reading the queue file",
    );
  });

  it("does not take a checksum listing for an error code", () => {
    expect(extractError(fenced("SHA256: 9f86d081884c7d659a2feaa0c55ad015"))).toBeNull();
  });
});

describe("extractError: more HTTP error body shapes", () => {
  it.each([
    ["a list of error strings", '{"errors":["token was not sent with the call"]}'],
    ["an error string", '{"error":"grant has been revoked"}'],
    [
      "a message with a documentation link",
      '{"message":"Resource not accessible","documentation_url":"https://docs.example.org/x"}',
    ],
    ["a nested error object", '{"error":{"code":7,"message":"project quota is used up"}}'],
    ["a detail field", '{"detail":"Credentials were not supplied with the call."}'],
  ])("%s: the whole JSON line", (_name, json) => {
    expect(extractError(`The service answers:\n\n\`\`\`\n${json}\n\`\`\`\n`)).toBe(json);
  });

  it("finds the body in inline code", () => {
    expect(extractError('Every call returns `{"errors":["no session for this key"]}` now.')).toBe(
      '{"errors":["no session for this key"]}',
    );
  });

  it("ignores a JSON line without any error key", () => {
    expect(extractError(fenced('{"message":"hello","count":3}'))).toBeNull();
  });
});

describe("extractError: an SDK client's service error", () => {
  const line =
    "An error occurred (ThrottledCall) when calling the DescribeWidgets operation: Rate of requests exceeds the allowed limit";
  it("in a fenced block", () => {
    expect(extractError(fenced(`$ tool widgets list\n\n${line}`))).toBe(line);
  });
  it("in inline code", () => {
    expect(extractError(`The command stops with \`${line}\` after a minute.`)).toBe(line);
  });
  it("in prose", () => {
    expect(extractError(`${line}\n\nIt worked yesterday.`)).toBe(line);
  });
});

describe("extractThreadError: a title that is a failure phrase", () => {
  const saying = (title: string) => ({
    ...makeThread({ body: "Whenever I start it, it prints that message and stops. Version 2.1." }),
    title,
  });
  it.each([
    "daemon exited unexpectedly",
    "socket: connection reset by peer",
    "segmentation fault when opening large files",
    "permission denied on the cache folder",
    "no such file or directory after update",
    "address already in use on second launch",
    "cli: command not found after install",
  ])("%s", (title) => {
    const found = extractThreadError(saying(title));
    expect(found?.source).toBe("title");
    expect(title).toContain(found?.message);
  });

  it.each([
    "Add support for retrying when the connection is reset by peer",
    "How do I avoid permission denied in containers?",
    "Allow a custom port when the address is already in use",
    "Why does it say no such file or directory?",
  ])("abstains on a request or question: %s", (title) => {
    expect(extractThreadError(saying(title))).toBeNull();
  });

  it("does not take a failure phrase in prose for the error", () => {
    expect(extractError("I think permission denied is the wrong wording for this dialog.")).toBeNull();
  });
});

describe("extractError: the tool's own error under a build wrapper", () => {
  it("prefers the linker's error to the step that failed with an exit code", () => {
    const log = [
      "ERROR: /src/pkg/BUILD:40:7: Linking pkg/server failed: (Exit 1): gcc failed: error executing command",
      "ld.gold: error: undefined reference to 'net::Open()'",
      "collect2: error: ld returned 1 exit status",
    ].join("\n");
    expect(extractError(fenced(log))).toBe("ld.gold: error: undefined reference to 'net::Open()'");
  });

  it("keeps a wrapper line when it is the only error", () => {
    expect(extractError(fenced("collect2: error: ld returned 1 exit status"))).toBe(
      "collect2: error: ld returned 1 exit status",
    );
  });

  it("prefers a compiler's error line to the make summary", () => {
    const log = ["cc1: fatal error: zlib.h: No such file or directory", "make: *** [all] Error 1 (Exit 2)"].join("\n");
    expect(extractError(fenced(log))).toBe("cc1: fatal error: zlib.h: No such file or directory");
  });
});
