// Options whose values are a short list: commander's choices() so `--help` lists them, and a parser
// that checks the value the command's own way, so a bad value still ends as the documented
// UsageError (its message and hint, exit code 2) rather than commander's generic one.
import { Option } from "commander";
import { parseDepth, parseFormat } from "./config.js";
import { parseOutputFlags } from "./output.js";

function checkedOption(flags: string, description: string, choices: string[], check: (raw: string) => unknown) {
  return new Option(flags, description).choices(choices).argParser((raw: string) => {
    check(raw);
    return raw;
  });
}

/** --depth: how far to follow links, 1 to 3. */
export const depthOption = (description = "how far to follow links") =>
  checkedOption("--depth <n>", description, ["1", "2", "3"], parseDepth).default("1");

/** --format of a report: md (also "markdown") or json. */
export const formatOption = (description: string) =>
  checkedOption("--format <format>", description, ["md", "json"], parseFormat);

/** report's --format, an alias of --json: checked with the other output flags' words. */
export const outputFormatOption = () =>
  checkedOption("--format <format>", "alias of --json", ["md", "json"], (format) => parseOutputFlags({ format }));
