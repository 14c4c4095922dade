// The loading page (polls with <meta refresh>, so it works without JavaScript) and the error page.
import type { AnalysePhase } from "../services/analyse.js";
import type { JobView } from "../services/report-service.js";
import { refText } from "./format.js";
import { renderPage } from "./layout.js";

/** The steps the page lists, each with the analysis phases it stands for. */
const PHASES: readonly [readonly AnalysePhase[], string][] = [
  [["queued"], "Queued"],
  [["fetch"], "Fetching the issue, its comments and timeline from GitHub"],
  [["links"], "Following linked issues and pull requests"],
  [["releases"], "Looking up the releases that contain the fix"],
  [["similar", "analyse", "store"], "Analysing and saving the report"],
];

export function loadingPage(job: JobView, path: string, now: Date): string {
  const current = PHASES.findIndex(([phases]) => phases.includes(job.phase));
  const seconds = Math.max(0, Math.round((now.getTime() - job.startedAt.getTime()) / 1000));
  const ref = refText(job.ref);
  return renderPage({
    title: `Analysing ${ref}`,
    refreshSeconds: 1,
    noindex: true,
    query: ref,
    children: (
      <section class="status-box" aria-labelledby="loading-title">
        <h1 id="loading-title">Analysing {ref}…</h1>
        <p role="status" aria-live="polite">
          {PHASES[current]?.[1] ?? "Working"} ({seconds} s so far). This page reloads by itself.
        </p>
        <ol class="progress">
          {PHASES.map(([, label], i) => (
            <li class={i < current ? "done" : i === current ? "current" : ""}>
              {label}
              {i < current ? <span class="visually-hidden"> (done)</span> : null}
              {i === current ? <span class="visually-hidden"> (in progress)</span> : null}
            </li>
          ))}
        </ol>
        <p>
          <a href={path}>Reload now</a>
        </p>
      </section>
    ),
  });
}

export type ErrorPageModel = { status: number; title: string; message: string; hint: string; retryPath?: string };

export function errorPage(m: ErrorPageModel): string {
  return renderPage({
    title: m.title,
    noindex: true,
    children: (
      <section class="error-box" aria-labelledby="error-page-title">
        <h1 id="error-page-title">{m.title}</h1>
        <p>{m.message}</p>
        <p>{m.hint}</p>
        <p>
          {m.retryPath ? (
            <>
              <a href={m.retryPath}>Try again</a> ·{" "}
            </>
          ) : null}
          <a href="/">Back to the home page</a>
        </p>
        <p class="muted">HTTP {m.status}</p>
      </section>
    ),
  });
}

/** A heading a person understands, by status. */
export function errorTitle(status: number): string {
  switch (status) {
    case 400:
      return "That is not something we can look up";
    case 401:
    case 403:
      return "Not allowed";
    case 404:
      return "Not found";
    case 410:
      return "This issue was deleted";
    case 429:
      return "Too many requests";
    case 502:
      return "GitHub did not answer properly";
    case 503:
      return "Temporarily unavailable";
    default:
      return "Something went wrong";
  }
}
