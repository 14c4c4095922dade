// IssueComments: the next page of a thread's comments (only that connection).
import type { Comment } from "../../thread/types.js";
import { commentFromGraphql } from "../graphql/to-domain.js";
import { type GqlComment, gqlCommentPage } from "../schema.js";
import { PAGE_SIZE } from "./fragments.js";
import { type PageQuery, threadConnectionQuery } from "./paging-types.js";

export const issueCommentsQuery: PageQuery<GqlComment, Comment> = threadConnectionQuery({
  name: "IssueComments",
  field: "comments",
  onIssue: { args: `first: ${PAGE_SIZE}`, fragment: "CommentPage" },
  onPull: { args: `first: ${PAGE_SIZE}`, fragment: "CommentPage" },
  page: gqlCommentPage,
  toDomain: (nodes) => nodes.map(commentFromGraphql),
});
