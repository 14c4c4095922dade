// The one connection helper: GitHub's pagination rules (first/last required when nodes or edges are
// selected, at most 100), opaque base64 cursors over list positions, pageInfo and totalCount.
import { type FieldNode, GraphQLError, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

export type ConnectionArgs = {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  skip?: number | null;
};

export const MAX_PAGE = 100;

/** A GraphQL error with GitHub's `type` (flattened to the top level of the error by the handler). */
export function githubError(type: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type } });
}

export const encodeCursor = (index: number): string => Buffer.from(`cursor:v2:${index}`).toString("base64");

export function decodeCursor(cursor: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (match === null)
    throw githubError("INVALID_CURSOR_ARGUMENTS", `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(match[1]);
}

/** Whether the query selects `nodes` or `edges` under this field (fragments included). */
export function selectsItems(info: GraphQLResolveInfo): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === "Field" && (selection.name.value === "nodes" || selection.name.value === "edges"))
        return true;
      if (selection.kind === "InlineFragment" && visit(selection.selectionSet)) return true;
      if (selection.kind === "FragmentSpread" && visit(info.fragments[selection.name.value]?.selectionSet)) return true;
    }
    return false;
  };
  return info.fieldNodes.some((node: FieldNode) => visit(node.selectionSet));
}

/** Checks GitHub's bounds; throws the error GitHub reports at this field's path. */
export function checkPaginationArgs(args: ConnectionArgs, fieldName: string, needsBounds: boolean): void {
  const { first, last } = args;
  if (first != null && last != null)
    throw githubError(
      "ARGUMENT_LIMIT",
      `Passing both \`first\` and \`last\` to paginate the \`${fieldName}\` connection is not supported.`,
    );
  if (needsBounds && first == null && last == null)
    throw githubError(
      "MISSING_PAGINATION_BOUNDARIES",
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${fieldName}\` connection.`,
    );
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value == null) continue;
    if (value > MAX_PAGE)
      throw githubError(
        "EXCESSIVE_PAGINATION",
        `Requesting ${value} records on the \`${fieldName}\` connection exceeds the \`${name}\` limit of ${MAX_PAGE} records.`,
      );
    if (value < 0)
      throw githubError(
        "INVALID_PAGINATION",
        `\`${name}\` on the \`${fieldName}\` connection cannot be less than zero.`,
      );
  }
}

export type Connection<N> = {
  totalCount: number;
  filteredCount: number;
  pageCount: number;
  nodes: () => N[];
  edges: () => { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};

/** Pages `items` (already filtered and ordered); nodes are built only for the page. */
export function connection<T, N>(
  items: readonly T[],
  args: ConnectionArgs,
  info: GraphQLResolveInfo,
  toNode: (item: T) => N,
  extra: Record<string, unknown> = {},
): Connection<N> & Record<string, unknown> {
  checkPaginationArgs(args, info.fieldName, selectsItems(info));
  let start = args.after ? decodeCursor(args.after) + 1 : 0;
  let end = args.before ? decodeCursor(args.before) : items.length;
  start = Math.min(Math.max(0, start), items.length);
  end = Math.max(start, Math.min(end, items.length));
  const filteredCount = end - start;
  if (args.skip) start = Math.min(end, start + Math.max(0, args.skip));
  if (args.first != null) end = Math.min(end, start + args.first);
  else if (args.last != null) start = Math.max(start, end - args.last);
  let built: N[] | null = null;
  const nodes = (): N[] => {
    built ??= items.slice(start, end).map(toNode);
    return built;
  };
  const empty = end <= start;
  return {
    totalCount: items.length,
    filteredCount,
    pageCount: filteredCount,
    nodes,
    edges: () => nodes().map((node, i) => ({ cursor: encodeCursor(start + i), node })),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: empty ? null : encodeCursor(start),
      endCursor: empty ? null : encodeCursor(end - 1),
    },
    ...extra,
  };
}
