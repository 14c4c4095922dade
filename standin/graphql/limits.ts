// GitHub's query limits, computed before execution from the query and its variables (so it is not
// a graphql-js validation rule, which cannot see variables): the 500,000-node limit and the point
// cost (connection requests / 100, rounded, at least 1), as described in GitHub's rate-limit docs.
import {
  type DocumentNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from "graphql";

export const MAX_NODES = 500_000;

export type QueryCost = {
  nodeCount: number;
  requests: number;
  cost: number;
  dryRun: boolean;
  error: GraphQLError | null;
};

export function analyzeQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): QueryCost {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  let nodeCount = 0;
  let requests = 0;
  let dryRun = false;
  let exceededAt: string | null = null;
  let exceededCount = 0;
  const argValue = (value: ValueNode | undefined): unknown =>
    value ? valueFromASTUntyped(value, variables) : undefined;

  const fieldOf = (parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined =>
    isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;

  const walk = (
    set: SelectionSetNode | undefined,
    parent: GraphQLCompositeType,
    multiplier: number,
    seen: Set<string>,
  ) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, multiplier, seen);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type && isCompositeType(type))
          walk(fragment.selectionSet, type, multiplier, new Set([...seen, fragment.name.value]));
        continue;
      }
      const field = fieldOf(parent, selection.name.value);
      if (field === undefined) continue;
      const args = new Map(selection.arguments?.map((a) => [a.name.value, argValue(a.value)]));
      if (selection.name.value === "rateLimit" && args.get("dryRun") === true) dryRun = true;
      const type = getNamedType(field.type);
      if (!isCompositeType(type)) continue;
      let childMultiplier = multiplier;
      const isConnection = type.name.endsWith("Connection") && field.args.some((a) => a.name === "first");
      if (isConnection) {
        const first = args.get("first");
        const last = args.get("last");
        const size = typeof first === "number" ? first : typeof last === "number" ? last : 0;
        requests += multiplier;
        nodeCount += multiplier * size;
        childMultiplier = multiplier * Math.max(size, 1);
        if (exceededAt === null && nodeCount > MAX_NODES) {
          exceededAt = selection.name.value;
          exceededCount = nodeCount;
        }
      }
      walk(selection.selectionSet, type, childMultiplier, seen);
    }
  };

  const root = operation.operation === "query" ? schema.getQueryType() : schema.getMutationType();
  if (root) walk(operation.selectionSet, root, 1, new Set());
  const cost = Math.max(1, Math.round(requests / 100));
  const error =
    exceededAt === null
      ? null
      : new GraphQLError(
          `By the time this query traverses to the ${exceededAt} connection, it is requesting up to ${exceededCount.toLocaleString("en-US")} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString("en-US")}.`,
          { extensions: { type: "MAX_NODE_LIMIT_EXCEEDED" } },
        );
  return { nodeCount, requests, cost, dryRun, error };
}
