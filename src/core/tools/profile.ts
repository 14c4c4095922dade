// What an issue is about, for matching tools: the analysis's category and its tags, weighted.
import type { Report } from "../thread/report.js";
import type { Category } from "./catalog.js";

export type IssueProfile = {
  category: Category;
  /** Tag -> weight. Ecosystem tags (from the repository) weigh 2, others 1. */
  tags: Map<string, number>;
};

/**
 * The analysis's category and tags (core/analyze/category.ts), repository tags weighing 2 and the
 * rest 1. A report without them (a schema older than the category) counts as a bug tagged by its labels.
 */
export function issueProfile(report: Report): IssueProfile {
  const tags = new Map<string, number>();
  const add = (tag: string | null, weight: number) => {
    if (tag) tags.set(tag, Math.max(tags.get(tag) ?? 0, weight));
  };
  if (!report.category || !Array.isArray(report.tags)) {
    for (const label of report.labels) add(normaliseTag(label), 1);
    return { category: "bug", tags };
  }
  for (const t of report.tags) {
    if (t.source !== "category") add(normaliseTag(t.tag), t.source === "repository" ? 2 : 1);
  }
  return { category: report.category, tags };
}

/** "Type: Bug" -> "type-bug"; labels longer than 40 characters are ignored. */
export function normaliseTag(label: string): string | null {
  const t = label
    .toLowerCase()
    .replace(/[^a-z0-9.+]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return t && t.length <= 40 && /^[a-z0-9]/.test(t) ? t : null;
}
