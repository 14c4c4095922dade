// When to rebuild a backend's term-statistics table (`term_stats`: documents per index term, the
// row with term '' holding the number of documents). Rebuilding reads the whole index, so it runs
// when the index has grown by a quarter (at least one document) since the last rebuild: the cost stays
// a constant factor of writing, and IDF drifts by at most that much. A term the table does not know
// yet (written since) is counted in the index itself by the dialect.
import type { Driver, SqlExecutor } from "./driver.js";

const REFRESH_SHARE = 0.25;
const REFRESH_MIN_DOCS = 1;

export class TermStatsRefresh {
  /** Documents written through this process since the last rebuild, and the table's count then (null: unread). */
  private pending = 0;
  private docsAtRefresh: number | null = null;

  constructor(private readonly rebuild: (tx: SqlExecutor) => Promise<void>) {}

  async afterWrite(driver: Driver, docs: number): Promise<void> {
    this.pending += docs;
    if (this.docsAtRefresh === null) this.docsAtRefresh = await indexedDocs(driver);
    if (this.pending < Math.max(REFRESH_MIN_DOCS, REFRESH_SHARE * this.docsAtRefresh)) return;
    this.pending = 0;
    await driver.transaction(this.rebuild);
    this.docsAtRefresh = await indexedDocs(driver);
  }
}

export async function indexedDocs(db: SqlExecutor): Promise<number> {
  return Number((await db.get<{ n: number }>("SELECT docs AS n FROM term_stats WHERE term = ''"))?.n ?? 0);
}
