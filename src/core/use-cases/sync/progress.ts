// Sync progress for people: a redrawn bar on a terminal, one quiet line per list page otherwise.
// Formatting is pure; the reporter gets its writer, clock and TTY flag injected.

/** The latest rate-limit headers GitHub sent (x-ratelimit-*). */
export type RateBudget = { resource: string; limit: number; remaining: number; resetAt: string };

export type SyncPhase = "listing" | "fetching" | "done" | "stopped";

export type SyncProgress = {
  /** "owner/repo" */
  repo: string;
  deep: boolean;
  phase: SyncPhase;
  pages: number;
  /** List items seen. */
  listed: number;
  /** Threads written to the store. */
  stored: number;
  /** Threads fetched whole (deep). */
  fetched: number;
  /** Listed threads already stored as they are. */
  unchanged: number;
  requests: number;
  /** The watermark committed so far. */
  since: string | null;
  /** The oldest update time this run listed: where the bar starts. */
  startedFrom: string | null;
  now: string;
  budget: RateBudget | null;
};

/**
 * How far through the repository's history the run is. The list is sorted by update time, so the
 * committed watermark between the first listed update and now is a real measure of the work left.
 */
export function progressFraction(p: Pick<SyncProgress, "phase" | "since" | "startedFrom" | "now">): number | null {
  if (p.phase === "done") return 1;
  if (p.startedFrom === null || p.since === null) return null;
  const start = Date.parse(p.startedFrom);
  const span = Date.parse(p.now) - start;
  if (!(span > 0)) return null;
  return Math.min(1, Math.max(0, (Date.parse(p.since) - start) / span));
}

const count = (n: number) => n.toLocaleString("en-US");

export function formatBudget(b: RateBudget | null): string {
  return b ? `rate ${count(b.remaining)}/${count(b.limit)} left (${b.resource})` : "rate unknown";
}

function counts(p: SyncProgress): string {
  const parts = [`${count(p.listed)} listed`, `${count(p.stored)} stored`];
  if (p.deep) parts.push(`${count(p.fetched)} fetched`);
  parts.push(`${count(p.unchanged)} unchanged`, `${count(p.requests)} requests`);
  return parts.join(" · ");
}

/** One terminal line: bar, percentage, counts and budget, cut to `width` columns. */
export function formatProgressBar(p: SyncProgress, width = 100): string {
  const fraction = progressFraction(p);
  const barWidth = 20;
  const filled = fraction === null ? 0 : Math.round(fraction * barWidth);
  const bar = `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}]`;
  const pct = fraction === null ? " ..%" : `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const line = `${bar} ${pct} ${p.repo} ${counts(p)} · ${formatBudget(p.budget)}`;
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}

/** A plain log line for non-terminals (CI logs, files). */
export function formatProgressLine(p: SyncProgress): string {
  const where = p.since ? `, up to ${p.since}` : "";
  return `sync ${p.repo}: ${p.phase}, page ${p.pages}${where}: ${counts(p)}, ${formatBudget(p.budget)}`;
}

export type ProgressReporter = {
  update(p: SyncProgress): void;
  /** The last state: ends the bar's line (TTY) or writes the closing line. */
  finish(p: SyncProgress): void;
};

export function createProgressReporter(opts: {
  isTTY: boolean;
  write: (text: string) => void;
  now: () => Date;
  /** Terminal columns (default 100). */
  width?: number;
  /** Minimum time between redraws on a terminal (default 100 ms). */
  redrawMs?: number;
}): ProgressReporter {
  const redrawMs = opts.redrawMs ?? 100;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastPage = 0;
  let lastLine = "";
  const line = (p: SyncProgress) => {
    const text = `${formatProgressLine(p)}\n`;
    // The closing state often equals the last page's line (a 304, an empty page): say it once.
    if (text !== lastLine) opts.write(text);
    lastLine = text;
  };
  const draw = (p: SyncProgress) => opts.write(`\r${formatProgressBar(p, opts.width)}\x1b[K`);
  return {
    update(p) {
      if (opts.isTTY) {
        const t = opts.now().getTime();
        if (t - lastDraw < redrawMs) return;
        lastDraw = t;
        draw(p);
        return;
      }
      if (p.pages > lastPage) {
        lastPage = p.pages;
        line(p);
      }
    },
    finish(p) {
      if (opts.isTTY) {
        draw(p);
        opts.write("\n");
      } else {
        line(p);
      }
    },
  };
}
