import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLES_DIR, tempFolder } from "../../../test/support/node.test-helper.js";
import { readFixtureDir } from "../../fixture-files.js";
import { NotFoundError } from "../errors.js";
import type { FixtureFile } from "../fixture-codec/load-files.js";
import { FixtureError } from "../fixture-codec/to-thread.js";
import { errorSignature, isEmptySignature } from "../similar/error-signature.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/types.js";
import { makeReport, reportMeta } from "../thread/builders.test-helper.js";
import type { Thread } from "../thread/types.js";
import { exportArchive } from "./export-archive.js";
import { importFixtures } from "./import-fixtures.js";

const files: FixtureFile[] = readFixtureDir(EXAMPLES_DIR, (p) => p.endsWith(".json"));
const threadFiles = files.filter((f) => /^[^_/]+\/[^_/]+\/\d+\.json$/.test(f.path));
const now = () => new Date("2026-01-01T00:00:00Z");

/** The store, except that its `nth` thread write (in or out of a transaction) fails. */
function failingOnWrite(store: Store, nth: number): Store {
  let writes = 0;
  const wrap = (s: Store): Store =>
    new Proxy(s, {
      get(target, prop) {
        if (prop === "putThread") {
          return (...args: Parameters<Store["putThread"]>) =>
            ++writes === nth ? Promise.reject(new Error("disk full")) : target.putThread(...args);
        }
        if (prop === "transaction") {
          return <T>(fn: (tx: Store) => Promise<T>) => target.transaction((tx) => fn(wrap(tx)));
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return wrap(store);
}

const root = tempFolder("import");
let n = 0;
const fresh = () => openStore({ kind: "sqlite", path: root.file(`s${++n}`, "issuegraph.db") });
afterAll(() => root.remove());

describe("importFixtures", () => {
  it("loads the whole dev directory: threads, signatures, search index", async () => {
    const store = await fresh();
    const result = await importFixtures({ store, files, now });
    expect(result.threads).toBe(threadFiles.length);
    expect(result.repos).toEqual(["anthropics/claude-code", "microsoft/vscode", "nodejs/node", "react/react"]);
    expect(result.skipped).toContain("_answers.json");
    const stats = await store.stats();
    expect(stats.threads).toBe(threadFiles.length);
    // Every error found gets a signature, except those with no words left (frames only: they match nothing).
    const rows = await store.listThreads({ limit: 1000 });
    const named = rows.filter((r) => r.errorText && !isEmptySignature(errorSignature(r.errorText)));
    expect(stats.signatures).toBe(named.length);
    expect(stats.signatures).toBeLessThanOrEqual(result.withError);
    expect(result.withError).toBeGreaterThan(5);
    const flagship = await store.getThread({
      host: "github.com",
      owner: "anthropics",
      repo: "claude-code",
      number: 45203,
    });
    expect(flagship?.fetchedAt).toBe("2026-01-01T00:00:00.000Z");
    expect(flagship?.via).toBe("store");
    expect(flagship?.errorMessage).toMatch(/^API Error: 400/);
    expect((await store.search("minimap", { limit: 5 })).map((h) => h.ref.number)).toContain(4865);
    // importing again replaces, it does not duplicate
    await importFixtures({ store, files, now });
    expect((await store.stats()).threads).toBe(threadFiles.length);
    await store.close();
  });

  it("imports nothing when one file is malformed", async () => {
    const store = await fresh();
    const broken = [...files, { path: "acme/app/1.json", text: '{"type":"issue"}' }];
    await expect(importFixtures({ store, files: broken, now })).rejects.toBeInstanceOf(FixtureError);
    expect((await store.stats()).threads).toBe(0);
    await store.close();
  });

  it("imports nothing when a write fails half way (one transaction)", async () => {
    const store = await fresh();
    await expect(importFixtures({ store: failingOnWrite(store, 20), files, now })).rejects.toThrow("disk full");
    expect((await store.stats()).threads).toBe(0);
    expect(await store.search("minimap", { limit: 5 })).toEqual([]);
    await store.close();
  });
});

describe("exportArchive", () => {
  async function imported(): Promise<Store> {
    const store = await fresh();
    await importFixtures({ store, files, now });
    return store;
  }
  const reimport = async (out: { files: { path: string; content: string }[] }) => {
    const store = await fresh();
    await importFixtures({
      store,
      files: out.files.map((f) => ({ path: f.path, text: f.content })),
      now,
    });
    return store;
  };

  it("exports a repository as fixture files that re-import to equal threads", async () => {
    const store = await imported();
    const repo = { host: "github.com", owner: "microsoft", repo: "vscode" };
    const out = await exportArchive({ store, target: repo });
    const count = threadFiles.filter((f) => f.path.startsWith("microsoft/vscode/")).length;
    expect(out.threads).toBe(count);
    expect(out.stubs).toBe(0);
    expect(out.files.every((f) => /^microsoft\/vscode\/\d+\.json$/.test(f.path))).toBe(true);
    const again = await reimport(out);
    for (const row of await store.listThreads({ repo, limit: 100 })) {
      expect((await again.getThread(row.ref))?.thread).toEqual((await store.getThread(row.ref))?.thread);
    }
    await store.close();
    await again.close();
  });

  it("exports one thread with stubs for the threads it names, and its reports", async () => {
    const store = await imported();
    const ref = { host: "github.com", owner: "anthropics", repo: "claude-code", number: 45203 };
    const thread = (await store.getThread(ref))?.thread as Thread;
    await store.putReport(makeReport({ meta: reportMeta("2026-01-02T00:00:00Z") }, thread));
    const out = await exportArchive({ store, target: ref, renderMarkdown: (r) => `# ${r.title}\n` });
    expect(out.threads).toBe(1);
    expect(out.stubs).toBe(5);
    expect(out.reports).toBe(1);
    expect(out.files.find((f) => f.path === "reports/anthropics/claude-code/45203.md")?.content).toBe(
      `# ${thread.title}\n`,
    );
    const again = await reimport(out);
    expect((await again.getThread(ref))?.thread).toEqual(thread);
    const json = await exportArchive({ store, target: ref });
    expect(json.files.some((f) => f.path === "reports/anthropics/claude-code/45203.json")).toBe(true);
    await store.close();
    await again.close();
  });

  it("says what is missing when nothing matches", async () => {
    const store = await fresh();
    await expect(
      exportArchive({ store, target: { host: "github.com", owner: "o", repo: "r", number: 1 } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportArchive({ store, target: { host: "github.com", owner: "o", repo: "r" } })).rejects.toThrow(
      /No thread of o\/r is in the store/,
    );
    await store.close();
  });
});
