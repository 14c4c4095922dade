// What the commands that run a use-case over GitHub and the store (triage, watch) share: their
// settings, printed output and the web host refs are read on; the store is lent by the caller.
import { webHostForApiUrl } from "../../core/github/web-host.js";
import type { Store, StoreLocation } from "../../core/store/types.js";
import { type CommonConfig, commonConfig } from "../config.js";
import type { Io } from "../io.js";
import { type OutputFlags, type OutputOptions, parseOutputFlags } from "../output.js";

/** Opens the store at `location` for `fn` and closes it after. */
export type WithStore = <T>(location: StoreLocation, fn: (store: Store) => Promise<T>) => Promise<T>;

export type StoreCommandSetup = { common: CommonConfig; output: OutputOptions; webHost: string };

/** The GitHub settings, the output options (always to stdout) and the web host of the API. */
export function storeCommandSetup(flags: OutputFlags & { apiUrl?: string }, io: Io): StoreCommandSetup {
  const common = commonConfig(flags, io.env);
  const output = parseOutputFlags({ ...flags, out: undefined });
  return { common, output, webHost: webHostForApiUrl(common.apiUrl) };
}
