// Search results, ranked as the CLI's `search`. Hits that share the query's error come first as
// one cluster ("same error"), then the rest.

import { plural } from "../../core/text/format.js";
import type { SearchAnswer, SearchResult } from "../deps.js";
import { renderPage } from "./layout.js";
import { IssueItem } from "./parts.js";

export type SearchModel = { query: string; answer: SearchAnswer | null };

export function searchPage(m: SearchModel): string {
  const results = m.answer?.results ?? [];
  const cluster = results.filter((r) => r.sameError);
  const others = results.filter((r) => !r.sameError);
  return renderPage({
    title: m.query ? `Search: ${m.query}` : "Search",
    query: m.query,
    noindex: true,
    // This page has its own search form; the header's would be a second box.
    headerSearch: false,
    children: (
      <section aria-labelledby="search-title">
        <h1 id="search-title">Search stored issues</h1>
        <search>
          <form class="big-form" method="get" action="/search">
            <label for="search-q">Error text or keywords</label>
            <input id="search-q" type="search" name="q" value={m.query} required />
            <button class="primary" type="submit">
              Search
            </button>
          </form>
        </search>
        {m.query === "" ? null : results.length === 0 ? (
          <p role="status">No stored issue matches “{m.query}”. Paste an issue URL to analyse a new one.</p>
        ) : (
          <>
            <p role="status">
              {plural(results.length, "issue")} match
              {results.length === 1 ? "es" : ""} “{m.query}”
              {cluster.length > 0 ? `; ${plural(cluster.length, "issue")} with the same error` : ""}.
            </p>
            {m.answer?.message ? <p class="notice">{m.answer.message}</p> : null}
            {cluster.length > 0 ? (
              <div class="cluster" id="cluster">
                <h2>Same error ({plural(cluster.length, "issue")})</h2>
                <ResultList items={cluster} />
              </div>
            ) : null}
            {others.length > 0 ? (
              <>
                <h2>{cluster.length > 0 ? "Other matches" : "Matches"}</h2>
                <ResultList items={others} />
              </>
            ) : null}
          </>
        )}
      </section>
    ),
  });
}

function ResultList({ items }: { items: SearchResult[] }) {
  return (
    <ol class="issue-list search-results">
      {items.map((r) => (
        <IssueItem issue={r}>{` · score ${r.score.toFixed(2)} · ${r.why}`}</IssueItem>
      ))}
    </ol>
  );
}
