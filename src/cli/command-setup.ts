// What the commands that read GitHub and print a result start with: the shared settings, the
// output options (stdout only: --out is the report command's), and the web host their refs are on.
import { webHostForApiUrl } from "../core/github/web-host.js";
import type { Store, StoreLocation } from "../core/store/types.js";
import { type CommonConfig, commonConfig, type Env } from "./config.js";
import { type OutputFlags, type OutputOptions, parseOutputFlags } from "./output.js";

/** Opens the store at `location` for `fn`, and closes it after. */
export type WithStore = <T>(location: StoreLocation, fn: (store: Store) => Promise<T>) => Promise<T>;

export function commandSetup(
  flags: OutputFlags & { apiUrl?: string },
  env: Env,
): { common: CommonConfig; output: OutputOptions; webHost: string } {
  const common = commonConfig(flags, env);
  return { common, output: parseOutputFlags({ ...flags, out: undefined }), webHost: webHostForApiUrl(common.apiUrl) };
}
