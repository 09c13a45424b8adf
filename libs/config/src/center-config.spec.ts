import { networkStatusFor, parseCenter } from './center-config';

describe('center configuration', () => {
  it('reads the phone and the network status per payer and plan type', () => {
    const problems: string[] = [];
    const center = parseCenter(
      { CENTER_PHONE: '(714) 555-0100', CENTER_NETWORK: 'umr:out, anthem.hmo:out,aetna:in', CENTER_NETWORK_DEFAULT: 'in' },
      problems,
    );
    expect(problems).toEqual([]);
    expect(center.phone).toBe('(714) 555-0100');
    expect(networkStatusFor(center, 'umr')).toEqual({ default: 'outOfNetwork', byPlanType: {} });
    expect(networkStatusFor(center, 'anthem')).toEqual({ default: 'inNetwork', byPlanType: { HMO: 'outOfNetwork' } });
    expect(networkStatusFor(center, 'cigna')).toEqual({ default: 'inNetwork', byPlanType: {} });
  });

  it('defaults to in network with no phone, and names every bad entry', () => {
    const problems: string[] = [];
    const center = parseCenter({}, problems);
    expect(center.phone).toBeNull();
    expect(center.defaultNetwork).toBe('inNetwork');
    parseCenter({ CENTER_PHONE: 'call us', CENTER_NETWORK: 'aetna:maybe,:in', CENTER_NETWORK_DEFAULT: 'sideways' }, problems);
    expect(problems).toHaveLength(4);
  });
});
