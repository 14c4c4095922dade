// The LLM writer over real HTTP against a local model server (127.0.0.1, ephemeral port): a good
// answer is used; hallucinating (unknown id, invented version, invented command), malformed, slow
// and failing answers fall back to the deterministic sections with the reason in meta.llm; the key
// never shows up in the report.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze/analyze.js";
import {
  fixtureCrawlDeps,
  fixtureReleases,
  fixtureThread,
  fixtureWorld,
} from "../../src/core/fixture-codec/fixture-world.test-helper.js";
import type { FixtureFile } from "../../src/core/fixture-codec/load-files.js";
import { crawl } from "../../src/core/graph/crawl.js";
import type { LlmConfig } from "../../src/core/llm/config.js";
import { collectEvidence, type EvidenceItem } from "../../src/core/llm/evidence.js";
import { writeWithLlm } from "../../src/core/llm/writer.js";
import { renderJson } from "../../src/core/render/json.js";
import { type Report, reportSchema } from "../../src/core/thread/report.js";
import { type ModelServer, startModelServer } from "./model-server.test-helper.js";

const DIR = fileURLToPath(new URL("../../examples/fixtures", import.meta.url));
const KEY = "sk-test-SECRET0123456789abcdef";

async function flagship(): Promise<Report> {
  // The flagship's repository alone: every thread it names is in it.
  const files: FixtureFile[] = readdirSync(join(DIR, "anthropics/claude-code"))
    .filter((name) => name.endsWith(".json"))
    .map((name) => ({
      path: `anthropics/claude-code/${name}`,
      text: readFileSync(join(DIR, "anthropics/claude-code", name), "utf8"),
    }));
  const world = fixtureWorld(files);
  const thread = fixtureThread(world, "anthropics/claude-code#45203");
  const graph = await crawl(thread, fixtureCrawlDeps(world), { depth: 1 });
  return analyze({
    thread,
    links: graph.links,
    commits: graph.commits,
    meta: { fetchedAt: "2026-11-27T08:00:00Z", via: "graphql", requests: { rest: 0, graphql: 2 } },
    depth: 1,
    generatedAt: "2026-11-27T08:00:01Z",
    releases: fixtureReleases(world, graph.links),
  });
}

let server: ModelServer;
let report: Report;
let evidence: EvidenceItem[];
const idOf = (re: RegExp): string => {
  const e = evidence.find((x) => re.test(x.text));
  if (!e) throw new Error(`no evidence matches ${re}`);
  return e.id;
};
const config = (over: Partial<LlmConfig> = {}): LlmConfig => ({
  provider: "openai",
  model: "local-test",
  baseUrl: server.url,
  apiKey: KEY,
  timeoutMs: 5000,
  maxTokens: 1024,
  ...over,
});
const write = (c = config()) => writeWithLlm(report, c, { fetch: (url, init) => fetch(url, init) });

function goodAnswer() {
  return {
    tldr: [
      {
        text: "The issue is open and 5 linked issues report the same out-of-extra-usage error.",
        evidence: [idOf(/^Open issue/)],
      },
      {
        text: "No official fix, maintainer response or working workaround is on record as of 2026-04-09.",
        evidence: [idOf(/^No official fix/)],
      },
    ],
    guidance: [
      {
        text: "Switching from Opus to Sonnet with /model and updating Claude Code did not help.",
        evidence: [idOf(/^Did not help, per ogaken0612/)],
      },
      {
        text: "Switching on Extra Usage started deducting credits for one reporter although plan usage was left.",
        evidence: [idOf(/^Caution, per ogaken0612/)],
      },
    ],
    example: null,
    notes: [{ text: "Reporters name versions 2.0.76 to 2.1.29 on macOS.", evidence: [idOf(/^Across 4 reporters/)] }],
    recommendation: {
      text: "Subscribe to this issue and to anthropics/claude-code#45020 for updates.",
      evidence: [idOf(/^No fix or workaround is known/)],
    },
  };
}

beforeAll(async () => {
  server = await startModelServer();
  report = await flagship();
  evidence = collectEvidence(report);
});
afterAll(async () => {
  await server.close();
});

describe("LLM writer against an OpenAI-compatible server", () => {
  it("uses a good answer: sections from the model, citations from the evidence, the request as OpenAI expects", async () => {
    server.next({ kind: "answer", content: JSON.stringify(goodAnswer()) });
    const out = await write();
    expect(out.meta.analyzer).toBe("llm");
    expect(out.meta.llm).toEqual({ provider: "openai", model: "local-test", status: "used", reason: null });
    expect(out.sections.tldr[1]?.text).toContain("as of 2026-04-09");
    expect(out.sections.guidance[0]?.citations).toEqual([
      {
        label: "comment by ogaken0612",
        url: "https://github.com/anthropics/claude-code/issues/45203#issuecomment-2878278340",
      },
    ]);
    expect(() => reportSchema.parse(JSON.parse(renderJson(out)))).not.toThrow();
    const req = server.requests.at(-1);
    expect(req?.path).toBe("/v1/chat/completions");
    expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
    const body = req?.body as {
      model: string;
      response_format: unknown;
      messages: { role: string; content: string }[];
    };
    expect(body.model).toBe("local-test");
    expect(body.response_format).toEqual({ type: "json_object" });
    // The model sees only the evidence list, with ids.
    expect(body.messages[1]?.content).toContain(`${evidence[0]?.id}: ${evidence[0]?.text}`);
    expect(body.messages[1]?.content).not.toContain(report.body.slice(0, 60));
  });

  const rejected: [string, () => unknown, RegExp][] = [
    [
      "an unknown evidence id",
      () => ({ ...goodAnswer(), notes: [{ text: "More reports exist.", evidence: ["E999"] }] }),
      /cites unknown evidence E999/,
    ],
    [
      "an invented version",
      () => ({
        ...goodAnswer(),
        recommendation: { text: "Upgrade to 2.1.30, which fixes it.", evidence: [idOf(/^Open issue/)] },
      }),
      /states 2\.1\.30, which is not in the evidence/,
    ],
    [
      "an invented command",
      () => ({
        ...goodAnswer(),
        guidance: [{ text: "Run `claude --reset-billing` first.", evidence: [idOf(/^Open issue/)] }],
      }),
      /quotes `claude --reset-billing`, which is not in the evidence/,
    ],
  ];
  it.each(rejected)("rejects %s and keeps the deterministic sections", async (_, answer, reason) => {
    server.next({ kind: "answer", content: JSON.stringify(answer()) });
    const out = await write();
    expect(out.meta.analyzer).toBe("deterministic");
    expect(out.meta.llm?.status).toBe("rejected");
    expect(out.meta.llm?.reason).toMatch(reason);
    expect(out.sections).toEqual(report.sections);
  });

  it.each([
    ["prose instead of JSON", "I think the billing system is broken.", "the answer holds no JSON object"],
    ["broken JSON", '{"tldr": [{"text": "x", "evidence": ["E1"]}', "the answer is not valid JSON"],
    ["JSON of the wrong shape", JSON.stringify({ summary: "x" }), /^the answer does not match the schema at tldr/],
  ] as const)("rejects a malformed answer: %s", async (_, content, reason) => {
    server.next({ kind: "answer", content });
    const out = await write();
    expect(out.meta.llm?.status).toBe("rejected");
    if (typeof reason === "string") expect(out.meta.llm?.reason).toBe(reason);
    else expect(out.meta.llm?.reason).toMatch(reason);
    expect(out.sections).toEqual(report.sections);
  });
});

describe("LLM writer: slow, echoing and refused servers", () => {
  it("gives up on a slow server at the timeout", async () => {
    server.next({ kind: "answer", content: JSON.stringify(goodAnswer()), delayMs: 3000 });
    const started = Date.now();
    const out = await write(config({ timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(2500);
    expect(out.meta.llm).toEqual({
      provider: "openai",
      model: "local-test",
      status: "timeout",
      reason: "no answer within 0.3 s",
    });
    expect(out.sections).toEqual(report.sections);
  });

  it("records a failed request without the key, even when the provider echoes it", async () => {
    server.next({
      kind: "http",
      status: 401,
      body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } }),
    });
    const out = await write();
    expect(out.meta.llm?.status).toBe("failed");
    expect(out.meta.llm?.reason).toBe("HTTP 401 from the provider: Incorrect API key provided: [redacted]");
    expect(renderJson(out)).not.toContain(KEY);
  });

  it("records a refused connection as failed", async () => {
    const out = await write(config({ baseUrl: "http://127.0.0.1:9" }));
    expect(out.meta.llm?.status).toBe("failed");
    expect(out.meta.llm?.reason).toMatch(/^the request failed/);
  });
});

describe("LLM writer against the Anthropic Messages API shape", () => {
  it("sends x-api-key and anthropic-version, forces the tool, and uses its input", async () => {
    server.next({ kind: "answer", content: goodAnswer() });
    const out = await write(config({ provider: "anthropic", model: "claude-test" }));
    expect(out.meta.llm).toEqual({ provider: "anthropic", model: "claude-test", status: "used", reason: null });
    const req = server.requests.at(-1);
    expect(req?.path).toBe("/v1/messages");
    expect(req?.headers["x-api-key"]).toBe(KEY);
    expect(req?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(req?.headers.authorization).toBeUndefined();
    const body = req?.body as { tool_choice: unknown; system: string; max_tokens: number };
    expect(body.tool_choice).toEqual({ type: "tool", name: "write_sections" });
    expect(body.system).toContain("Use ONLY the numbered evidence");
    expect(body.max_tokens).toBe(1024);
  });
});
