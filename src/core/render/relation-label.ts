// How a link's relation is shown to a person. An unmerged pull request with a closing keyword does
// not close anything: it is shown as a "proposed fix", never as "closed-by", in every table and graph.
import type { ReportLink } from "../thread/report.js";

type Shown = Pick<ReportLink, "relation" | "relations" | "type" | "merged">;

const PROPOSED = "proposed fix";

const label = (l: Shown, relation: string): string =>
  relation === "closed-by" && l.type === "pull" && l.merged === false ? PROPOSED : relation;

/** The strongest relation as shown. */
export const shownRelation = (l: Shown): string => label(l, l.relation);

/** Every relation as shown, without repeats. */
export const shownRelations = (l: Shown): string[] => [...new Set(l.relations.map((r) => label(l, r)))];
