// The catalog of recommended tools: validated at the boundary (zod), then plain data.
import { z } from "zod";
import { UsageError } from "../errors.js";
import { REPORT_CATEGORIES } from "../thread/report.js";

/** The catalog uses the analysis's categories. */
export const CATEGORIES = REPORT_CATEGORIES;

export type Category = (typeof CATEGORIES)[number];

const tag = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9.+-]*$/, "tags are lower-case kebab-case");

const toolSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lower-case kebab-case"),
  name: z.string().min(1).max(80),
  url: z
    .string()
    .url()
    .refine((u) => u.startsWith("https://") || u.startsWith("http://"), "url must be http(s)"),
  description: z.string().min(1).max(300),
  tags: z.array(tag).max(30),
  categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length),
});

export type Tool = z.infer<typeof toolSchema>;

const catalogSchema = z.object({ tools: z.array(toolSchema).min(1) }).superRefine((c, ctx) => {
  const seen = new Set<string>();
  c.tools.forEach((t, i) => {
    if (seen.has(t.id)) ctx.addIssue({ code: "custom", path: ["tools", i, "id"], message: `duplicate id "${t.id}"` });
    seen.add(t.id);
  });
});

/**
 * Validates a parsed catalog file (`{ "tools": [...] }`). `source` names the file in the error,
 * which lists the first few problems with their JSON paths.
 */
export function parseCatalog(json: unknown, source: string): Tool[] {
  const result = catalogSchema.safeParse(json);
  if (result.success) return result.data.tools;
  const problems = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
  throw new UsageError(
    `${source} is not a valid tool catalog: ${problems}`,
    'A catalog is {"tools": [{"id", "name", "url", "description", "tags": [], "categories": []}]}; see catalog/tools.json.',
  );
}
