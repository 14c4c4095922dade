export {
  createGitHubClient,
  type GitHubClient,
  type GitHubClientOptions,
  type ThreadFetch,
  type ThreadFetchMeta,
} from "./client.js";
export type { IssueListItem, IssuesPage, ListIssuesOptions } from "./issues-page.js";
export type { FirstRelease, RepoRef } from "./releases.js";
export { restVisible } from "./rest-visible.js";
export type { Logger, RateLimitWait, RequestCounts } from "./transport.js";
export { DEFAULT_API_URL, webHostForApiUrl } from "./web-host.js";
