// One request to a model, over an injected fetch: Anthropic's Messages API (a forced tool call
// returns the sections as structured input) or any OpenAI-compatible /v1/chat/completions (JSON
// mode). Returns the model's raw answer; failures are typed so the writer can say what happened.
// Errors never carry the key: provider messages are clipped and scrubbed.
import { ANSWER_JSON_SCHEMA } from "./answer.js";
import type { LlmConfig } from "./config.js";

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export type Prompt = { system: string; user: string };

export type CallResult = { ok: true; raw: unknown } | { ok: false; status: "failed" | "timeout"; reason: string };

export type CallDeps = {
  fetch: Fetch;
  /** An AbortSignal that fires after `ms` (injectable so tests need not wait). Default: AbortSignal.timeout. */
  timeout?: (ms: number) => AbortSignal;
};

const TOOL = "write_sections";

export async function callModel(config: LlmConfig, prompt: Prompt, deps: CallDeps): Promise<CallResult> {
  const signal = (deps.timeout ?? ((ms: number) => AbortSignal.timeout(ms)))(config.timeoutMs);
  const request = config.provider === "anthropic" ? anthropicRequest(config, prompt) : openAiRequest(config, prompt);
  // The race ends the wait even when an injected fetch ignores the signal.
  const aborted = new Promise<"timeout">((resolve) => {
    if (signal.aborted) resolve("timeout");
    signal.addEventListener("abort", () => resolve("timeout"), { once: true });
  });
  const seconds = Math.round(config.timeoutMs / 100) / 10;
  try {
    const response = await Promise.race([deps.fetch(request.url, { ...request.init, signal }), aborted]);
    if (response === "timeout") return { ok: false, status: "timeout", reason: `no answer within ${seconds} s` };
    const body = await Promise.race([response.text(), aborted]);
    if (body === "timeout") return { ok: false, status: "timeout", reason: `no complete answer within ${seconds} s` };
    if (!response.ok) {
      return {
        ok: false,
        status: "failed",
        reason: scrub(`HTTP ${response.status} from the provider: ${errorText(body)}`, config),
      };
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { ok: false, status: "failed", reason: "the provider's response is not JSON" };
    }
    return config.provider === "anthropic" ? anthropicAnswer(json) : openAiAnswer(json);
  } catch (error) {
    if (signal.aborted) return { ok: false, status: "timeout", reason: `no answer within ${seconds} s` };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, status: "failed", reason: scrub(`the request failed: ${message}`, config) };
  }
}

function anthropicRequest(config: LlmConfig, prompt: Prompt): { url: string; init: RequestInit } {
  const headers: Record<string, string> = { "content-type": "application/json", "anthropic-version": "2023-06-01" };
  if (config.apiKey) headers["x-api-key"] = config.apiKey;
  return {
    url: `${config.baseUrl}/v1/messages`,
    init: {
      method: "POST",
      headers,
      body: JSON.stringify({
        model: config.model,
        max_tokens: config.maxTokens,
        temperature: 0,
        system: prompt.system,
        messages: [{ role: "user", content: prompt.user }],
        tools: [{ name: TOOL, description: "Write the five report sections.", input_schema: ANSWER_JSON_SCHEMA }],
        tool_choice: { type: "tool", name: TOOL },
      }),
    },
  };
}

function anthropicAnswer(json: unknown): CallResult {
  const content = (json as { content?: unknown }).content;
  if (!Array.isArray(content)) return { ok: false, status: "failed", reason: "the provider's response has no content" };
  const tool = content.find((b) => b && typeof b === "object" && b.type === "tool_use" && b.name === TOOL);
  if (tool) return { ok: true, raw: (tool as { input: unknown }).input };
  const text = content.find((b) => b && typeof b === "object" && b.type === "text");
  if (text && typeof text.text === "string") return { ok: true, raw: text.text };
  return { ok: false, status: "failed", reason: "the provider's response holds neither a tool call nor text" };
}

function openAiRequest(config: LlmConfig, prompt: Prompt): { url: string; init: RequestInit } {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  return {
    url: `${config.baseUrl}/v1/chat/completions`,
    init: {
      method: "POST",
      headers,
      body: JSON.stringify({
        model: config.model,
        temperature: 0,
        max_tokens: config.maxTokens,
        response_format: { type: "json_object" },
        messages: [
          { role: "system", content: prompt.system },
          { role: "user", content: prompt.user },
        ],
      }),
    },
  };
}

function openAiAnswer(json: unknown): CallResult {
  const choice = (json as { choices?: { message?: { content?: unknown } }[] }).choices?.[0];
  const content = choice?.message?.content;
  if (typeof content !== "string" || content.trim() === "") {
    return { ok: false, status: "failed", reason: "the provider's response has no message content" };
  }
  return { ok: true, raw: content };
}

/** The provider's own error message, when it gives one, else the start of the body. */
function errorText(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof j.error === "string" ? j.error : (j.error?.message ?? j.message);
    if (typeof m === "string") return m.slice(0, 200);
  } catch {
    // not JSON: fall through
  }
  return body.replace(/\s+/g, " ").slice(0, 200);
}

/** No key in a reason, whatever the provider echoed: the configured key and anything key-shaped. */
export function scrub(text: string, config: Pick<LlmConfig, "apiKey">): string {
  let out = text;
  if (config.apiKey) out = out.split(config.apiKey).join("[redacted]");
  return out.replace(/\b(?:sk-ant-|sk-)[\w-]{8,}/g, "[redacted]").replace(/\bBearer\s+\S+/gi, "Bearer [redacted]");
}
