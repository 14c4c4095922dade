// GitHub's own recorded traffic (@octokit/fixtures) as an injected fetch: each scenario's exchanges are
// answered in the order they were recorded, with the recorded status, headers and body, so the real
// client (transport, paging, error mapping) runs against what api.github.com actually sent.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** One request/response pair as @octokit/fixtures stores it (normalized-fixture.json). */
export type RecordedExchange = {
  scope: string;
  method: string;
  path: string;
  status: number;
  response: unknown;
  headers: Record<string, string | number>;
  reqheaders: Record<string, string>;
  responseIsBinary?: boolean;
};

const scenariosDir = join(
  dirname(createRequire(import.meta.url).resolve("@octokit/fixtures/package.json")),
  "scenarios",
  "api.github.com",
);

/** Every recorded api.github.com scenario in the installed @octokit/fixtures. */
export const scenarioNames = (): string[] => readdirSync(scenariosDir).sort();

export function loadScenario(name: string): RecordedExchange[] {
  return JSON.parse(readFileSync(join(scenariosDir, name, "normalized-fixture.json"), "utf8")) as RecordedExchange[];
}

/** The absolute URL of a recorded request, e.g. https://api.github.com/repositories/1000/issues?page=2. */
export const urlOf = (x: RecordedExchange): string => `${x.scope.replace(/:443$/, "")}${x.path}`;

/** Octokit drops a trailing slash of the path (…/git/refs/ is sent as …/git/refs); GitHub serves both alike. */
const sameUrl = (a: string, b: string): boolean => {
  const strip = (u: string) => u.replace(/\/+(?=\?|$)/, "");
  return strip(a) === strip(b);
};

export type SentRequest = { method: string; url: string; headers: Record<string, string>; answer: number | null };

export type Replay = {
  fetch: typeof fetch;
  /** Every request the client sent, with the recorded status it got (null: nothing recorded for it). */
  sent: SentRequest[];
  /** Recorded exchanges not requested yet. */
  pending(): RecordedExchange[];
};

// Hop-by-hop or length headers that no longer fit the (normalized) body.
const DROPPED_HEADERS = new Set(["content-length", "connection", "transfer-encoding"]);

function responseOf(x: RecordedExchange, notModified: boolean): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(x.headers)) {
    if (!DROPPED_HEADERS.has(name)) headers.set(name, String(value));
  }
  if (notModified || x.status === 204 || x.status === 304)
    return new Response(null, { status: notModified ? 304 : x.status, headers });
  const body = x.responseIsBinary
    ? Buffer.from(String(x.response), "hex")
    : typeof x.response === "string"
      ? x.response
      : JSON.stringify(x.response);
  return new Response(body, { status: x.status, headers });
}

/**
 * Answers the exchanges in recorded order. A request repeated right after (a retry) gets the same
 * answer, as GitHub would give it. A request that carries `if-none-match` with the etag recorded for
 * that URL is answered 304 with the recorded headers and no body: what GitHub documents for an
 * unchanged resource (the recordings themselves hold no 304). Anything else is not answered: the
 * fetch fails like a dropped connection, and the request is kept with `answer: null`.
 */
export function replayFetch(exchanges: readonly RecordedExchange[]): Replay {
  let cursor = 0;
  let last: RecordedExchange | null = null;
  const served: RecordedExchange[] = [];
  const sent: SentRequest[] = [];

  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? "GET").toUpperCase();
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const request: SentRequest = { method, url, headers, answer: null };
    sent.push(request);
    const same = (x: RecordedExchange | null | undefined) =>
      x !== null && x !== undefined && x.method.toUpperCase() === method && sameUrl(urlOf(x), url);
    const ifNoneMatch = headers["if-none-match"];
    if (ifNoneMatch) {
      const known = served.find((x) => same(x) && x.headers.etag === ifNoneMatch);
      if (known) {
        request.answer = 304;
        return responseOf(known, true);
      }
    }
    const next = exchanges[cursor];
    const x = same(next) ? next : same(last) ? last : null;
    if (x === null || x === undefined) throw new TypeError(`fetch failed: nothing recorded for ${method} ${url}`);
    if (x === next) cursor++;
    last = x;
    served.push(x);
    request.answer = x.status;
    return responseOf(x, false);
  };
  return { fetch: fetchImpl as typeof fetch, sent, pending: () => exchanges.slice(cursor) };
}
