import { completedReply } from '@bvs/clearinghouse';
import { normalizeEligibility } from '@bvs/coverage';
import { parse271, readEligibility } from '@bvs/x12';
import { InquiryAnswerer } from '../core/answer-inquiry';
import { toAvailityCoverage, wholePercent } from './x12-to-availity';

// The Availity JSON the sandbox serves must say what its 271 says: the transport's fallback
// mapping (used when a coverage carries no raw 271) must reach the same figures.
describe('sandbox Availity coverage', () => {
  const answer = new InquiryAnswerer().answer(
    {
      payerId: '60054',
      submitterTransactionId: '1',
      subscriber: { memberId: 'W100000001', firstName: 'JANE', lastName: 'DOE', dateOfBirth: '1990-04-12' },
      serviceTypeCodes: ['30'],
    },
    'T',
  );
  if (answer.kind !== 'x12') throw new Error('JANE DOE must be answered');
  const coverage = toAvailityCoverage(parse271(answer.x12)[0], answer.x12, '60054');

  it('carries the raw 271 and the Availity-style plan', () => {
    expect(coverage.x12).toBe(answer.x12);
    expect(coverage.plans?.[0]).toMatchObject({
      statusCode: '1',
      planName: 'AETNA CHOICE POS II',
      groupNumber: 'GRP100001',
      groupName: 'SUNSHINE STAFFING',
      coverageStartDate: '2026-01-01T00:00:00.000+0000',
    });
    const ch = coverage.plans?.[0].benefits?.find((b) => b.type === 'CH');
    expect(ch?.amounts?.coInsurance?.inNetwork?.[0]).toMatchObject({ amount: '20', authorizationRequired: true });
  });

  it('maps back, without the 271, to JANE DOE figures', () => {
    const reply = completedReply({ ...coverage, x12: undefined });
    expect(reply.format).toBe('json');
    const { summary } = normalizeEligibility(readEligibility(reply.raw));
    expect(summary.eligibility).toMatchObject({ status: 'active', plan: { name: 'AETNA CHOICE POS II', groupNumber: 'GRP100001' } });
    expect(summary.accumulators.inNetwork?.deductible?.individual).toMatchObject({ total: '1500.00', remaining: '250.00' });
    expect(summary.accumulators.inNetwork?.outOfPocketMax?.individual).toMatchObject({ total: '5000.00', remaining: '3380.00' });
    expect(summary.levelsOfCare.IOP).toMatchObject({
      status: 'covered',
      priorAuthorizationRequired: true,
      inNetwork: { coinsurancePercent: 20 },
      outOfNetwork: { coinsurancePercent: 40 },
    });
    expect(summary.levelsOfCare.OP?.inNetwork?.copay).toMatchObject({ amount: '30.00' });
  });

  it('turns X12 fractions into whole percents as strings', () => {
    expect(['.2', '.25', '1', '.125', '.05', '0'].map(wholePercent)).toEqual(['20', '25', '100', '12.5', '5', '0']);
  });
});
