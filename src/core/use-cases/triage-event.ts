// The GitHub Actions side of triage: which issue a webhook payload is about, and whether to act.
// Payloads are the real webhook shapes (issues.opened, issue_comment.created); anything else is
// skipped with a reason, never guessed at.
import { z } from "zod";
import { UsageError } from "../errors.js";
import type { IssueRef } from "../thread/types.js";
import { TRIAGE_MARKER } from "./triage.js";

const payloadSchema = z.object({
  action: z.string().optional(),
  issue: z
    .object({
      number: z.number().int().positive(),
      html_url: z.string(),
      pull_request: z.unknown().optional(),
    })
    .optional(),
  comment: z
    .object({
      body: z.string().nullable().optional(),
      user: z.object({ type: z.string().optional(), login: z.string() }).nullable(),
    })
    .optional(),
  repository: z.object({ full_name: z.string(), owner: z.object({ login: z.string() }), name: z.string() }).optional(),
});

export type TriageTarget = { ref: IssueRef; event: string } | { skip: string };

/** `event` is the GITHUB_EVENT_NAME when known ("issues", "issue_comment"), else inferred from the payload. */
export function triageTargetOf(payload: unknown, event: string | null): TriageTarget {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    throw new UsageError("the event payload is not a GitHub webhook payload", "Pass the file in $GITHUB_EVENT_PATH.");
  }
  const p = parsed.data;
  const name = event ?? (p.comment ? "issue_comment" : p.issue ? "issues" : "unknown");
  if (!p.issue || !p.repository) return { skip: `a ${name} event without an issue` };
  const accepted = (name === "issues" && p.action === "opened") || (name === "issue_comment" && p.action === "created");
  if (!accepted)
    return { skip: `${name}.${p.action ?? "?"} is not triaged (only issues.opened and issue_comment.created)` };
  if (p.issue.pull_request !== undefined) return { skip: "a pull request, not an issue" };
  // Our own comment (or any bot's) must not trigger another run: that would loop.
  if (p.comment && (p.comment.user?.type === "Bot" || (p.comment.body ?? "").includes(TRIAGE_MARKER))) {
    return { skip: "a comment by a bot (issuegraph's own included)" };
  }
  const host = hostOf(p.issue.html_url);
  return {
    ref: { host, owner: p.repository.owner.login, repo: p.repository.name, number: p.issue.number },
    event: `${name}.${p.action}`,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return "github.com";
  }
}
