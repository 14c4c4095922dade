import { describe, expect, it } from "vitest";
import { compareSignatures, errorSignature, isEmptySignature, normaliseMessage, sameError } from "./error-signature.js";

const same = (a: string, b: string) => sameError(errorSignature(a), errorSignature(b));
const OUT_OF_USAGE = `You're out of extra usage. Add more at claude.ai/settings/usage and keep going.`;
const envelope = (message: string, extra = "") =>
  `API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"${message}"}${extra}}`;

describe("errorSignature: the parts", () => {
  it("peels the API wrapper and the JSON envelope down to the message", () => {
    const s = errorSignature(envelope(OUT_OF_USAGE, `,"request_id":"req_011CZqnY5KHy5SnVvU7Rgtv8"`));
    expect(s.status).toBe(400);
    expect(s.types).toEqual(["invalid_request_error"]);
    expect(s.message).toBe("you're out of extra usage. add more at claude.ai/settings/usage and keep going");
    expect(s.signature).toBe(`invalid_request_error 400 | ${s.message}`);
    expect(s.key).toMatch(/^[0-9a-f]{12}$/);
    expect(s.family).toBe("you're out of");
  });

  it("reads a JSON envelope cut off mid request id", () => {
    const s = errorSignature(
      `API Error: 400\n{"type":"error","error":{"type":"invalid_request_error","message":"${OUT_OF_USAGE}"},"request_id":"req_011CZqiipW9q9ndbZPzBwQnA`,
    );
    expect(s.key).toBe(errorSignature(OUT_OF_USAGE).key);
  });

  it("reads errors nested as escaped JSON strings", () => {
    const text = `[{"error":"Error: 429 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"rate_limit_error\\",\\"message\\":\\"This request would exceed your account's rate limit. Please try again later.\\"},\\"request_id\\":\\"req_011CZfEjJ6XaRavJo4WjSveP\\"}"}]`;
    const s = errorSignature(text);
    expect(s.types).toContain("rate_limit_error");
    expect(s.message).toBe("this request would exceed your account's rate limit. please try again later");
  });

  it("marks a message cut short with an ellipsis as truncated", () => {
    const s = errorSignature(`API Error: 400 "You're out of extra usage..."`);
    expect(s.truncated).toBe(true);
    expect(s.message).toBe("you're out of extra usage");
    expect(errorSignature(OUT_OF_USAGE).truncated).toBe(false);
  });

  it("keeps a specific error type, drops generic wrappers", () => {
    expect(errorSignature("TypeError: x is not a function").types).toEqual(["typeerror"]);
    expect(errorSignature("Error: boom").types).toEqual([]);
    expect(errorSignature("Uncaught TypeError: x is not a function").types).toEqual(["typeerror"]);
    expect(errorSignature("Error: TypeError: x is not a function").types).toEqual(["typeerror"]);
  });

  it("takes the last line of a Python traceback", () => {
    const s = errorSignature(
      'Traceback (most recent call last):\n  File "/home/ann/x.py", line 3, in <module>\n    int("a")\nValueError: invalid literal for int() with base 10: \'a\'',
    );
    expect(s.types).toEqual(["valueerror"]);
    expect(s.message).toBe("invalid literal for int() with base <n>: <str>");
  });

  it("keeps a wrapper-only error as its own signature", () => {
    const s = errorSignature("API error 400");
    expect(s.message).toBe("");
    expect(s.status).toBe(400);
    expect(s.key).toBe(errorSignature("API Error: 400").key);
  });
});

describe("normaliseMessage: what varies per occurrence is replaced", () => {
  it.each([
    ["request ids", "failed: req_011CZqnY5KHy5SnVvU7Rgtv8", "failed: <req>"],
    ["uuids", "session 123e4567-e89b-12d3-a456-426614174000 missing", "session <uuid> missing"],
    ["ISO timestamps", "expired at 2024-01-02T03:04:05.123Z now", "expired at <time> now"],
    ["clock times", "resets 9am (America/Cordoba)", "resets <time> (<tz>)"],
    ["numbers", "timed out after 30000ms", "timed out after <n>ms"],
    ["versions", "requires node v20.19.1 or later", "requires node <ver> or later"],
    ["hex ids", "commit 7f3a9c21bd not found", "commit <hex> not found"],
    ["0x addresses", "segfault at 0x7fff5fbff8a8", "segfault at <hex>"],
    [
      "dollar amounts",
      "added a $20 credit, CA$139.55 left, €17.00 spent",
      "added a <amount> credit, <amount> left, <amount> spent",
    ],
    ["unix paths", "cannot open /home/alice/project/app.js:10:5", "cannot open <path>"],
    ["mac home dirs", "cannot open /Users/bob/x/y", "cannot open <path>"],
    ["windows paths", "cannot open C:\\Users\\bob\\app\\index.js", "cannot open <path>"],
    ["relative files", "in src/components/App.tsx:12:3 failed", "in <path> failed"],
    ["quoted values", `Cannot find module 'express' from "x"`, "cannot find module <str> from <str>"],
    ["backticks", "Prop `id` did not match", "prop <str> did not match"],
    ["mentions", "reported by @octocat", "reported by <user>"],
    ["emails", "no account for ann@example.com", "no account for <email>"],
    [
      "url query and ids",
      "GET https://api.example.com/v1/users/12345?token=abc failed",
      "get api.example.com/v<n>/users/<id> failed",
    ],
  ])("%s", (_name, input, expected) => {
    expect(normaliseMessage(input)).toBe(expected);
  });

  it("keeps contractions and scheme-less hosts as text", () => {
    expect(normaliseMessage(OUT_OF_USAGE)).toBe(
      "you're out of extra usage. add more at claude.ai/settings/usage and keep going",
    );
  });
});

describe("sameError: positive cases", () => {
  it.each([
    ["request ids differ", envelope(OUT_OF_USAGE, `,"request_id":"req_A1b2C3d4E5f6G7h8"`), envelope(OUT_OF_USAGE)],
    ["bare message vs JSON envelope", OUT_OF_USAGE.replace(/\.$/, ""), envelope(OUT_OF_USAGE)],
    ["truncated with an ellipsis", `API Error: 400 "You're out of extra usage..."`, envelope(OUT_OF_USAGE)],
    ["truncated with a unicode ellipsis", "You're out of extra usage…", OUT_OF_USAGE],
    [
      "dollar amounts differ",
      envelope("Third-party apps now draw from your extra usage. We've added a $20 credit."),
      envelope("Third-party apps now draw from your extra usage. We've added a $100 credit."),
    ],
    [
      "stack frames and the property differ",
      "TypeError: Cannot read properties of undefined (reading 'map')\n    at App (/src/App.js:10:5)\n    at render (/node_modules/react-dom/x.js:1:2)",
      "TypeError: Cannot read properties of undefined (reading 'filter')\n    at List (C:\\work\\List.js:3:9)",
    ],
    [
      "paths differ",
      "ENOENT: no such file or directory, open /home/ann/a/package.json",
      "ENOENT: no such file or directory, open /Users/bo/b/package.json",
    ],
    [
      "uuids differ",
      "Session 123e4567-e89b-12d3-a456-426614174000 not found",
      "Session 00000000-0000-4000-8000-000000000000 not found",
    ],
    ["timestamps differ", "Token expired at 2024-01-02T03:04:05Z", "Token expired at 2025-11-30T23:59:59Z"],
    ["numbers differ", "Request timed out after 30000ms", "Request timed out after 600000ms"],
    [
      "Python traceback vs its last line",
      "Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\nKeyError: 'user'",
      "KeyError: 'id'",
    ],
    [
      "one word differs in a long message (Jaccard >= 0.8)",
      "The operation was aborted because the server did not respond in time",
      "The operation was aborted since the server did not respond in time",
    ],
    ["case and trailing punctuation", "Rate limit reached.", "API Error: rate limit reached"],
  ])("%s", (_name, a, b) => {
    expect(same(a, b)).toBe(true);
    expect(same(b, a)).toBe(true);
  });
});

describe("sameError: negative cases", () => {
  it.each([
    ["rate limit vs out of extra usage", "API Error: Rate limit reached", envelope(OUT_OF_USAGE)],
    [
      "a different message under the same envelope",
      envelope(
        "Third-party apps now draw from your extra usage, not your plan limits. Claim it at claude.ai/settings/usage and keep going.",
      ),
      envelope(OUT_OF_USAGE),
    ],
    ["different error types, same message", "TypeError: x is not a function", "RangeError: x is not a function"],
    ["different HTTP status", "API Error: 500 Internal server error", "API Error: 502 Internal server error"],
    ["a one-word prefix is not enough", `Error: "Cannot..."`, "Error: Cannot find module foo"],
    ["short messages differing by a word", "Rate limit reached", "Rate limit exceeded"],
    [
      "undefined vs null",
      "Cannot read properties of undefined (reading 'x')",
      "Cannot read properties of null (reading 'x')",
    ],
    ["an untruncated short prefix of a long message", "You're out of extra usage", OUT_OF_USAGE],
    ["a wrapper alone vs a full error", "API error 400", envelope(OUT_OF_USAGE)],
    [
      "two React warnings",
      "Warning: getDOMNode(...) is deprecated in plain JavaScript React classes.",
      'Warning: Prop `id` did not match. Server: ":R6:" Client: ":R2:"',
    ],
  ])("%s", (_name, a, b) => {
    expect(same(a, b)).toBe(false);
    expect(same(b, a)).toBe(false);
  });

  it("reports how two signatures matched", () => {
    expect(compareSignatures(errorSignature(OUT_OF_USAGE), errorSignature(envelope(OUT_OF_USAGE))).how).toBe("exact");
    expect(compareSignatures(errorSignature("You're out of extra usage..."), errorSignature(OUT_OF_USAGE)).how).toBe(
      "prefix",
    );
  });
});

describe("empty signatures", () => {
  it.each([
    ["stack frames only", "    at foo (/app/x.js:1:2)\n    at bar (/app/y.js:3:4)"],
    ["only values", "/usr/lib/x.so: 0x1f2e 42"],
    ["nothing", ""],
  ])("%s name no error and match nothing, not even each other", (_name, text) => {
    const sig = errorSignature(text);
    expect(isEmptySignature(sig)).toBe(true);
    expect(sameError(sig, errorSignature(text))).toBe(false);
  });

  it("a message, or a specific type alone, is a signature", () => {
    expect(isEmptySignature(errorSignature("TypeError: x is not a function"))).toBe(false);
    expect(isEmptySignature(errorSignature("KeyError: 'id'"))).toBe(false);
  });
});
