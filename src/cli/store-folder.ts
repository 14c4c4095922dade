// An explicit SQLite path (--db, ISSUEGRAPH_DB) whose folder is missing is refused (exit 10):
// most likely a typo, and opening it would silently start a new, empty store.
import { existsSync } from "node:fs";
import type { StoreLocation } from "../core/store/types.js";
import { explicitSqliteFolder } from "./config.js";
import { StoreFolderMissingError } from "./exit-codes.js";
import type { Io } from "./io.js";

export function checkStoreFolder(location: StoreLocation, io: Io, db: string | undefined): void {
  const folder = explicitSqliteFolder(db, io.env, location);
  if (folder !== null && !existsSync(folder)) {
    throw new StoreFolderMissingError(
      `the folder of the store ${location.kind === "sqlite" ? location.path : ""} does not exist`,
      `Check the path in --db / ISSUEGRAPH_DB, or create the folder first (mkdir -p ${folder}).`,
    );
  }
}
