// The control API for out-of-process users (the launcher): faults, reset, recorded requests.
// Not recorded itself, and not part of GitHub's API.
import { Hono } from "hono";
import type { FaultSpec } from "../faults.js";
import type { ServerState } from "./server.js";

const ok = { ok: true };
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
// A fresh headers object each time: @hono/node-server adds content-length to the one it is given.
const send = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { ...JSON_TYPE } });

/** Mounted at /__control; answers every path below it (404 for unknown ones). */
export function controlRoutes(state: ServerState): Hono {
  const app = new Hono();
  app.post("/faults", async (c) => {
    const raw = await c.req.text();
    try {
      const parsed = JSON.parse(raw || "null") as FaultSpec | FaultSpec[] | null;
      if (parsed === null || typeof parsed !== "object") {
        return send({ message: "expected a fault spec or a list of them" }, 400);
      }
      const specs = Array.isArray(parsed) ? parsed : [parsed];
      return send({ applied: specs.map((spec) => state.faults.apply(spec)) }, 201);
    } catch (error) {
      return send({ message: (error as Error).message }, 400);
    }
  });
  app.get("/faults", () => send(state.faults.pending()));
  app.delete("/faults", () => {
    state.faults.clear();
    return send(ok);
  });
  app.post("/reset", () => {
    state.reset();
    return send(ok);
  });
  app.get("/requests", (c) => {
    const since = Number(c.req.query("since") ?? 0);
    return send(state.requests.filter((r) => r.seq > since));
  });
  app.delete("/requests", () => {
    state.requests.length = 0;
    return send(ok);
  });
  app.get("/validation", () => send(state.validationFailures));
  app.all("*", (c) => send({ message: `unknown control route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  return app;
}
