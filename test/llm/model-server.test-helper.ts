// A local stand-in for a model API, for tests: node:http on 127.0.0.1 with an ephemeral port. It
// answers OpenAI-compatible POST /v1/chat/completions and Anthropic POST /v1/messages with
// whatever the test scripts (good, hallucinating, malformed, slow, failing), and records requests.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type Recorded = { method: string; path: string; headers: IncomingHttpHeaders; body: unknown };

/** What to answer: the model's content (string for OpenAI, tool input for Anthropic), or a raw HTTP reply. */
export type Script =
  | { kind: "answer"; content: unknown; delayMs?: number }
  | { kind: "http"; status: number; body: string; delayMs?: number };

export type ModelServer = {
  url: string;
  requests: Recorded[];
  next(script: Script): void;
  close(): Promise<void>;
};

export async function startModelServer(): Promise<ModelServer> {
  const requests: Recorded[] = [];
  let script: Script = { kind: "http", status: 500, body: '{"error":{"message":"no script"}}' };
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => {
      raw += c;
    });
    req.on("end", () => {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // keep the text
      }
      const path = req.url ?? "/";
      requests.push({ method: req.method ?? "GET", path, headers: req.headers, body });
      const s = script;
      const reply = () => {
        if (res.destroyed) return;
        if (s.kind === "http") {
          res.writeHead(s.status, { "content-type": "application/json" }).end(s.body);
          return;
        }
        const payload =
          path === "/v1/messages"
            ? {
                id: "msg_1",
                type: "message",
                role: "assistant",
                content: [{ type: "tool_use", id: "tu_1", name: "write_sections", input: s.content }],
                stop_reason: "tool_use",
              }
            : {
                id: "chatcmpl-1",
                object: "chat.completion",
                choices: [{ index: 0, message: { role: "assistant", content: s.content }, finish_reason: "stop" }],
              };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
      };
      if (s.delayMs) setTimeout(reply, s.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    next(s) {
      script = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
