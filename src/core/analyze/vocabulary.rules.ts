// Product vocabularies, as data: plan names, model names, vendor words and the ecosystems of
// well-known repositories. The rules in environment-compare.ts and category.ts are built from these
// lists and name no product themselves; adding a product is adding words here.

/** Subscription plan names ("Max 20x", "Pro plan"). */
export const PLAN_NAMES: readonly string[] = ["Max", "Pro", "Plus", "Team", "Teams", "Enterprise", "Business", "Free"];

/** Vendor or product words that may stand before a plan or model name ("<Vendor> Max", "<Vendor> Opus 4.5"). */
export const PRODUCT_PREFIXES: readonly string[] = ["Claude", "ChatGPT", "Gemini", "Copilot"];

/** Model families named by a word and a version ("Opus 4.5"). */
export const MODEL_FAMILIES: readonly string[] = ["Opus", "Sonnet", "Haiku"];

/** Model identifiers as written in configs and logs (regular-expression sources). */
export const MODEL_IDS: readonly string[] = [
  "claude-[a-z0-9][\\w.-]*",
  "gpt-[\\w.-]+",
  "o[134](?:-mini)?",
  "gemini-[\\w.-]+",
  "llama-?\\d[\\w.-]*",
  "mistral-[\\w.-]+",
  "qwen\\d?[\\w.-]*",
  "deepseek-[\\w.-]+",
];

/** Words that put a thread in the AI / language-model ecosystem. */
export const AI_WORDS: readonly string[] = ["LLM", "Claude", "Anthropic", "OpenAI", "GPT-\\d", "Gemini", "Ollama"];

/** Words for usage and billing limits beyond the generic ones (quota, billing, credits). */
export const USAGE_WORDS: readonly string[] = ["extra usage", "usage limits?"];

/** Repositories whose ecosystem is worth knowing by name; lower-case "owner/repo". */
export const REPO_TAGS: Readonly<Record<string, readonly string[]>> = {
  "nodejs/node": ["node", "javascript"],
  "microsoft/vscode": ["vscode", "editor", "typescript", "electron"],
  "microsoft/typescript": ["typescript", "javascript"],
  "facebook/react": ["react", "javascript", "frontend"],
  "react/react": ["react", "javascript", "frontend"],
  "anthropics/claude-code": ["ai", "llm-api", "cli", "node"],
  "python/cpython": ["python"],
  "rust-lang/rust": ["rust"],
  "golang/go": ["go"],
  "docker/cli": ["docker", "containers"],
  "kubernetes/kubernetes": ["kubernetes", "containers"],
};

/** "A|B|C" for a regular expression, each word escaped unless it is a pattern source. */
export const alternation = (words: readonly string[], raw = false): string =>
  words.map((w) => (raw ? w : w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("|");
