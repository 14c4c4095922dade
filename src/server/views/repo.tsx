// A repository's page: its top error clusters, open likely duplicates, fixes shipped recently and
// its trending issues, from what the store holds of it.

import type { Child } from "hono/jsx";
import { plural } from "../../core/text/format.js";
import type { ErrorCluster, LikelyDuplicate, RepoIssue, RepoModel, ShippedFix } from "../services/repo-model.js";
import { issuePath, refText, repoPathOf, utc } from "./format.js";
import { renderPage } from "./layout.js";
import { ExtLink, IssueItem, TrendingList } from "./parts.js";

export function repoPage(m: RepoModel): string {
  const name = `${m.repo.owner}/${m.repo.repo}`;
  const feed = `${repoPathOf(m.repo)}/feed.atom`;
  return renderPage({
    title: name,
    description: `${name}: ${plural(m.clusters.length, "error cluster")}, ${plural(m.duplicates.length, "open likely duplicate")} and ${plural(m.fixes.length, "shipped fix", "shipped fixes")} among ${plural(m.stored, "stored issue")}.`,
    canonicalUrl: m.canonicalUrl,
    feeds: [{ title: `New reports in ${name}`, href: feed }],
    children: (
      <div class="columns">
        <article aria-labelledby="repo-title">
          <h1 id="repo-title">{name}</h1>
          <p class="muted">
            {plural(m.stored, "stored issue")}, {m.analysed} analysed here ·{" "}
            <ExtLink href={`https://${m.repo.host}/${m.repo.owner}/${m.repo.repo}/issues`}>Issues on GitHub</ExtLink> ·{" "}
            <a href={feed}>Atom feed</a>
          </p>
          <ListSection
            id="clusters-title"
            title="Top error clusters"
            empty="No two stored issues of this repository report the same error."
            items={m.clusters}
            item={ClusterItem}
            list="clusters"
          />
          <ListSection
            id="dups-title"
            title="Open likely duplicates"
            empty="No open issue looks like a duplicate of another."
            items={m.duplicates}
            item={DuplicateItem}
          />
          <ListSection
            id="fixes-title"
            title="Fixes shipped recently"
            empty="No merged fix is on record in the stored reports."
            items={m.fixes}
            item={FixItem}
          />
        </article>
        <aside aria-label="Trending issues of this repository">
          <TrendingList items={m.trending} headingId="trending-title" />
        </aside>
      </div>
    ),
  });
}

function IssueList({ items }: { items: RepoIssue[] }) {
  return (
    <ul class="issue-list">
      {items.map((i) => (
        <IssueItem issue={i} />
      ))}
    </ul>
  );
}

/** A titled part of the page: its list, or a sentence saying it has nothing. */
function ListSection<T>(props: {
  id: string;
  title: string;
  empty: string;
  items: readonly T[];
  item: (item: T) => Child;
  list?: "clusters";
}) {
  const items = props.items.map(props.item);
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.items.length === 0 ? (
        <p class="muted">{props.empty}</p>
      ) : props.list === "clusters" ? (
        <ol class="clusters">{items}</ol>
      ) : (
        <ul class="issue-list">{items}</ul>
      )}
    </section>
  );
}

function ClusterItem(c: ErrorCluster) {
  return (
    <li class="cluster">
      <h3>
        {plural(c.issues.length, "issue")}, {c.open} open
      </h3>
      <pre>
        <code>{c.errorText || "(error text not stored)"}</code>
      </pre>
      <IssueList items={c.issues.slice(0, 6)} />
      {c.issues.length > 6 ? <p class="muted small">and {c.issues.length - 6} more.</p> : null}
    </li>
  );
}

function DuplicateItem(d: LikelyDuplicate) {
  return (
    <IssueItem issue={d.issue}>
      {d.why === "marked" ? " · marked as a duplicate of " : " · same error as the earlier "}
      <a href={issuePath(d.of)}>{refText(d.of)}</a>
    </IssueItem>
  );
}

function FixItem(f: ShippedFix) {
  return (
    <IssueItem issue={f.issue} stateless>
      {" · fixed by "}
      <ExtLink href={f.pull.url}>{f.pull.ref}</ExtLink>
      {f.mergedAt ? `, merged ${utc(f.mergedAt)}` : ""}
      {f.releasedIn ? `, released in ${f.releasedIn}` : ", not released yet"}
    </IssueItem>
  );
}
