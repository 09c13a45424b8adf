import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Addresses a callback must not reach unless explicitly allowed: loopback, private, link-local
// (cloud metadata lives there), carrier-grade NAT, unspecified, multicast, unique-local.
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['::ffff:0:0', 96],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

export class CallbackNotAllowedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CallbackNotAllowedError';
  }
}

/** The allow-list check, done when a verification is created (no DNS). */
export function isCallbackHostAllowed(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  return allowedHosts.includes(host) || allowedHosts.includes(`${host}:${port}`);
}

/**
 * The delivery-time check: allow-listed, and resolving only to public addresses unless
 * private ones are allowed. Returns the address to connect to, so DNS cannot change between
 * the check and the request.
 */
export async function resolveCallback(url: string, allowedHosts: readonly string[], allowPrivate: boolean): Promise<string> {
  if (!isCallbackHostAllowed(url, allowedHosts)) throw new CallbackNotAllowedError('callback host is not on the allow-list');
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const address = isIP(host) ? host : (await lookup(host)).address;
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (!allowPrivate && INTERNAL.check(address, family)) {
    throw new CallbackNotAllowedError('callback resolves to an internal address');
  }
  return address;
}
