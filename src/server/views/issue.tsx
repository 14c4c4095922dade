// The page of one analysed issue. Everything shown comes from the model; all user-written text is
// escaped by JSX, except the body (sanitised HTML) and the graph (escaped SVG), passed in as raw.
import { raw } from "hono/html";
import { shownRelations } from "../../core/render/relation-label.js";
import type { EvidenceSignal } from "../../core/signals/evidence.js";
import { SIGNAL_LABELS, SIGNALS, type Signal, type VoteCounts } from "../../core/signals/signals.js";
import type { Report, ReportLink } from "../../core/thread/report.js";
import type { RankedTool } from "../../core/tools/match.js";
import type { SimilarIssue } from "../deps.js";
import { stateWord } from "../render/graph-svg.js";
import type { TrendingEntry } from "../services/trending.js";
import { ago, issuePath, pathOfRefText, plural, refText, utc } from "./format.js";
import { renderPage } from "./layout.js";
import { Citations, ExtLink, StateBadge, StatementText, TrendingList } from "./parts.js";

export type IssueModel = {
  report: Report;
  stale: boolean;
  refreshing: boolean;
  bodyHtml: string;
  graphSvg: string;
  similar: SimilarIssue[];
  votes: { counts: VoteCounts; mine: Signal[] };
  evidence: EvidenceSignal[];
  tools: { category: string; tags: string[]; batches: RankedTool[][] };
  trending: TrendingEntry[];
  csrf: string;
  paths: { page: string; markdown: string; json: string; votes: string };
  /** Shown after a form vote without JavaScript. */
  flash: string | null;
  now: Date;
};

export function issuePage(m: IssueModel, nonce: string): string {
  const r = m.report;
  return renderPage({
    title: `${r.title} (${r.ref})`,
    nonce,
    children: (
      <div class="columns">
        <article aria-labelledby="issue-title">
          <Header m={m} />
          <Changes report={r} />
          <Stats m={m} />
          <ErrorMessage report={r} />
          <RawBody m={m} />
          <Analysis report={r} />
          <Fix report={r} />
          <Links m={m} />
          <Similar m={m} />
        </article>
        <aside aria-label="Signals, tools and trending issues">
          <Votes m={m} />
          <Tools m={m} />
          <TrendingList items={m.trending} headingId="trending-title" />
        </aside>
      </div>
    ),
  });
}

function Header({ m }: { m: IssueModel }) {
  const r = m.report;
  return (
    <header>
      <h1 id="issue-title">
        {r.title}{" "}
        <span class="title-meta">
          [{plural(r.stats.comments, "comment")}, {plural(r.stats.participants, "participant")}]
        </span>
      </h1>
      <p class="issue-head">
        <StateBadge state={r.state} reason={r.stateReason} />
        <span>
          {r.ref} {r.kind === "pull" ? "(pull request)" : ""} opened by {r.author ?? "a deleted user"}
        </span>
        <ExtLink href={r.url}>View on GitHub</ExtLink>
        <a href={m.paths.markdown} download>
          Download the Markdown report
        </a>
        <a href={m.paths.json}>JSON</a>
      </p>
      {r.labels.length > 0 ? (
        <p>
          <span class="visually-hidden">Labels: </span>
          {r.labels.map((l) => (
            <span class="label">{l}</span>
          ))}
        </p>
      ) : null}
      {r.transferredFrom ? <p class="notice">Transferred from {r.transferredFrom}.</p> : null}
      {m.stale ? (
        <p class="notice" role="status">
          This report was fetched {ago(r.meta.fetchedAt, m.now)}
          {m.refreshing ? "; a fresh one is being prepared, reload in a moment." : "."}
        </p>
      ) : null}
      {m.flash ? (
        <p class="notice" role="status">
          {m.flash}
        </p>
      ) : null}
    </header>
  );
}

/** "What changed since the last report", present from the second report of a thread on. */
function Changes({ report }: { report: Report }) {
  const changes = report.changes;
  if (!changes) return null;
  return (
    <section aria-labelledby="changes-title">
      <h2 id="changes-title">What changed since the last report</h2>
      <p class="muted">Compared with the report of {utc(changes.sinceGeneratedAt)}.</p>
      {changes.items.length === 0 ? (
        <p>Nothing: no new comments, state change, links or fix.</p>
      ) : (
        <ul class="statements">
          {changes.items.map((item) => (
            <li>
              {item.text}
              <Citations citations={item.citations} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Stats({ m }: { m: IssueModel }) {
  const r = m.report;
  return (
    <section aria-labelledby="stats-title">
      <h2 id="stats-title">Stats</h2>
      <dl class="stats">
        <div>
          <dt>Comments</dt>
          <dd>{r.stats.comments}</dd>
        </div>
        <div>
          <dt>Participants</dt>
          <dd>{r.stats.participants}</dd>
        </div>
        <div>
          <dt>Timeline events</dt>
          <dd>{r.stats.timelineEvents}</dd>
        </div>
        <div>
          <dt>Reactions</dt>
          <dd>{r.stats.reactions}</dd>
        </div>
        <div>
          <dt>Fetched</dt>
          <dd class="small">
            <time datetime={r.meta.fetchedAt}>{utc(r.meta.fetchedAt)}</time>
          </dd>
        </div>
      </dl>
      <h3 id="timeline-title">Top timeline events</h3>
      {r.timelineTop.length === 0 ? (
        <p class="muted">No timeline events.</p>
      ) : (
        <div class="table-wrap">
          <table aria-labelledby="timeline-title">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Count</th>
              </tr>
            </thead>
            <tbody>
              {r.timelineTop.slice(0, 8).map((t) => (
                <tr>
                  <td>{t.type}</td>
                  <td>{t.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ErrorMessage({ report }: { report: Report }) {
  return (
    <section aria-labelledby="error-title">
      <h2 id="error-title">Error message</h2>
      {report.errorMessage ? (
        <pre>
          <code>{report.errorMessage}</code>
        </pre>
      ) : (
        <p class="muted">No error message was found in the issue.</p>
      )}
    </section>
  );
}

function Analysis({ report }: { report: Report }) {
  const s = report.sections;
  return (
    <section aria-labelledby="analysis-title">
      <h2 id="analysis-title">Analysis</h2>
      <h3>TL;DR</h3>
      <StatementList items={s.tldr} empty="Nothing to summarise." />
      <h3>Guidance</h3>
      <StatementList items={s.guidance} ordered empty="No guidance could be grounded in the thread." />
      {s.example ? <h3>Example</h3> : null}
      {s.example ? (
        <figure>
          <figcaption>
            {s.example.caption}
            <Citations citations={s.example.citations} />
          </figcaption>
          <pre>
            <code>{s.example.code}</code>
          </pre>
        </figure>
      ) : null}
      <h3>Notes</h3>
      <StatementList items={s.notes} empty="No notes." />
      <h3>Recommendation</h3>
      <p>
        <StatementText statement={s.recommendation} />
      </p>
    </section>
  );
}

function StatementList(props: { items: Report["sections"]["tldr"]; ordered?: boolean; empty: string }) {
  if (props.items.length === 0) return <p class="muted">{props.empty}</p>;
  const items = props.items.map((st) => (
    <li>
      <StatementText statement={st} />
    </li>
  ));
  return props.ordered ? <ol class="statements">{items}</ol> : <ul class="statements">{items}</ul>;
}

function Fix({ report }: { report: Report }) {
  return (
    <section aria-labelledby="fix-title">
      <h2 id="fix-title">Fix status</h2>
      <p>{report.fix.summary}</p>
      {report.fix.pulls.length > 0 ? (
        <ul>
          {report.fix.pulls.map((p) => (
            <li>
              <ExtLink href={p.url}>{p.ref}</ExtLink> {p.title ?? ""}{" "}
              <StateBadge state={p.merged ? "merged" : p.state} />
              {p.releasedIn ? ` released in ${p.releasedIn}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function linkHref(link: ReportLink): string | null {
  return link.type === "issue" ? pathOfRefText(link.ref) : null;
}

function Links({ m }: { m: IssueModel }) {
  const links = m.report.links;
  return (
    <section aria-labelledby="links-title">
      <h2 id="links-title">Linked issues and pull requests</h2>
      {links.length === 0 ? (
        <p class="muted">No linked issues or pull requests.</p>
      ) : (
        <>
          <div class="table-wrap">
            <table aria-labelledby="links-title">
              <thead>
                <tr>
                  <th scope="col">Ref</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Relation</th>
                  <th scope="col">State</th>
                  <th scope="col">Title</th>
                </tr>
              </thead>
              <tbody>
                {links.map((l) => {
                  const page = linkHref(l);
                  return (
                    <tr>
                      <td>{page ? <a href={page}>{l.ref}</a> : <ExtLink href={l.url}>{l.ref}</ExtLink>}</td>
                      <td class="nowrap">{l.type === "pull" ? "pull request" : "issue"}</td>
                      <td>{shownRelations(l).join(", ")}</td>
                      <td>
                        <StateBadge state={stateWord(l)} reason={l.stateReason} />
                      </td>
                      <td>{l.title ?? ""}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <h3 id="graph-title-h">Link graph</h3>
          <div class="graph-wrap">{raw(m.graphSvg)}</div>
        </>
      )}
    </section>
  );
}

function Similar({ m }: { m: IssueModel }) {
  const part = m.report.sameError;
  const same = m.similar.filter((s) => s.sameError);
  return (
    <section aria-labelledby="similar-title">
      <h2 id="similar-title">Same error elsewhere</h2>
      {part?.signature ? (
        <p>
          {part.count === 0
            ? "No other stored issue reports this error."
            : `${plural(part.count, "other stored issue reports", "other stored issues report")} this error`}
          {part.count > 0 && part.fixedOrWorkaround.length > 0
            ? `; ${part.fixedOrWorkaround.length} of them ${part.fixedOrWorkaround.length === 1 ? "has" : "have"} a fix or workaround on record:`
            : part.count > 0
              ? "."
              : ""}
        </p>
      ) : null}
      {part && part.fixedOrWorkaround.length > 0 ? (
        <ul class="issue-list">
          {part.fixedOrWorkaround.map((f) => (
            <li>
              <a href={pathOfRefText(f.ref) ?? "/"}>{f.title}</a>
              <span class="meta">
                {f.ref} · <StateBadge state={f.state} reason={f.stateReason} /> · {f.how}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {same.length > 0 || !part?.signature ? (
        <>
          {part && part.fixedOrWorkaround.length > 0 ? <h3>All issues with this error</h3> : null}
          <SimilarList items={same} empty="No other stored issue reports this error yet." />
        </>
      ) : null}
      {m.similar.some((s) => !s.sameError) ? (
        <>
          <h3>Similar issues</h3>
          <SimilarList items={m.similar.filter((s) => !s.sameError)} empty="" />
        </>
      ) : null}
    </section>
  );
}

function SimilarList(props: { items: SimilarIssue[]; empty: string }) {
  if (props.items.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <ul class="issue-list">
      {props.items.map((s) => (
        <li>
          <a href={issuePath(s.ref)}>{s.title}</a>
          <span class="meta">
            {refText(s.ref)} · <StateBadge state={s.state} reason={s.stateReason} /> · {s.why}
          </span>
        </li>
      ))}
    </ul>
  );
}

function RawBody({ m }: { m: IssueModel }) {
  return (
    <section aria-labelledby="body-title">
      <h2 id="body-title">Issue body</h2>
      <details>
        <summary>Show the original issue text</summary>
        <div class="markdown">{raw(m.bodyHtml)}</div>
      </details>
    </section>
  );
}

function Votes({ m }: { m: IssueModel }) {
  const evidence = new Map(m.evidence.map((e) => [e.signal, e]));
  return (
    <section aria-labelledby="votes-title" id="votes">
      <h2 id="votes-title">Quick signals</h2>
      <p class="muted">One vote per signal; vote again to take it back.</p>
      <ul class="votes">
        {SIGNALS.map((signal) => {
          const pressed = m.votes.mine.includes(signal);
          const ev = evidence.get(signal);
          return (
            <li>
              <form class="vote-form" method="post" action={m.paths.votes} data-ref={m.report.ref}>
                <input type="hidden" name="csrf" value={m.csrf} />
                <input type="hidden" name="signal" value={signal} />
                <button
                  type="submit"
                  class="vote-button"
                  aria-pressed={pressed ? "true" : "false"}
                  data-label={SIGNAL_LABELS[signal]}
                >
                  <span>{SIGNAL_LABELS[signal]}</span>
                  <span class="vote-count">
                    <span class="vote-number">{m.votes.counts[signal]}</span>
                    <span class="visually-hidden"> votes</span>
                  </span>
                </button>
              </form>
              <span class="evidence">
                {ev ? (
                  <>
                    <strong>{ev.strength === "strong" ? "Evidence:" : "Some evidence:"}</strong> {ev.reason}
                    <Citations citations={ev.citations} />
                  </>
                ) : (
                  "No evidence in the thread."
                )}
              </span>
            </li>
          );
        })}
      </ul>
      <p id="vote-status" class="muted" role="status" aria-live="polite"></p>
    </section>
  );
}

function Tools({ m }: { m: IssueModel }) {
  const [first = [], second = []] = m.tools.batches;
  return (
    <section aria-labelledby="tools-title">
      <h2 id="tools-title">Recommended tools</h2>
      <p class="muted">
        For a <strong>{m.tools.category}</strong> issue
        {m.tools.tags.length > 0 ? `, tagged ${m.tools.tags.slice(0, 6).join(", ")}` : ""}.
      </p>
      <ToolList tools={first} />
      {second.length > 0 ? (
        <details>
          <summary>Another batch</summary>
          <ToolList tools={second} />
        </details>
      ) : null}
    </section>
  );
}

function ToolList({ tools }: { tools: RankedTool[] }) {
  return (
    <ul class="tools">
      {tools.map(({ tool }) => (
        <li>
          <ExtLink href={tool.url}>{tool.name}</ExtLink>
          <span class="desc">{tool.description}</span>
        </li>
      ))}
    </ul>
  );
}
