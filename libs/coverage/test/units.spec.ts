// Unit checks on model objects built in code: money, AAA table, precedence, estimate edges.
import type { EligibilityBenefit, EligibilityResponse } from '@bvs/x12';
import { describeRejection, estimateCost, normalizeEligibility } from '../src';
import { formatCents, shareToPercent, toCents } from '../src/money';

function eb(source: string, extra: Partial<EligibilityBenefit> = {}): EligibilityBenefit {
  const e = source.split('*');
  const b: EligibilityBenefit = { informationCode: e[1] ?? '', serviceTypeCodes: e[3] ? e[3].split('^') : [], deliveries: [], references: [], dates: [], rejections: [], messages: [], additionalInformation: [], relatedEntities: [], source };
  const set = (k: keyof EligibilityBenefit, i: number): void => {
    if (e[i]) (b as unknown as Record<string, string>)[k] = e[i];
  };
  set('coverageLevelCode', 2);
  set('insuranceTypeCode', 4);
  set('planCoverageDescription', 5);
  set('timePeriodQualifier', 6);
  set('monetaryAmount', 7);
  set('percent', 8);
  set('quantityQualifier', 9);
  set('quantity', 10);
  set('authorizationRequired', 11);
  set('inPlanNetwork', 12);
  if (e[13]) {
    const [qualifier = '', code = ''] = e[13].split(':');
    b.procedure = { qualifier, code, modifiers: [] };
  }
  return { ...b, ...extra };
}

function response(benefits: EligibilityBenefit[]): EligibilityResponse {
  return {
    format: 'x12',
    source: { name: { entityIdentifierCode: 'PR', lastNameOrOrganizationName: 'TEST PLAN', identificationCode: '11111' }, contacts: [], rejections: [] },
    subscribers: [{ traces: [], member: { name: { entityIdentifierCode: 'IL', lastNameOrOrganizationName: 'DOE', firstName: 'JANE', identificationCode: 'M1' }, references: [], dates: [], rejections: [] }, benefits, dependents: [] }],
    unknownSegments: [],
    warnings: [],
  };
}

describe('money', () => {
  it('parses and formats exactly', () => {
    expect(formatCents(toCents('1500') ?? 0n)).toBe('1500.00');
    expect(formatCents(toCents('.5') ?? 0n)).toBe('0.50');
    expect(formatCents(toCents('19.995') ?? 0n)).toBe('20.00');
    expect(formatCents(toCents('0.1') ?? 0n)).toBe('0.10');
    expect(toCents('abc')).toBeUndefined();
    expect(shareToPercent('.2')).toBe(20);
    expect(shareToPercent('0.07')).toBe(7);
    expect(shareToPercent('0.125')).toBe(12.5);
  });
});

describe('describeRejection', () => {
  it.each([
    ['42', 'Unable to Respond at Current Time', true],
    ['80', 'No Response received - Transaction Terminated', true],
    ['04', 'Authorized Quantity Exceeded', true],
    ['75', 'Subscriber/Insured Not Found', false],
    ['72', 'Invalid/Missing Subscriber/Insured ID', false],
  ])('%s', (code, description, retryable) => {
    expect(describeRejection(code)).toEqual({ description, retryable });
  });
  it('answers for an unknown code', () => {
    expect(describeRejection('ZZ')).toEqual({ description: 'Unknown reject reason ZZ', retryable: false });
  });
});

describe('precedence on model objects', () => {
  it('a weaker fact never overwrites a stronger one, whatever the order', () => {
    const facts = [eb('EB*A*IND*MH*****0.5****Y'), eb('EB*A*IND*CH*****0.2****Y'), eb('EB*A*IND*30*****0.9****Y'), eb('EB*1**30')];
    for (const order of [facts, [...facts].reverse()]) {
      const iop = normalizeEligibility([response(order)]).summary.levelsOfCare.IOP;
      expect(iop?.inNetwork?.coinsurancePercent).toBe(20);
      expect(iop?.basis).toBe('explicit');
    }
  });

  it('never infers "no prior auth" for IOP/PHP from a general benefit, but may for OP', () => {
    const s = normalizeEligibility([response([eb('EB*1**30'), eb('EB*B*IND*MH***27*20****N*Y')])]).summary;
    expect(s.levelsOfCare.IOP?.priorAuthorizationRequired).toBeNull();
    expect(s.levelsOfCare.PHP?.priorAuthorizationRequired).toBeNull();
    expect(s.levelsOfCare.OP?.priorAuthorizationRequired).toBe(false);
  });

  it('only requested levels are summarized', () => {
    const s = normalizeEligibility([response([eb('EB*1**30')])], { levelsOfCare: ['OP'] }).summary;
    expect(Object.keys(s.levelsOfCare)).toEqual(['OP']);
  });

  it('an empty list of responses is unknown, not a crash', () => {
    const r = normalizeEligibility([]);
    expect(r.summary.eligibility.status).toBe('unknown');
    expect(r.reviewReasons.length).toBeGreaterThan(0);
  });
});

describe('estimateCost', () => {
  const program = { sessionsPerWeek: 2, weeks: 5 };
  it('refuses without a remaining deductible when the deductible applies', () => {
    expect(estimateCost({ level: 'IOP', network: 'inNetwork', terms: { coinsurancePercent: 20, deductibleApplies: true }, program, allowedPerSession: '100' })).toEqual({
      unavailable: 'IOP in network: the deductible applies but the remaining deductible was not returned',
    });
  });
  it('copay without deductible, uncapped when no out-of-pocket is returned', () => {
    const r = estimateCost({ level: 'OP', network: 'inNetwork', terms: { copay: { amount: '25.00', per: 'visit' }, deductibleApplies: false }, program, allowedPerSession: '130.00' });
    expect(r).toEqual({
      estimate: { network: 'inNetwork', sessions: 10, allowedPerSession: '130.00', patientResponsibility: '250.00', breakdown: { deductible: '0.00', coinsurance: '0.00', copay: '250.00' }, cappedByOutOfPocket: false, notes: ['remaining out-of-pocket maximum not returned: not capped'] },
    });
  });
  it('rounds coinsurance per session to the cent, exactly', () => {
    const r = estimateCost({ level: 'IOP', network: 'inNetwork', terms: { coinsurancePercent: 12.5, deductibleApplies: false }, program: { sessionsPerWeek: 3, weeks: 1 }, allowedPerSession: '100.10', planAccumulators: { outOfPocketMax: { individual: { total: '1000', remaining: '1000.00' } } } });
    // 12.5% of 100.10 = 12.5125 -> 12.51, three sessions
    expect(r).toMatchObject({ estimate: { patientResponsibility: '37.53', breakdown: { coinsurance: '37.53' } } });
  });
  it('rejects a program that is not whole sessions', () => {
    expect(estimateCost({ level: 'PHP', network: 'outOfNetwork', terms: { coinsurancePercent: 20 }, program: { sessionsPerWeek: 2.5, weeks: 2 }, allowedPerSession: '10' })).toHaveProperty('unavailable');
  });
});
