import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateDir } from "./run-dir.js";

const at = "2026-01-02T10:00:00Z";
const reactions = { "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
const issue = (number: number, title: string, body: string) => ({
  type: "issue",
  number,
  title,
  body,
  author: { login: "ana", association: "NONE" },
  state: "open",
  state_reason: null,
  labels: [],
  locked: false,
  created_at: at,
  updated_at: at,
  closed_at: null,
  reactions,
  pull: null,
  comments: [],
  events: [],
});

describe("evaluateDir: the whole pipeline over a small fixture directory", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "eval-dir-"));
    mkdirSync(join(dir, "o", "r"), { recursive: true });
    const threads = [
      issue(1, "Crash on start", "It crashes:\n\n```\nTypeError: x is not a function\n    at a (/app/a.js:1:1)\n```"),
      issue(2, "Add dark mode", "Please add a dark mode."),
      issue(3, "Crash when starting the app", "Same crash here:\n\n```\nTypeError: x is not a function\n```"),
    ];
    for (const t of threads) writeFileSync(join(dir, "o", "r", `${t.number}.json`), JSON.stringify(t));
    writeFileSync(
      join(dir, "_answers.json"),
      JSON.stringify({
        errors: [
          { thread: "o/r#1", error: "TypeError: x is not a function" },
          { thread: "o/r#2", error: null },
          { thread: "o/r#3", error: "ReferenceError: y is not defined" },
        ],
        no_workaround: ["o/r#1"],
        error_clusters: [{ anchor: "o/r#1", same: ["o/r#3"], different: ["o/r#2"] }],
      }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports every answered thread and scores each measure, misses included", async () => {
    const tallies = await evaluateDir(dir);
    const by = Object.fromEntries(tallies.map((t) => [t.measure, t]));
    expect(by["exact error"]).toMatchObject({ held: 2, total: 3 });
    expect(by["exact error"]?.misses[0]?.thread).toBe("o/r#3");
    expect(by.abstention).toMatchObject({ held: 1, total: 1 });
    expect(by["no false workaround"]).toMatchObject({ held: 1, total: 1 });
    expect(by["same-error clusters"]).toMatchObject({ held: 2, total: 2 });
    expect(by["workaround recall"]?.total).toBe(0);
  });
});
