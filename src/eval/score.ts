// The evaluation's scoring rules, one pure function per measure. They judge a report's JSON (as
// `issuegraph report --format json` prints it) against a fixture directory's answer key
// (shared/fixtures/FORMAT.md), by the same rules as the shared acceptance checks.

/** The answer key of a fixture directory (`_answers.json`); every part is optional. */
export type Answers = {
  errors?: { thread: string; error: string | null | (string | null)[] }[];
  duplicates?: { query: string; canonical: string; explicit?: boolean }[];
  fixed_by?: { issue: string; pr: string; merged: boolean; evidence?: string; released_in?: string | null }[];
  workarounds?: { thread: string; must_mention: string | string[] }[];
  no_workaround?: string[];
  error_clusters?: { anchor: string; same: string[]; different: string[] }[];
  flagship?: { thread: string };
};

/** The slice of a report's JSON the measures read. */
export type ReportJson = {
  errorMessage?: string | null;
  workarounds?: { text?: string; code?: string | null; kind?: string }[];
  fix?: { status?: string; pulls?: unknown[] };
  links?: unknown[];
};

/** One case's outcome: held, or the reason it did not. */
export type Verdict = { held: true } | { held: false; why: string };

const HELD: Verdict = { held: true };
const miss = (why: string): Verdict => ({ held: false, why });
const quote = (s: string, n = 90) => JSON.stringify(s.length > n ? `${s.slice(0, n)}…` : s);

/** A reference as the report's JSON writes it: a string, or an object with `ref` or `repo` + `number`. */
export function refOf(x: unknown): string | undefined {
  if (typeof x === "string") return x;
  if (!x || typeof x !== "object") return undefined;
  const o = x as { ref?: unknown; repo?: unknown; number?: unknown };
  if (typeof o.ref === "string") return o.ref;
  return typeof o.repo === "string" && typeof o.number === "number" ? `${o.repo}#${o.number}` : undefined;
}

/**
 * Exact error: the extracted text contains the label and is at most twice its length plus 160
 * characters. A null label: no error may be extracted. A list: any one of its lines; a null in the
 * list makes abstaining acceptable too.
 */
export function scoreError(label: string | null | (string | null)[], got: string | null | undefined): Verdict {
  const text = got ?? "";
  if (label === null) return text ? miss(`extracted ${quote(text)} where the thread quotes no error`) : HELD;
  const alternatives = [label].flat().filter((a): a is string => a !== null);
  const mayAbstain = [label].flat().includes(null);
  if (!text) return mayAbstain ? HELD : miss(`no error extracted; want ${quote(alternatives[0] ?? "")}`);
  const hit = alternatives.find((a) => text.includes(a));
  if (!hit) return miss(`got ${quote(text)}; want ${quote(alternatives[0] ?? "")}`);
  if (text.length > hit.length * 2 + 160)
    return miss(`holds the error but is ${text.length} characters around a ${hit.length}-character message`);
  return HELD;
}

/** Abstention: where the label is null (or allows null), saying nothing is right; elsewhere it is a miss. */
export function scoreAbstention(label: string | null | (string | null)[], got: string | null | undefined): Verdict {
  const abstained = !got;
  if (label === null) return abstained ? HELD : miss(`extracted ${quote(got ?? "")}`);
  return abstained ? miss("abstained on a thread that quotes an error") : HELD;
}

/** Workaround recall: some workaround's text or code mentions one of the tokens (any case). */
export function scoreWorkaround(mustMention: string | string[], report: ReportJson): Verdict {
  const tokens = [mustMention].flat().map((t) => t.toLowerCase());
  const texts = (report.workarounds ?? []).map((w) => `${w.text ?? ""} ${w.code ?? ""}`.toLowerCase());
  if (texts.some((t) => tokens.some((k) => t.includes(k)))) return HELD;
  return miss(`no workaround mentions ${JSON.stringify(mustMention)} (${texts.length} listed)`);
}

/** No false workaround: where nothing that works is reported, none may be of kind "worked". */
export function scoreNoWorkaround(report: ReportJson): Verdict {
  const worked = (report.workarounds ?? []).find((w) => w.kind === "worked");
  return worked ? miss(`claims a working workaround: ${quote(worked.text ?? "")}`) : HELD;
}

type FixedBy = NonNullable<Answers["fixed_by"]>[number];

/** Fix status: the PR is among the links with the right merged flag, and the status agrees with it. */
export function scoreFix(c: FixedBy, all: readonly FixedBy[], report: ReportJson): Verdict {
  const problems: string[] = [];
  const link = (report.links ?? []).find((l) => refOf(l) === c.pr) as { merged?: unknown } | undefined;
  const status = String(report.fix?.status ?? "");
  if (!link) problems.push(`${c.pr} not among links`);
  else if (Boolean(link.merged) !== Boolean(c.merged)) problems.push(`${c.pr} merged=${link.merged}, want ${c.merged}`);
  const anyMergedFix = all.some((o) => o.issue === c.issue && o.merged);
  if (!anyMergedFix && /^(fixed|merged|resolved)/i.test(status))
    problems.push(`fix.status "${status}" for an unmerged PR`);
  if (c.merged && /^(none|unknown|no)/i.test(status)) problems.push(`fix.status "${status}" though ${c.pr} merged`);
  return problems.length ? miss(problems.join("; ")) : HELD;
}

/** Release: the fixing PR is in fix.pulls and names the first release that contains it. */
export function scoreRelease(c: FixedBy, report: ReportJson): Verdict {
  const pull = (report.fix?.pulls ?? []).find((p) => refOf(p) === c.pr) as { releasedIn?: string | null } | undefined;
  if (!pull) return miss(`${c.pr} not in fix.pulls`);
  const got = pull.releasedIn ?? null;
  return got === (c.released_in ?? null) ? HELD : miss(`releasedIn ${got}, want ${c.released_in}`);
}

/** Duplicate recall@k: the canonical is among the first k similar issues. */
export function scoreDuplicate(canonical: string, ranked: readonly string[], k: number): Verdict {
  const top = ranked.slice(0, k);
  return top.includes(canonical) ? HELD : miss(`${canonical} not in top ${k} (got ${top.join(", ") || "nothing"})`);
}

/** A same-error cluster: each `same` thread flagged same-error, no `different` one. One verdict per thread. */
export function scoreCluster(
  cluster: { same: readonly string[]; different: readonly string[] },
  flaggedSame: ReadonlySet<string>,
): { thread: string; verdict: Verdict }[] {
  return [
    ...cluster.same.map((t) => ({
      thread: t,
      verdict: flaggedSame.has(t) ? HELD : miss("not flagged as the same error"),
    })),
    ...cluster.different.map((t) => ({
      thread: t,
      verdict: flaggedSame.has(t) ? miss("flagged as the same error, but it is a different one") : HELD,
    })),
  ];
}

/** A measure's tally: how many cases held, and the misses with the thread each concerns. */
export type Tally = { measure: string; held: number; total: number; misses: { thread: string; why: string }[] };

export function tally(measure: string, cases: readonly { thread: string; verdict: Verdict }[]): Tally {
  const misses = cases.flatMap((c) => (c.verdict.held ? [] : [{ thread: c.thread, why: c.verdict.why }]));
  return { measure, held: cases.length - misses.length, total: cases.length, misses };
}

/** Floors per measure (a fraction 0..1); the measures of a tally list that fall below theirs. */
export function belowFloors(tallies: readonly Tally[], floors: Readonly<Record<string, number>>): string[] {
  const out: string[] = [];
  for (const t of tallies) {
    const floor = floors[t.measure];
    if (floor === undefined || t.total === 0) continue;
    const rate = t.held / t.total;
    if (rate + 1e-9 < floor)
      out.push(`${t.measure} ${t.held}/${t.total} (${pct(rate)}) is below its floor ${pct(floor)}`);
  }
  return out;
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The per-measure summary table, then each measure's misses. */
export function formatTallies(title: string, tallies: readonly Tally[]): string {
  const rows = tallies.filter((t) => t.total > 0);
  const width = Math.max(8, ...rows.map((t) => t.measure.length));
  const lines = [title, `  ${"measure".padEnd(width)}  held/total  rate`];
  for (const t of rows)
    lines.push(
      `  ${t.measure.padEnd(width)}  ${`${t.held}/${t.total}`.padStart(10)}  ${pct(t.held / t.total).padStart(6)}`,
    );
  lines.push(`  summary: ${rows.map((t) => `${t.measure} ${t.held}/${t.total}`).join(", ")}`);
  for (const t of rows) {
    if (t.misses.length === 0) continue;
    lines.push("", `  misses: ${t.measure}`);
    for (const m of t.misses) lines.push(`  - ${m.thread}: ${m.why}`);
  }
  return lines.join("\n");
}
