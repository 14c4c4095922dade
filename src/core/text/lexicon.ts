// The shared vocabularies, each defined once: words that carry no subject (search, similarity,
// keyword overlap), operating-system names, and the phrases the quick signals rest on. Data and
// tiny predicates only; the rules that use them live with their callers.

const wordSet = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

/** English function words and greetings: dropped from search terms, similarity terms and keywords. */
export const STOP_WORDS: ReadonlySet<string> = wordSet(
  `a about above after again against all also always am an and another any are as at be because been before
  being below between both but by can cannot could did do does doesn't doing done down during each even every
  few for from further get got had has have having he her here hers herself hi him himself his how i if im in
  into is it its it's itself ive just like many me more most much must my myself never no nor not now of off on once
  only or other our ours ourselves out over own same she should since so some still such than thank thanks
  that the their theirs them themselves then there these they this those through to too under until up using
  very want was we were what when where which while who whom why will with without would you you're youre your
  yours yourself yourselves dont cant please hello instead despite`,
);

/** Issue-tracker words that say nothing about the subject ("bug", "feature request", "support"). */
export const TRACKER_WORDS: ReadonlySet<string> = wordSet(
  "bug error errors issue issues feature request support allow able incorrectly make made",
);

/** Operating-system names as written (regular-expression source, no groups that capture). */
export const OS_NAMES =
  "macOS|Mac\\s?OS(?:\\s?X)?|OS\\s?X|darwin|Windows|win32|WSL2?|Linux|GNU\\/Linux|Ubuntu|Debian|Fedora|Arch(?:\\s?Linux)?|CentOS|RHEL|Alpine|iOS|iPadOS|Android|FreeBSD|ChromeOS";

const OS_FAMILIES: ReadonlyArray<[RegExp, string]> = [
  [/^(?:macOS|Mac\s?OS(?:\s?X)?|OS\s?X|darwin)$/i, "macOS"],
  [/^(?:Windows|win32)$/i, "Windows"],
  [/^WSL2?$/i, "WSL"],
  [/^(?:Linux|GNU\/Linux|Ubuntu|Debian|Fedora|Arch(?:\s?Linux)?|CentOS|RHEL|Alpine)$/i, "Linux"],
  [/^(?:iOS|iPadOS)$/i, "iOS"],
  [/^Android$/i, "Android"],
  [/^FreeBSD$/i, "FreeBSD"],
  [/^ChromeOS$/i, "ChromeOS"],
];

/** The family an OS name belongs to ("Ubuntu" → "Linux", "darwin" → "macOS"); unknown names as given. */
export const osFamily = (name: string): string => OS_FAMILIES.find(([re]) => re.test(name.trim()))?.[1] ?? name;

/** Someone cannot work at all: "cannot use", "locked out", "every command fails". */
export const BLOCKING =
  /\b(?:cannot|can't|can\s+not|unable\s+to)\s+(?:use|work|log\s?in|start|open|run|do\s+anything)\b|\bcannot\s+be\s+used\b|\blocked\s+out\b|\bunusable\b|\bcompletely\s+(?:blocked|broken|unusable)\b|\bblock(?:s|ed|ing)\s+(?:me|us|our|all|every|my)\b|\bevery\s+(?:single\s+)?(?:\w+\s+)?(?:command|request|call|prompt)\s+fails\b|\bstop\s+using\b|\bno\s+way\s+to\s+(?:use|work)\b/i;

/** It happens only some of the time. */
export const FLAKY =
  /\b(?:sometimes|intermittent(?:ly)?|randomly|occasionally|sporadic(?:ally)?|flaky|now\s+and\s+then|from\s+time\s+to\s+time|not\s+always|some\s+of\s+the\s+time)\b/i;

/** A heading or lead-in of reproduction steps ("### Steps to reproduce", "**Minimal repro**"). */
export const REPRO_STEPS =
  /^\s*(?:#{1,6}\s*|\*\*)?(?:steps\s+to\s+reproduce|reproduction(?:\s+steps)?|to\s+reproduce|repro(?:\s+steps)?|how\s+to\s+reproduce|minimal\s+(?:repro|reproduction))\b/im;

/** A label that says the problem was reproduced. */
export const CONFIRMED_LABEL =
  /^(?:confirmed|verified|reproducible|has[- ]repro|repro|bug:\s*confirmed|status:\s*confirmed)$/i;

/** Words of someone who reproduced it. */
export const CONFIRMS_REPRO =
  /\b(?:I\s+can\s+reproduce|can\s+confirm|confirmed|reproduced?\s+(?:it|this|the)|reproduces\s+for\s+me|I\s+see\s+(?:it|this)\s+too)\b/i;

/** The longest line that still reads as one command or setting. */
const SINGLE_STEP_MAX = 160;

/** One non-empty line that is not a comment: `npm i -g pkg@1.2.3`, `export FOO=1`, `"key": true`. */
export function isSingleStep(code: string): boolean {
  const lines = code
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#") && !l.startsWith("//"));
  return lines.length === 1 && (lines[0]?.length ?? 0) <= SINGLE_STEP_MAX;
}
