// Test-mode response validation against the committed extract of GitHub's OpenAPI schemas
// (schemas/github-rest.json, made by scripts/extract-schemas.ts). Timeline and event items are checked
// against the schema their `event` names: the spec's anyOf without discriminator accepts almost anything.
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import formatsPlugin from "ajv-formats";
import { projectPath } from "../src/project-paths.js";
import type { BodySchema } from "./rest/router.js";

const timelineSchemas: Record<string, string> = {
  commented: "timeline-comment-event",
  "cross-referenced": "timeline-cross-referenced-event",
  reviewed: "timeline-reviewed-event",
  committed: "timeline-committed-event",
  labeled: "labeled-issue-event",
  unlabeled: "unlabeled-issue-event",
  renamed: "renamed-issue-event",
  locked: "locked-issue-event",
  assigned: "timeline-assigned-issue-event",
  unassigned: "timeline-unassigned-issue-event",
  milestoned: "milestoned-issue-event",
  demilestoned: "demilestoned-issue-event",
};
const eventSchemas: Record<string, string> = {
  ...timelineSchemas,
  assigned: "assigned-issue-event",
  unassigned: "unassigned-issue-event",
};
/** closed, reopened, connected, marked_as_duplicate, referenced, merged, ...: the common fields. */
const FALLBACK_EVENT_SCHEMA = "state-change-issue-event";

export type ValidationFailure = { method: string; path: string; status: number; errors: string[] };

export class ResponseValidator {
  readonly #ajv: Ajv;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(schemaFile: string | URL = projectPath("standin", "schemas", "github-rest.json")) {
    const doc = JSON.parse(readFileSync(schemaFile, "utf8")) as { components: { schemas: object } };
    this.#ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: its default export arrives as the module object under NodeNext typings.
    const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (
      a: Ajv,
    ) => void;
    addFormats(this.#ajv);
    this.#ajv.addFormat("int64", true);
    this.#ajv.addSchema({ $id: "gh", components: doc.components });
  }

  #validator(name: string): ValidateFunction {
    let fn = this.#compiled.get(name);
    if (fn === undefined) {
      const found = this.#ajv.getSchema(`gh#/components/schemas/${name}`);
      if (found === undefined) throw new Error(`no schema ${name} in the extract; re-run extract-schemas.ts`);
      fn = found;
      this.#compiled.set(name, fn);
    }
    return fn;
  }

  #check(name: string, value: unknown, where: string): string[] {
    const fn = this.#validator(name);
    if (fn(value)) return [];
    return (fn.errors ?? []).slice(0, 10).map((e) => `${where}${e.instancePath} ${e.message ?? "invalid"} (${name})`);
  }

  /** Error messages; empty when the body satisfies the schema. */
  validate(schema: BodySchema, body: unknown): string[] {
    switch (schema.kind) {
      case "none":
        return [];
      case "one":
        return this.#check(schema.name, body, "body");
      case "array":
        return this.#items(body, () => schema.name);
      case "timeline":
        return this.#items(body, (item) => timelineSchemas[eventName(item)] ?? FALLBACK_EVENT_SCHEMA);
      case "events":
        return this.#items(body, (item) => eventSchemas[eventName(item)] ?? FALLBACK_EVENT_SCHEMA);
    }
  }

  #items(body: unknown, pick: (item: unknown) => string): string[] {
    if (!Array.isArray(body)) return ["body is not an array"];
    const errors: string[] = [];
    for (const [i, item] of body.entries()) errors.push(...this.#check(pick(item), item, `body[${i}]`));
    return errors.slice(0, 20);
  }
}

const eventName = (item: unknown): string =>
  typeof item === "object" && item !== null && typeof (item as { event?: unknown }).event === "string"
    ? (item as { event: string }).event
    : "";
