// Facts several sections state: readings of the cause, the steps that did not help, whether a
// maintainer has spoken, and the citations of stored same-error issues.
import { parseRefText } from "../refs/names.js";
import { threadUrl } from "../refs/parse-ref.js";
import type { Citation } from "../thread/report.js";
import { type LabelMeaning, labelMeanings, RELEASED_IN } from "./advice.rules.js";
import * as cite from "./cite.js";
import type { Finding, Voice } from "./findings.js";
import { byKind, type Ctx, MAX_CITED_LINKS } from "./section-context.js";
import { distinctSteps, triedSteps } from "./tried-steps.js";

/** Readings of the cause: maintainers first, then the reporter, then others, each in thread order. */
export function byCauseStrength(c: Ctx): Finding[] {
  const rank = (f: Finding) => (f.voice.maintainer ? 0 : f.voice.isAuthor ? 1 : 2);
  return byKind(c.findings, "cause")
    .filter((f) => !f.voice.isBot)
    .sort((a, b) => rank(a) - rank(b) || a.voice.order - b.voice.order);
}

/** Steps people name as not helping ("switching to a different model"), one per verb, with their sources. */
export function failedSteps(c: Ctx): { steps: string[]; citations: Citation[] } {
  const steps: string[] = [];
  const citations: Citation[] = [];
  for (const f of byKind(c.findings, "did-not-help")) {
    const found = triedSteps(f.text);
    if (found.length === 0) continue;
    steps.push(...found);
    citations.push(cite.voice(f.voice, c.thread));
  }
  return { steps: distinctSteps(steps), citations: cite.dedupe(citations) };
}

/** Whether any maintainer (OWNER, MEMBER, COLLABORATOR; not a bot) wrote the body or a comment. */
export function maintainerSpoke(c: Ctx): boolean {
  const isMaintainer = (a: { association: string; isBot: boolean } | null) =>
    a !== null &&
    !a.isBot &&
    (a.association === "OWNER" || a.association === "MEMBER" || a.association === "COLLABORATOR");
  return isMaintainer(c.thread.author) || c.thread.comments.some((x) => isMaintainer(x.author));
}

/** The stored issues with the same error that the report names (likely duplicates, then fixed ones). */
export function sameErrorCiteList(c: Ctx): Citation[] {
  const same = c.sameError;
  if (!same) return [];
  const refs = [...same.likelyDuplicates.map((d) => d.ref), ...same.fixedOrWorkaround.map((f) => f.ref)];
  return cite.dedupe(storedIssueCites(c, refs)).slice(0, MAX_CITED_LINKS);
}

/** Citations of stored issues ("owner/repo#n") on the thread's host. */
export function storedIssueCites(c: Ctx, refs: readonly string[]): Citation[] {
  return refs.flatMap((ref) => {
    const r = parseRefText(ref);
    return r ? [{ label: ref, url: threadUrl({ host: c.thread.ref.host, ...r }) }] : [];
  });
}

/**
 * A release named in the thread by a maintainer or a bot ("This issue has been resolved in version
 * 22.6.3"): a release on record even when no pull request is linked. The latest statement wins.
 */
export function releaseOnRecord(c: Ctx): { version: string; text: string; voice: Voice } | null {
  let found: { version: string; text: string; voice: Voice } | null = null;
  for (const com of c.thread.comments) {
    const a = com.author;
    const official =
      a !== null &&
      (a.isBot || a.association === "OWNER" || a.association === "MEMBER" || a.association === "COLLABORATOR");
    if (!official) continue;
    for (const line of com.body.split("\n")) {
      const m = RELEASED_IN.exec(line);
      if (!m?.[1]) continue;
      found = {
        version: m[1],
        text: line
          .replace(/[:*_]+/g, " ")
          .replace(/\s+/g, " ")
          .trim(),
        voice: {
          login: a.login,
          association: a.association,
          isBot: a.isBot,
          maintainer: !a.isBot,
          isAuthor: a.login.toLowerCase() === c.thread.author?.login.toLowerCase(),
          source: "comment",
          url: com.url,
          at: com.createdAt,
          plusOnes: com.reactions["+1"],
          order: 0,
        },
      };
    }
  }
  return found;
}

/**
 * Labels whose meaning counts as the maintainers' word: applied by a person (a bot's label is a
 * triage rule, not a judgement), or with no labelling event on record.
 */
export function judgedLabels(c: Ctx): { label: string; meaning: LabelMeaning; phrase: string }[] {
  return labelMeanings(c.thread.labels).filter((m) => {
    let actor: string | null | undefined;
    for (const e of c.thread.events) if (e.type === "labeled" && e.label === m.label) actor = e.actor;
    return !(actor === null || actor?.endsWith("[bot]") || actor?.toLowerCase() === "ghost");
  });
}
