import { describe, expect, it } from "vitest";
import { actor } from "./domain-maps.js";

describe("actor", () => {
  it("maps a deleted account (REST's ghost user, GraphQL's null) to null", () => {
    expect(actor({ login: "ghost", type: "User" }, "NONE")).toBeNull();
    expect(actor(null, "NONE")).toBeNull();
  });

  it("keeps bots recognisable on both APIs", () => {
    expect(actor({ login: "github-actions[bot]", type: "Bot" }, "NONE")).toMatchObject({ isBot: true });
    expect(actor({ login: "github-actions", __typename: "Bot" }, "NONE")).toMatchObject({
      login: "github-actions[bot]",
      isBot: true,
    });
  });
});
