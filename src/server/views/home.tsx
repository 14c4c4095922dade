import type { ThreadRow } from "../../core/store/types.js";
import type { TrendingEntry } from "../services/trending.js";
import { ago, issuePath, refText } from "./format.js";
import { renderPage } from "./layout.js";
import { StateBadge, TrendingList } from "./parts.js";

export type RecentIssue = ThreadRow & { analysedAt: string };

export type HomeModel = { trending: TrendingEntry[]; recent: RecentIssue[]; now: Date };

export function homePage(model: HomeModel, nonce: string): string {
  return renderPage({
    title: "Understand a GitHub issue",
    nonce,
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
            For example <code>https://github.com/anthropics/claude-code/issues/45203</code>,{" "}
            <code>nodejs/node#45028</code>, or an error message such as <code>You're out of extra usage</code>.
          </p>
        </section>
        <div class="home-grid">
          <TrendingList items={model.trending} headingId="trending-title" />
          <section aria-labelledby="recent-title">
            <h2 id="recent-title">Recently analysed</h2>
            {model.recent.length === 0 ? (
              <p class="muted">No issue has been analysed yet.</p>
            ) : (
              <ul class="issue-list">
                {model.recent.map((row) => (
                  <li>
                    <a href={issuePath(row.ref)}>{row.title}</a>
                    <span class="meta">
                      {refText(row.ref)} · <StateBadge state={row.state} reason={row.stateReason} /> · analysed{" "}
                      {ago(row.analysedAt, model.now)}
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
