// Votes over the API: GET /api/v1/votes (counts, the reader's own votes, the evidence behind each
// signal) and POST /api/v1/votes (a scripted vote: same site, double-submit cookie, JSON body).
import type { Context, Hono } from "hono";
import { z } from "zod";
import { NotFoundError, UsageError } from "../../core/errors.js";
import { formatRef, refKey } from "../../core/refs/parse-ref.js";
import type { VoteCounts } from "../../core/store/types.js";
import type { IssueRef } from "../../core/thread/types.js";
import { type EvidenceSignal, evidenceSignals } from "../../core/votes/evidence.js";
import { isSignal, normaliseVoteCounts, SIGNALS, type Signal } from "../../core/votes/signals.js";
import type { AppEnv, ServerContext } from "../context.js";
import { requireSameSite } from "../security/same-origin.js";
import { jsonBody, jsonOnly } from "./request-checks.js";

const voteBody = z.object({ ref: z.string().min(1).max(300), signal: z.string().min(1).max(40) });
const PRIVATE = { "cache-control": "private, no-cache" };

export function voteApiRoutes(app: Hono<AppEnv>, ctx: ServerContext, api: string): void {
  app.get(`${api}/votes`, async (c) => {
    const ref = ctx.refs.fromInput(c.req.query("ref") ?? "");
    const voterId = await ctx.voters.current(c);
    // What the page's script asks on load (mine=1): only the counts and this reader's votes, no evidence.
    const onlyMine = c.req.query("mine") === "1";
    const [votes, evidence] = await Promise.all([
      ctx.deps.store.getVotes(ref, voterId ?? undefined),
      onlyMine ? null : evidenceOf(ctx, ref),
    ]);
    const counted = {
      ref: formatRef(ref),
      counts: normaliseVoteCounts(votes.counts),
      mine: votes.mine.filter(isSignal),
    };
    return c.json(evidence ? { ...counted, evidence } : counted, 200, PRIVATE);
  });

  app.post(
    `${api}/votes`,
    (c, next) => {
      requireSameSite(c, ctx.sameSite);
      ctx.voters.requireDoubleSubmit(c);
      return next();
    },
    jsonOnly,
    jsonBody(voteBody, "The body must be {ref, signal}.", `signal is one of ${SIGNALS.join(", ")}.`),
    async (c) => {
      const { signal, ref: input } = c.req.valid("json");
      if (!isSignal(signal)) {
        throw new UsageError(`Unknown signal "${signal.slice(0, 40)}".`, `Use one of ${SIGNALS.join(", ")}.`);
      }
      const ref = ctx.refs.fromInput(input);
      const result = await castVote(ctx, c, ref, signal, () => {
        return new NotFoundError(
          `${formatRef(ref)} has not been analysed yet.`,
          "Open its page (or GET its report) first.",
        );
      });
      return c.json({ ref: formatRef(ref), signal, active: result.active, counts: normaliseVoteCounts(result.counts) });
    },
  );
}

/** Why each signal may apply, from the stored report (none before the issue is analysed). */
async function evidenceOf(ctx: ServerContext, ref: IssueRef): Promise<EvidenceSignal[]> {
  const stored = await ctx.deps.store.getReport(ref);
  return stored ? evidenceSignals(stored.report) : [];
}

/**
 * One vote, from the API or a form: the voter (a first vote makes one, at most NEW_VOTERS_PER_HOUR
 * per address, so a script that drops its cookies cannot mint a voter per request), the rate limits,
 * an analysed issue, then the store; the issue's kept page shows the new counts.
 */
export async function castVote(
  ctx: ServerContext,
  c: Context,
  ref: IssueRef,
  signal: Signal,
  notAnalysed: () => NotFoundError,
): Promise<{ active: boolean; counts: VoteCounts }> {
  const voterId = await ctx.voters.ensure(c);
  ctx.limits.vote(c, voterId);
  if (!(await ctx.deps.store.getReport(ref))) throw notAnalysed();
  const result = await ctx.deps.store.castVote(ref, signal, voterId, ctx.deps.now().toISOString());
  ctx.rendered.invalidate(`${refKey(ref)}|page`);
  return result;
}
