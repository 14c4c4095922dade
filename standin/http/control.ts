// The control API for out-of-process users (the launcher): faults, reset, recorded requests.
// Not recorded itself, and not part of GitHub's API.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultSpec } from "../faults.js";
import type { ServerState } from "./server.js";

export function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  raw: string,
  state: ServerState,
): void {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  };
  const route = `${req.method ?? "GET"} ${url.pathname}`;
  try {
    switch (route) {
      case "POST /__control/faults": {
        const parsed = JSON.parse(raw || "null") as FaultSpec | FaultSpec[] | null;
        if (parsed === null || typeof parsed !== "object")
          return void send(400, { message: "expected a fault spec or a list of them" });
        const specs = Array.isArray(parsed) ? parsed : [parsed];
        return void send(201, { applied: specs.map((spec) => state.faults.apply(spec)) });
      }
      case "GET /__control/faults":
        return void send(200, state.faults.pending());
      case "DELETE /__control/faults":
        state.faults.clear();
        return void send(200, { ok: true });
      case "POST /__control/reset":
        state.reset();
        return void send(200, { ok: true });
      case "GET /__control/requests": {
        const since = Number(url.searchParams.get("since") ?? 0);
        return void send(
          200,
          state.requests.filter((r) => r.seq > since),
        );
      }
      case "DELETE /__control/requests":
        state.requests.length = 0;
        return void send(200, { ok: true });
      case "GET /__control/validation":
        return void send(200, state.validationFailures);
      default:
        return void send(404, { message: `unknown control route ${route}` });
    }
  } catch (error) {
    return void send(400, { message: (error as Error).message });
  }
}
