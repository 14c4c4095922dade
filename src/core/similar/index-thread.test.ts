import { afterAll, describe, expect, it } from "vitest";
import { tempFolder } from "../../../test/support/node.test-helper.js";
import { openStore } from "../store/open-store.js";
import { makeThread, ref } from "../thread/builders.test-helper.js";
import { errorSignature } from "./error-signature.js";
import { indexThread } from "./index-thread.js";

const root = tempFolder("index");
afterAll(() => root.remove());
const meta = {
  fetchedAt: "2024-01-01T00:00:00Z",
  via: "graphql" as const,
  requests: { rest: 0, graphql: 1 },
  etag: null,
};

describe("indexThread", () => {
  it("stores the thread with its error and signature, and clears a stale signature", async () => {
    const store = await openStore({ kind: "sqlite", path: root.file("a.db") });
    const r = ref(1, "o", "r");
    const firstLine = (t: { body: string }) => t.body.split("\n")[0] || null;
    expect(
      await indexThread(store, makeThread({ ref: r, body: "TypeError: x is not a function" }), meta, firstLine),
    ).toBe("TypeError: x is not a function");
    expect((await store.getThread(r))?.errorMessage).toBe("TypeError: x is not a function");
    expect((await store.getSignature(r))?.key).toBe(errorSignature("TypeError: x is not a function").key);
    expect((await store.search("function", { limit: 5 })).map((h) => h.ref.number)).toEqual([1]);

    expect(await indexThread(store, makeThread({ ref: r, body: "" }), meta, firstLine)).toBeNull();
    expect(await store.getSignature(r)).toBeNull();
    expect(await store.search("function", { limit: 5 })).toEqual([]);
    await store.close();
  });

  it("keeps the error text but stores no signature for a frame-only error", async () => {
    const store = await openStore({ kind: "sqlite", path: root.file("b.db") });
    const r = ref(2, "o", "r");
    const frames = "    at foo (/app/x.js:1:2)";
    expect(await indexThread(store, makeThread({ ref: r, body: frames }), meta, (t) => t.body)).toBe(frames);
    expect(await store.getSignature(r)).toBeNull();
    await store.close();
  });
});
