// Which GitHub tokens a process may use, from environment values the composition root passes in.

/**
 * GITHUB_TOKENS (comma, space or newline separated), GITHUB_TOKEN_1..N, GITHUB_TOKEN and GH_TOKEN,
 * in that order, blanks and repeats dropped.
 */
export function tokensFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const numbered = Object.keys(env)
    .map((k) => /^GITHUB_TOKEN_(\d+)$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => env[m[0]]);
  const raw = [...(env.GITHUB_TOKENS ?? "").split(/[\s,]+/), ...numbered, env.GITHUB_TOKEN, env.GH_TOKEN];
  const out: string[] = [];
  for (const t of raw) {
    const token = t?.trim();
    if (token && !out.includes(token)) out.push(token);
  }
  return out;
}
