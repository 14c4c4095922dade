import { describe, expect, it } from "vitest";
import { UsageError } from "../../errors.js";
import { formatRepo, parseRepoArg } from "./repo-arg.js";

describe("parseRepoArg", () => {
  it("reads owner/repo on the first allowed host", () => {
    expect(parseRepoArg("acme/app")).toEqual({ host: "github.com", owner: "acme", repo: "app" });
    expect(parseRepoArg(" acme/app.js ", ["ghe.example.com"])).toEqual({
      host: "ghe.example.com",
      owner: "acme",
      repo: "app.js",
    });
  });

  it("reads a repository URL on an allowed host", () => {
    expect(parseRepoArg("https://github.com/acme/app/")).toEqual({ host: "github.com", owner: "acme", repo: "app" });
    expect(parseRepoArg("https://www.github.com/acme/app.git")).toMatchObject({ repo: "app" });
  });

  it("refuses other hosts, issue URLs and nonsense with a UsageError", () => {
    for (const bad of [
      "https://evil.example/acme/app",
      "https://github.com/acme/app/issues/1",
      "acme",
      "a/b/c",
      "acme/..",
      "",
    ]) {
      expect(() => parseRepoArg(bad), bad).toThrow(UsageError);
    }
  });

  it("formats as owner/repo", () => {
    expect(formatRepo({ owner: "acme", repo: "app" })).toBe("acme/app");
  });
});
