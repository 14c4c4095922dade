import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { parseJobData } from "./jobs.js";

describe("job payloads", () => {
  it("accepts what enqueue writes", () => {
    const repo = { host: "github.com", owner: "acme", repo: "app" };
    expect(parseJobData("sync", { repo, deep: true })).toEqual({ repo, deep: true });
    expect(parseJobData("report", { ref: { ...repo, number: 3 } })).toEqual({ ref: { ...repo, number: 3 } });
  });

  it("refuses anything else with a UsageError naming the field", () => {
    expect(() => parseJobData("sync", { repo: "acme/app", deep: true })).toThrow(UsageError);
    expect(() => parseJobData("report", { ref: { host: "github.com", owner: "a", repo: "b", number: 0 } })).toThrow(
      /ref\.number/,
    );
    expect(() => parseJobData("report", null)).toThrow(UsageError);
  });
});
