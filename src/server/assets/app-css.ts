// The site's one stylesheet, served as /assets/app.css (the CSP allows styles from 'self' only).
// Colours are CSS variables with a dark set under prefers-color-scheme; all text pairs meet WCAG AA.
export const APP_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --border: #d0d7de; --panel: #f6f8fa;
  --link: #0550ae; --accent: #0969da; --accent-fg: #ffffff; --code-bg: #eff1f3;
  --open: #1a7f37; --closed: #8250df; --merged: #8250df; --not-planned: #59636e; --unknown: #59636e; --danger: #cf222e;
  --answer-bg: #f6f8fa; --answer-border: #0969da;
  --pressed-bg: #ddf4ff; --pressed-border: #0969da; --focus: #0969da;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23;
    --link: #4493f8; --accent: #1f6feb; --accent-fg: #ffffff; --code-bg: #1f2428;
    --open: #3fb950; --closed: #ab7df8; --merged: #ab7df8; --not-planned: #9198a1; --unknown: #9198a1; --danger: #f85149;
    --answer-bg: #151b23; --answer-border: #4493f8;
    --pressed-bg: #121d2f; --pressed-border: #4493f8; --focus: #4493f8;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
code, pre, kbd { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, monospace; font-size: 0.875em; }
pre { background: var(--code-bg); padding: 0.75rem 1rem; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.skip { position: absolute; left: -999px; top: 0; }
.skip:focus { left: 0.5rem; top: 0.5rem; background: var(--bg); padding: 0.5rem; z-index: 10; }
.site-header { border-bottom: 1px solid var(--border); background: var(--panel); }
.site-header .inner { max-width: 76rem; margin: 0 auto; padding: 0.75rem 1rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.brand { font-weight: 700; font-size: 1.15rem; color: var(--fg); text-decoration: none; }
search { display: block; }
.header-search { flex: 1; min-width: 14rem; max-width: 36rem; margin-left: auto; }
.header-search form { display: flex; gap: 0.5rem; }
.header-search input { flex: 1; min-width: 0; }
main { max-width: 76rem; margin: 0 auto; padding: 1rem; }
.site-footer { max-width: 76rem; margin: 2rem auto 0; padding: 1rem; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.875rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 0.75rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
input[type=text], input[type=search] { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: 6px; padding: 0.45rem 0.6rem; }
button, .button { font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid var(--border); background: var(--panel); color: var(--fg); padding: 0.4rem 0.8rem; text-decoration: none; display: inline-block; }
button.primary, .button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); font-weight: 600; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.muted { color: var(--muted); }
.hero { padding: 1.5rem 0 0.5rem; }
.hero p { color: var(--muted); margin-top: 0; }
.big-form { display: flex; gap: 0.5rem; flex-wrap: wrap; }
.big-form label { flex-basis: 100%; font-weight: 600; }
.big-form input { flex: 1; min-width: 12rem; font-size: 1.05rem; padding: 0.6rem 0.75rem; }
.examples { font-size: 0.9rem; color: var(--muted); }
.columns { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 2rem; }
@media (min-width: 60rem) { .columns { grid-template-columns: minmax(0, 1fr) 22rem; } }
.home-grid { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 2rem; }
@media (min-width: 50rem) { .home-grid { grid-template-columns: 1fr 1fr; } }
.issue-list { list-style: none; padding: 0; margin: 0; }
.issue-list li { padding: 0.5rem 0; border-bottom: 1px solid var(--border); overflow-wrap: anywhere; }
.issue-list .meta { display: block; font-size: 0.85rem; color: var(--muted); }
.badge { display: inline-block; font-size: 0.8rem; font-weight: 600; border-radius: 2em; padding: 0.05rem 0.55rem; border: 1px solid currentColor; white-space: nowrap; }
.badge.open { color: var(--open); } .badge.closed, .badge.merged { color: var(--closed); } .badge.unknown { color: var(--unknown); }
.badge.closed.reason-not-planned, .badge.closed.reason-duplicate { color: var(--not-planned); }
.label { display: inline-block; font-size: 0.8rem; border-radius: 2em; padding: 0 0.5rem; background: var(--panel); border: 1px solid var(--border); margin: 0 0.25rem 0.25rem 0; }
.title-meta { color: var(--muted); font-weight: 400; white-space: nowrap; }
.issue-head { display: flex; gap: 0.5rem 1rem; flex-wrap: wrap; align-items: center; }
table { border-collapse: collapse; width: 100%; font-size: 0.925rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--border); vertical-align: top; overflow-wrap: break-word; }
td.nowrap { white-space: nowrap; }
th { font-weight: 600; }
.table-wrap { overflow-x: auto; }
.statements { padding-left: 1.25rem; }
.statements li { margin-bottom: 0.35rem; }
.cite { font-size: 0.8rem; color: var(--muted); overflow-wrap: anywhere; }
.small { font-size: 0.85rem; }
p code, li code, figcaption code, td code { background: var(--code-bg); padding: 0.05em 0.3em; border-radius: 4px; overflow-wrap: anywhere; }
.strip { list-style: none; padding: 0; margin: 0 0 0.5rem; display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; align-items: center; font-size: 0.9rem; }
.strip li { white-space: nowrap; }
.strip .strip-stats { white-space: normal; }
.fix { font-weight: 600; }
.fix-fixed { color: var(--closed); } .fix-open { color: var(--open); } .fix-none { color: var(--muted); }
.issue-links { display: flex; gap: 0.25rem 1rem; flex-wrap: wrap; align-items: center; font-size: 0.9rem; margin: 0.25rem 0 0.75rem; }
.answer { border: 1px solid var(--border); border-left: 4px solid var(--answer-border); border-radius: 6px; background: var(--answer-bg); padding: 0.25rem 1rem 0.5rem; margin: 0.5rem 0 1rem; }
.answer h3 { margin-top: 0.6rem; }
table.signals { table-layout: fixed; }
table.signals th:first-child, table.signals td.vote-cell { width: 15rem; }
table.signals td { padding: 0.3rem 0.5rem; vertical-align: middle; }
.signals .evidence { font-size: 0.85rem; }
.strength { display: inline-block; min-width: 3.6rem; font-size: 0.75rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; }
.strength-strong { color: var(--open); } .strength-some { color: var(--fg); } .strength-none { color: var(--muted); }
table.links td.ref { white-space: nowrap; }
table.links td.state .badge { white-space: nowrap; }
.release { font-size: 0.8rem; color: var(--muted); }
.legend { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.85rem; }
.legend li { display: flex; align-items: center; gap: 0.35rem; }
.swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 50%; border: 3px solid var(--unknown); }
.swatch.node-open { border-color: var(--open); } .swatch.node-closed { border-color: var(--closed); } .swatch.node-grey { border-color: var(--not-planned); }
.line { display: inline-block; width: 1.6rem; border-top: 2px solid var(--muted); }
.line.line-fix { border-top: 3px solid var(--merged); } .line.line-dup { border-top: 2px dashed var(--muted); }
.formula { margin-top: 0.5rem; }
.clusters { list-style: none; padding: 0; }
@media (max-width: 40rem) {
  main { padding: 0.75rem; }
  h1 { font-size: 1.35rem; }
  table.links thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.links, table.links tbody, table.links tr, table.links td { display: block; width: 100%; }
  table.links tr { border: 1px solid var(--border); border-radius: 6px; padding: 0.4rem 0.6rem; margin: 0 0 0.5rem; }
  table.links td { border: 0; padding: 0.1rem 0; }
  table.links td.ref::before { content: attr(data-label) " "; color: var(--muted); font-size: 0.85rem; }
  table.links td.relation { font-size: 0.85rem; color: var(--muted); }
  table.signals th:first-child, table.signals td.vote-cell { width: 10.5rem; }
  table.signals .vote-button { padding: 0.3rem 0.5rem; font-size: 0.9rem; }
}
.markdown { overflow-wrap: anywhere; }
.markdown img { max-width: 100%; }
details { border: 1px solid var(--border); border-radius: 6px; padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
details > summary { cursor: pointer; font-weight: 600; }
.panel { border: 1px solid var(--border); border-radius: 6px; padding: 0.75rem 1rem; margin: 1rem 0; background: var(--bg); }
.votes { list-style: none; padding: 0; margin: 0; }
.votes li { display: flex; gap: 0.5rem; align-items: flex-start; justify-content: space-between; padding: 0.4rem 0; border-bottom: 1px solid var(--border); flex-wrap: wrap; }
.votes form { margin: 0; flex: 1; }
.vote-button { width: 100%; text-align: left; display: flex; justify-content: space-between; gap: 0.75rem; }
.vote-button[aria-pressed=true] { background: var(--pressed-bg); border-color: var(--pressed-border); font-weight: 600; }
.vote-count { font-variant-numeric: tabular-nums; font-weight: 600; }
.evidence { font-size: 0.85rem; color: var(--muted); flex-basis: 100%; }
.evidence strong { color: var(--fg); }
.tools { list-style: none; padding: 0; margin: 0; }
.tools li { padding: 0.45rem 0; border-bottom: 1px solid var(--border); }
.tools .desc { display: block; font-size: 0.875rem; color: var(--muted); }
.graph-wrap { overflow-x: auto; }
.link-graph { max-width: 100%; height: auto; display: block; }
.link-graph .node-title { fill: var(--muted); font-size: 11px; }
.link-graph line { stroke: var(--muted); stroke-width: 1.5; }
.link-graph .edge-closed-by line, .link-graph .edge-closes line { stroke: var(--merged); stroke-width: 2.5; }
.link-graph .edge-duplicate-of line, .link-graph .edge-duplicated-by line { stroke-dasharray: 6 4; }
.link-graph text { fill: var(--fg); font-size: 13px; font-family: inherit; }
.link-graph .edge-label { fill: var(--muted); font-size: 11px; }
.link-graph circle { fill: var(--panel); stroke: var(--unknown); stroke-width: 3; }
.link-graph .open circle { stroke: var(--open); }
.link-graph .closed circle, .link-graph .merged circle { stroke: var(--closed); }
.link-graph .reason-not-planned circle, .link-graph .reason-duplicate circle { stroke: var(--not-planned); }
.link-graph a:focus-visible circle, .link-graph a:hover circle { stroke-width: 5; }
.link-graph .center circle { fill: var(--pressed-bg); }
.link-graph .graph-note { fill: var(--muted); }
.status-box { border: 1px solid var(--border); border-radius: 6px; padding: 1rem; background: var(--panel); }
.progress { list-style: none; padding: 0; }
.progress li::before { content: "○ "; }
.progress li.done::before { content: "● "; color: var(--open); }
.progress li.current { font-weight: 600; }
.error-box { border: 1px solid var(--danger); border-radius: 6px; padding: 1rem; }
.error-box h1 { color: var(--danger); }
.notice { border-left: 4px solid var(--accent); padding: 0.25rem 0.75rem; background: var(--panel); }
.search-results li .error-text { display: block; font-family: ui-monospace, monospace; font-size: 0.8rem; color: var(--muted); overflow-wrap: anywhere; }
.cluster { border: 1px solid var(--border); border-radius: 6px; padding: 0.5rem 0.75rem; margin: 0.75rem 0; }
.cluster h3 { margin-top: 0.25rem; }
`;
