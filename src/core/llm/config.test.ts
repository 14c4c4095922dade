import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { resolveLlmConfig } from "./config.js";

describe("resolveLlmConfig", () => {
  it("is off unless asked for", () => {
    expect(resolveLlmConfig({}, {})).toBeNull();
    expect(resolveLlmConfig({ llm: "off" }, { ISSUEGRAPH_LLM: "anthropic", ANTHROPIC_API_KEY: "k" })).toBeNull();
  });

  it("reads Anthropic from env with defaults, flags winning", () => {
    expect(resolveLlmConfig({}, { ISSUEGRAPH_LLM: "anthropic", ANTHROPIC_API_KEY: "sk-ant-x" })).toEqual({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      baseUrl: "https://api.anthropic.com",
      apiKey: "sk-ant-x",
      timeoutMs: 60_000,
      maxTokens: 2048,
    });
    const c = resolveLlmConfig(
      { llm: "anthropic", llmModel: "claude-opus-4-1", llmTimeout: "5" },
      { ISSUEGRAPH_LLM_MODEL: "ignored", ANTHROPIC_API_KEY: "k" },
    );
    expect(c).toMatchObject({ model: "claude-opus-4-1", timeoutMs: 5000 });
  });

  it("takes any OpenAI-compatible server without a key, and strips a trailing /v1", () => {
    const c = resolveLlmConfig({ llm: "openai", llmUrl: "http://127.0.0.1:11434/v1/", llmModel: "llama3.1" }, {});
    expect(c).toMatchObject({ provider: "openai", baseUrl: "http://127.0.0.1:11434", apiKey: null, model: "llama3.1" });
    expect(
      resolveLlmConfig({ llm: "openai" }, { ISSUEGRAPH_LLM_URL: "http://h:8000", OPENAI_API_KEY: "k" })?.apiKey,
    ).toBe("k");
  });

  it.each([
    [{ llm: "gemini" }, {}],
    [{ llm: "anthropic" }, {}],
    [{ llm: "openai" }, {}],
    [{ llm: "openai", llmUrl: "ftp://x" }, {}],
    [{ llm: "openai", llmUrl: "http://user:secret@h:1" }, {}],
    [{ llm: "openai", llmUrl: "http://h:1", llmTimeout: "soon" }, {}],
  ])("refuses %j with a UsageError that holds no secret", (flags, env) => {
    let error: unknown;
    try {
      resolveLlmConfig(flags, env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(String((error as Error).message)).not.toContain("secret");
  });
});
