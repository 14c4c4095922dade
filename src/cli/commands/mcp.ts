// `issuegraph mcp`: settings as every other command (token order, API URL, store), then the MCP
// server on stdio (src/mcp). Nothing but JSON-RPC goes to stdout.
import { serveMcpStdio } from "../../mcp/main.js";
import { commonConfig, storeLocationOf } from "../config.js";
import type { Io } from "../io.js";
import { checkStoreFolder } from "../store-folder.js";
import { freshnessFrom } from "./report.js";

export async function runMcpCommand(flags: { apiUrl?: string; db?: string }, io: Io, version: string): Promise<void> {
  const config = {
    ...commonConfig(flags, io.env),
    store: storeLocationOf(flags.db, io.env),
    freshnessMs: freshnessFrom(io.env),
    version,
  };
  checkStoreFolder(config.store, io, flags.db);
  await serveMcpStdio(config, io);
}
