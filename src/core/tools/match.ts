// Ranks catalog tools for one issue. Deterministic: the same catalog and profile give the same
// order on every machine.
import type { Tool } from "./catalog.js";
import type { IssueProfile } from "./profile.js";

/** Weight of a category match; each shared tag adds the tag's weight from the profile (1 or 2). */
export const CATEGORY_WEIGHT = 3;
export const BATCH_SIZE = 6;

export type RankedTool = { tool: Tool; score: number; matched: string[] };

/**
 * score = CATEGORY_WEIGHT × [category ∈ tool.categories] + Σ weight(tag) over shared tags.
 * Highest score first, ties by id. Tools with no overlap only fill up to `fill` places, taking the
 * ones tagged "general" first (then by id), so a page always has something useful to show.
 */
export function rankTools(catalog: readonly Tool[], profile: IssueProfile, fill = BATCH_SIZE * 2): RankedTool[] {
  const scored = catalog.map((tool) => {
    const matched: string[] = [];
    let score = 0;
    if (tool.categories.includes(profile.category)) {
      score += CATEGORY_WEIGHT;
      matched.push(`category:${profile.category}`);
    }
    for (const tag of [...tool.tags].sort()) {
      const w = profile.tags.get(tag);
      if (w !== undefined) {
        score += w;
        matched.push(tag);
      }
    }
    return { tool, score, matched };
  });
  const byScore = (a: RankedTool, b: RankedTool) => b.score - a.score || compareIds(a.tool.id, b.tool.id);
  const hits = scored.filter((r) => r.score > 0).sort(byScore);
  if (hits.length >= fill) return hits;
  const general = (r: RankedTool) => (r.tool.tags.includes("general") ? 0 : 1);
  const rest = scored
    .filter((r) => r.score === 0)
    .sort((a, b) => general(a) - general(b) || compareIds(a.tool.id, b.tool.id));
  return [...hits, ...rest.slice(0, fill - hits.length)];
}

/** The n-th batch of six (0-based). */
export const toolBatch = <T>(ranked: readonly T[], index: number, size = BATCH_SIZE): T[] =>
  ranked.slice(index * size, (index + 1) * size);

// Code-unit order, not locale order: identical everywhere.
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
