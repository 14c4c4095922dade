// Helpers shared by the stand-in's own tests (not part of the public API).
import { fileURLToPath } from "node:url";
import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";

export const exampleFixtures = fileURLToPath(new URL("../examples/fixtures", import.meta.url));

const GitHub = Octokit.plugin(retry, throttling);

/** The real client stack (core + retry + throttling), with waits shrunk so tests stay fast. */
export function octokitFor(baseUrl: string, options: { auth?: string; retries?: number } = {}) {
  const seen = { rateLimit: 0, secondary: 0 };
  const octokit = new GitHub({
    baseUrl,
    ...(options.auth === undefined ? { auth: "test-token" } : options.auth === "" ? {} : { auth: options.auth }),
    throttle: {
      retryAfterBaseValue: 10,
      fallbackSecondaryRateRetryAfter: 1,
      onRateLimit: (_after: number, _options: unknown, _o: unknown, retryCount: number) => {
        seen.rateLimit++;
        return retryCount < 1;
      },
      onSecondaryRateLimit: (_after: number, _options: unknown, _o: unknown, retryCount: number) => {
        seen.secondary++;
        return retryCount < 2;
      },
    },
    retry: { retryAfterBaseValue: 10, retries: options.retries ?? 3 },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  return { octokit, seen };
}

export async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = "test-token",
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

export async function getJson(url: string, token: string | null = "test-token", headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { ...(token ? { authorization: `token ${token}` } : {}), ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : null };
}
