// ThreadSummaries: many threads' summaries in one request, one aliased `repository` per repository
// and one aliased `issueOrPullRequest` per number. Built per batch, with variables (never inlined
// user text).
import type { IssueRef, ThreadSummary } from "../../thread/types.js";
import { summaryFromGraphql } from "../graphql/to-domain.js";
import type { Scrub } from "../map-error.js";
import { type GqlSummary, gqlSummary, parseWith } from "../schema.js";
import { withFragments } from "./fragments.js";

/** GitHub suggests modest alias batches; 50 keeps cost and the 10 s timeout far away. */
export const SUMMARY_BATCH = 50;

export type SummaryBatch = { owner: string; repo: string; numbers: number[] }[];

export const threadSummariesQuery = {
  name: "ThreadSummaries",
  /** Document + variables for one batch (at most SUMMARY_BATCH numbers in all). */
  query(batch: SummaryBatch): { query: string; variables: Record<string, unknown> } {
    const params: string[] = [];
    const variables: Record<string, unknown> = {};
    const body = batch.map((r, ri) => {
      params.push(`$o${ri}: String!`, `$n${ri}: String!`);
      variables[`o${ri}`] = r.owner;
      variables[`n${ri}`] = r.repo;
      const items = r.numbers.map((num, ii) => {
        params.push(`$i${ri}_${ii}: Int!`);
        variables[`i${ri}_${ii}`] = num;
        return `    i${ii}: issueOrPullRequest(number: $i${ri}_${ii}) { __typename ...IssueSummary ...PullSummary }`;
      });
      return `  r${ri}: repository(owner: $o${ri}, name: $n${ri}) {\n${items.join("\n")}\n  }`;
    });
    return {
      query: withFragments(`query ThreadSummaries(${params.join(", ")}) {\n${body.join("\n")}\n}`),
      variables,
    };
  },
  /** Raw node per batch position; null where GitHub resolved nothing (NOT_FOUND). */
  parse(data: unknown, batch: SummaryBatch, what: string, scrub: Scrub): (GqlSummary | null)[][] {
    const root = (data ?? {}) as Record<string, Record<string, unknown> | null | undefined>;
    return batch.map((r, ri) =>
      r.numbers.map((_, ii) => {
        const node = root[`r${ri}`]?.[`i${ii}`];
        return node ? parseWith(gqlSummary, node, what, scrub) : null;
      }),
    );
  },
  toDomain(node: GqlSummary, host: string): ThreadSummary {
    return summaryFromGraphql(node, host, true);
  },
};

/** Groups refs by repository (case-insensitively) and cuts them into batches of SUMMARY_BATCH. */
export function batchRefs(refs: readonly IssueRef[]): { batch: SummaryBatch; refs: IssueRef[][] }[] {
  const out: { batch: SummaryBatch; refs: IssueRef[][] }[] = [];
  let current: { batch: SummaryBatch; refs: IssueRef[][] } = { batch: [], refs: [] };
  let size = 0;
  const byRepo = new Map<string, IssueRef[]>();
  for (const ref of refs) {
    const key = `${ref.owner}/${ref.repo}`.toLowerCase();
    byRepo.set(key, [...(byRepo.get(key) ?? []), ref]);
  }
  for (const group of byRepo.values()) {
    for (const ref of group) {
      if (size === SUMMARY_BATCH) {
        out.push(current);
        current = { batch: [], refs: [] };
        size = 0;
      }
      const last = current.batch.length - 1;
      const lastRef = current.refs[last]?.[0];
      if (
        last >= 0 &&
        lastRef &&
        `${lastRef.owner}/${lastRef.repo}`.toLowerCase() === `${ref.owner}/${ref.repo}`.toLowerCase()
      ) {
        current.batch[last]?.numbers.push(ref.number);
        current.refs[last]?.push(ref);
      } else {
        current.batch.push({ owner: ref.owner, repo: ref.repo, numbers: [ref.number] });
        current.refs.push([ref]);
      }
      size++;
    }
  }
  if (size > 0) out.push(current);
  return out;
}
