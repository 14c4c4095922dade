// Import a fixture directory (format v1) into the store: threads, their error signatures and the
// search index, in one transaction (a malformed directory or a failing write imports nothing).
// The caller reads the files.
import { type FixtureFile, loadFixtureFiles } from "../fixture-codec/load-files.js";
import { formatRef } from "../refs/parse-ref.js";
import type { Store } from "../store/types.js";
import { storeThread } from "./store-thread.js";

export type ImportFixturesInput = {
  store: Store;
  /** The directory's files, paths relative to it ("owner/repo/123.json"); other files are skipped. */
  files: readonly FixtureFile[];
  /** When the import happens: recorded as the threads' fetched-at time. */
  now: () => Date;
  /** Web host the fixtures stand for (default github.com). */
  host?: string;
};

export type ImportFixturesResult = {
  threads: number;
  /** Threads with an error message (and so a signature). */
  withError: number;
  repos: string[];
  skipped: string[];
};

export async function importFixtures(input: ImportFixturesInput): Promise<ImportFixturesResult> {
  const { threads, skipped } = loadFixtureFiles(input.files, { host: input.host });
  const fetchedAt = input.now().toISOString();
  let withError = 0;
  await input.store.transaction(async (tx) => {
    for (const thread of threads) {
      // via "store": the thread comes from a local archive, not from a GitHub API call.
      const meta = { fetchedAt, via: "store" as const, requests: { rest: 0, graphql: 0 }, etag: null };
      if (await storeThread(tx, thread, meta)) withError++;
    }
  });
  const repos = [...new Set(threads.map((t) => formatRef(t.ref).replace(/#\d+$/, "")))].sort();
  return { threads: threads.length, withError, repos, skipped };
}
