// A fetch for unit tests (DESIGN pattern 10): every request must match a stub, every stub must be
// used exactly once. Unmatched requests are recorded (the client may swallow the thrown error and
// retry), and `verify()` fails on them as well as on unused stubs.

export type StubRequest = {
  method: string;
  /** Path and query, e.g. "/repos/o/r/issues/1/comments?per_page=100". */
  path: string;
  url: string;
  headers: Record<string, string>;
  /** Parsed JSON body (GraphQL). */
  json: { query?: string; operationName?: string; variables?: Record<string, unknown> } | null;
};

export type Stub = {
  method?: string;
  /** Exact path+query, or a RegExp tested against it. */
  path: string | RegExp;
  /** GraphQL only: the operationName the request must carry. */
  operation?: string;
  /** Extra condition, e.g. on variables or headers. */
  when?: (req: StubRequest) => boolean;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** "reset": the connection drops; "hang": no answer until the request is aborted. */
  fail?: "reset" | "hang";
};

export type StubFetch = {
  fetch: typeof fetch;
  requests: StubRequest[];
  /** Throws when a request had no stub or a stub was never used. */
  verify(): void;
};

export function stubFetch(stubs: Stub[]): StubFetch {
  const pending = stubs.map((s) => ({ ...s, used: false }));
  const requests: StubRequest[] = [];
  const unmatched: string[] = [];

  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    const text = typeof init?.body === "string" ? init.body : null;
    const req: StubRequest = {
      method: (init?.method ?? "GET").toUpperCase(),
      path: url.pathname + url.search,
      url: url.href,
      headers,
      json: text ? (JSON.parse(text) as StubRequest["json"]) : null,
    };
    requests.push(req);
    const stub = pending.find(
      (s) =>
        !s.used &&
        (s.method ?? (s.operation ? "POST" : "GET")) === req.method &&
        (typeof s.path === "string" ? s.path === req.path : s.path.test(req.path)) &&
        (s.operation === undefined || s.operation === req.json?.operationName) &&
        (s.when === undefined || s.when(req)),
    );
    if (!stub) {
      unmatched.push(`${req.method} ${req.path}${req.json?.operationName ? ` (${req.json.operationName})` : ""}`);
      throw new Error(`no stub for ${req.method} ${req.path}`);
    }
    stub.used = true;
    if (stub.fail === "reset") throw new TypeError("fetch failed", { cause: new Error("other side closed") });
    if (stub.fail === "hang") {
      return new Promise((_, reject) => {
        const signal = init?.signal;
        const abort = () => reject(Object.assign(new Error("This operation was aborted"), { name: "AbortError" }));
        if (signal?.aborted) abort();
        signal?.addEventListener("abort", abort);
      });
    }
    const status = stub.status ?? 200;
    const nullBody = status === 204 || status === 304 || (status >= 300 && status < 400 && stub.body === undefined);
    return new Response(nullBody ? null : JSON.stringify(stub.body ?? {}), {
      status,
      headers: { "content-type": "application/json; charset=utf-8", ...stub.headers },
    });
  };

  return {
    fetch: fetchImpl as typeof fetch,
    requests,
    verify() {
      const unused = pending
        .filter((s) => !s.used)
        .map((s) => `${s.method ?? "GET"} ${String(s.path)} ${s.operation ?? ""}`);
      if (unmatched.length || unused.length) {
        throw new Error(
          `stub fetch: unmatched requests [${unmatched.join(", ")}]; unused stubs [${unused.join(", ")}]`,
        );
      }
    },
  };
}
