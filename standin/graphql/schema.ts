// GitHub's GraphQL schema from @octokit/graphql-schema (introspection JSON; the SDL has duplicate
// fields and does not build), patched where the published copy is stale.
import { schema as published } from "@octokit/graphql-schema";
import { buildClientSchema, extendSchema, type GraphQLSchema, type IntrospectionQuery, parse } from "graphql";

/** Live GitHub has these (GraphQL changelog 2025-05-22); the npm schema does not yet. */
export const schemaPatch = `
  extend enum IssueStateReason { DUPLICATE }
  extend type Issue { duplicateOf: Issue }
  extend type ClosedEvent { duplicateOf: IssueOrPullRequest }
`;

let cached: GraphQLSchema | null = null;

/** Built once per process (about 100 ms): the schema is immutable. */
export function githubSchema(): GraphQLSchema {
  if (cached === null) {
    const client = buildClientSchema(published.json as IntrospectionQuery);
    cached = extendSchema(client, parse(schemaPatch), { assumeValidSDL: true });
  }
  return cached;
}
