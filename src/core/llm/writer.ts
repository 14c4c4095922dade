// The optional LLM writer: the five sections rewritten by a model from the extracted evidence only,
// kept when every claim checks out, otherwise the deterministic sections stay and meta.llm says why.
// Never throws: a report always comes back.
import type { Report } from "../thread/report.js";
import { checkAnswer, parseAnswer } from "./answer.js";
import type { LlmConfig } from "./config.js";
import { collectEvidence, type EvidenceItem } from "./evidence.js";
import { type CallDeps, callModel, type Prompt, scrub } from "./providers.js";

export const SYSTEM_PROMPT = `You write the "how to fix" part of a report on one GitHub issue for the people who hit it and for its maintainers.
Use ONLY the numbered evidence you are given. Do not add facts, versions, numbers, commands, dates or advice that the evidence does not contain.
Answer with one JSON object and nothing else:
{"tldr": [{"text": "...", "evidence": ["E1"]}], "guidance": [...], "example": null or {"code": "...", "language": "sh" or null, "caption": "...", "evidence": ["E4"]}, "notes": [...], "recommendation": {"text": "...", "evidence": ["E2"]}}
Rules:
- tldr: at most 2 sentences: the state, the cause if the evidence knows it, and the best-known fix or workaround (or that none is on record as of the latest activity).
- guidance: ordered steps, strongest evidence first (a released fix, then confirmed workarounds, then the rest); say what did not help.
- example: the exact command, config or code quoted in the evidence that worked, copied character for character; null if there is none.
- notes: environment, caveats, conflicting reports.
- recommendation: one actionable sentence.
- Every item is one sentence and lists the ids of the evidence it rests on in "evidence". Never cite an id that is not in the list.
- Write numbers, versions and commands exactly as the evidence writes them; put commands in backticks only when the evidence has them.`;

export function buildPrompt(report: Report, evidence: readonly EvidenceItem[]): Prompt {
  const lines = evidence.map((e) => `${e.id}: ${e.text}`);
  return {
    system: SYSTEM_PROMPT,
    user: `Issue: ${report.ref}\nEvidence:\n${lines.join("\n")}\n\nWrite the JSON object now.`,
  };
}

export type WriterDeps = CallDeps;

/** The report with the model's sections when they pass every check; otherwise unchanged but for meta.llm. */
export async function writeWithLlm(report: Report, config: LlmConfig, deps: WriterDeps): Promise<Report> {
  const base = { provider: config.provider, model: config.model };
  const fallback = (status: "rejected" | "failed" | "timeout", reason: string): Report => ({
    ...report,
    meta: { ...report.meta, analyzer: "deterministic", llm: { ...base, status, reason: scrub(reason, config) } },
  });
  try {
    const evidence = collectEvidence(report);
    const result = await callModel(config, buildPrompt(report, evidence), deps);
    if (!result.ok) return fallback(result.status, result.reason);
    const parsed = parseAnswer(result.raw);
    if (!parsed.ok) return fallback("rejected", parsed.reason);
    const checked = checkAnswer(parsed.answer, evidence);
    if (!checked.ok) return fallback("rejected", checked.reason);
    return {
      ...report,
      sections: checked.sections,
      meta: { ...report.meta, analyzer: "llm", llm: { ...base, status: "used", reason: null } },
    };
  } catch (error) {
    // A bug here must not cost the report.
    return fallback("failed", error instanceof Error ? error.message : String(error));
  }
}

/** The report use-case's `writer` hook: `deps.writer = makeLlmWriter(config, { fetch })`. */
export const makeLlmWriter =
  (config: LlmConfig, deps: WriterDeps) =>
  (report: Report): Promise<Report> =>
    writeWithLlm(report, config, deps);
