// `issuegraph mcp`: the MCP server on stdio. A composition root like src/cli and src/server: it
// reads the same settings (token order, API URL, store) and builds the same client and store.

import type { Readable, Writable } from "node:stream";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { CommonConfig } from "../cli/config.js";
import { makeGitHubClient } from "../cli/deps.js";
import type { Io } from "../cli/io.js";
import { webHostForApiUrl } from "../core/github/web-host.js";
import { openStore } from "../core/store/open-store.js";
import type { StoreLocation } from "../core/store/types.js";
import { DEFAULT_FRESHNESS_MS } from "../core/use-cases/obtain-thread.js";
import { registerTools } from "./tools.js";

export type McpConfig = CommonConfig & { store: StoreLocation; freshnessMs?: number; version: string };

/** Builds the server with every tool registered (tests connect a client to it in memory). */
export async function createMcpServer(config: McpConfig, io: Io) {
  const store = await openStore(config.store);
  const server = new McpServer({ name: "issuegraph", version: config.version }, { capabilities: { tools: {} } });
  registerTools(server, {
    source: makeGitHubClient(config, io),
    store,
    now: io.now,
    webHost: webHostForApiUrl(config.apiUrl),
    cache: { mode: "normal", freshnessMs: config.freshnessMs ?? DEFAULT_FRESHNESS_MS },
  });
  return { server, close: async () => Promise.all([server.close(), store.close()]).then(() => undefined) };
}

/** Serves on stdin/stdout until the client closes stdin or the process is stopped. */
export async function serveMcpStdio(
  config: McpConfig,
  io: Io,
  streams: { stdin: Readable; stdout: Writable } = { stdin: process.stdin, stdout: process.stdout },
): Promise<void> {
  const { server, close } = await createMcpServer(config, io);
  const transport = new StdioServerTransport(streams.stdin, streams.stdout);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    streams.stdin.once("end", () => resolve());
  });
  await server.connect(transport);
  io.stderr("issuegraph MCP server on stdio (tools: report, similar, search, same_error, fix_status)\n");
  await Promise.race([closed, io.untilStopped()]);
  await close();
}
