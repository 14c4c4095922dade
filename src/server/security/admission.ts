// Who is asking, for limits that count people rather than requests:
// - the client address is the socket's, unless the socket is a listed proxy (--trust-proxy): then
//   X-Forwarded-For is read from the right, skipping listed proxies, and the first other address
//   is the client (anything further left was written by the client and proves nothing);
// - IPv6 addresses are grouped by /64 (one subscriber usually holds a whole /64), IPv4-mapped IPv6
//   counts as the IPv4 address.
import { BlockList, isIP } from "node:net";

export type TrustedProxies = { has(address: string): boolean };

/** A list of addresses and CIDR ranges ("10.0.0.0/8", "::1"); a UsageError-free parse for the CLI to check first. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", bits] = entry.trim().split("/");
    const family = isIP(address);
    if (family === 0) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return {
    has(address) {
      const plain = unmapped(address);
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 6 ? "ipv6" : "ipv4");
    },
  };
}

/** Checks a --trust-proxy entry: an IP address or a CIDR range. */
export function isProxyEntry(entry: string): boolean {
  const [address = "", bits, extra] = entry.trim().split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 6 ? 128 : 32);
}

/** The client's address: the socket's, or from X-Forwarded-For when the socket is a trusted proxy. */
export function clientAddress(
  socketAddress: string | null | undefined,
  forwardedFor: string | null | undefined,
  proxies: TrustedProxies | null,
): string | null {
  if (!socketAddress) return null;
  if (!proxies?.has(socketAddress) || !forwardedFor) return socketAddress;
  const hops = forwardedFor.split(",").slice(-32);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = stripPort((hops[i] ?? "").trim());
    if (isIP(unmapped(hop)) === 0) return socketAddress;
    if (!proxies.has(hop)) return hop;
  }
  return socketAddress;
}

/** The key limits use: an IPv4 address, or the /64 of an IPv6 address. */
export function addressGroup(address: string): string {
  const plain = unmapped(address);
  if (isIP(plain) !== 6) return plain;
  const groups = expandIpv6(plain);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : plain;
}

function unmapped(address: string): string {
  const noZone = address.replace(/%.*$/, "");
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(noZone);
  return m?.[1] ?? noZone;
}

function stripPort(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed?.[1]) return bracketed[1];
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return v4?.[1] ?? hop;
}

/** Eight 4-digit lower-case groups, or null. */
function expandIpv6(address: string): string[] | null {
  let text = address.toLowerCase();
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return null;
  return [...left, ...Array(Math.max(0, missing)).fill("0"), ...right].map((g) => g.padStart(4, "0"));
}
