// Every regular expression in src/core is checked for the shapes that make a backtracking engine
// exponential before it ships: a quantified group holding an unbounded quantifier with nothing
// mandatory to separate the iterations ("(a+)+", "(\w+\s?)*"), and a quantified alternation whose
// branches can start with the same character ("(?:[->]|->)*"). Quadratic scans of another kind (a class that runs to the end and then fails,
// from every start) are caught by the pathological corpus benchmark (npm run bench -- pathological).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const CORE = fileURLToPath(new URL("../src/core", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Regex literals, and `new RegExp("…")` with a constant string, of one file. */
function regexesOf(file: string): { pattern: string; line: number }[] {
  const text = readFileSync(file, "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: { pattern: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const literal = node.text;
      out.push({ pattern: literal.slice(1, literal.lastIndexOf("/")), line: lineOf(sf, node) });
    } else if (ts.isNewExpression(node) && node.expression.getText(sf) === "RegExp") {
      const arg = node.arguments?.[0];
      if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) {
        out.push({ pattern: arg.text, line: lineOf(sf, node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const lineOf = (sf: ts.SourceFile, node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

type Group = {
  unbounded: boolean;
  /** Holds an atom that must match once per iteration and is not itself the repeated one. */
  separator: boolean;
  branches: string[];
  start: number;
};

/** The reason a pattern is super-linear in shape, or null. */
function superLinearShape(pattern: string): string | null {
  const stack: Group[] = [{ unbounded: false, separator: false, branches: [], start: 0 }];
  const top = () => stack[stack.length - 1] as Group;
  // The atom just read: its text, and for a group what the group held.
  let last: { text: string; group: Group | null } | null = null;
  let branchStart = 0;
  const near = (i: number) => `near "${pattern.slice(Math.max(0, i - 24), i + 1)}"`;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    const atomStart = i;
    if (c === "\\") {
      i++;
      last = { text: pattern.slice(atomStart, i + 1), group: null };
    } else if (c === "[") {
      i++;
      if (pattern[i] === "^") i++;
      if (pattern[i] === "]") i++;
      while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
      last = { text: pattern.slice(atomStart, i + 1), group: null };
    } else if (c === "(") {
      const lookaround = /^\(\?<?[=!]/.test(pattern.slice(i));
      stack.push({ unbounded: false, separator: lookaround, branches: [], start: i });
      i += pattern.slice(i).match(/^\((?:\?(?:<[A-Za-z]\w*>|[:=!]|<[=!]))?/)?.[0].length ?? 1;
      i--;
      branchStart = i + 1;
      last = null;
      continue;
    } else if (c === ")") {
      const group = stack.pop();
      if (!group || stack.length === 0) return null;
      group.branches.push(pattern.slice(branchStart, i));
      last = { text: pattern.slice(group.start, i + 1), group };
      branchStart = i + 1;
      if (group.separator && !quantifierAt(pattern, i + 1)) top().separator = true;
      if (group.unbounded) top().unbounded = true;
      if (!quantifierAt(pattern, i + 1)) continue;
    } else if (c === "|") {
      top().branches.push(pattern.slice(branchStart, i));
      branchStart = i + 1;
      last = null;
      continue;
    } else if (c === "^" || c === "$") {
      last = null;
      continue;
    } else {
      last = { text: c, group: null };
    }
    const q = quantifierAt(pattern, i + 1);
    if (!q) {
      if (last && !last.group) top().separator = true;
      continue;
    }
    if (q.unbounded && last?.group) {
      const g = last.group;
      if (g.unbounded && !g.separator) return `a repeated group of repeated atoms with no separator ${near(q.end)}`;
      if (g.branches.length > 1 && branchesOverlap(g.branches)) {
        return `a repeated alternation whose branches can start alike ${near(q.end)}`;
      }
    }
    if (q.unbounded) top().unbounded = true;
    if (q.min > 0 && !q.unbounded) top().separator = true;
    i = q.end + (pattern[q.end + 1] === "?" ? 1 : 0);
  }
  return null;
}

/** Whether two branches can begin with the same character (checked on their first atoms). */
function branchesOverlap(branches: string[]): boolean {
  const firsts = branches.map(firstAtom);
  for (let a = 0; a < firsts.length; a++) {
    for (let b = a + 1; b < firsts.length; b++) {
      if (atomsOverlap(firsts[a] ?? "", firsts[b] ?? "")) return true;
    }
  }
  return false;
}

function firstAtom(branch: string): string {
  if (branch.startsWith("\\")) return branch.slice(0, 2);
  if (branch.startsWith("[")) {
    let i = 1;
    if (branch[i] === "^") i++;
    if (branch[i] === "]") i++;
    while (i < branch.length && branch[i] !== "]") i += branch[i] === "\\" ? 2 : 1;
    return branch.slice(0, i + 1);
  }
  return branch.slice(0, 1);
}

const PROBES = [..." \t\n!\"#$%&'()*+,-./0123456789:;<=>?@ABZ[\\]^_`abxz{|}~é"];

function atomsOverlap(a: string, b: string): boolean {
  if (a === "" || b === "" || a === "(" || b === "(") return true;
  // An atom this small reader cannot compile on its own (a quantifier after a nested group) is
  // left to the corpus benchmark rather than guessed at.
  const match = (atom: string): RegExp | null => {
    for (const flags of ["u", ""]) {
      try {
        return new RegExp(`^${atom}$`, flags);
      } catch {}
    }
    return null;
  };
  const ra = match(a);
  const rb = match(b);
  if (!ra || !rb) return false;
  return PROBES.some((ch) => ra.test(ch) && rb.test(ch));
}

function quantifierAt(pattern: string, i: number): { unbounded: boolean; min: number; end: number } | null {
  const c = pattern[i];
  if (c === "*") return { unbounded: true, min: 0, end: i };
  if (c === "+") return { unbounded: true, min: 1, end: i };
  if (c === "?") return { unbounded: false, min: 0, end: i };
  if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!m) return null;
    const unbounded = m[2] !== undefined && (m[3] === "" || Number(m[3]) > 1000);
    return { unbounded, min: Number(m[1]), end: i + m[0].length - 1 };
  }
  return null;
}

describe("regex safety", () => {
  it("the checker flags super-linear shapes and passes linear ones", () => {
    for (const bad of ["(a+)+$", "(\\w+\\s?)*y", "(?:a|ab)*c", "(a*b*)*", "(x{1,})*", "^(?:[>-]|->)*$"]) {
      expect(superLinearShape(bad), bad).not.toBeNull();
    }
    for (const good of [
      "^[a-z]+$",
      "(?:ab)+",
      "(?:a|b)*",
      "[(+)]*x",
      "\\(a+\\)+",
      "(a{0,38})+",
      "(?:-->|$)",
      "\\d+(?:\\.\\d+)+",
      '"((?:[^"\\\\]|\\\\.)*)"',
    ]) {
      expect(superLinearShape(good), good).toBeNull();
    }
  });

  it("no regular expression in src/core has a super-linear shape", () => {
    const found: string[] = [];
    for (const file of sourceFiles(CORE)) {
      for (const { pattern, line } of regexesOf(file)) {
        const why = superLinearShape(pattern);
        if (why) found.push(`${relative(CORE, file)}:${line} /${pattern}/: ${why}`);
      }
    }
    expect(found).toEqual([]);
  });
});
