// The page of one analysed issue, answer first: the title, a one-line status strip, TL;DR and
// Recommendation, the quick signals as a matrix (community votes x the evidence's strength),
// Guidance, Example and Notes, the error, linked issues and pull requests, the same error
// elsewhere, the graph, and the raw body. Tools and trending sit beside it on wide screens.
//
// The page is the same bytes for every reader (it is rendered once per version and cached): the
// reader's own votes are filled in by the script, or shown after a form vote (`flash`, `mine`).
// All user-written text is escaped by JSX, except the body (sanitised HTML) and the graph
// (escaped SVG), passed in as raw.
import { raw } from "hono/html";
import { shownRelations } from "../../core/render/relation-label.js";
import { plural } from "../../core/text/format.js";
import type { Report, ReportLink, Statement } from "../../core/thread/report.js";
import { SIGNAL_LABELS, SIGNALS } from "../../core/votes/signals.js";
import { stateWord } from "../html/graph-svg.js";
import type { IssueModel } from "../services/issue-model.js";
import { pathOfRefText, repoPath, utc } from "./format.js";
import { renderPage } from "./layout.js";
import {
  Citations,
  ExtLink,
  GraphLegend,
  InlineText,
  IssueItem,
  StateBadge,
  StatementText,
  TrendingList,
} from "./parts.js";

export function issuePage(m: IssueModel): string {
  const r = m.report;
  return renderPage({
    title: `${r.title} (${r.ref})`,
    description: describe(r),
    canonicalUrl: m.canonicalUrl,
    ogType: "article",
    feeds: [{ title: `What changed in ${r.ref}`, href: m.paths.feed }],
    children: (
      <div class="columns">
        <article aria-labelledby="issue-title" class="issue">
          <Header m={m} />
          <Answer report={r} />
          <Votes m={m} />
          <Details report={r} />
          <Changes report={r} />
          <ErrorMessage report={r} />
          <Links m={m} />
          <Similar m={m} />
          <Graph m={m} />
          <RawBody m={m} />
        </article>
        <aside aria-label="Tools and trending issues">
          <Tools m={m} />
          <TrendingList items={m.trending} headingId="trending-title" />
        </aside>
      </div>
    ),
  });
}

/** One or two plain sentences for search results and link previews. */
function describe(r: Report): string {
  const first = r.sections.tldr.map((s) => s.text).join(" ");
  const text = first || r.sections.recommendation.text || r.fix.summary;
  const plain = text
    .replace(/`([^`\n]+)`/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > 280 ? `${plain.slice(0, 279)}…` : plain;
}

function Header({ m }: { m: IssueModel }) {
  const r = m.report;
  const same = r.sameError;
  return (
    <header>
      <h1 id="issue-title">
        {r.title}{" "}
        <span class="title-meta">
          [{plural(r.stats.comments, "comment")}, {plural(r.stats.participants, "participant")}]
        </span>
      </h1>
      <ul class="strip" aria-label="Status">
        <li>
          <StateBadge state={r.state} reason={r.stateReason} />
        </li>
        <li>
          <FixStatus report={r} />
        </li>
        {same?.signature ? (
          <li>
            <a href="#similar-title">
              {same.count === 0 ? "no other issue with this error" : plural(same.count, "other issue", "other issues")}
              {same.count > 0 ? " with this error" : ""}
            </a>
          </li>
        ) : null}
        <li class="strip-stats" aria-label="GitHub stats">
          <span>{plural(r.stats.comments, "comment")}</span> ·{" "}
          <span>{plural(r.stats.participants, "participant")}</span> ·{" "}
          <span>{plural(r.stats.timelineEvents, "event")}</span> · <span>{plural(r.stats.reactions, "reaction")}</span>
        </li>
        <li class="muted">
          fetched <time datetime={r.meta.fetchedAt}>{utc(r.meta.fetchedAt)}</time>
        </li>
      </ul>
      <p class="issue-links">
        <span>
          <a href={repoPath(r.ref) ?? "/"}>{r.ref.replace(/#\d+$/, "")}</a>
          {r.ref.replace(/^[^#]*/, "")} {r.kind === "pull" ? "(pull request)" : ""} by {r.author ?? "a deleted user"}
        </span>
        {r.labels.map((l) => (
          <span class="label">{l}</span>
        ))}
        <ExtLink href={r.url}>View on GitHub</ExtLink>
        <a href={m.paths.markdown} download>
          Download the Markdown report
        </a>
        <a href={m.paths.json}>JSON</a>
        <a href={m.paths.feed}>Atom feed</a>
      </p>
      {r.transferredFrom ? <p class="notice">Transferred from {r.transferredFrom}.</p> : null}
      {m.stale ? (
        <p class="notice" role="status">
          This report was fetched on {utc(r.meta.fetchedAt)}
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

/** "fixed by #12, in v1.4", "fix open: #12", "no fix known". */
function FixStatus({ report }: { report: Report }) {
  const f = report.fix;
  const merged = f.pulls.filter((p) => p.merged);
  const released = merged.find((p) => p.releasedIn);
  if (f.status === "fixed") {
    return (
      <span class="fix fix-fixed">
        fixed{merged[0] ? ` by ${shortRef(merged[0].ref, report.ref)}` : ""}
        {released ? `, released in ${released.releasedIn}` : merged.length > 0 ? ", not released yet" : ""}
      </span>
    );
  }
  if (f.status === "fix-open") {
    const open = f.pulls.find((p) => p.state === "open");
    return <span class="fix fix-open">fix in review{open ? `: ${shortRef(open.ref, report.ref)}` : ""}</span>;
  }
  if (f.status === "fix-unmerged") return <span class="fix fix-none">fix closed unmerged</span>;
  return <span class="fix fix-none">no fix known</span>;
}

/** "#12" for the same repository, else "owner/repo#12". */
const shortRef = (ref: string, base: string) =>
  ref.replace(/#\d+$/, "") === base.replace(/#\d+$/, "") ? ref.replace(/^[^#]*/, "") : ref;

function Answer({ report }: { report: Report }) {
  const s = report.sections;
  return (
    <section aria-labelledby="analysis-title" class="answer">
      <h2 id="analysis-title" class="visually-hidden">
        The answer
      </h2>
      <h3>TL;DR</h3>
      <StatementList items={s.tldr} empty="Nothing to summarise." base={report.ref} />
      <h3>Recommendation</h3>
      <p>
        <StatementText statement={s.recommendation} base={report.ref} />
      </p>
    </section>
  );
}

function Details({ report }: { report: Report }) {
  const s = report.sections;
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">How to fix</h2>
      <h3>Guidance</h3>
      <StatementList
        items={s.guidance}
        ordered
        empty="No guidance could be grounded in the thread."
        base={report.ref}
      />
      {s.example ? <h3>Example</h3> : null}
      {s.example ? (
        <figure>
          <figcaption>
            <InlineText text={s.example.caption} />
            <Citations citations={s.example.citations} base={report.ref} />
          </figcaption>
          <pre>
            <code>{s.example.code}</code>
          </pre>
        </figure>
      ) : null}
      <h3>Notes</h3>
      <StatementList items={s.notes} empty="No notes." base={report.ref} />
    </section>
  );
}

function StatementList(props: { items: Statement[]; ordered?: boolean; empty: string; base: string }) {
  if (props.items.length === 0) return <p class="muted">{props.empty}</p>;
  const items = props.items.map((st) => (
    <li>
      <StatementText statement={st} base={props.base} />
    </li>
  ));
  return props.ordered ? <ol class="statements">{items}</ol> : <ul class="statements">{items}</ul>;
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
              <InlineText text={item.text} />
              <Citations citations={item.citations} base={report.ref} />
            </li>
          ))}
        </ul>
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

function linkHref(link: ReportLink): string | null {
  return link.type === "issue" ? pathOfRefText(link.ref) : null;
}

function Links({ m }: { m: IssueModel }) {
  const r = m.report;
  const links = r.links;
  return (
    <section aria-labelledby="links-title">
      <h2 id="links-title">Linked issues and pull requests</h2>
      <p>
        <strong>Fix status:</strong> <InlineText text={r.fix.summary} />
      </p>
      {links.length === 0 ? (
        <p class="muted">No linked issues or pull requests.</p>
      ) : (
        <table aria-labelledby="links-title" class="links">
          <thead>
            <tr>
              <th scope="col">Ref</th>
              <th scope="col">Title</th>
              <th scope="col">Relation</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => {
              const page = linkHref(l);
              const pull = r.fix.pulls.find((p) => p.ref === l.ref);
              return (
                <tr>
                  <td class="ref" data-label={l.type === "pull" ? "Pull request" : "Issue"}>
                    {page ? <a href={page}>{l.ref}</a> : <ExtLink href={l.url}>{l.ref}</ExtLink>}
                    <span class="visually-hidden">{l.type === "pull" ? " (pull request)" : " (issue)"}</span>
                  </td>
                  <td class="title">{l.title ?? ""}</td>
                  <td class="relation">{shownRelations(l).join(", ")}</td>
                  <td class="state">
                    <StateBadge state={stateWord(l)} reason={l.stateReason} />
                    {pull?.releasedIn ? <span class="release"> in {pull.releasedIn}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {r.timelineTop.length > 0 ? (
        <p class="muted small">
          Top timeline events:{" "}
          {r.timelineTop
            .slice(0, 6)
            .map((t) => `${t.type} ×${t.count}`)
            .join(", ")}
          .
        </p>
      ) : null}
    </section>
  );
}

function Graph({ m }: { m: IssueModel }) {
  if (m.report.links.length === 0) return null;
  return (
    <section aria-labelledby="graph-heading">
      <h2 id="graph-heading">Link graph</h2>
      <div class="graph-wrap">{raw(m.graphSvg)}</div>
      <GraphLegend />
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

function SimilarList(props: { items: IssueModel["similar"]; empty: string }) {
  if (props.items.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <ul class="issue-list">
      {props.items.map((s) => (
        <IssueItem issue={s}>{` · ${s.why}`}</IssueItem>
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
        {m.bodyNote ? <p class="muted">{m.bodyNote}</p> : null}
        <div class="markdown">{raw(m.bodyHtml)}</div>
      </details>
    </section>
  );
}

const STRENGTH_WORDS = { strong: "Strong", some: "Some" } as const;

/** The quick signals as a matrix: each signal's vote button (with the community's count) and the evidence. */
function Votes({ m }: { m: IssueModel }) {
  const evidence = new Map(m.evidence.map((e) => [e.signal, e]));
  return (
    <section aria-labelledby="votes-title" id="votes">
      <h2 id="votes-title">Quick signals</h2>
      <p class="muted small">
        Community votes (one per signal; vote again to take it back) beside what the thread itself shows.
      </p>
      <table class="signals" aria-labelledby="votes-title">
        <thead>
          <tr>
            <th scope="col">Signal · votes</th>
            <th scope="col">Evidence in the thread</th>
          </tr>
        </thead>
        <tbody>
          {SIGNALS.map((signal) => {
            const pressed = m.votes.mine.includes(signal);
            const ev = evidence.get(signal);
            return (
              <tr>
                <td class="vote-cell">
                  <form class="vote-form" method="post" action={m.paths.votes} data-ref={m.report.ref}>
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
                </td>
                <td class="evidence">
                  {ev ? (
                    <>
                      <span class={`strength strength-${ev.strength}`}>{STRENGTH_WORDS[ev.strength]}</span>{" "}
                      <InlineText text={ev.reason} />
                      <Citations citations={ev.citations} base={m.report.ref} />
                    </>
                  ) : (
                    <>
                      <span class="strength strength-none">None</span> <span class="muted">in the thread</span>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p id="vote-status" class="muted small" role="status" aria-live="polite"></p>
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

function ToolList({ tools }: { tools: IssueModel["tools"]["batches"][number] }) {
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
