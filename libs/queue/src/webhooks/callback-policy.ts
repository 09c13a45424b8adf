import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Addresses a callback must not reach unless explicitly allowed. IPv4 and IPv6 are kept in
// separate lists and checked only against their own family: an IPv6 rule such as ::ffff:0:0/96
// in a mixed BlockList matches every IPv4 address, which once refused every public host.
const INTERNAL_V4 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  INTERNAL_V4.addSubnet(network, prefix, 'ipv4');
}
const INTERNAL_V6 = new BlockList();
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback ::1, and IPv4-compatible ::a.b.c.d (e.g. ::7f00:1)
  ['64:ff9b::', 96], // NAT64: reaches any IPv4 address through a translator
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo (tunnels to an IPv4 address)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (tunnels to an IPv4 address)
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed on some networks)
  ['ff00::', 8], // multicast
] as const) {
  INTERNAL_V6.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d, ::ffff:7f00:1, …), else null. */
export function unmapIpv4(address: string): string | null {
  if (isIP(address) !== 6) return null;
  // The URL parser writes IPv6 in its canonical form (RFC 5952): a mapped address always
  // becomes [::ffff:hhhh:hhhh], whichever of its spellings was given.
  let canonical: string;
  try {
    canonical = new URL(`http://[${address}]/`).hostname;
  } catch {
    return null;
  }
  const match = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(canonical);
  if (!match?.[1] || !match[2]) return null;
  const high = parseInt(match[1], 16);
  const low = parseInt(match[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether an address (v4 or v6, after unmapping) is loopback, private, link-local or otherwise internal. */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return INTERNAL_V4.check(bare, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse
  const mapped = unmapIpv4(bare);
  if (mapped) return INTERNAL_V4.check(mapped, 'ipv4');
  return INTERNAL_V6.check(bare, 'ipv6');
}

export class CallbackNotAllowedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CallbackNotAllowedError';
  }
}

export interface CallbackPolicy {
  allowedHosts: readonly string[];
  /** Allow loopback, private and link-local addresses (on-premise intake). */
  allowPrivate: boolean;
  /** Allow plain-http callbacks (development mode or CALLBACK_ALLOW_HTTP=true); https otherwise. */
  allowHttp: boolean;
}

/** Every address a host name resolves to (injected in tests). */
export type Resolver = (host: string) => Promise<string[]>;

/** Nest token for a Resolver other than the system's DNS (tests). */
export const CALLBACK_RESOLVER = Symbol('CALLBACK_RESOLVER');

const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** The allow-list check, done when a verification is created (no DNS). */
export function isCallbackHostAllowed(url: string, allowedHosts: readonly string[], options: { allowHttp?: boolean } = {}): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const allowHttp = options.allowHttp ?? true;
  if (parsed.protocol !== 'https:' && !(allowHttp && parsed.protocol === 'http:')) return false;
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  return allowedHosts.includes(host) || allowedHosts.includes(`${host}:${port}`);
}

/**
 * The delivery-time check: allow-listed, https unless allowed otherwise, and resolving only to
 * public addresses unless private ones are allowed (every address the name resolves to is
 * checked). Returns the address to connect to, so DNS cannot change between the check and the request.
 */
export async function resolveCallback(url: string, policy: CallbackPolicy, resolve: Resolver = systemResolver): Promise<string> {
  if (!isCallbackHostAllowed(url, policy.allowedHosts, { allowHttp: true })) {
    throw new CallbackNotAllowedError('callback host is not on the allow-list');
  }
  if (!policy.allowHttp && new URL(url).protocol !== 'https:') throw new CallbackNotAllowedError('callback must use https');
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await resolve(host);
  const first = addresses[0];
  if (first === undefined) throw new CallbackNotAllowedError('callback host does not resolve');
  if (!policy.allowPrivate && addresses.some(isInternalAddress)) {
    throw new CallbackNotAllowedError('callback resolves to an internal address');
  }
  // Connect to a mapped address as the IPv4 address it names.
  return unmapIpv4(first) ?? first;
}
