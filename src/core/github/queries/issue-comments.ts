// IssueComments: the next page of a thread's comments (only that connection).
import type { Comment } from "../../thread/types.js";
import { commentFromGraphql } from "../graphql/to-domain.js";
import { type GqlComment, gqlCommentPage, parseWith } from "../schema.js";
import { PAGE_SIZE, withFragments } from "./fragments.js";
import type { PageQuery } from "./paging-types.js";

export const issueCommentsQuery: PageQuery<GqlComment, Comment> = {
  name: "IssueComments",
  query: withFragments(`query IssueComments($owner: String!, $name: String!, $number: Int!, $cursor: String!) {
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue { comments(first: ${PAGE_SIZE}, after: $cursor) { ...CommentPage } }
      ... on PullRequest { comments(first: ${PAGE_SIZE}, after: $cursor) { ...CommentPage } }
    }
  }
}`),
  parse(data, what, scrub) {
    const node = (data as { repository?: { issueOrPullRequest?: { comments?: unknown } | null } | null } | null)
      ?.repository?.issueOrPullRequest;
    if (!node) return null;
    return parseWith(gqlCommentPage, node.comments, what, scrub);
  },
  toDomain(page) {
    return { pageInfo: page.pageInfo, nodes: page.nodes.map(commentFromGraphql) };
  },
};
