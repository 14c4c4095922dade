import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/node.test-helper.js";
import { StoreError } from "../../errors.js";
import { makeThread, ref } from "../../thread/builders.test-helper.js";
import { openStore } from "../open-store.js";
import { storeContract } from "../store-contract.test-helper.js";
import { fetched, V1_THREAD_INSERT, v1ThreadParams } from "../store-rows.test-helper.js";
import { POSTED_UPTO, postgresMigrations } from "./migrations.js";
import { openPostgresStore } from "./postgres-store.js";

// CI sets DATABASE_URL (scripts/start-test-postgres.sh); ISSUEGRAPH_TEST_DATABASE_URL wins if both are set.
const url = testDatabaseUrl();
const usable = /^postgres(ql)?:\/\//.test(url);
const reason = "set DATABASE_URL or ISSUEGRAPH_TEST_DATABASE_URL (e.g. eval $(scripts/start-test-postgres.sh)) to run";

// Each store of a run gets its own schema, so parallel runs and tests never collide; all dropped at the end.
const run = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let n = 0;
const schemas: string[] = [];
const freshSchema = () => {
  const s = `${run}_${++n}`;
  schemas.push(s);
  return s;
};
afterAll(async () => {
  if (!usable || !schemas.length) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client.end();
});

if (usable) {
  storeContract("postgres", () => openStore({ kind: "postgres", url, schema: freshSchema() }));
} else {
  describe.skip(`Store contract: postgres (skipped: ${reason})`, () => {
    it("runs against PostgreSQL", () => {});
  });
}

describe.skipIf(!usable)(`postgres store: schema and migrations${usable ? "" : ` (skipped: ${reason})`}`, () => {
  it("migrates an older schema when it opens it, keeping its data", async () => {
    // A version-1 schema, built as version 1 built it.
    const schema = freshSchema();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`);
    await client.query(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    for (const statement of postgresMigrations[0]?.statements ?? []) await client.query(statement);
    await client.query("INSERT INTO schema_migrations VALUES (1, 'v1', '2024-01-01')");
    let i = 0;
    const numbered = V1_THREAD_INSERT.replace(/\?/g, () => `$${++i}`);
    await client.query(numbered, v1ThreadParams(makeThread({ ref: ref(1, "acme", "app"), title: "kept" })));
    await client.end();
    const store = await openPostgresStore(url, { schema });
    expect((await store.getThread(ref(1, "acme", "app")))?.thread.title).toBe("kept");
    expect((await store.stats()).schemaVersion).toBe(5);
    expect((await store.castVote(ref(1, "acme", "app"), "helpful", "u", "2024-01-01T00:00:00Z")).active).toBe(true);
    await store.close();
  });

  it("lets several processes open a fresh schema at once (one migrates, the others wait)", async () => {
    const schema = freshSchema();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(url, { schema })));
    for (const s of stores) expect((await s.stats()).schemaVersion).toBe(5);
    await Promise.all(stores.map((s) => s.close()));
  });

  it("refuses a schema that holds another program's tables", async () => {
    const schema = freshSchema();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.users (id int)`);
    await client.end();
    await expect(openPostgresStore(url, { schema })).rejects.toThrow(/already holds other tables \(users\)/);
  });

  it("refuses a wrong password with a StoreError that does not show it", async () => {
    const u = new URL(url);
    u.password = "definitely-wrong";
    const e = await openPostgresStore(u.toString(), { schema: freshSchema() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).message).toMatch(/refused the login/);
    expect((e as StoreError).message).not.toMatch(/definitely-wrong/);
  });
});

describe.skipIf(!usable)(`postgres store: term postings${usable ? "" : ` (skipped: ${reason})`}`, () => {
  it("keeps a rare lexeme's threads in term_postings, and takes a common one's from the GIN index", async () => {
    const schema = freshSchema();
    const store = await openPostgresStore(url, { schema });
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      const [a, b, c, d] = [1, 2, 3, 4].map((i) => ref(i, "acme", "app")) as [
        ReturnType<typeof ref>,
        ReturnType<typeof ref>,
        ReturnType<typeof ref>,
        ReturnType<typeof ref>,
      ];
      await store.putThread(makeThread({ ref: a, title: "Floating panes", body: "" }), fetched());
      await store.putThread(makeThread({ ref: b, title: "Docking", body: "a floating dock" }), fetched());
      const posted = async () =>
        (
          await client.query<{ n: number }>(
            "SELECT thread_id AS n FROM term_postings WHERE term = 'float' ORDER BY thread_id",
          )
        ).rows.length;
      expect(await posted()).toBe(2);
      const terms = (await store.termStats(["floating"])).terms;
      expect((await store.postings(terms)).map((p) => p.strong).sort()).toEqual([false, true]);

      // A thread's new text replaces its postings.
      await store.putThread(makeThread({ ref: b, title: "Docking", body: "a fixed dock" }), fetched());
      expect(await posted()).toBe(1);

      await store.putThread(makeThread({ ref: c, title: "Floating toolbar", body: "" }), fetched());
      expect(await posted()).toBe(2);

      // A lexeme term_stats counts in more than POSTED_UPTO threads: its postings (pruned at the
      // next rebuild, here at once) come from the GIN index, and new threads are not posted.
      await client.query(
        `INSERT INTO term_stats (term, docs) VALUES ('float', ${POSTED_UPTO + 1})
         ON CONFLICT (term) DO UPDATE SET docs = excluded.docs`,
      );
      await client.query("DELETE FROM term_postings WHERE term = 'float'");
      expect((await store.postings(terms)).map((p) => p.strong)).toEqual([true, true]);
      // The write's rebuild finds it rare again (3 threads): all of them are posted anew.
      await store.putThread(makeThread({ ref: d, title: "Menus", body: "floating menus" }), fetched());
      expect(await posted()).toBe(3);
      expect((await store.postings(terms)).map((p) => p.strong).sort()).toEqual([false, true, true]);
    } finally {
      await client.end();
      await store.close();
    }
  });
});

// These need no server.
describe("postgres store: unusable URLs fail fast with a StoreError", () => {
  it("a host that does not exist (postgres://nope:1/x)", async () => {
    const started = Date.now();
    const e = await openStore({ kind: "postgres", url: "postgres://nope:1/x" }, { connectTimeoutMs: 2000 }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).message).toMatch(/Cannot (connect to|reach) PostgreSQL at nope:1\/x/);
    expect((e as StoreError).hint).not.toBe("");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a port where nothing listens", async () => {
    const e = await openStore({ kind: "postgres", url: "postgres://u:secret@127.0.0.1:1/x" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).message).toMatch(/connection refused/);
    expect((e as StoreError).message).not.toMatch(/secret/);
  });

  it("a URL that does not parse", async () => {
    const e = await openStore({ kind: "postgres", url: "postgres://[broken" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).message).toMatch(/not a valid postgres:\/\/ URL/);
  });

  it("a schema name that is not an identifier", async () => {
    const e = await openStore({ kind: "postgres", url: "postgres://h/x", schema: "x; DROP TABLE y" }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(StoreError);
  });
});
