// GitHub's official OpenAPI description (@octokit/openapi, a dev dependency) as the stand-in's test-mode
// contract: loaded once per process on first use (13 MB of JSON, about 1 s with its preparation), OpenAPI 3.0
// `nullable` rewritten to JSON Schema for ajv, and a request path matched to the spec's path template.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type OpenApiResponse = { description?: string; content?: Record<string, { schema?: Json }>; $ref?: string };
export type OpenApiOperation = { operationId?: string; responses?: Record<string, OpenApiResponse> };
export type OpenApiDoc = {
  info?: { version?: string };
  paths: Record<string, Record<string, OpenApiOperation | Json>>;
  components: { schemas?: Record<string, Json>; responses?: Record<string, OpenApiResponse> };
};

const OPENAPI_FILE = "@octokit/openapi/generated/api.github.com.json";

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** OpenAPI 3.0 `nullable: true` to JSON Schema (`type: [t, "null"]`, or `anyOf` without a type); drops examples. */
export function fixNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(fixNullable);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "nullable" || key.startsWith("x-") || key === "example" || key === "examples") continue;
    out[key] = fixNullable(value);
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

const loaded = new Map<string, OpenApiDoc>();

/**
 * The api.github.com description (or another file of the same form), parsed once per process: the
 * spec never changes while tests run, and every stand-in in a test file shares it.
 */
export function loadOpenApi(file?: string): OpenApiDoc {
  const path = file ?? createRequire(import.meta.url).resolve(OPENAPI_FILE);
  let doc = loaded.get(path);
  if (doc === undefined) {
    doc = JSON.parse(readFileSync(path, "utf8")) as OpenApiDoc;
    loaded.set(path, doc);
  }
  return doc;
}

export type MatchedOperation = {
  /** The spec's path template, e.g. /repos/{owner}/{repo}/issues/{issue_number}. */
  template: string;
  method: string;
  operation: OpenApiOperation;
};

type Template = { template: string; segments: (string | null)[] };

/** Literal segments beat parameters, earlier segments first: /issues/comments/{id} before /issues/{n}/… */
function moreSpecific(a: Template, b: Template): number {
  for (let i = 0; i < a.segments.length; i++) {
    const x = a.segments[i] !== null;
    const y = b.segments[i] !== null;
    if (x !== y) return x ? -1 : 1;
  }
  return 0;
}

/** Matches concrete request paths to the spec's templates. */
export class PathMatcher {
  readonly #byLength = new Map<number, Template[]>();
  readonly #doc: OpenApiDoc;

  constructor(doc: OpenApiDoc) {
    this.#doc = doc;
    for (const template of Object.keys(doc.paths)) {
      const segments = template
        .split("/")
        .slice(1)
        .map((s) => (/^\{[^}]+\}$/.test(s) ? null : s));
      const list = this.#byLength.get(segments.length) ?? [];
      list.push({ template, segments });
      this.#byLength.set(segments.length, list);
    }
    for (const list of this.#byLength.values()) list.sort(moreSpecific);
  }

  /** `path` without the query and without a GHES /api/v3 prefix. HEAD is matched as GET. */
  match(method: string, path: string): MatchedOperation | null {
    const verb = method.toLowerCase() === "head" ? "get" : method.toLowerCase();
    const segments = path === "/" ? [""] : path.replace(/\/+$/, "").split("/").slice(1);
    for (const candidate of this.#byLength.get(segments.length) ?? []) {
      if (!candidate.segments.every((s, i) => (s === null ? segments[i] !== "" : s === segments[i]))) continue;
      const operation = this.#doc.paths[candidate.template]?.[verb];
      if (isObject(operation as Json))
        return { template: candidate.template, method: verb, operation: operation as OpenApiOperation };
    }
    return null;
  }
}
