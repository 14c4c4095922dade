// File surgery for the store's tests: damaged, read-only and misplaced database files. Here, not in
// the tests, because src/core (tests included) imports no node:* (see scripts/boundaries.mjs).
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";

export const writeText = (path: string, text: string): void => writeFileSync(path, text);

export const removeFile = (path: string): void => rmSync(path);

export const makeParentFolder = (path: string): void => {
  mkdirSync(dirname(path), { recursive: true });
};

/** Overwrites every byte after the first `keep` bytes (a database's header page stays valid, its b-trees do not). */
export function overwriteAfter(path: string, keep: number): void {
  const size = statSync(path).size;
  const fd = openSync(path, "r+");
  writeSync(fd, Buffer.alloc(size - keep, 0xab), 0, size - keep, keep);
  closeSync(fd);
}

/**
 * Makes a file unwritable (or writable again); false when this machine will not. Permission bits do
 * not stop root, so as root the kernel's immutable attribute (chattr +i) is used, else plain chmod.
 */
export const setImmutable = (path: string, on: boolean): boolean =>
  process.getuid?.() === 0
    ? spawnSync("chattr", [on ? "+i" : "-i", path]).status === 0
    : spawnSync("chmod", [on ? "0444" : "0644", path]).status === 0;
