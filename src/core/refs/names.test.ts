import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { parseRepoArg } from "../use-cases/sync/repo-arg.js";
import { findReferences } from "./find-references.js";
import { checkIssueNumber, checkRepoNames, MAX_ISSUE_NUMBER, repoNameOf } from "./names.js";
import { parseIssueRef } from "./parse-ref.js";

const ctx = { host: "github.com", owner: "acme", repo: "app" };

describe("owner and repository names (one validator for every face)", () => {
  it.each([".", "..", "...git", "..git", ".git", "", "a/b", "a b", "x".repeat(101), "é"])(
    "refuses the repository name %j",
    (name) => {
      expect(repoNameOf(name)).toBeNull();
      expect(() => checkRepoNames("acme", name)).toThrow(UsageError);
    },
  );

  it.each(["node", "a.b", "_x", "-x", "x.git", ".github", "...", "x".repeat(100)])("accepts %j", (name) => {
    expect(repoNameOf(name)).not.toBeNull();
  });

  it.each(["-acme", "a_b", "a.b", "x".repeat(40), ""])("refuses the owner %j", (owner) => {
    expect(() => checkRepoNames(owner, "repo")).toThrow(UsageError);
  });

  it("the CLI's issue and repository parsers refuse `..` (from `...git`) and `.`", () => {
    expect(() => parseIssueRef("xss/...git#2")).toThrow(UsageError);
    expect(() => parseIssueRef("https://github.com/xss/...git/issues/2")).toThrow(UsageError);
    expect(() => parseIssueRef("evil/.#1")).toThrow(UsageError);
    expect(() => parseRepoArg("evil/..")).toThrow(UsageError);
    expect(() => parseRepoArg("evil/...git")).toThrow(UsageError);
    expect(parseIssueRef("a/b.git#3")).toMatchObject({ owner: "a", repo: "b", number: 3 });
  });

  it("references in issue text never name `..` or a number beyond GitHub's range", () => {
    const found = findReferences(
      "see a/..#12, a/...git#13, https://github.com/a/...git/issues/14, #2147483648 and a/ok#15",
      ctx,
    );
    expect(found.map((f) => `${f.target.owner}/${f.target.repo}#${f.target.number}`)).toEqual(["a/ok#15"]);
  });
});

describe("issue numbers", () => {
  it("accepts 1 to 2,147,483,647 (GraphQL Int)", () => {
    expect(checkIssueNumber("1")).toBe(1);
    expect(checkIssueNumber(String(MAX_ISSUE_NUMBER))).toBe(MAX_ISSUE_NUMBER);
  });

  it.each(["0", "2147483648", "99999999999", "-1", "1e3", ""])("refuses %j as a usage error", (n) => {
    expect(() => checkIssueNumber(n)).toThrow(UsageError);
  });

  it("a reference beyond the range is a usage error, not a GitHub error", () => {
    expect(() => parseIssueRef("nodejs/node#2147483648")).toThrow(/not a GitHub issue number/);
    expect(() => parseIssueRef("https://github.com/nodejs/node/issues/99999999999")).toThrow(UsageError);
  });
});
