// Pieces shared by several pages.

import type { Child } from "hono/jsx";
import type { Citation, Statement } from "../../core/thread/report.js";
import type { IssueRef, StateReason, ThreadState } from "../../core/thread/types.js";
import { DEFAULT_TRENDING, HOUR_MS } from "../../core/trending/score.js";
import { safeHttpUrl } from "../html/escape.js";
import type { TrendingEntry } from "../services/trending.js";
import { issuePath, refText } from "./format.js";

/**
 * GitHub's words and colours: open (green), closed as completed and merged (purple), closed as not
 * planned or as a duplicate (grey).
 */
export function StateBadge(props: { state: ThreadState | "merged" | "unknown" | null; reason?: StateReason }) {
  const state = props.state ?? "unknown";
  const reason = props.reason && props.reason !== "reopened" ? props.reason : null;
  const words = reason ? `${state} (${reason.replace(/_/g, " ")})` : state;
  const cls = reason && state === "closed" ? `badge ${state} reason-${reason.replace(/_/g, "-")}` : `badge ${state}`;
  return <span class={cls}>{words}</span>;
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

/**
 * Compact citations: "[comment by bob, #45]" in small type, right after the sentence. With `base`
 * ("owner/repo#n"), refs of the same repository are shortened to "#n" (the link keeps the whole).
 */
export function Citations(props: { citations: readonly Citation[]; base?: string }) {
  if (props.citations.length === 0) return null;
  const repo = props.base?.replace(/#\d+$/, "");
  const short = (label: string) =>
    repo && label.startsWith(`${repo}#`) && /^\d+$/.test(label.slice(repo.length + 1))
      ? label.slice(repo.length)
      : label;
  return (
    <span class="cite">
      {" ["}
      {props.citations.map((c, i) => (
        <>
          {i > 0 ? ", " : ""}
          <ExtLink href={c.url}>{short(c.label)}</ExtLink>
        </>
      ))}
      ]
    </span>
  );
}

/** Analysis text with its inline Markdown code spans (`like this`) shown as code; the rest stays text. */
export function InlineText(props: { text: string }) {
  const parts = splitCodeSpans(props.text);
  return <>{parts.map((p) => (p.code ? <code>{p.text}</code> : p.text))}</>;
}

/** "run `npm ci` now" -> text "run ", code "npm ci", text " now". Unpaired backticks stay text. */
export function splitCodeSpans(text: string): { text: string; code: boolean }[] {
  const out: { text: string; code: boolean }[] = [];
  const re = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), code: false });
    // CommonMark: one leading and trailing space is stripped when both are there.
    const inner = m[2] ?? "";
    out.push({ text: /^ .* $/s.test(inner) && inner.trim() ? inner.slice(1, -1) : inner, code: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), code: false });
  return out;
}

export function StatementText(props: { statement: Statement; base?: string }) {
  return (
    <>
      <InlineText text={props.statement.text} />
      <Citations citations={props.statement.citations} base={props.base} />
    </>
  );
}

const w = DEFAULT_TRENDING.weights;
const halfLifeHours = DEFAULT_TRENDING.halfLifeMs / HOUR_MS;
const horizonDays = DEFAULT_TRENDING.horizonMs / (24 * HOUR_MS);
/** The trending formula in words, next to every score shown. */
const TRENDING_FORMULA =
  `Score = recent activity, each weighted (comment ${w.comment}, cross-reference ${w["cross-reference"]}, ` +
  `vote ${w.vote}, reaction ${w.reaction}, page view ${w.view}) and halved for every ${halfLifeHours} hours of age; ` +
  `activity older than ${horizonDays} days counts for nothing.`;

export function TrendingList(props: { items: readonly TrendingEntry[]; headingId: string; level?: 2 | 3 }) {
  const Heading = props.level === 3 ? "h3" : "h2";
  return (
    <section aria-labelledby={props.headingId}>
      <Heading id={props.headingId}>Trending issues</Heading>
      {props.items.length === 0 ? (
        <p class="muted">Nothing is trending yet: analyse an issue, read and vote, and it will show here.</p>
      ) : (
        <>
          <ol class="issue-list">
            {props.items.map((t) => (
              <IssueItem issue={t}>{` · score ${t.score.toFixed(2)}`}</IssueItem>
            ))}
          </ol>
          <p class="muted small formula">{TRENDING_FORMULA}</p>
        </>
      )}
    </section>
  );
}

/** What the graph's colours and lines mean. */
export function GraphLegend() {
  return (
    <ul class="legend" aria-label="Legend of the link graph">
      <li>
        <span class="swatch node-open" aria-hidden="true"></span> open
      </li>
      <li>
        <span class="swatch node-closed" aria-hidden="true"></span> closed (completed) or merged
      </li>
      <li>
        <span class="swatch node-grey" aria-hidden="true"></span> closed (not planned or duplicate), unknown
      </li>
      <li>
        <span class="line line-fix" aria-hidden="true"></span> closes / closed by
      </li>
      <li>
        <span class="line line-dup" aria-hidden="true"></span> duplicate
      </li>
      <li>
        <span class="line line-other" aria-hidden="true"></span> mentions, connected
      </li>
      <li class="muted">Hover or focus a node for its title; click to open it.</li>
    </ul>
  );
}

/** What a list shows of an issue. */
export type ListedIssue = { ref: IssueRef; title: string; state: ThreadState; stateReason: StateReason };

/** One issue in a list: its title linking to its page, its ref, its state (unless `stateless`), then `children`. */
export function IssueItem(props: { issue: ListedIssue; stateless?: boolean; children?: Child }) {
  const { issue } = props;
  return (
    <li>
      <a href={issuePath(issue.ref)}>{issue.title}</a>
      <span class="meta">
        {refText(issue.ref)}
        {props.stateless ? null : (
          <>
            {" · "}
            <StateBadge state={issue.state} reason={issue.stateReason} />
          </>
        )}
        {props.children}
      </span>
    </li>
  );
}
