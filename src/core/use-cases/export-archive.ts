// Export what the store holds as files: threads as fixture JSON (format v1, `owner/repo/N.json`,
// with stubs for named threads the store lacks, so the archive re-imports), and each thread's
// latest stored report (`reports/owner/repo/N.md` through the injected renderer, else `.json`).
import { NotFoundError } from "../errors.js";
import { threadsToFixtures } from "../fixture-codec/to-fixture.js";
import { formatRef } from "../refs/parse-ref.js";
import type { RepoRef, Store } from "../store/types.js";
import type { Report } from "../thread/report.js";
import type { IssueRef, Thread } from "../thread/types.js";

export type ExportTarget = IssueRef | RepoRef;

export type ArchiveFile = { path: string; content: string };

export type ExportArchiveInput = {
  store: Store;
  /** One thread, or every stored thread of a repository. */
  target: ExportTarget;
  /** Renders a stored report as Markdown (core/render); without it reports are written as JSON. */
  renderMarkdown?: (report: Report) => string;
};

export type ExportArchiveResult = { files: ArchiveFile[]; threads: number; stubs: number; reports: number };

const PAGE = 500;

export async function exportArchive(input: ExportArchiveInput): Promise<ExportArchiveResult> {
  const { store, target } = input;
  const threads: Thread[] = [];
  if ("number" in target) {
    const stored = await store.getThread(target);
    if (!stored) throw new NotFoundError(`${formatRef(target)} is not in the store`, notStoredHint);
    threads.push(stored.thread);
  } else {
    for (let offset = 0; ; offset += PAGE) {
      const rows = await store.listThreads({ repo: target, limit: PAGE, offset });
      for (const row of rows) {
        const stored = await store.getThread(row.ref);
        if (stored) threads.push(stored.thread);
      }
      if (rows.length < PAGE) break;
    }
    if (!threads.length) {
      throw new NotFoundError(`No thread of ${target.owner}/${target.repo} is in the store`, notStoredHint);
    }
  }

  const fixtures = threadsToFixtures(threads);
  const files: ArchiveFile[] = fixtures.map((f) => ({ path: f.path, content: `${JSON.stringify(f.json, null, 2)}\n` }));
  let reports = 0;
  for (const t of threads) {
    const stored = await store.getReport(t.ref);
    if (!stored) continue;
    const base = `reports/${t.ref.owner}/${t.ref.repo}/${t.ref.number}`;
    files.push(
      input.renderMarkdown
        ? { path: `${base}.md`, content: input.renderMarkdown(stored.report) }
        : { path: `${base}.json`, content: `${JSON.stringify(stored.report, null, 2)}\n` },
    );
    reports++;
  }
  return { files, threads: threads.length, stubs: fixtures.filter((f) => f.stub).length, reports };
}

const notStoredHint = "Import it (issuegraph import DIR), sync the repository, or run a report on it first.";
