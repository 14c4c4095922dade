// The two untyped modules the fixtures-server test mounts: only what it uses.
declare module "@octokit/fixtures-server" {
  import type { RequestListener } from "node:http";
  export default function fixturesServer(options: {
    fixturesUrl: string;
    logLevel?: "debug" | "info" | "warn" | "error" | "silent";
    ttl?: number;
    fixtures: Record<string, unknown[]>;
  }): RequestListener;
}
declare module "express" {
  import type { RequestListener } from "node:http";

  type App = RequestListener & { use(handler: RequestListener): App };
  export default function express(): App;
}
