// gh's ref conventions: with -R owner/repo (or GH_REPO) an issue may be given as 123 or #123.
import { UsageError } from "../core/errors.js";
import { isRepoText } from "../core/refs/names.js";
import type { Env } from "./config.js";

/** "123" / "#123" + a repository -> "owner/repo#123"; anything else is returned as given. */
export function refInput(input: string, repo: string | undefined, env: Env): string {
  const trimmed = input.trim();
  const bare = /^#?(\d+)$/.exec(trimmed);
  if (!bare) return trimmed;
  const base = (repo ?? env.GH_REPO)
    ?.trim()
    .replace(/^https?:\/\/[^/]+\//, "")
    .replace(/\/+$/, "");
  if (!base) {
    throw new UsageError(
      `"${trimmed}" needs a repository`,
      `Pass -R owner/repo (or set GH_REPO), or give owner/repo#${bare[1]}.`,
    );
  }
  if (!isRepoText(base)) {
    throw new UsageError(`-R ${base} is not owner/repo`, "Use -R owner/repo, e.g. -R nodejs/node.");
  }
  return `${base}#${bare[1]}`;
}

/** Refs from standard input: one per line (or separated by spaces); blank lines and # comments skipped. */
export function refsFromText(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/(^|\s)#\s.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("# "))
    .flatMap((line) => line.split(/\s+/));
}
