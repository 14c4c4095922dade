// Cross-site request checks for state-changing requests. Browsers send Sec-Fetch-Site and Origin
// on POSTs; a request that says it comes from another site is refused. Requests with neither
// header come from non-browser clients, which cannot ride on a visitor's cookies.

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

export function checkSameOrigin(
  headers: { origin: string | undefined; secFetchSite: string | undefined },
  expectedOrigins: readonly string[],
): OriginVerdict {
  const site = headers.secFetchSite?.toLowerCase();
  if (site !== undefined && site !== "same-origin") {
    return { ok: false, reason: `Sec-Fetch-Site is ${site}` };
  }
  if (headers.origin !== undefined) {
    const origin = headers.origin.toLowerCase();
    if (!expectedOrigins.some((o) => o.toLowerCase() === origin)) {
      return { ok: false, reason: `Origin ${headers.origin.slice(0, 100)} is not this site` };
    }
  }
  return { ok: true };
}
