// The LLM's answer: the five sections as JSON, each statement citing evidence ids. Parsed with zod
// and then checked against the evidence: every id must exist, and every number, version and
// backticked command it states must appear in the evidence text. Anything else is a rejection
// with a reason a person can read.
import { z } from "zod";
import type { Citation, Sections, Statement } from "../thread/report.js";
import type { EvidenceItem } from "./evidence.js";

const id = z.string().regex(/^E\d{1,4}$/, "an evidence id like E3");
const claim = z.object({ text: z.string().min(1).max(800), evidence: z.array(id).min(1).max(12) });

export const answerSchema = z.object({
  tldr: z.array(claim).min(1).max(2),
  guidance: z.array(claim).min(1).max(12),
  example: z
    .object({
      code: z.string().min(1).max(4000),
      language: z.string().max(20).nullable().optional(),
      caption: z.string().min(1).max(400),
      evidence: z.array(id).min(1).max(6),
    })
    .nullable(),
  notes: z.array(claim).max(12),
  recommendation: claim,
});

export type Answer = z.infer<typeof answerSchema>;

/** The JSON shape the prompt asks for, as the tool/JSON schema providers accept. */
export const ANSWER_JSON_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["tldr", "guidance", "example", "notes", "recommendation"],
  properties: {
    tldr: { type: "array", minItems: 1, maxItems: 2, items: { $ref: "#/$defs/claim" } },
    guidance: { type: "array", minItems: 1, items: { $ref: "#/$defs/claim" } },
    example: {
      anyOf: [
        { type: "null" },
        {
          type: "object",
          required: ["code", "caption", "evidence"],
          properties: {
            code: { type: "string" },
            language: { type: ["string", "null"] },
            caption: { type: "string" },
            evidence: { type: "array", items: { type: "string" } },
          },
        },
      ],
    },
    notes: { type: "array", items: { $ref: "#/$defs/claim" } },
    recommendation: { $ref: "#/$defs/claim" },
  },
  $defs: {
    claim: {
      type: "object",
      required: ["text", "evidence"],
      properties: { text: { type: "string" }, evidence: { type: "array", minItems: 1, items: { type: "string" } } },
    },
  },
} as const;

export type Checked = { ok: true; sections: Sections } | { ok: false; reason: string };

const MAX_CITATIONS = 8;
/** Generic advice the writer must not add on its own (it may quote it when the thread says it). */
const FILLER = [
  "check your configuration",
  "review the documentation",
  "verify your settings",
  "try restarting",
  "contact support",
  "reach out to support",
];

/** A model's text: JSON, possibly fenced or wrapped in prose. */
export function parseAnswer(raw: unknown): { ok: true; answer: Answer } | { ok: false; reason: string } {
  let value = raw;
  if (typeof raw === "string") {
    const start = raw.indexOf("{");
    const end = raw.lastIndexOf("}");
    if (start < 0 || end <= start) return { ok: false, reason: "the answer holds no JSON object" };
    try {
      value = JSON.parse(raw.slice(start, end + 1));
    } catch {
      return { ok: false, reason: "the answer is not valid JSON" };
    }
  }
  const parsed = answerSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      reason: `the answer does not match the schema at ${first?.path.join(".") || "the top"}: ${first?.message ?? "invalid"}`,
    };
  }
  return { ok: true, answer: parsed.data };
}

/** Inline id mentions a model may leave in its text: "(E1, E4)", "[E2]". */
const INLINE_IDS = /\s*[[(]\s*E\d+(?:\s*[,;]\s*E\d+)*\s*[\])]/g;
/** Numbers, versions and dates: "2.1.29", "v2.0.76", "2026-04-09", "400", "$194.51", "10%". */
const NUMBER = /\d+(?:[.,:/-]\d+)*/g;
const BACKTICKED = /`([^`]+)`/g;

const squash = (s: string): string => s.replace(/\s+/g, " ").trim().toLowerCase();

export function checkAnswer(answer: Answer, evidence: readonly EvidenceItem[]): Checked {
  const byId = new Map(evidence.map((e) => [e.id, e]));
  const corpus = squash(evidence.map((e) => `${e.text} ${e.citations.map((c) => c.label).join(" ")}`).join("\n"));
  // Whole tokens ("2.1.29", "2026-04-09") and their parts ("9" of a date, "400" of "400,"): a
  // stated number must be one of them, so "2.1.30" is rejected even though "2", "1" and "30" occur.
  const numbers = new Set<string>();
  for (const m of corpus.matchAll(NUMBER)) {
    numbers.add(m[0]);
    for (const part of m[0].split(/[.,:/-]/)) numbers.add(part).add(String(Number(part)));
  }

  const check = (where: string, text: string, ids: readonly string[]): string | null => {
    for (const m of text.matchAll(/\bE\d+\b/g))
      if (!byId.has(m[0])) return `${where} mentions unknown evidence ${m[0]}`;
    for (const i of ids) if (!byId.has(i)) return `${where} cites unknown evidence ${i}`;
    const plain = text.replace(INLINE_IDS, "").replace(/\bE\d+\b/g, "");
    for (const m of plain.matchAll(NUMBER)) {
      if (!numbers.has(m[0])) return `${where} states ${m[0]}, which is not in the evidence`;
    }
    for (const m of plain.matchAll(BACKTICKED)) {
      if (!corpus.includes(squash(m[1] as string))) return `${where} quotes \`${m[1]}\`, which is not in the evidence`;
    }
    const lower = plain.toLowerCase();
    for (const f of FILLER)
      if (lower.includes(f) && !corpus.includes(f)) return `${where} adds generic advice ("${f}")`;
    return null;
  };
  const statement = (where: string, c: Answer["recommendation"]): Statement | string => {
    const problem = check(where, c.text, c.evidence);
    if (problem) return problem;
    return { text: c.text.replace(INLINE_IDS, "").trim(), citations: citationsOf(c.evidence, byId) };
  };

  const out: Record<"tldr" | "guidance" | "notes", Statement[]> = { tldr: [], guidance: [], notes: [] };
  for (const key of ["tldr", "guidance", "notes"] as const) {
    for (const [i, c] of answer[key].entries()) {
      const s = statement(`${key} ${i + 1}`, c);
      if (typeof s === "string") return { ok: false, reason: s };
      out[key].push(s);
    }
  }
  const rec = statement("recommendation", answer.recommendation);
  if (typeof rec === "string") return { ok: false, reason: rec };
  let example: Sections["example"] = null;
  if (answer.example) {
    const ex = answer.example;
    const problem = check("example caption", ex.caption, ex.evidence);
    if (problem) return { ok: false, reason: problem };
    // The example must be quoted from the thread, exactly (spacing aside).
    if (!corpus.includes(squash(ex.code)))
      return { ok: false, reason: "the example code is not quoted from the evidence" };
    example = {
      code: ex.code,
      language: ex.language ?? null,
      citations: citationsOf(ex.evidence, byId),
      caption: ex.caption.replace(INLINE_IDS, "").trim(),
    };
  }
  return {
    ok: true,
    sections: { tldr: out.tldr, guidance: out.guidance, example, notes: out.notes, recommendation: rec },
  };
}

function citationsOf(ids: readonly string[], byId: ReadonlyMap<string, EvidenceItem>): Citation[] {
  const out: Citation[] = [];
  for (const i of ids) {
    for (const c of byId.get(i)?.citations ?? []) if (!out.some((x) => x.url === c.url)) out.push(c);
  }
  return out.slice(0, MAX_CITATIONS);
}
