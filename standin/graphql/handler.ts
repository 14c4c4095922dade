// POST /graphql: parse, validate against GitHub's schema, enforce GitHub's limits, charge points,
// execute against the world, and shape errors the way GitHub does ({type, path, locations, message}).
import {
  type DocumentNode,
  execute,
  type GraphQLError,
  type GraphQLFormattedError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import type { Caller, RateLimits, RateState } from "../rate-limits.js";
import type { World } from "../world.js";
import { analyzeQuery } from "./limits.js";
import { GraphQLNodes } from "./resolvers.js";
import { githubSchema } from "./schema.js";

export type GraphQLResult = {
  status: number;
  body: unknown;
  operationName: string | null;
  /** Rate state to report in headers (resource graphql); null for 401. */
  rate: RateState | null;
};

export type GraphQLRequestEnv = {
  world: World;
  htmlBase: string;
  caller: Caller;
  rates: RateLimits;
  clock: () => number;
};

type GitHubError = {
  type?: string;
  path?: readonly (string | number)[];
  locations?: unknown;
  message: string;
} & Record<string, unknown>;

/** GitHub puts `type` at the top level of each error and has no `extensions` for it. */
export function formatError(error: GraphQLError): GitHubError {
  const formatted: GraphQLFormattedError = error.toJSON();
  const type = formatted.extensions?.type;
  const out: GitHubError = { message: formatted.message };
  if (typeof type === "string") {
    const { type: _t, ...rest } = formatted.extensions ?? {};
    return {
      type,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      message: formatted.message,
      ...(Object.keys(rest).length > 0 ? { extensions: rest } : {}),
    };
  }
  // graphql-js says `Cannot query field "x" on type "Y".`; GitHub says `Field 'x' doesn't exist on type 'Y'`.
  const undefinedField = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(formatted.message);
  if (undefinedField) {
    out.message = `Field '${undefinedField[1]}' doesn't exist on type '${undefinedField[2]}'`;
    out.extensions = { code: "undefinedField", typeName: undefinedField[2], fieldName: undefinedField[1] };
  }
  if (formatted.path) out.path = formatted.path;
  if (formatted.locations) out.locations = formatted.locations;
  return out;
}

const ok = (body: unknown, operationName: string | null, rate: RateState | null): GraphQLResult => ({
  status: 200,
  body,
  operationName,
  rate,
});

export async function handleGraphQL(raw: string, env: GraphQLRequestEnv): Promise<GraphQLResult> {
  const { caller, rates } = env;
  if (!caller.authenticated)
    return {
      status: 401,
      body: {
        message: "This endpoint requires you to be authenticated.",
        documentation_url:
          "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql",
      },
      operationName: null,
      rate: null,
    };
  let request: { query?: unknown; variables?: unknown; operationName?: unknown };
  try {
    request = JSON.parse(raw) as typeof request;
  } catch {
    return {
      status: 400,
      body: { message: "Problems parsing JSON", documentation_url: "https://docs.github.com/graphql" },
      operationName: null,
      rate: rates.state(caller, "graphql"),
    };
  }
  const named = typeof request.operationName === "string" ? request.operationName : null;
  const variables = (
    typeof request.variables === "object" && request.variables !== null ? request.variables : {}
  ) as Record<string, unknown>;
  if (typeof request.query !== "string")
    return ok(
      { errors: [{ message: "A query attribute must be specified and must be a string." }] },
      named,
      rates.state(caller, "graphql"),
    );

  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return ok({ errors: [formatError(error as GraphQLError)] }, named, rates.state(caller, "graphql"));
  }
  const operation = getOperationAST(document, named);
  const operationName = named ?? operation?.name?.value ?? null;
  const schema = githubSchema();
  const invalid = validate(schema, document, specifiedRules);
  if (invalid.length > 0)
    return ok({ errors: invalid.map(formatError) }, operationName, rates.state(caller, "graphql"));
  if (operation === null || operation === undefined)
    return ok(
      { errors: [{ message: "An operation name is required" }] },
      operationName,
      rates.state(caller, "graphql"),
    );

  const cost = analyzeQuery(schema, document, operation, variables);
  if (cost.error) return ok({ errors: [formatError(cost.error)] }, operationName, rates.state(caller, "graphql"));
  if (!cost.dryRun && !rates.charge(caller, "graphql", cost.cost)) {
    return ok(
      { errors: [{ type: "RATE_LIMITED", message: `API rate limit exceeded for user ID ${caller.userId}.` }] },
      operationName,
      rates.state(caller, "graphql"),
    );
  }
  const nodes = new GraphQLNodes({
    world: env.world,
    htmlBase: env.htmlBase,
    rateLimit: () => {
      const state = rates.state(caller, "graphql");
      return {
        cost: cost.cost,
        limit: state.limit,
        remaining: state.remaining,
        used: state.used,
        resetAt: new Date(state.reset * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
        nodeCount: cost.nodeCount,
      };
    },
  });
  const result = await execute({
    schema,
    document,
    rootValue: nodes.root(),
    variableValues: variables,
    operationName: operationName ?? undefined,
  });
  const body: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors && result.errors.length > 0) body.errors = result.errors.map(formatError);
  return ok(body, operationName, rates.state(caller, "graphql"));
}
