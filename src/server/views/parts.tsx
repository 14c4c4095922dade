// Pieces shared by several pages.
import type { Citation, Statement } from "../../core/thread/report.js";
import type { StateReason, ThreadState } from "../../core/thread/types.js";
import { safeHttpUrl } from "../render/escape.js";
import type { TrendingEntry } from "../services/trending.js";
import { issuePath, refText } from "./format.js";

export function StateBadge(props: { state: ThreadState | "merged" | "unknown" | null; reason?: StateReason }) {
  const state = props.state ?? "unknown";
  const reason = props.reason && props.reason !== "reopened" ? ` (${props.reason.replace("_", " ")})` : "";
  return <span class={`badge ${state}`}>{`${state}${reason}`}</span>;
}

/** An outbound link, or plain text when the URL is not http(s). */
export function ExtLink(props: { href: string | null | undefined; children: string }) {
  const href = safeHttpUrl(props.href);
  return href ? (
    <a href={href} rel="nofollow noopener noreferrer">
      {props.children}
    </a>
  ) : (
    <span>{props.children}</span>
  );
}

export function Citations(props: { citations: readonly Citation[] }) {
  if (props.citations.length === 0) return null;
  return (
    <span class="cite">
      {" "}
      [
      {props.citations.map((c, i) => (
        <>
          {i > 0 ? ", " : ""}
          <ExtLink href={c.url}>{c.label}</ExtLink>
        </>
      ))}
      ]
    </span>
  );
}

export function StatementText(props: { statement: Statement }) {
  return (
    <>
      {props.statement.text}
      <Citations citations={props.statement.citations} />
    </>
  );
}

export function TrendingList(props: { items: readonly TrendingEntry[]; headingId: string; level?: 2 | 3 }) {
  const Heading = props.level === 3 ? "h3" : "h2";
  return (
    <section aria-labelledby={props.headingId}>
      <Heading id={props.headingId}>Trending issues</Heading>
      {props.items.length === 0 ? (
        <p class="muted">Nothing is trending yet: analyse an issue, read and vote, and it will show here.</p>
      ) : (
        <ol class="issue-list">
          {props.items.map((t) => (
            <li>
              <a href={issuePath(t.ref)}>{t.title}</a>
              <span class="meta">
                {refText(t.ref)} · <StateBadge state={t.state} reason={t.stateReason} /> · score {t.score.toFixed(2)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
