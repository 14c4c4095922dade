import type { Nodes, PhrasingContent, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { boundMarkdown } from "../markdown/budget.js";
import { gfmWithoutLiteralAutolinks } from "../markdown/gfm.js";
import type { IssueRef } from "../thread/types.js";
import { isIssueNumber, isOwnerName, OWNER_PATTERN, REPO_PATTERN, repoNameOf } from "./names.js";
import { parseHttpUrl, refKey, webHostOf } from "./parse-ref.js";

/**
 * - closing: a GitHub closing keyword right before the ref ("Fixes #12");
 * - fixed-by: the text says the ref fixed or closed this thread ("Fixed by #12", "#12 closed this");
 * - duplicate: "Duplicate of #12" and close variants;
 * - mention: any other reference.
 */
export type ReferenceKind = "closing" | "fixed-by" | "duplicate" | "mention";

export type FoundReference = {
  target: IssueRef;
  kind: ReferenceKind;
  /** The keyword as written ("Fixes", "Duplicate of", "fixed by", "closed this"); null for a mention. */
  keyword: string | null;
  /** The matched text, e.g. "Fixes #12". */
  excerpt: string;
};

export type RefContext = { host: string; owner: string; repo: string };

/** Strongest first; when a target is referenced several times, the strongest kind is kept. */
export const referenceKindStrength: readonly ReferenceKind[] = ["closing", "fixed-by", "duplicate", "mention"];

/**
 * References to issues and pull requests in GitHub-flavoured Markdown, in every autolink form:
 * `#12`, `GH-12`, `owner/repo#12`, and issue/pull URLs on github.com or the context host. Code
 * (spans, fenced and indented blocks, `<code>`/`<pre>`), HTML comments, link text and words
 * like `abc#12` or `&#12;` are skipped, as GitHub skips them. One entry per target, in order of
 * first appearance, with the strongest kind seen.
 */
export function findReferences(markdown: string, context: RefContext): FoundReference[] {
  // Linear whatever the input: the parser only sees what the budget lets through (see
  // core/markdown/budget.ts); paragraphs set aside are scanned as plain text. Bare URLs are found
  // by one linear pattern rather than GFM's literal-autolink extension, which is super-linear on
  // long paragraphs with brackets.
  const bounded = boundMarkdown(markdown);
  const parsed = bounded.parts.map((p) => (p.kind === "markdown" ? p.text : blankLines(p.text))).join("\n");
  const { micromarkExtensions, mdastExtensions } = gfmWithoutLiteralAutolinks();
  const tree = fromMarkdown(parsed, { extensions: micromarkExtensions, mdastExtensions });
  const scan = new Scanner(parsed, context, collectDefinitions(tree));
  const plain = bounded.parts.filter((p) => p.kind === "plain");
  // A thread's own order: parsed text first, then set-aside paragraphs (an order only matters for
  // the excerpt kept when one target appears in both).
  scan.block(tree);
  for (const p of plain) scan.plain(p.text);
  return scan.results();
}

/** The same number of lines, all empty, so positions of the lines after stay where they were. */
const blankLines = (text: string): string => "\n".repeat(text.split("\n").length - 1);

// A bare URL as GitHub's literal autolinks see it: up to whitespace or `<`; trailing punctuation
// is trimmed by hand (a `[.,]+$` pattern would backtrack over long punctuation runs).
const BARE_URL = /(?:https?:\/\/|www\.)[^\s<>]+/gi;
const TRAILING_PUNCTUATION = new Set([".", ",", ":", ";", "!", "?", "'", '"', ")", "]", "*", "_", "~"]);

function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(url[end - 1] as string)) end--;
  return url.slice(0, end);
}

// A block's inline content flattened to one string: text stays text, each link that points at a
// thread becomes one private-use character (so keywords can be matched right before it), and
// anything GitHub does not autolink in (code, images, HTML tags) becomes OPAQUE.
type LinkPiece = { ref: IssueRef; source: string };
const OPAQUE = "\uFFFC";
const PLACEHOLDER_BASE = 0xe000;
const PLACEHOLDER_MAX = 0xf8ff;
const RESERVED_CHARS = /[\uE000-\uF8FF\uFFFC]/g;

// Why the characters before a ref may not be these: `abc#12`, `&#12;`, `page#12`, `/#12`, `x.y#12`.
const NOT_BEFORE = String.raw`(?<![\p{L}\p{N}_&#/\\.@=%+~$\-])`;
const REF = new RegExp(
  String.raw`${NOT_BEFORE}(?:(?<owner>${OWNER_PATTERN})\/(?<repo>${REPO_PATTERN})#|(?<gh>GH-)|#)(?<num>[1-9]\d{0,9})(?![\p{L}\p{N}_])|(?<link>[\uE000-\uF8FF])`,
  "gu",
);

const WORD_START = String.raw`(?<![\p{L}\p{N}_])`;
const GAP = String.raw`[ \t]*:?[ \t]*`;
const CLOSING_BEFORE = new RegExp(`${WORD_START}(close[sd]?|fix(?:e[sd])?|resolve[sd]?)${GAP}$`, "iu");
const FIXED_BY_BEFORE = new RegExp(
  String.raw`${WORD_START}((?:fixed|closed|resolved|addressed)[ \t]+(?:by|in|via|with))${GAP}$`,
  "iu",
);
const DUPLICATE_BEFORE = new RegExp(String.raw`${WORD_START}(duplicate[ \t]+of|duplicates)${GAP}$`, "iu");
// "Replaced by #14", "superseded by #14": still a mention, quoted with its words so that the
// analysis can follow the replacement of a pull request.
const REPLACED_BY_BEFORE = new RegExp(
  String.raw`${WORD_START}((?:replaced|superseded|succeeded|obsoleted)[ \t]+by|in[ \t]+favou?r[ \t]+of)${GAP}$`,
  "iu",
);
const FIXED_THIS_AFTER =
  /^[ \t]+((?:(?:has|have)[ \t]+)?(?:closed|fixed|resolved|closes|fixes|resolves)[ \t]+(?:this|it)\b)/i;
// "possible duplicate of", "not fixed by", "might be fixed by": a guess or a denial, not a claim.
const HEDGED = new RegExp(
  String.raw`(?:${WORD_START}(?:not|never|no|possibl[ey]|potential(?:ly)?|maybe|perhaps|probably|likely|might|may|could|would|should)|n't)(?:[ \t]+(?:a|an|be|been|have[ \t]+been|get|gets|got))?[ \t]+$`,
  "iu",
);

const ISSUE_PATH = new RegExp(
  String.raw`^\/(${OWNER_PATTERN})\/(${REPO_PATTERN})\/(?:issues|pull|pulls)\/([1-9]\d{0,9})(?:\/[^?#]*)?$`,
);

class Scanner {
  private readonly found = new Map<string, FoundReference>();

  constructor(
    private readonly markdown: string,
    private readonly context: RefContext,
    private readonly definitions: Map<string, string>,
  ) {}

  results(): FoundReference[] {
    return [...this.found.values()];
  }

  block(node: Nodes): void {
    switch (node.type) {
      case "paragraph":
      case "heading":
      case "tableCell":
        this.inline(node.children);
        return;
      case "html":
        this.htmlBlock(node.value);
        return;
      case "code":
      case "definition":
        return;
      default:
        if ("children" in node) for (const child of node.children) this.block(child);
    }
  }

  private inline(children: PhrasingContent[]): void {
    const links: LinkPiece[] = [];
    const state = { suppressed: 0 };
    let flat = "";
    const walk = (nodes: PhrasingContent[]): void => {
      for (const node of nodes) {
        switch (node.type) {
          case "text":
            flat += state.suppressed > 0 ? OPAQUE : this.withUrls(node.value.replace(RESERVED_CHARS, "\uFFFD"), links);
            break;
          case "break":
            flat += "\n";
            break;
          case "emphasis":
          case "strong":
          case "delete":
            walk(node.children);
            break;
          case "html":
            state.suppressed = Math.max(0, state.suppressed + htmlTagEffect(node.value));
            flat += OPAQUE;
            break;
          case "link":
          case "linkReference": {
            // GitHub does not autolink inside link text; the link's own target may be a thread.
            const url = node.type === "link" ? node.url : this.definitions.get(node.identifier);
            const ref = state.suppressed > 0 || url === undefined ? null : this.parseUrl(url);
            if (ref && links.length <= PLACEHOLDER_MAX - PLACEHOLDER_BASE) {
              flat += String.fromCharCode(PLACEHOLDER_BASE + links.length);
              links.push({ ref, source: this.source(node) ?? url ?? "" });
            } else {
              flat += OPAQUE;
            }
            break;
          }
          default:
            flat += OPAQUE;
        }
      }
    };
    walk(children);
    this.scan(flat, links);
  }

  /** A paragraph the budget set aside: references in its text, with no Markdown structure. */
  plain(text: string): void {
    const links: LinkPiece[] = [];
    this.scan(this.withUrls(text.replace(RESERVED_CHARS, "\uFFFD"), links), links);
  }

  /** Bare URLs in text become a link placeholder (a thread) or OPAQUE (anything else). */
  private withUrls(text: string, links: LinkPiece[]): string {
    if (!text.includes("http") && !/www\./i.test(text)) return text;
    return text.replace(BARE_URL, (raw) => {
      const url = trimUrl(raw);
      const rest = raw.slice(url.length);
      const ref = this.parseUrl(/^www\./i.test(url) ? `https://${url}` : url);
      if (!ref || links.length > PLACEHOLDER_MAX - PLACEHOLDER_BASE) return OPAQUE + rest;
      links.push({ ref, source: url });
      return String.fromCharCode(PLACEHOLDER_BASE + links.length - 1) + rest;
    });
  }

  // Raw HTML blocks: GitHub still autolinks their text, but not comments, code, pre or anchors.
  private htmlBlock(html: string): void {
    const text = html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, OPAQUE)
      .replace(/<(code|pre|a|tt|kbd|samp)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, OPAQUE)
      .replace(/<[^>]*>/g, OPAQUE);
    this.scan(text.replace(/[\uE000-\uF8FF]/g, "\uFFFD"), []);
  }

  private scan(flat: string, links: LinkPiece[]): void {
    for (const m of flat.matchAll(REF)) {
      const start = m.index;
      const end = start + m[0].length;
      const g = m.groups ?? {};
      const link = g.link === undefined ? null : links[g.link.charCodeAt(0) - PLACEHOLDER_BASE];
      const target = link
        ? link.ref
        : g.owner && g.repo
          ? checkedRef(this.context.host, g.owner, g.repo, Number(g.num))
          : checkedRef(this.context.host, this.context.owner, this.context.repo, Number(g.num));
      if (!target) continue;
      const { kind, keyword, from, to } = classify(flat, start, end);
      const excerpt = restore(flat.slice(from, to), links).replace(/\s+/g, " ").trim();
      this.keep({ target, kind, keyword, excerpt });
    }
  }

  private keep(ref: FoundReference): void {
    const key = refKey(ref.target);
    const seen = this.found.get(key);
    if (!seen || referenceKindStrength.indexOf(ref.kind) < referenceKindStrength.indexOf(seen.kind)) {
      // Re-inserting would move it; keep first-appearance order.
      if (seen) Object.assign(seen, ref);
      else this.found.set(key, ref);
    }
  }

  private parseUrl(raw: string): IssueRef | null {
    const url = parseHttpUrl(raw);
    if (!url) return null;
    const host = webHostOf(url);
    const contextHost = this.context.host.toLowerCase();
    if (host !== "github.com" && host !== contextHost) return null;
    const m = ISSUE_PATH.exec(url.pathname);
    if (!m?.[1] || !m[2]) return null;
    return checkedRef(host === contextHost ? this.context.host : host, m[1], m[2], Number(m[3]));
  }

  private source(node: Nodes): string | null {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? null : this.markdown.slice(start, end);
  }
}

/** A reference only when the names and number are ones GitHub allows (never "..", never past its range). */
function checkedRef(host: string, owner: string, repo: string, number: number): IssueRef | null {
  const name = repoNameOf(repo);
  return name !== null && isOwnerName(owner) && isIssueNumber(number) ? { host, owner, repo: name, number } : null;
}

function classify(
  flat: string,
  start: number,
  end: number,
): { kind: ReferenceKind; keyword: string | null; from: number; to: number } {
  const prefix = flat.slice(Math.max(0, start - 80), start);
  const before = (re: RegExp) => {
    const m = re.exec(prefix);
    if (!m || m[1] === undefined) return null;
    const from = start - prefix.length + m.index;
    return { keyword: m[1], from, hedged: HEDGED.test(flat.slice(Math.max(0, from - 40), from)) };
  };
  const closing = before(CLOSING_BEFORE);
  if (closing) return { kind: "closing", keyword: closing.keyword, from: closing.from, to: end };
  const fixedBy = before(FIXED_BY_BEFORE);
  if (fixedBy && !fixedBy.hedged) return { kind: "fixed-by", keyword: fixedBy.keyword, from: fixedBy.from, to: end };
  const after = FIXED_THIS_AFTER.exec(flat.slice(end, end + 40));
  if (after?.[1] && !HEDGED.test(flat.slice(Math.max(0, start - 40), start))) {
    return { kind: "fixed-by", keyword: after[1], from: start, to: end + after[0].length };
  }
  const duplicate = before(DUPLICATE_BEFORE);
  if (duplicate && !duplicate.hedged) {
    return { kind: "duplicate", keyword: duplicate.keyword, from: duplicate.from, to: end };
  }
  const replaced = before(REPLACED_BY_BEFORE);
  if (replaced && !replaced.hedged) return { kind: "mention", keyword: replaced.keyword, from: replaced.from, to: end };
  return { kind: "mention", keyword: null, from: start, to: end };
}

const restore = (text: string, links: LinkPiece[]): string =>
  text.replace(/[\uE000-\uF8FF]/g, (c) => links[c.charCodeAt(0) - PLACEHOLDER_BASE]?.source ?? "");

/** +1 for an opening <code>/<pre>/<a>…, -1 for its closing tag, 0 otherwise. */
function htmlTagEffect(html: string): number {
  const m = /^<(\/?)(code|pre|a|tt|kbd|samp)\b[^>]*?(\/?)>$/i.exec(html.trim());
  if (!m || m[3] === "/") return 0;
  return m[1] === "/" ? -1 : 1;
}

function collectDefinitions(tree: Root): Map<string, string> {
  const definitions = new Map<string, string>();
  const visit = (node: Nodes): void => {
    if (node.type === "definition" && !definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return definitions;
}
