// Extracts the small closure of GitHub REST component schemas the stand-in validates against, from
// @octokit/openapi (385 MB, installed OUTSIDE the project), and rewrites OpenAPI 3.0 `nullable` into
// JSON Schema so ajv 8 accepts it. Usage:
//   npx tsx standin/scripts/extract-schemas.ts /tmp/oas/node_modules/@octokit/openapi/generated/api.github.com.json
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The schemas the stand-in's REST renderers must satisfy (their $ref closure is pulled in too). */
export const rootSchemas = [
  "issue",
  "issue-comment",
  "timeline-issue-events",
  "issue-event-for-issue",
  "state-change-issue-event",
  "reaction",
  "pull-request",
  "basic-error",
  "rate-limit-overview",
  "simple-user",
  "repository",
  "full-repository",
  "release",
  "commit-comparison",
  "commit",
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every component schema name referenced (transitively) from the roots. */
export function closure(schemas: Record<string, Json>, roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (seen.has(name)) continue;
    const schema = schemas[name];
    if (schema === undefined) throw new Error(`schema ${name} is not in the OpenAPI description`);
    seen.add(name);
    const walk = (node: Json): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (isObject(node)) {
        const ref = node.$ref;
        if (typeof ref === "string") stack.push(ref.replace("#/components/schemas/", ""));
        for (const value of Object.values(node)) walk(value);
      }
    };
    walk(schema);
  }
  return [...seen].sort();
}

/** OpenAPI 3.0 `nullable: true` to JSON Schema: `type: [t, "null"]`, or `anyOf` when there is no type. */
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

function main(source: string): void {
  const spec = JSON.parse(readFileSync(source, "utf8")) as { info: { version: string }; components: JsonObject };
  const schemas = spec.components.schemas as Record<string, Json>;
  const names = closure(schemas, rootSchemas);
  const picked: Record<string, Json> = {};
  for (const name of names) picked[name] = fixNullable(schemas[name] as Json);
  const here = dirname(fileURLToPath(import.meta.url));
  const target = join(here, "..", "schemas", "github-rest.json");
  const pkg = JSON.parse(readFileSync(join(dirname(source), "..", "package.json"), "utf8")) as { version: string };
  const doc = {
    $comment: `Extracted from @octokit/openapi@${pkg.version} generated/api.github.com.json (spec ${spec.info.version}) by standin/scripts/extract-schemas.ts; nullable rewritten for ajv.`,
    components: { schemas: picked },
  };
  writeFileSync(target, `${JSON.stringify(doc)}\n`);
  console.log(`wrote ${names.length} schemas to ${target}`);
}

const source = process.argv[2];
if (source !== undefined && import.meta.url === `file://${process.argv[1]}`) main(source);
else if (source === undefined && import.meta.url === `file://${process.argv[1]}`) {
  console.error("usage: tsx standin/scripts/extract-schemas.ts <path to api.github.com.json>");
  process.exit(2);
}
