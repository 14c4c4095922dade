// Which LLM writes the sections, if any: flags first, then environment, then defaults. Pure: the
// CLI passes its flags and env in. Off unless asked for; a key is required only where the provider
// needs one. Messages never contain a key or a URL's credentials.
import { UsageError } from "../errors.js";

export type LlmProvider = "anthropic" | "openai";

export type LlmConfig = {
  provider: LlmProvider;
  model: string;
  /** Base URL without the API path: https://api.anthropic.com, http://127.0.0.1:11434 (Ollama). */
  baseUrl: string;
  /** null for OpenAI-compatible servers that need none (Ollama, vLLM, llama.cpp). */
  apiKey: string | null;
  timeoutMs: number;
  maxTokens: number;
};

/** `--llm anthropic|openai|off`, `--llm-model NAME`, `--llm-url URL`, `--llm-timeout SECONDS`. */
export type LlmFlags = { llm?: string; llmModel?: string; llmUrl?: string; llmTimeout?: string };

export type LlmEnv = Readonly<Record<string, string | undefined>>;

export const LLM_DEFAULTS: Readonly<Record<LlmProvider, { model: string; baseUrl: string }>> = {
  anthropic: { model: "claude-sonnet-4-5", baseUrl: "https://api.anthropic.com" },
  openai: { model: "gpt-4o-mini", baseUrl: "https://api.openai.com" },
};
const DEFAULT_TIMEOUT_S = 60;
const DEFAULT_MAX_TOKENS = 2048;

/**
 * Reads: flags.llm ?? ISSUEGRAPH_LLM (anthropic | openai | off), flags.llmModel ?? ISSUEGRAPH_LLM_MODEL,
 * flags.llmUrl ?? ISSUEGRAPH_LLM_URL, flags.llmTimeout ?? ISSUEGRAPH_LLM_TIMEOUT_SECONDS (default 60),
 * and the key from ANTHROPIC_API_KEY or OPENAI_API_KEY. Returns null when no writer is asked for.
 */
export function resolveLlmConfig(flags: LlmFlags, env: LlmEnv): LlmConfig | null {
  const raw = (flags.llm ?? env.ISSUEGRAPH_LLM ?? "").trim().toLowerCase();
  if (raw === "" || raw === "off" || raw === "none") return null;
  if (raw !== "anthropic" && raw !== "openai") {
    throw new UsageError(
      `--llm ${raw} is not a provider`,
      "Use --llm anthropic, --llm openai (any OpenAI-compatible server) or --llm off.",
    );
  }
  const provider: LlmProvider = raw;
  const model = (flags.llmModel ?? env.ISSUEGRAPH_LLM_MODEL ?? "").trim() || LLM_DEFAULTS[provider].model;
  const baseUrl = checkUrl((flags.llmUrl ?? env.ISSUEGRAPH_LLM_URL ?? "").trim() || LLM_DEFAULTS[provider].baseUrl);
  const timeoutMs = seconds(flags.llmTimeout ?? env.ISSUEGRAPH_LLM_TIMEOUT_SECONDS) * 1000;
  const keyVar = provider === "anthropic" ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
  const apiKey = env[keyVar]?.trim() || null;
  const official = baseUrl === LLM_DEFAULTS[provider].baseUrl;
  if (!apiKey && (provider === "anthropic" || official)) {
    throw new UsageError(`--llm ${provider} needs ${keyVar}`, `Set ${keyVar}, or point --llm-url at a local server.`);
  }
  return { provider, model, baseUrl, apiKey, timeoutMs, maxTokens: DEFAULT_MAX_TOKENS };
}

function checkUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError("--llm-url is not a URL", "Use e.g. http://127.0.0.1:11434 or https://api.openai.com.");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new UsageError("--llm-url must be http or https", "Use e.g. http://127.0.0.1:8000.");
  }
  if (u.username || u.password) {
    throw new UsageError("--llm-url must not hold credentials", "Pass the key in ANTHROPIC_API_KEY or OPENAI_API_KEY.");
  }
  // The provider adds /v1/...; a URL given with /v1 (common for OpenAI-compatible servers) is the same base.
  return `${u.origin}${u.pathname.replace(/\/+$/, "").replace(/\/v1$/, "")}`;
}

function seconds(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_TIMEOUT_S;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    throw new UsageError(`--llm-timeout ${raw} is not a number of seconds`, "Use e.g. 60.");
  }
  return n;
}
