// Test-mode validation of every REST response against GitHub's whole official OpenAPI description:
// the request is matched to the spec's path template and method, the status to a documented
// response, and the body to that response's JSON schema. Schemas compile lazily, once per
// operation and status. Timeline and event items are also checked against the schema their `event`
// names: the spec's anyOf without a discriminator accepts almost anything.
import { Ajv, type ValidateFunction } from "ajv";
import formatsPlugin from "ajv-formats";
import {
  fixNullable,
  type Json,
  loadOpenApi,
  type MatchedOperation,
  type OpenApiDoc,
  type OpenApiResponse,
  PathMatcher,
} from "./openapi-spec.js";

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
/** Operations whose items get the per-event check on top of the spec's own schema. */
const itemChecks: Record<string, Record<string, string>> = {
  "issues/list-events-for-timeline": timelineSchemas,
  "issues/list-events": eventSchemas,
};
/** What GitHub sends for errors the spec leaves undocumented (rate limits, 5xx on most operations). */
const GENERIC_ERROR_SCHEMA = "basic-error";

export type ValidationFailure = {
  method: string;
  path: string;
  status: number;
  /** The spec operation the request matched (operationId), or null when no path template matched. */
  operation: string | null;
  errors: string[];
};

export type ValidationResult = { operation: string | null; errors: string[] };

/** A spec document, or a function that loads one on first use (the default: @octokit/openapi's). */
export type SpecSource = OpenApiDoc | (() => OpenApiDoc);

type Compiled = { spec: OpenApiDoc; schemas: Json; fast: Ajv; matcher: PathMatcher };

/**
 * One compiled check. `fast` stops at the first error (anyOf stops at its first match): a whole
 * timeline page is checked in milliseconds. Only a failure compiles `detailed`, for every message.
 */
type Check = { fast: ValidateFunction; detailed: () => ValidateFunction | undefined; name: string };

function newAjv(allErrors: boolean, schemas: Json): Ajv {
  // inlineRefs: false compiles each component once and calls it: the timeline's anyOf of 33 event
  // schemas compiles in about half the time, and checks as fast.
  const ajv = new Ajv({ strict: false, allErrors, validateSchema: false, inlineRefs: false });
  // ajv-formats is CommonJS: its default export arrives as the module object under NodeNext typings.
  const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (a: Ajv) => void;
  addFormats(ajv);
  // Formats of OpenAPI or GitHub's own with no JSON Schema meaning: accepted as annotations.
  for (const name of ["int32", "int64", "double", "timestamp", "repo.nwo", "binary"]) ajv.addFormat(name, true);
  ajv.addSchema({ $id: "gh", components: { schemas } });
  return ajv;
}

export class ResponseValidator {
  readonly #source: SpecSource;
  #compiled: Compiled | null = null;
  #detailed: Ajv | null = null;
  readonly #checks = new Map<string, Check | null>();

  constructor(source: SpecSource = () => loadOpenApi()) {
    this.#source = source;
  }

  /** Loads and prepares the spec now (otherwise the first validation does). */
  warm(): this {
    this.#prepare();
    return this;
  }

  #prepare(): Compiled {
    if (this.#compiled) return this.#compiled;
    const spec = typeof this.#source === "function" ? this.#source() : this.#source;
    const schemas = fixNullable((spec.components.schemas ?? {}) as Json);
    this.#compiled = { spec, schemas, fast: newAjv(false, schemas), matcher: new PathMatcher(spec) };
    return this.#compiled;
  }

  #detailedAjv(): Ajv {
    this.#detailed ??= newAjv(true, this.#prepare().schemas);
    return this.#detailed;
  }

  /**
   * Errors (empty when the response is one the spec allows). `path` is without query and without a
   * GHES /api/v3 prefix; the /repositories/{id}/… aliases are checked as /repos/{owner}/{repo}/….
   */
  validate(method: string, path: string, status: number, body: unknown): ValidationResult {
    const { matcher } = this.#prepare();
    const aliased = path.replace(/^\/repositories\/\d+(?=\/|$)/, "/repos/_owner/_repo");
    const matched = matcher.match(method, path) ?? (aliased === path ? null : matcher.match(method, aliased));
    const operation = matched?.operation.operationId ?? null;
    const where = matched ? `${matched.method.toUpperCase()} ${matched.template}` : `${method} ${path}`;
    const errors = this.#check(matched, where, status, body);
    if (errors.length === 0 && matched && operation && itemChecks[operation] && status === 200) {
      errors.push(...this.#items(body, itemChecks[operation]));
    }
    return { operation, errors: errors.slice(0, 20) };
  }

  #check(matched: MatchedOperation | null, where: string, status: number, body: unknown): string[] {
    const response = matched ? this.#response(matched, status) : undefined;
    if (response === undefined) {
      // Errors the spec does not list (a 404 for an unknown route, rate limits, 5xx) are basic-error.
      if (status >= 400) return this.#named(GENERIC_ERROR_SCHEMA, body, "body");
      return [`${where}: status ${status} is not documented${matched ? "" : " (no such route in the spec)"}`];
    }
    const schema = jsonSchemaOf(response);
    if (schema === undefined) {
      return body === null || body === undefined ? [] : [`${where}: status ${status} has no body in the spec`];
    }
    const key = `${where} ${status}`;
    let check = this.#checks.get(key);
    if (!check) {
      const compiled = fixNullable(refsToGh(schema)) as object;
      let detailed: ValidateFunction | undefined;
      check = {
        fast: this.#prepare().fast.compile(compiled),
        detailed: () => {
          detailed ??= this.#detailedAjv().compile(compiled);
          return detailed;
        },
        name: key,
      };
      this.#checks.set(key, check);
    }
    return report(check, body, "body");
  }

  #response(matched: MatchedOperation, status: number): OpenApiResponse | undefined {
    const responses = matched.operation.responses ?? {};
    const found = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (found?.$ref === undefined) return found;
    const name = found.$ref.replace("#/components/responses/", "");
    return this.#prepare().spec.components.responses?.[name];
  }

  #named(name: string, value: unknown, at: string): string[] {
    let check = this.#checks.get(name);
    if (check === undefined) {
      const ref = `gh#/components/schemas/${name}`;
      const fast = this.#prepare().fast.getSchema(ref);
      check = fast ? { fast, detailed: () => this.#detailedAjv().getSchema(ref), name } : null;
      this.#checks.set(name, check);
    }
    if (check === null) return [`no schema ${name} in the spec`];
    return report(check, value, at);
  }

  #items(body: unknown, byEvent: Record<string, string>): string[] {
    if (!Array.isArray(body)) return ["body is not an array"];
    const errors: string[] = [];
    for (const [i, item] of body.entries()) {
      errors.push(...this.#named(byEvent[eventName(item)] ?? FALLBACK_EVENT_SCHEMA, item, `body[${i}]`));
    }
    return errors;
  }
}

function report(check: Check, value: unknown, at: string): string[] {
  if (check.fast(value)) return [];
  const detailed = check.detailed() ?? check.fast;
  detailed(value);
  return (detailed.errors ?? check.fast.errors ?? [])
    .slice(0, 10)
    .map((e) => `${at}${e.instancePath} ${e.message ?? "invalid"} (${check.name})`);
}

/** The JSON schema of a response, from its application/json (or other +json) content. */
function jsonSchemaOf(response: OpenApiResponse): Json | undefined {
  const content = response.content ?? {};
  const key =
    Object.keys(content).find((k) => k === "application/json") ?? Object.keys(content).find((k) => /json/.test(k));
  return key === undefined ? undefined : content[key]?.schema;
}

/** Inline response schemas point at #/components/…; compiled alone, they must point into the "gh" document. */
function refsToGh(node: Json): Json {
  if (Array.isArray(node)) return node.map(refsToGh);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `gh${value}` : refsToGh(value);
  }
  return out;
}

const eventName = (item: unknown): string =>
  typeof item === "object" && item !== null && typeof (item as { event?: unknown }).event === "string"
    ? (item as { event: string }).event
    : "";
