// Linked threads' summaries. With a token: aliased GraphQL batches (ThreadSummaries). Without:
// one REST GET issue per ref (plus the pull for merged pulls, for the merge commit). Missing or
// deleted threads come back as null entries, never as a throw.
import pLimit from "p-limit";
import { GoneError, NotFoundError } from "../errors.js";
import { formatRef, refKey } from "../refs/parse-ref.js";
import type { IssueRef, ThreadSummary } from "../thread/types.js";
import { badShape } from "./map-error.js";
import { batchRefs, threadSummariesQuery } from "./queries/thread-summaries.js";
import { getIssue } from "./rest/fetch-thread.js";
import { summaryFromRest } from "./rest/to-domain.js";
import { parseWith, restPull } from "./schema.js";
import type { Call, Transport } from "./transport.js";

/** REST fan-out kept small: GitHub asks for serial requests; a few in flight is polite enough. */
const REST_CONCURRENCY = 4;

export async function fetchSummaries(t: Transport, call: Call, refs: readonly IssueRef[]) {
  const out = new Map<string, ThreadSummary | null>();
  const todo: IssueRef[] = [];
  for (const ref of refs) {
    const key = refKey(ref);
    if (out.has(key)) continue;
    out.set(key, null);
    // A thread on another host cannot be asked of this API.
    if (ref.host.toLowerCase() === t.webHost) todo.push(ref);
  }
  if (t.hasToken) await viaGraphql(t, call, todo, out);
  else await pLimit(REST_CONCURRENCY).map(todo, async (ref) => out.set(refKey(ref), await viaRest(t, call, ref)));
  return out;
}

async function viaGraphql(t: Transport, call: Call, refs: IssueRef[], out: Map<string, ThreadSummary | null>) {
  for (const { batch, refs: batchedRefs } of batchRefs(refs)) {
    const what = `${batch.reduce((n, r) => n + r.numbers.length, 0)} linked threads`;
    const { query, variables } = threadSummariesQuery.query(batch);
    const { data, errors } = await call.graphql({ name: threadSummariesQuery.name, query }, variables, what);
    const unexpected = errors.filter((e) => e.type !== "NOT_FOUND");
    if (data === null || data === undefined) throw badShape(what, errors[0]?.message ?? "no data", t.scrub);
    if (unexpected.length > 0) {
      t.logger.warn({ errors: unexpected.map((e) => `${e.type ?? "?"}: ${t.scrub(e.message)}`) }, "summary errors");
    }
    const nodes = threadSummariesQuery.parse(data, batch, what, t.scrub);
    nodes.forEach((row, ri) => {
      row.forEach((node, ii) => {
        const ref = batchedRefs[ri]?.[ii];
        if (ref && node) out.set(refKey(ref), threadSummariesQuery.toDomain(node, ref.host));
      });
    });
  }
}

async function viaRest(t: Transport, call: Call, ref: IssueRef): Promise<ThreadSummary | null> {
  try {
    const got = await getIssue(t, call, ref);
    if (got.notModified) return null;
    const summary = summaryFromRest(got.issue, ref.host);
    const pullUrl = got.issue.pull_request?.url;
    if (summary.kind === "pull") {
      summary.mergeCommitSha = null;
      if (summary.merged && pullUrl && t.isApiUrl(pullUrl)) {
        const res = await call.rest(pullUrl, {}, { what: formatRef(summary.ref) });
        const pull = parseWith(restPull, res.data, formatRef(summary.ref), t.scrub);
        summary.mergeCommitSha = pull.merge_commit_sha ?? null;
      }
    }
    return summary;
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof GoneError) return null;
    throw err;
  }
}
