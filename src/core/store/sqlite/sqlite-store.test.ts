import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import {
  makeParentFolder,
  overwriteAfter,
  removeFile,
  setImmutable,
  writeText,
} from "../../../../test/support/files.test-helper.js";
import { tempFolder } from "../../../../test/support/node.test-helper.js";
import { StoreError } from "../../errors.js";
import { makeThread, ref } from "../../thread/builders.test-helper.js";
import { openStore } from "../open-store.js";
import { storeContract } from "../store-contract.test-helper.js";
import { fetched, V1_THREAD_INSERT, v1ThreadParams } from "../store-rows.test-helper.js";
import { sqliteMigrations } from "./migrations.js";
import { openSqliteStore } from "./sqlite-store.js";

const root = tempFolder("sqlite");
let n = 0;
const freshPath = () => root.file(`s${++n}`, "issuegraph.db");
afterAll(() => root.remove());

storeContract("sqlite (temp file)", () => openStore({ kind: "sqlite", path: freshPath() }));

const a1 = ref(1, "acme", "app");
const a2 = ref(2, "acme", "app");

async function caught(p: Promise<unknown>): Promise<StoreError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
}

describe("sqlite store: the file", () => {
  it("creates missing folders and uses WAL", async () => {
    const path = freshPath();
    const store = await openSqliteStore(path);
    await store.putThread(makeThread({ ref: a1 }), fetched());
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all()).toEqual([
      1, 2, 3, 4, 5,
    ]);
    raw.close();
  });

  it("migrates an older database when it opens it, keeping its data", async () => {
    // A version-1 database, built as version 1 built it.
    const path = freshPath();
    makeParentFolder(path);
    const raw = new Database(path);
    raw.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    for (const statement of sqliteMigrations[0]?.statements ?? []) raw.exec(statement);
    raw.prepare("INSERT INTO schema_migrations VALUES (1, 'v1', '2024-01-01')").run();
    raw.prepare(V1_THREAD_INSERT).run(...v1ThreadParams(makeThread({ ref: a1, title: "kept" })));
    raw.close();

    const store = await openSqliteStore(path);
    expect((await store.getThread(a1))?.thread.title).toBe("kept");
    expect((await store.getThread(a1))?.source).toBeNull();
    expect((await store.castVote(a1, "helpful", "u", "2024-01-01T00:00:00Z")).active).toBe(true);
    expect((await store.stats()).schemaVersion).toBe(5);
    await store.close();
  });

  it("refuses a database from a newer issuegraph", async () => {
    const path = freshPath();
    await (await openSqliteStore(path)).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')").run();
    raw.close();
    const e = await caught(openSqliteStore(path));
    expect(e.message).toMatch(/schema version 99, newer than this issuegraph knows \(5\)/);
    expect(e.hint).toMatch(/Upgrade issuegraph/);
  });

  it("refuses to take over another program's SQLite database", async () => {
    const path = freshPath();
    await (await openSqliteStore(path)).close();
    removeFile(path);
    const raw = new Database(path);
    raw.exec("CREATE TABLE users (id INTEGER)");
    raw.close();
    const e = await caught(openSqliteStore(path));
    expect(e.message).toMatch(/already holds other tables \(users\)/);
  });
});

describe("sqlite store: bad files and paths (StoreError with a hint, never a raw error)", () => {
  it("a file that is not a database", async () => {
    const path = root.file("garbage.db");
    writeText(path, "this is not a database, just text that is long enough to have a header ".repeat(20));
    const e = await caught(openStore({ kind: "sqlite", path }));
    expect(e.message).toMatch(/is not a SQLite database, or it is corrupt/);
    expect(e.hint).toMatch(/Move the file away/);
    expect(e.stack ?? "").not.toMatch(/better-sqlite3/);
  });

  it("a database whose pages were damaged", async () => {
    const path = freshPath();
    const store = await openSqliteStore(path);
    for (let i = 1; i <= 40; i++)
      await store.putThread(makeThread({ ref: ref(i, "acme", "app"), body: "x".repeat(3000) }), fetched());
    await store.close();
    // Overwrite everything after the first page (the header stays valid, the b-trees do not).
    overwriteAfter(path, 4096);
    const e = await caught(
      (async () => {
        const s = await openSqliteStore(path);
        try {
          await s.listThreads({ limit: 50 });
        } finally {
          await s.close();
        }
      })(),
    );
    expect(e.message).toMatch(/corrupt|not a SQLite database/);
  });

  it("a path whose folder is a file", async () => {
    const file = root.file("a-file");
    writeText(file, "x");
    const e = await caught(openStore({ kind: "sqlite", path: `${file}/sub/x.db` }));
    expect(e.message).toMatch(/Cannot create the folder .* a part of the path is a file/);
    expect(e.hint).toMatch(/--db/);
  });
});

describe("sqlite store: read-only, locked and full databases (StoreError with a hint, never a raw error)", () => {
  it("a database opened read-only: writes fail cleanly and the data stays", async () => {
    const path = freshPath();
    const w = await openSqliteStore(path);
    await w.putThread(makeThread({ ref: a1, title: "original" }), fetched());
    await w.close();
    const ro = await openSqliteStore(path, { readonly: true });
    const e = await caught(ro.putThread(makeThread({ ref: a1, title: "changed" }), fetched()));
    expect(e.message).toMatch(/is read-only/);
    expect((await ro.getThread(a1))?.thread.title).toBe("original");
    await ro.close();
  });

  // Skipped where the file cannot be made unwritable (see setImmutable).
  const probe = root.file("probe");
  writeText(probe, "x");
  const canLock = setImmutable(probe, true) && setImmutable(probe, false);

  it.skipIf(!canLock)("a database file the OS will not let us write (chattr +i as root, chmod otherwise)", async () => {
    const path = freshPath();
    const w = await openSqliteStore(path);
    await w.putThread(makeThread({ ref: a1, title: "original" }), fetched());
    await w.close(); // checkpoints the WAL into the file
    expect(setImmutable(path, true)).toBe(true);
    try {
      const outcome = await openSqliteStore(path).then(
        async (s) => {
          const e = await caught(s.putThread(makeThread({ ref: a1, title: "changed" }), fetched()));
          expect((await s.getThread(a1))?.thread.title).toBe("original");
          await s.close();
          return e;
        },
        (e: unknown) => e,
      );
      expect(outcome).toBeInstanceOf(StoreError);
      expect((outcome as StoreError).message).toMatch(/read-only|Cannot open/);
    } finally {
      setImmutable(path, false);
    }
    const again = await openSqliteStore(path);
    expect((await again.getThread(a1))?.thread.title).toBe("original");
    await again.close();
  });

  it("a full database: the failed write is rolled back whole and the store stays usable", async () => {
    const path = freshPath();
    const store = await openSqliteStore(path, { maxPages: 60 });
    await store.putThread(makeThread({ ref: a1, title: "small" }), fetched());
    const e = await caught(
      store.putThread(makeThread({ ref: a2, title: "huge", body: "word ".repeat(200_000) }), fetched()),
    );
    expect(e.message).toMatch(/is full/);
    expect(e.hint).toMatch(/rolled back/);
    expect(await store.getThread(a2)).toBeNull();
    expect(await store.search("huge", { limit: 5 })).toEqual([]);
    expect((await store.getThread(a1))?.thread.title).toBe("small");
    await store.putThread(makeThread({ ref: ref(3, "acme", "app"), title: "after" }), fetched());
    expect((await store.stats()).threads).toBe(2);
    await store.close();
  });
});
