import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { storeLocationFrom } from "./open-store.js";

describe("storeLocationFrom", () => {
  const home = "/home/ann";

  it("defaults to ~/.local/share/issuegraph/issuegraph.db", () => {
    expect(storeLocationFrom({ home })).toEqual({
      kind: "sqlite",
      path: "/home/ann/.local/share/issuegraph/issuegraph.db",
    });
  });

  it("follows XDG_DATA_HOME", () => {
    expect(storeLocationFrom({ home, xdgDataHome: "/data/" })).toEqual({
      kind: "sqlite",
      path: "/data/issuegraph/issuegraph.db",
    });
  });

  it("selects PostgreSQL when DATABASE_URL is a postgres URL", () => {
    expect(storeLocationFrom({ home, databaseUrl: "postgres://u:p@h:5432/db" })).toEqual({
      kind: "postgres",
      url: "postgres://u:p@h:5432/db",
    });
    expect(storeLocationFrom({ home, databaseUrl: "postgresql://h/db" }).kind).toBe("postgres");
  });

  it("lets --db win over DATABASE_URL, as a path or as a postgres URL", () => {
    expect(storeLocationFrom({ home, db: "/tmp/x.db", databaseUrl: "postgres://h/db" })).toEqual({
      kind: "sqlite",
      path: "/tmp/x.db",
    });
    expect(storeLocationFrom({ home, db: "postgres://h/other" })).toEqual({
      kind: "postgres",
      url: "postgres://h/other",
    });
    expect(storeLocationFrom({ home, db: "~/dbs/x.db" })).toEqual({ kind: "sqlite", path: "/home/ann/dbs/x.db" });
    expect(storeLocationFrom({ home, db: "rel/x.db" })).toEqual({ kind: "sqlite", path: "rel/x.db" });
  });

  it("refuses URLs it cannot use, without echoing a password", () => {
    expect(() => storeLocationFrom({ home, databaseUrl: "mysql://h/db" })).toThrow(UsageError);
    expect(() => storeLocationFrom({ home, db: "mysql://u:secret@h/db" })).toThrow(
      /neither a file path nor a postgres/,
    );
    expect(() => storeLocationFrom({ home, db: "mysql://u:secret@h/db" })).not.toThrow(/secret/);
  });
});
