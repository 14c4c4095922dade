// Child process of bench/serve.ts, so the server under load has a core of its own and autocannon
// another. Argument: JSON, either { mode: "app", config: ServeConfig } (the real `issuegraph serve`
// composition: serveCommand) or { mode: "plain", routes } (a bare node:http server answering each
// path with fixed headers and the bytes of a file: the baseline). Prints the base URL.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type ServeConfig, serveCommand } from "../src/server/node.js";
import { serveUntilTerminated } from "./proc.js";

export type PlainRoute = { headers: Record<string, string>; bodyFile: string };
export type ChildServeArg =
  | { mode: "app"; config: ServeConfig }
  | { mode: "plain"; routes: Record<string, PlainRoute> };

const arg = JSON.parse(process.argv[2] ?? "{}") as ChildServeArg;
if (arg.mode === "app") {
  const running = await serveCommand(arg.config);
  serveUntilTerminated(running.url, () => running.close());
} else {
  const routes = new Map(
    Object.entries(arg.routes).map(([path, r]) => {
      const body = readFileSync(r.bodyFile);
      return [path, { headers: { ...r.headers, "content-length": String(body.length) }, body }];
    }),
  );
  const server = createServer((req, res) => {
    const route = routes.get(req.url ?? "");
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, route.headers).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  serveUntilTerminated(`http://127.0.0.1:${port}`, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
}
