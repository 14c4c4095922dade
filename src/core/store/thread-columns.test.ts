import { describe, expect, it } from "vitest";
import { makeThread, ref } from "../thread/builders.test-helper.js";
import { duplicateNamedIn, duplicateOf } from "./thread-columns.js";

const self = ref(5, "acme", "app");
const comment = (body: string) => ({
  id: 1,
  url: "u",
  author: { login: "maintainer", association: "MEMBER" as const, isBot: false },
  createdAt: "2024-01-02T00:00:00Z",
  updatedAt: "2024-01-02T00:00:00Z",
  body,
  reactions: makeThread({ ref: self }).reactions,
});

describe("duplicateOf", () => {
  it("reads 'Duplicate of #N' (or owner/repo#N, or an issue URL on the host) at the start of a line", () => {
    expect(duplicateNamedIn("Duplicate of #12", self)).toEqual(ref(12, "acme", "app"));
    expect(duplicateNamedIn("Thanks!\n\nduplicate of other/lib#3", self)).toEqual(ref(3, "other", "lib"));
    expect(duplicateNamedIn("Dupe of https://github.com/acme/app/issues/9", self)).toEqual(ref(9, "acme", "app"));
    expect(duplicateNamedIn("Duplicate of https://gitlab.com/acme/app/issues/9", self)).toBeNull();
    expect(duplicateNamedIn("This might be a duplicate of #12", self)).toBeNull();
    expect(duplicateNamedIn("Duplicate of #5", self)).toBeNull();
  });

  it("a closed thread's 'Duplicate of' comment counts when no marked_as_duplicate event says otherwise", () => {
    const closed = { state: "closed" as const, stateReason: "not_planned" as const };
    expect(duplicateOf(makeThread({ ref: self, ...closed, comments: [comment("Duplicate of #12")] }))).toEqual(
      ref(12, "acme", "app"),
    );
    expect(duplicateOf(makeThread({ ref: self, comments: [comment("Duplicate of #12")] }))).toBeNull();
    const marked = makeThread({
      ref: self,
      ...closed,
      comments: [comment("Duplicate of #12")],
      events: [
        {
          type: "marked_as_duplicate",
          actor: "m",
          createdAt: "2024-01-03T00:00:00Z",
          canonical: ref(7, "acme", "app"),
        },
      ],
    });
    expect(duplicateOf(marked)).toEqual(ref(7, "acme", "app"));
  });
});
