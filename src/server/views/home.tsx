import type { HomeModel } from "../services/home-lists.js";
import { issuePath, repoPathOf, utc } from "./format.js";
import { renderPage } from "./layout.js";
import { StateBadge, TrendingList } from "./parts.js";

const EXAMPLES = [
  { text: "https://github.com/anthropics/claude-code/issues/45203", kind: "an issue URL" },
  { text: "nodejs/node#45028", kind: "owner/repo#number" },
  { text: "You're out of extra usage", kind: "an error message" },
] as const;

export function homePage(model: HomeModel): string {
  return renderPage({
    title: "Understand a GitHub issue",
    description:
      "Paste a GitHub issue and get what is known, what fixes it, what else is linked, and who else hit the same error, every claim citing the thread.",
    headerSearch: false,
    children: (
      <>
        <section class="hero" aria-labelledby="home-title">
          <h1 id="home-title">Understand a GitHub issue</h1>
          <p>
            Paste an issue and get what is known, what fixes it, what else is linked, and who else hit the same error:
            every claim cites the thread.
          </p>
          <search>
            <form class="big-form" method="get" action="/go">
              <label for="q">Issue URL, owner/repo#number, or error text</label>
              <input
                id="q"
                type="search"
                name="q"
                required
                placeholder="https://github.com/owner/repo/issues/123"
                aria-describedby="q-examples"
              />
              <button class="primary" type="submit">
                Analyse
              </button>
            </form>
          </search>
          <p id="q-examples" class="examples">
            For example{" "}
            {EXAMPLES.map((e, i) => (
              <>
                {i === 0 ? "" : i === EXAMPLES.length - 1 ? ", or " : ", "}
                <a href={`/go?q=${encodeURIComponent(e.text)}`} title={`Try ${e.kind}`}>
                  <code>{e.text}</code>
                </a>
              </>
            ))}
            .
          </p>
        </section>
        <div class="home-grid">
          <TrendingList items={model.trending} headingId="trending-title" />
          <section aria-labelledby="recent-title">
            <h2 id="recent-title">Recently analysed</h2>
            {model.recent.length === 0 ? (
              <p class="muted">
                {model.trending.length > 0
                  ? "Every recently analysed issue is trending."
                  : "No issue has been analysed yet."}
              </p>
            ) : (
              <ul class="issue-list">
                {model.recent.map((row) => (
                  <li>
                    <a href={issuePath(row.ref)}>{row.title}</a>
                    <span class="meta">
                      <a href={repoPathOf(row.ref)}>{`${row.ref.owner}/${row.ref.repo}`}</a>#{row.ref.number} ·{" "}
                      <StateBadge state={row.state} reason={row.stateReason} /> ·{" "}
                      {row.analysedAt
                        ? `analysed ${utc(row.analysedAt)}`
                        : `stored, not analysed yet (updated ${utc(row.updatedAt)})`}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </>
    ),
  });
}
