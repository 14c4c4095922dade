// The MCP face: five tools over the same use-cases as the CLI and the web site. Input schemas are
// zod (the SDK publishes them as JSON Schema); outputs are structured and checked against the
// report's own zod schemas; a failure answers MCP's tool error shape ({isError, content}).
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { IssuegraphError } from "../core/errors.js";
import { parseIssueRef } from "../core/refs/parse-ref.js";
import { renderJson } from "../core/render/json.js";
import { renderMarkdown } from "../core/render/markdown.js";
import type { Store } from "../core/store/types.js";
import { fixPullSchema, type Report, reportSchema, sameErrorSchema } from "../core/thread/report.js";
import type { IssueRef } from "../core/thread/types.js";
import type { CachePolicy } from "../core/use-cases/obtain-thread.js";
import { buildReport, type ReportDeps } from "../core/use-cases/report.js";
import { search } from "../core/use-cases/search.js";
import { similar } from "../core/use-cases/similar.js";
import { parseRepoArg } from "../core/use-cases/sync/repo-arg.js";

/** The report use-case's source and clock, a store (search and similar need one), the host refs are read on. */
export type McpToolDeps = Pick<ReportDeps, "source" | "now"> & { store: Store; webHost: string; cache: CachePolicy };

const ref = z
  .string()
  .min(1)
  .max(300)
  .describe("issue URL or owner/repo#number, e.g. https://github.com/nodejs/node/issues/45028 or nodejs/node#45028");
const limit = z.number().int().min(1).max(100).optional().describe("how many results (default 10)");

const inputSchemas = {
  report: {
    ref,
    format: z
      .enum(["markdown", "json"])
      .optional()
      .describe("text content as Markdown (default) or JSON; structuredContent is always the JSON report"),
    depth: z.number().int().min(1).max(3).optional().describe("how far to follow links (default 1)"),
  },
  similar: { ref, limit, allRepos: z.boolean().optional().describe("match text across every stored repository") },
  search: {
    text: z.string().min(1).max(20_000).describe("pasted error message or keywords"),
    repo: z.string().max(200).optional().describe("only this repository, owner/repo"),
    limit,
  },
  same_error: { ref },
  fix_status: { ref },
};

const similarResult = z.object({
  ref: z.string(),
  title: z.string(),
  state: z.string(),
  stateReason: z.string().nullable(),
  score: z.number().min(0).max(1),
  sameError: z.boolean(),
  why: z.string(),
});
const answerSchema = { results: z.array(similarResult), confident: z.boolean(), message: z.string().optional() };
const fixStatusSchema = {
  ref: z.string(),
  url: z.string(),
  title: z.string(),
  state: reportSchema.shape.state,
  stateReason: reportSchema.shape.stateReason,
  fix: reportSchema.shape.fix,
  firstRelease: fixPullSchema.shape.releasedIn,
};

type ToolResult = {
  content: { type: "text"; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

/** Expected failures (bad ref, not found, rate limited…) as MCP tool errors with the CLI's message and hint. */
function toolError(error: unknown): ToolResult {
  const text =
    error instanceof IssuegraphError
      ? `error: ${error.message}\nhint: ${error.hint}`
      : `error: unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
  return { content: [{ type: "text", text }], isError: true };
}

const guarded =
  <A>(fn: (args: A) => Promise<ToolResult>) =>
  async (args: A): Promise<ToolResult> => {
    try {
      return await fn(args);
    } catch (error) {
      return toolError(error);
    }
  };

const structured = (value: Record<string, unknown>, text = JSON.stringify(value, null, 2)): ToolResult => ({
  content: [{ type: "text", text }],
  structuredContent: value,
});

/** What every tool needs: refs read on the configured host, and the report use-case over the store. */
type ToolContext = {
  deps: McpToolDeps;
  parse: (input: string) => IssueRef;
  reportOn: (ref: IssueRef, depth?: number) => Promise<Report>;
};

const reportJson = (report: Report) => JSON.parse(renderJson(report)) as Record<string, unknown>;

export function registerTools(server: McpServer, deps: McpToolDeps): void {
  const context: ToolContext = {
    deps,
    parse: (input) => parseIssueRef(input, [deps.webHost]),
    reportOn: async (r, depth = 1) =>
      (await buildReport(r, { depth, cache: deps.cache }, { source: deps.source, now: deps.now, store: deps.store }))
        .report,
  };
  // Listed to clients in this order.
  registerIssueTools(server, context);
  registerReportPartTools(server, context);
}

/** The report of an issue, and the stored issues like it (similar, search by error text). */
function registerIssueTools(server: McpServer, { deps, parse, reportOn }: ToolContext): void {
  server.registerTool(
    "report",
    {
      title: "Issue report",
      description:
        "Fetch a GitHub issue with its comments, timeline and links; return the structured report (error, links, fix and release, how-to-fix sections with citations).",
      inputSchema: inputSchemas.report,
      outputSchema: reportSchema.shape,
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    guarded(async ({ ref: input, format, depth }) => {
      const report = await reportOn(parse(input), depth);
      const json = reportJson(report);
      return structured(json, format === "json" ? JSON.stringify(json, null, 2) : renderMarkdown(report));
    }),
  );

  server.registerTool(
    "similar",
    {
      title: "Similar issues",
      description: "Stored issues with the same error or similar text, best first, with a score in [0, 1] and why.",
      inputSchema: inputSchemas.similar,
      outputSchema: answerSchema,
      annotations: { readOnlyHint: true },
    },
    guarded(async ({ ref: input, limit: n, allRepos }) => {
      const r = parse(input);
      await reportOn(r); // indexes the thread when it is not stored yet
      const answer = await similar(deps.store, r, { limit: n ?? 10, allRepos: allRepos ?? false });
      return structured({ ...answer, results: answer.results.map(({ issueRef: _ref, ...documented }) => documented) });
    }),
  );

  server.registerTool(
    "search",
    {
      title: "Search by error text",
      description: "Search stored issues by a pasted error message or keywords.",
      inputSchema: inputSchemas.search,
      outputSchema: answerSchema,
      annotations: { readOnlyHint: true },
    },
    guarded(async ({ text, repo, limit: n }) => {
      const answer = await search(deps.store, text, {
        limit: n ?? 10,
        ...(repo ? { repo: parseRepoArg(repo, [deps.webHost]) } : {}),
      });
      return structured({ ...answer, results: answer.results.map(({ issueRef: _ref, ...documented }) => documented) });
    }),
  );
}

/** One part of an issue's report on its own: the same error elsewhere, the fix status. */
function registerReportPartTools(server: McpServer, { parse, reportOn }: ToolContext): void {
  server.registerTool(
    "same_error",
    {
      title: "Same error elsewhere",
      description:
        "Other stored issues with the same normalised error, those fixed or worked around, and likely duplicates.",
      inputSchema: inputSchemas.same_error,
      outputSchema: sameErrorSchema.shape,
      annotations: { readOnlyHint: true },
    },
    guarded(async ({ ref: input }) => {
      // The report's own same-error part, computed once with it (core/use-cases/similar.ts).
      const report = await reportOn(parse(input));
      const none = { signature: null, count: 0, fixedOrWorkaround: [], likelyDuplicates: [] };
      return structured({ ...(report.sameError ?? none) });
    }),
  );

  server.registerTool(
    "fix_status",
    {
      title: "Fix status",
      description:
        "Whether a fix was merged for the issue, by which pull request, and the first release that contains it.",
      inputSchema: inputSchemas.fix_status,
      outputSchema: fixStatusSchema,
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    guarded(async ({ ref: input }) => {
      const report = await reportOn(parse(input));
      const firstRelease = report.fix.pulls.find((p) => p.releasedIn)?.releasedIn ?? null;
      const json = reportJson(report);
      return structured({
        ref: report.ref,
        url: report.url,
        title: report.title,
        state: report.state,
        stateReason: report.stateReason,
        fix: json.fix,
        firstRelease,
      });
    }),
  );
}
