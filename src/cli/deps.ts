// Builds the real dependencies (GitHub client, logger) from checked config.
import { pino } from "pino";
import { createGitHubClient } from "../core/github/index.js";
import type { CommonConfig } from "./config.js";
import type { Io } from "./io.js";

export function makeLogger(config: Pick<CommonConfig, "logLevel" | "token">) {
  return pino(
    {
      level: config.logLevel,
      base: undefined,
      // Belt and braces: the client never logs the token, and these paths are scrubbed if anything tries.
      redact: { paths: ["token", "*.token", "headers.authorization", "*.headers.authorization"], censor: "[redacted]" },
    },
    pino.destination(2),
  );
}

export function makeGitHubClient(config: CommonConfig, io: Io) {
  const logger = makeLogger(config);
  return createGitHubClient({
    apiUrl: config.apiUrl,
    token: config.token,
    logger,
    clock: io.now,
    onRateLimitWait: ({ seconds, resetAt }: { seconds: number; resetAt: Date }) => {
      io.stderr(`GitHub rate limit reached; waiting ${Math.ceil(seconds)} s (resets at ${resetAt.toISOString()})...\n`);
    },
  });
}
