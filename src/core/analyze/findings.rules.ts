// The cue phrases that findings.ts reads sentences with, as data: each row is a pattern, a weight
// and a note saying what it catches. One engine (cue-engine.ts) scores a sentence against every
// table and decides what it reports. Adding a phrasing, or a language, is adding a row.
//
// Tables, and what a hit means:
// - FAILURE: a step was tried and did not help ("did not help", "no luck").
// - SUCCESS: something made the problem go away ("fixed it", "made it go away", "runs fine now").
//   Weight 2 is an outcome that needs no context; weight 1 ("works", "runs fine") is only a report
//   of success when a step is named in the same sentence, else it describes a condition.
// - STEP: the sentence names an action someone took or can take: a version change, a flag or
//   setting, deleting or clearing a path, another channel/app/tool, reinstalling or restarting.
// - SUGGESTION: someone proposes a step ("you can", "try", "can you try", "I'd suggest").
// - DECLARED: someone declares a workaround ("as a workaround", "until then", "in the meantime").
// - CONDITION: where it does or does not happen ("only with", "doesn't happen on", "can't reproduce
//   with", "still works", "works though").
// - STATE: a description of the bug, not an outcome ("worked fine at first", "used to work",
//   "should work").
// - TEMPORARY: relief that did not last ("helped briefly", "came back").
// - ANAPHOR: the sentence points back at a step said before it ("That did it", "this fixed it").

import { REF_TEXT_PATTERN } from "../refs/names.js";

export type Cue = { pattern: RegExp; weight: number; note: string };

export const FAILURE: readonly Cue[] = [
  {
    pattern:
      /\b(?:did(?:n't|\s+not)|could(?:n't|\s+not))\s+(?:\w+\s+)?(?:help|work|fix|change|solve|resolve|make\s+(?:a|any)\s+difference)\b/i,
    weight: 2,
    note: "past tense: a step was tried ('didn't help', 'did not work')",
  },
  {
    pattern:
      /\b(?:does(?:n't|\s+not)|do(?:n't|\s+not))\s+(?:\w+\s+)?(?:help|fix|solve|resolve|make\s+(?:a|any)\s+difference|change\s+anything)\b/i,
    weight: 2,
    note: "present 'doesn't help/fix' (present 'doesn't work' usually describes the bug itself)",
  },
  {
    pattern:
      /\bno\s+(?:luck|effect|difference|change)\b|\bchanges?\s+nothing\b|\bnothing\s+(?:changed|helped|worked)\b|\bneither\s+did\b|\bnor\s+did\b|\bhad\s+no\s+effect\b|\bto\s+no\s+avail\b/i,
    weight: 2,
    note: "no effect",
  },
  {
    pattern:
      /\bgave\s+the\s+same\s+(?:error|result)\b|\bstill\s+(?:fails|failing|broken|happens|occurs|the\s+same|get(?:ting)?\s+the\s+same)\b|\bnot\s+(?:\w+\s+)?(?:fixed|resolved)\b|\bsame\s+(?:error|result)\s+(?:again|persists)\b|\b(?:the\s+)?error\s+(?:stays|remains|persists)\b|\bstill\s+not\s+working\b/i,
    weight: 2,
    note: "the problem stayed",
  },
  {
    pattern:
      /\b(?:neither|none)\s+(?:one\s+|of\s+(?:them|those|these|it)\s+)?(?:helped|worked|fixed\s+it|changed\s+anything|made\s+(?:a|any)\s+difference)\b|\b(?:did|does|changed)\s+nothing\b|\bwithout\s+(?:any\s+)?(?:success|luck)\b|\b(?:does(?:n't|\s+not)|did(?:n't|\s+not)|won't|will\s+not)\s+work\s+either\b/i,
    weight: 2,
    note: "'neither helped', 'did nothing', 'tried X without success', 'doesn't work either'",
  },
  {
    pattern:
      /\b(?:get|gets|got|getting|gives?|gave|giving|returns?|returned|still\s+(?:get|see|shows?))\s+(?:exactly\s+)?the\s+(?:exact\s+)?same\b(?!\s+(?:issue|problem|bug|thing)\b)|\bexact(?:ly)?\s+(?:the\s+)?same\s+(?:error|result|failure|message|output|crash)\b|\bstill\s+(?:crash(?:es|ing)?|errors?|erroring|red|hangs?|hanging|get(?:ting)?\s+(?:it|this|that|the\s+(?:error|crash|failure))|see(?:ing)?\s+(?:it|this|the\s+(?:error|crash|failure)))\b/i,
    weight: 2,
    note: "'I get exactly the same error', 'still crashes': the attempt left the problem in place",
  },
  { pattern: /没(?:有)?用|无效|还是(?:不行|报错)|依然(?:不行|报错)/, weight: 2, note: "Chinese: did not help" },
];

export const SUCCESS: readonly Cue[] = [
  {
    pattern:
      /\b(?:fix(?:ed|es)|solv(?:ed|es)|resolv(?:ed|es)|cur(?:ed|es))\s+(?:it|this|that|the\s+(?:issue|problem|error|crash|build))\b/i,
    weight: 2,
    note: "'fixed it', 'solves the problem'",
  },
  {
    pattern:
      /(?:^|[,;:]\s*|\b(?:and|but|so)\s+)(?:that|this|which|doing\s+so)\s+(?:worked|works|helped|helps|did\s+it|fixed\s+it|fixes\s+it|solved\s+it)\b/i,
    weight: 2,
    note: "'I reinstalled, and that worked'",
  },
  {
    pattern:
      /\b(?:did|does|do)\s+the\s+trick\b|^(?:and\s+)?(?:that|this)\s+(?:did|does)\s+it\b|^(?:and\s+)?(?:that|this)\s+was\s+it\b/i,
    weight: 2,
    note: "'did the trick', 'That did it', 'That was it'",
  },
  {
    pattern:
      /\b(?:makes?|made|making)\s+(?:it|this|that|them|everything|the\s+\w+(?:\s+\w+)?)\s+(?:go\s+(?:away|through)|work(?:ing)?|disappear|pass|succeed|install)\b/i,
    weight: 2,
    note: "'makes it go away', 'made the build pass'",
  },
  {
    pattern:
      /\b(?:goes|went)\s+away\b|\bit'?s\s+gone\b|\b(?:is|are|was)\s+gone\b|\bdisappear(?:s|ed)\b|\bgoes\s+through\b/i,
    weight: 2,
    note: "the problem went away",
  },
  {
    pattern:
      /\b(?:got|gets|get)\s+(?:it|things|everything|them|this|(?:the\s+)?\w+)\s+(?:working|to\s+work|installed|running|going|to\s+run|to\s+build|built)\b/i,
    weight: 2,
    note: "'got it working', 'gets it installed'",
  },
  {
    pattern: /\b(?:work(?:ed|s)?|got|get)\s+around\s+(?:it|this|that|the)\b|\bwork-?\s?around\b/i,
    weight: 2,
    note: "'worked around it', 'got around it', 'workaround'",
  },
  {
    pattern:
      /\b(?:is|are)\s+working\s+(?:again|now)\b|\bwork(?:s|ed)\s+(?:again|now)\b|\bbrings?\s+back\b|\bsince\s+then\s+(?:I|we)\s+(?:haven't|have\s+not)\b|\bno\s+longer\s+(?:happens|occurs|appears|fails|crashes|see|get)\b/i,
    weight: 2,
    note: "working again, no longer happening",
  },
  {
    pattern:
      /\b(?:it|everything|this|that|the\s+\w+)\s+(?:works|runs|starts|builds|compiles|installs|connects|loads|launches|boots)\b[^.;]{0,50}\b(?:now|again)\b/i,
    weight: 2,
    note: "'it runs on my old box now'",
  },
  {
    pattern:
      /\b(?:starts|runs|builds|compiles|installs|connects|loads|launches|boots|completes|succeeds|passes)\s+(?:again|now|successfully)\b|\b(?:the\s+)?(?:install(?:ation)?|build|import|download|upgrade|update|migration|command)\s+(?:completes|succeeds|goes\s+through|passes)\b/i,
    weight: 2,
    note: "'starts again', 'the install completes'",
  },
  {
    pattern: /(?:之后|以后|后)?(?:就|才)?(?:能|可以)(?:正常|成功)|解决了|就好了|好了|成功了|就可以了|可以用了/,
    weight: 2,
    note: "Chinese: 'after that it works normally', 'solved'",
  },
  {
    pattern:
      /\b(?:funcion[oó]|funciona\s+(?:ahora|bien)|resolvi[oó]|funktioniert\s+(?:jetzt|wieder)|fonctionne\s+maintenant)\b/i,
    weight: 2,
    note: "Spanish, Portuguese, German, French: 'it works now'",
  },
  {
    pattern:
      /\bwork(?:s|ed|ing)?\s+(?:fine|well|perfectly|ok|okay|normally|great|correctly|as\s+expected|without\s+(?:errors?|issues?|problems?))\b|\b(?:runs?|ran|builds?|built|compiles?|starts?|installs?|loads?|connects?)\s+(?:fine|ok|okay|normally|correctly|without\s+(?:errors?|issues?|problems?))\b|\bkeeps?\s+working\b|\bis\s+fine\b/i,
    weight: 1,
    note: "'works fine', 'runs fine': success only when a step is named",
  },
  {
    pattern:
      /(?:^|[,;:!]\s*|\b(?:and|but|so|wow|yes|yep|yeah|ah|oh|ok|okay)\s+)(?:that|this)\s+(?:was\s+it|did\s+it|(?:solved|fixed|resolved)\s+it)\b/i,
    weight: 2,
    note: "'Wow, that was it', 'ok this fixed it' after an interjection",
  },
  {
    pattern:
      /\b(?:is|are|went|turned|goes|turns)\s+green\s+(?:again|now)\b|\bback\s+to\s+(?:normal|green|working)\b|\b(?:resolved|fixed|solved)\s+(?:it\s+)?for\s+(?:me|us)\b|\bno\s+longer\s+(?:errors?|throws|breaks|hangs|complains|shows\s+up|reproduces)\b/i,
    weight: 2,
    note: "'the build is green again', 'back to normal', 'resolved for me', 'no longer throws'",
  },
  {
    pattern:
      /\b(?:it|everything|(?:the|my|our)\s+\w+)\s+(?!(?:fails|crashes|breaks|hangs|errors|happens|occurs|shows|appears|returns|throws|stops|dies|exits|freezes|panics|complains|is|was|has|does)\b)[a-z]{3,}s\s+(?:fine|normally|correctly|cleanly|successfully|as\s+expected)\b|\bcan\s+confirm\s+(?:that\s+)?(?:it|this|that)\s+(?:works|worked|helps|helped|fixe[sd])\b|✅/i,
    weight: 1,
    note: "'the app boots fine', 'can confirm it works', ✅: success only when a step is named",
  },
  { pattern: /\bhelped\b/i, weight: 2, note: "'clearing the cache helped'" },
  {
    pattern:
      /\b(?:gets?|got|getting)\s+(?:me|us)\s+(?:past|around|through)\s+(?:it|this|that|the\s+\w+)\b|\bsort(?:ed|s)\s+(?:it|this|that|things|everything|the\s+\w+)(?:\s+out)?\b|\bsorted\s+out\b/i,
    weight: 2,
    note: "'gets me past it', 'sorted it': the problem is behind them",
  },
  {
    pattern:
      /^(?:what\s+(?:did\s+|finally\s+)?(?:work(?:ed|s)?|help(?:ed|s)?)(?:\s+for\s+(?:me|us))?\s*:)|\bthe\s+(?:fix|solution|answer|trick)\s+(?:for\s+(?:me|us)\s+)?(?:was|is|turned\s+out\s+to\s+be)\b/i,
    weight: 2,
    note: "'What worked: <step>', 'The fix for me was <step>': a label before the step that worked",
  },
  {
    pattern:
      /\bthe\s+same\s+(?:command|build|install|call|request|script|test|job|step)\s+(?:now\s+|then\s+)?(?:returns|succeeds|passes|works|completes|runs)\b(?!\s+(?:the\s+same|an?\s+error|errors?|nothing|non-?zero|[45]\d\d)\b)/i,
    weight: 2,
    note: "'after that the same command succeeds': the step changed the outcome",
  },
  {
    pattern: /\b(?:seems?|appears?)\s+to\s+(?:fix|solve|resolve|cure)\s+(?:it|this|that|the\s+\w+)\b/i,
    weight: 2,
    note: "'disabling X seems to fix it'",
  },
  {
    pattern: /\bwork(?:s|ed)\s+for\s+(?:me|us)\b/i,
    weight: 1,
    note: "'works for me': a report only beside a step (alone, a maintainer cannot reproduce it)",
  },
  {
    pattern: /(?<![/\\.-])\b(?:works|worked|helps)\b(?![/\\]|[.-]\w)/i,
    weight: 1,
    note: "'X worked': success only when a step is named",
  },
];

export const STEP: readonly Cue[] = [
  {
    pattern:
      /\b(?:downgrad\w*|upgrad\w*|roll(?:ing|ed)?\s+back|revert\w*|(?:going|went|go(?:ing)?)\s+(?:back|down)\s+to|pin(?:ned|ning)?|updat(?:e|ed|ing)\s+to|moving\s+to|switch(?:ed|ing)?\s+(?:back\s+)?to)\b/i,
    weight: 2,
    note: "a version change: downgrade, upgrade, pin, go back to",
  },
  {
    pattern:
      /\b(?:pass(?:ing|ed)?|add(?:ing|ed)?|set(?:ting)?|export(?:ing|ed)?|us(?:ing|ed)|with)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?(?:flag|option|switch|setting|env(?:ironment)?\s+var(?:iable)?|variable|parameter|argument|config(?:uration)?)\b|\b(?:enabl(?:e|ed|ing)|disabl(?:e|ed|ing)|turn(?:ed|ing)?\s+(?:off|on)|switch(?:ed|ing)?\s+(?:off|on))\b/i,
    weight: 2,
    note: "a flag or setting",
  },
  {
    pattern: /\b[A-Z][A-Z0-9_]{2,}=\S*|\bset(?:ting)?\s+\S+\s*(?:=|to\s)/,
    weight: 2,
    note: "an environment variable or option given a value",
  },
  { pattern: /(?:^|\s)--?[a-z][\w-]{2,}(?:=\S+)?/, weight: 1, note: "a command-line flag named" },
  {
    pattern:
      /\b(?:delet(?:e|ed|ing)|remov(?:e|ed|ing)|clear(?:ed|ing)?|wip(?:e|ed|ing)|purg(?:e|ed|ing)|reset(?:ting)?|clean(?:ed|ing)?|tak(?:e|ing)\s+\w+\s+out|took\s+\w+(?:\s+\w+)?\s+out|destroy(?:ed|ing)?|recreat(?:e|ed|ing))\b|\brm\s+-r/i,
    weight: 2,
    note: "deleting or clearing a path, an entry, a cache",
  },
  {
    pattern:
      /\binstead\b|\b(?:through|via)\s+\w+\s+instead\b|\b(?:switch(?:ed|ing)?|mov(?:ed|ing)|chang(?:ed|ing))\s+to\b|\bwith\s+\S+\s+install(?:ed)?\b|\busing\s+(?:the\s+)?(?:\w+\s+)?(?:app|client|cli|browser|desktop|version|build|channel|model|image|registry|mirror|proxy)\b/i,
    weight: 2,
    note: "another channel, app, tool or model",
  },
  {
    pattern:
      /\b(?:re-?install\w*|restart\w*|re-?start\w*|reboot\w*|re-?compil\w*|re-?build\w*|rebuilt|re-?authenticat\w*|re-?login|logg(?:ed|ing)\s+(?:out|in)|log\s+(?:out|in)|install(?:ed|ing)|uninstall\w*|configur(?:e|ed|ing)|chang(?:e|ed|ing)|replac(?:e|ed|ing)|renam(?:e|ed|ing)|edit(?:ed|ing)?|runn?(?:ing)?\s+(?:it\s+)?(?:as|from|with)|ran\s+\w+)\b/i,
    weight: 2,
    note: "reinstalling, restarting, rebuilding, changing a file",
  },
  {
    pattern: /^(?:(?:just|simply|also|then)\s+)?(?!(?:no|some|any|every)thing\b|during\b)[a-z]+ing\b/i,
    weight: 2,
    note: "a gerund as the subject names the step: 'Setting it worked', 'Passing --force makes it go through'",
  },
  { pattern: /`[^`]{2,}`/, weight: 1, note: "inline code: a command, flag, file or version" },
  { pattern: /\bv?\d+\.\d+(?:\.\d+)?\b/, weight: 1, note: "a version number" },
  { pattern: /\bby\s+\w+ing\b/i, weight: 1, note: "'by destroying and recreating'" },
  {
    pattern: /加上|改成|删除|删掉|清除|重启|重装|换成|降级|升级|设置/,
    weight: 2,
    note: "Chinese: add, change, delete, restart",
  },
];

export const SUGGESTION: readonly Cue[] = [
  {
    pattern: /\b(?:can|could|would)\s+you\s+(?:please\s+)?try\b|\bplease\s+try\b/i,
    weight: 2,
    note: "'Can you try this?': proposes the step it is followed by",
  },
  {
    pattern:
      /\byou\s+(?:can|could|may|might|should|need\s+to|have\s+to)\b|\b(?:please\s+)?try\b|\bgive\s+(?:it|that|this|those|them)\s+a\s+(?:try|go|shot)\b|\b(?:can|could|would)\s+you\s+(?:please\s+)?(?:try|run|set|use|check|switch|install|upgrade|update|downgrade|delete|remove|clear)\b|\bI'?d\s+(?:suggest|recommend)\b|\bI\s+(?:suggest|recommend)\b|\b(?:suggest|recommend)(?:ed)?\s+(?:to\s+)?\w+ing\b|\bconsider\s+\w+ing\b|\bmake\s+sure\b|\byour\s+(?:only|best)\s+(?:route|option|way|bet)\b|\bthe\s+(?:only\s+)?(?:way|fix)\s+(?:is|would\s+be)\s+to\b|\bone\s+option\s+is\b/i,
    weight: 1,
    note: "someone proposes a step",
  },
  {
    pattern:
      /\bplease\s+(?:also\s+)?(?:run|set|use|switch|install|update|upgrade|downgrade|delete|remove|clear|restart|reinstall)\b/i,
    weight: 1,
    note: "'please update to the latest version'",
  },
  {
    pattern:
      /^(?:then\s+|just\s+|simply\s+|from\s+an?\s+[\w ]{1,30}(?:prompt|shell|terminal),?\s+)?(?:run|set|add|use|switch|install|delete|remove|clear|downgrade|upgrade|update|pin|pass|disable|enable|restart|reinstall|start|stop|rename|edit|change|replace|export|uninstall)\b/i,
    weight: 1,
    note: "an imperative at the start of the sentence",
  },
];

export const DECLARED: readonly Cue[] = [
  {
    pattern:
      /\bfor\s+(?:now|the\s+time\s+being),?\s+(?:I|we)(?:'m|'re|'ll|\s+am|\s+are|\s+will|\s+have)?\s+(?:just\s+|simply\s+)?(?:pin(?:ning|ned)?|us(?:e|ing)|runn?(?:ing)?|stay(?:ing)?|stick(?:ing)?|keep(?:ing)?|downgrad(?:e|ing|ed)|hold(?:ing)?|revert(?:ing|ed)?)\b/i,
    weight: 2,
    note: "'For now I'm pinning X to 1.2': the reporter's own stop-gap",
  },
  {
    pattern:
      /\bas\s+a\s+(?:temporary\s+)?(?:work-?\s?around|fix|solution|stop-?gap)\b|\buntil\s+then\b|\bin\s+the\s+meantime\b|\bwork-?\s?around\s+(?:is|for|would\s+be)\b|\bthe\s+(?:only\s+)?work-?\s?around\b|\bwhat\s+(?:fixed|solved|worked)\b/i,
    weight: 2,
    note: "someone declares a workaround",
  },
];

export const CONDITION: readonly Cue[] = [
  {
    pattern:
      /\bonly\s+(?:(?:works|happens|occurs|appears|fails|breaks|crashes|shows\s+up|reproduces)\s+)?(?:when|with|on|in|if|under|after)\b|\bonly\s+(?:happens|occurs|appears|fails|breaks|crashes|reproduces)\b|\b(?:happens|occurs|appears|fails)\s+only\b/i,
    weight: 2,
    note: "'only happens with', 'only on nightly'",
  },
  {
    pattern:
      /\b(?:does(?:n't|\s+not)|did(?:n't|\s+not)|do(?:n't|\s+not))\s+(?:\w+\s+)?(?:happen|occur|reproduce|appear|show\s+up)\b|\b(?:can(?:'t|not)|could(?:n't|\s+not)|unable\s+to)\s+reproduce(?:\s+\w+){0,2}\s+(?:with|on|in|using|after|since|from|under)\b|\bnot\s+reproducible\s+(?:with|on|in|using|after|since|from|under)\b|\b(?:with|on|in|using|from)\s+[^,;]{1,60}\b(?:can(?:'t|not)|could(?:n't|\s+not))\s+reproduce\b/i,
    weight: 2,
    note: "'doesn't happen with', 'can't reproduce on master'",
  },
  {
    pattern:
      /\bstill\s+work(?:s|ing)?\b|(?<![/\\.-])\bwork(?:s|ing)?\b(?![/\\]|[.-]\w)[^.;]{0,60}\b(?:though|however|whereas)\b|\b(?:though|however|whereas|while)\b[^.;]{0,60}(?<![/\\.-])\bwork(?:s|ing)?\b(?![/\\]|[.-]\w)|\bwork(?:s|ed)\s+for\s+(?:me|us)\s+and\s+(?:everybody|everyone|others)\b|\bkeeps?\s+working\b/i,
    weight: 2,
    note: "'still works', 'works though': the other channel works",
  },
  {
    pattern: /\b(?:is|was)\s+fine\s+(?:with|on|in|when)\b|\bbut\s+(?:not|fails)\s+(?:with|on|in|when)\b/i,
    weight: 1,
    note: "'fine with batch size 1, but not with 2'",
  },
];

export const STATE: readonly Cue[] = [
  {
    pattern:
      /\blast\s+(?:known\s+)?(?:working|good)\s+(?:version|release|build)\b|^(?:it\s+|this\s+)?work(?:ed|s)\s+(?:fine\s+|well\s+)?(?:on|in|with|under)\s+(?:version\s+)?v?\d+(?:\.\d+)*\s*[.!]?$|\bused\s+to\s+work\b/i,
    weight: 2,
    note: "a regression line ('Worked on 1.4.2', 'Last working version: 2.3'): environment, not a step",
  },
  {
    pattern:
      /\bwork(?:ed|s)?\s+(?:fine\s+|well\s+)?(?:at\s+first|before|previously|earlier|yesterday|once|until|for\s+(?:months|years|weeks|a\s+while))\b|\bused\s+to\s+work\b|\bwas\s+working\b|\b(?:should|would|must|is\s+supposed\s+to|are\s+supposed\s+to|expected\s+to)\s+(?:\w+\s+)?work\b/i,
    weight: 2,
    note: "a description of the bug or of what is expected",
  },
  {
    pattern:
      /\bbut\b[^.;]{0,80}\b(?:crash(?:es|ed)?|fail(?:s|ed)?|errors?\s+out|errored|broke|breaks|hangs|hung|froze|freezes|panick?(?:s|ed))\b|\bthen\s+(?:failed|fails|crashed|broke)\b/i,
    weight: 2,
    note: "'went through, but apply crashed': the success is part of the bug's story",
  },
  {
    pattern: new RegExp(
      String.raw`\b(?:fixed|resolved|addressed|solved)\s+(?:this\s+|it\s+)?(?:in|by|via|with)\s+(?:#\d+|v?\d|https?:|${REF_TEXT_PATTERN}|the\s+(?:next|latest|upcoming|new)|master\b|main\b|a\s+(?:new\s+)?release)`,
      "i",
    ),
    weight: 2,
    note: "'we fixed this in #123': news of a fix (the fix status reads it), not a workaround",
  },
];

/**
 * A request for diagnostics ("Please run `x -vvv` and attach the logs", "share the output of
 * `x --version`"): asks for information, never proposes or reports a workaround.
 */
export const REQUEST: readonly Cue[] = [
  {
    pattern:
      /\b(?:attach|share|post|paste|provide|send|upload|include|add)\s+(?:\S+\s+){0,3}(?:logs?|output|outputs|trace|traces|traceback|stack\s?trace|screenshots?|details|dumps?|diagnostics|debug\s+info)\b|\b(?:output|result)s?\s+of\s+(?:running\s+)?`/i,
    weight: 2,
    note: "asks for logs or command output",
  },
];

/** Speculation: "Maybe X fixes this", "this might help". A proposal at most, never a report. */
export const HEDGE: readonly Cue[] = [
  {
    pattern:
      /^(?:maybe|perhaps|possibly|probably)\b|\b(?:might|may|could)\s+(?:\w+\s+)?(?:fix|solve|help|resolve|work)\b|\bI\s+(?:wonder|hope)\b/i,
    weight: 1,
    note: "speculation",
  },
  {
    pattern:
      /\b(?:usually|normally|typically|generally|often|always|sometimes)\s+(?:\w+\s+)?(?:fix(?:es)?|solves?|helps?|works?|resolves?|does\s+the\s+trick)\b|\bshould\s+(?:\w+\s+)?(?:fix|solve|help|resolve|do\s+the\s+trick)\b/i,
    weight: 2,
    note: "generic advice ('that usually fixes this', 'should fix it'): a proposal, not a report",
  },
];

export const TEMPORARY: readonly Cue[] = [
  {
    pattern:
      /\b(?:briefly|temporarily|for\s+a\s+(?:while|bit|few\s+(?:minutes|hours|days))|(?:came|comes)\s+back|returned\s+soon|returns\s+after|only\s+until)\b/i,
    weight: 2,
    note: "relief that did not last",
  },
];

/** Relief is temporary only when the sentence says a step helped ("helped briefly"), not just that it came back. */
export const TEMPORARY_RELIEF = /\b(?:help(?:ed|s)|fix(?:ed|es)|work(?:ed|s)|resolv(?:ed|es)|solv(?:ed|es))\b/i;

/** A sentence that points back at a step named before it: its text needs the sentence before. */
export const ANAPHOR = /^(?:and\s+|but\s+|so\s+)?(?:that|this|which|doing\s+so|these\s+steps|the\s+above)\b/i;
/** A sentence that names what it removed or changed only by pointing: "that hosts entry". */
export const POINTER =
  /\b(?:that|this|those|these)\s+(?:\w+\s+)?(?:entry|file|folder|directory|line|lines|setting|option|flag|call|step|steps|change|version|package)\b/i;
