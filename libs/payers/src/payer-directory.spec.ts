import { PayerDirectory, PayerResolutionError } from './payer-directory';

describe('PayerDirectory', () => {
  const directory = new PayerDirectory();

  it.each([
    ['aetna', 'aetna'],
    ['60054', 'aetna'],
    ['Anthem Blue Cross of California', 'anthem'],
    ['Anthem Blue Cross', 'anthem'],
    ['Blue Cross', 'bcbs'],
    ['BCBS of Texas', 'bcbs'],
    ['UHC UMR', 'umr'],
    ['Cigna Healthcare', 'cigna'],
    ['Beacon Health Options', 'carelon'],
    ['Aetna Choice POS II plan', 'aetna'],
    ['  TUFTS health plan ', 'tufts'],
    ['PHCS', 'multiplan'],
  ])('resolves %j to %s', (input, key) => {
    expect(directory.find(input).key).toBe(key);
  });

  it('refuses an unknown name with the closest matches', () => {
    try {
      directory.find('Aetan');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(PayerResolutionError);
      expect((error as PayerResolutionError).problem).toBe('unknown');
      expect((error as PayerResolutionError).closestMatches[0]).toBe('Aetna');
    }
  });

  it.each([['kaiser'], ['Kaiser Permanente HMO'], ['UHC'], ['Medi-Cal']])('names %j as an insurer the center does not accept', (input) => {
    expect(() => directory.find(input)).toThrow(/is not an insurer the center accepts \(accepted: Aetna, Cigna/);
    try {
      directory.find(input);
    } catch (error) {
      expect((error as PayerResolutionError).problem).toBe('not_accepted');
      expect((error as PayerResolutionError).closestMatches).toEqual([]);
    }
  });

  it('routes GEHA through UMR and BlueCard through the local plan, keeping the id and its prefix', () => {
    expect(directory.route('geha', undefined, 'G100000001')).toMatchObject({
      payer: { key: 'geha' },
      via: { key: 'umr' },
      payerId: '39026',
    });
    expect(directory.route('bcbs', undefined, 'xyz123456789')).toMatchObject({
      via: { key: 'anthem' },
      payerId: '47198',
      blueCardPrefix: 'XYZ',
    });
  });

  it('takes networks only next to the payer on the card', () => {
    expect(() => directory.route('multiplan')).toThrow(/MultiPlan is a network, not a payer/);
    expect(directory.route('meritain', 'multiplan').network).toEqual({ key: 'multiplan', name: 'MultiPlan' });
    expect(() => directory.route('meritain', 'aetna')).toThrow(/is not a network/);
  });

  it('uses the payer ids configured for the clearinghouse', () => {
    const configured = new PayerDirectory({ anthem: '040', umr: 'UMR01' });
    expect(configured.route('anthem').payerId).toBe('040');
    expect(configured.route('geha').payerId).toBe('UMR01');
  });

  it('warns, never refuses, on a member id that does not look like the payer issues', () => {
    expect(directory.route('aetna', undefined, 'W100000001').warnings).toEqual([]);
    expect(directory.route('aetna', undefined, '12').warnings).toHaveLength(1);
  });
});
