import {
  type CallbackPolicy,
  CallbackNotAllowedError,
  isCallbackHostAllowed,
  isInternalAddress,
  resolveCallback,
  unmapIpv4,
} from './callback-policy';

// The default setting: allow-listed hosts, no private addresses, https only.
const DEFAULT: CallbackPolicy = { allowedHosts: ['hooks.partner.example'], allowPrivate: false, allowHttp: false };
const URL = 'https://hooks.partner.example/bvs';
const resolvesTo =
  (...addresses: string[]) =>
  (): Promise<string[]> =>
    Promise.resolve(addresses);

describe('callback policy', () => {
  it('lets a host resolving to a public IPv4 or IPv6 address through, at the default setting', async () => {
    // ::ffff:0:0/96 in the block list once matched every IPv4 address.
    await expect(resolveCallback(URL, DEFAULT, resolvesTo('8.8.8.8'))).resolves.toBe('8.8.8.8');
    await expect(resolveCallback(URL, DEFAULT, resolvesTo('93.184.215.14'))).resolves.toBe('93.184.215.14');
    await expect(resolveCallback(URL, DEFAULT, resolvesTo('2606:4700:4700::1111'))).resolves.toBe('2606:4700:4700::1111');
    // A public address written IPv4-mapped is allowed and connected to as IPv4.
    await expect(resolveCallback(URL, DEFAULT, resolvesTo('::ffff:8.8.8.8'))).resolves.toBe('8.8.8.8');
    await expect(resolveCallback('https://8.8.8.8/h', { ...DEFAULT, allowedHosts: ['8.8.8.8'] })).resolves.toBe('8.8.8.8');
  });

  const INTERNAL = [
    ['loopback', '127.0.0.1'],
    ['private 10/8', '10.1.2.3'],
    ['private 172.16/12', '172.20.0.1'],
    ['private 192.168/16', '192.168.1.10'],
    ['cloud metadata (link-local)', '169.254.169.254'],
    ['carrier-grade NAT', '100.64.0.1'],
    ['unspecified', '0.0.0.0'],
    ['multicast', '224.0.0.1'],
    ['reserved', '240.0.0.1'],
    ['IPv6 loopback', '::1'],
    ['IPv6 unspecified', '::'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped loopback, hex', '::ffff:7f00:1'],
    ['IPv4-mapped metadata, long form', '0:0:0:0:0:ffff:a9fe:a9fe'],
    ['IPv4-compatible loopback', '::7f00:1'],
    ['IPv4-compatible private', '::10.0.0.1'],
    ['NAT64 of loopback', '64:ff9b::7f00:1'],
    ['NAT64 of a public address (the translator is internal)', '64:ff9b::808:808'],
    ['local-use NAT64', '64:ff9b:1::a00:1'],
    ['6to4 of loopback', '2002:7f00:1::'],
    ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    ['unique-local', 'fd00::1'],
    ['link-local', 'fe80::1'],
    ['site-local', 'fec0::1'],
    ['IPv6 multicast', 'ff02::1'],
  ] as const;

  it.each(INTERNAL)('refuses %s (%s) at the default setting', async (_name, address) => {
    expect(isInternalAddress(address)).toBe(true);
    await expect(resolveCallback(URL, DEFAULT, resolvesTo(address))).rejects.toThrow('callback resolves to an internal address');
  });

  it('refuses a name when any of its addresses is internal, and a name that resolves to nothing', async () => {
    await expect(resolveCallback(URL, DEFAULT, resolvesTo('8.8.8.8', '10.0.0.1'))).rejects.toBeInstanceOf(CallbackNotAllowedError);
    await expect(resolveCallback(URL, DEFAULT, resolvesTo())).rejects.toThrow('does not resolve');
  });

  it('allows private addresses only when configured (on-premise intake)', async () => {
    await expect(resolveCallback(URL, { ...DEFAULT, allowPrivate: true }, resolvesTo('10.1.2.3'))).resolves.toBe('10.1.2.3');
  });

  it('refuses http unless allowed, and hosts off the allow-list', async () => {
    await expect(resolveCallback('http://hooks.partner.example/bvs', DEFAULT, resolvesTo('8.8.8.8'))).rejects.toThrow('must use https');
    await expect(resolveCallback('http://hooks.partner.example/bvs', { ...DEFAULT, allowHttp: true }, resolvesTo('8.8.8.8'))).resolves.toBe(
      '8.8.8.8',
    );
    await expect(resolveCallback('https://evil.example/x', DEFAULT, resolvesTo('8.8.8.8'))).rejects.toThrow('allow-list');
    expect(isCallbackHostAllowed('http://hooks.partner.example/x', DEFAULT.allowedHosts, { allowHttp: false })).toBe(false);
    expect(isCallbackHostAllowed('https://user:pw@hooks.partner.example/x', DEFAULT.allowedHosts)).toBe(false);
  });

  it('unmaps every spelling of an IPv4-mapped address, and nothing else', () => {
    expect(unmapIpv4('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(unmapIpv4('::FFFF:7F00:1')).toBe('127.0.0.1');
    expect(unmapIpv4('0:0:0:0:0:ffff:808:808')).toBe('8.8.8.8');
    expect(unmapIpv4('::7f00:1')).toBeNull();
    expect(unmapIpv4('8.8.8.8')).toBeNull();
    expect(unmapIpv4('2002:7f00:1::')).toBeNull();
  });
});
