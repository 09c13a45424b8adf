import { addEstimate, centerNetworkFor, coveredSessions, estimateCost } from './estimate';
import { reviewReasons } from './review';
import type { CoverageSummary, LevelOfCareSummary } from './summary';

// The estimate in the center's network (docs/coverage-summary.md): configuration picks the network, the other
// network is never needed, a missing estimate is a note and never a review reason, and sessions
// beyond a day or visit limit are not covered.

const PHP_TERMS = {
  coinsurancePercent: 20,
  deductibleApplies: true,
  limits: [{ quantity: 30, unit: 'days', period: 'calendar_year' }],
};

/** JANE DOE's plan as the sandbox answers: in network complete, out of network without a remaining deductible. */
function janeSummary(plan: { insuranceType?: string; insuranceTypeCode?: string } = { insuranceType: 'PPO', insuranceTypeCode: 'PR' }): CoverageSummary {
  return {
    eligibility: { status: 'active', payer: { name: 'AETNA' }, plan, member: {}, rejections: [] },
    accumulators: {
      inNetwork: {
        deductible: { individual: { total: '1500.00', remaining: '250.00' } },
        outOfPocketMax: { individual: { total: '5000.00', remaining: '3380.00' } },
      },
      outOfNetwork: { deductible: { individual: { total: '3000.00' } } },
    },
    levelsOfCare: {},
    messages: [],
  };
}

function php(): LevelOfCareSummary {
  return {
    status: 'covered',
    basis: 'explicit',
    priorAuthorizationRequired: true,
    inNetwork: { ...PHP_TERMS, limits: [...PHP_TERMS.limits] },
    outOfNetwork: { coinsurancePercent: 40, deductibleApplies: true },
    sources: ['EB*A*IND*BB*PR****0.2***Y*Y'],
  };
}

const program = { sessionsPerWeek: 4, weeks: 8 }; // 32 sessions
const allowedPerSession = { PHP: '900.00' };

describe('cost estimate in the center network', () => {
  it('is made in network by default, and a missing out-of-network figure never blocks it or sends the record to review', () => {
    const summary = janeSummary();
    const loc = php();
    addEstimate('PHP', loc, summary, { program, allowedPerSession });
    summary.levelsOfCare.PHP = loc;
    expect(loc.estimate?.network).toBe('inNetwork');
    expect(loc.estimateUnavailable).toBeUndefined();
    expect(loc.estimates).toHaveLength(1);
    expect(reviewReasons(summary)).toEqual([]);
  });

  it('uses the out-of-network figures when the center is out of network with the payer', () => {
    const summary = janeSummary();
    summary.accumulators.outOfNetwork = { deductible: { individual: { total: '3000.00', remaining: '3000.00' } } };
    const loc = php();
    addEstimate('PHP', loc, summary, { program: { sessionsPerWeek: 5, weeks: 2 }, allowedPerSession, centerNetwork: { default: 'outOfNetwork' } });
    // 10 sessions × 900 = 9000: 3000 deductible, then 40% of 6000 = 2400
    expect(loc.estimate).toMatchObject({
      network: 'outOfNetwork',
      sessions: 10,
      patientResponsibility: '5400.00',
      breakdown: { deductible: '3000.00', coinsurance: '2400.00', copay: '0.00' },
    });
  });

  it('picks the network by plan type when one is configured for it', () => {
    const status = { default: 'inNetwork' as const, byPlanType: { HMO: 'outOfNetwork' as const } };
    expect(centerNetworkFor(status, janeSummary({ insuranceType: 'HMO', insuranceTypeCode: 'HM' }))).toBe('outOfNetwork');
    expect(centerNetworkFor(status, janeSummary())).toBe('inNetwork');
    expect(centerNetworkFor({ default: 'inNetwork', byPlanType: { HM: 'outOfNetwork' } }, janeSummary({ insuranceTypeCode: 'HM' }))).toBe('outOfNetwork');
    expect(centerNetworkFor(undefined, janeSummary())).toBe('inNetwork');
  });

  it('leaves a note, never a review reason, when the estimate cannot be made', () => {
    const summary = janeSummary();
    const loc = php();
    addEstimate('PHP', loc, summary, { program, allowedPerSession, centerNetwork: { default: 'outOfNetwork' } });
    summary.levelsOfCare.PHP = loc;
    expect(loc.estimate).toBeUndefined();
    expect(loc.estimateUnavailable).toBe('PHP out of network: the deductible applies but the remaining deductible was not returned');
    expect(reviewReasons(summary)).toEqual([]);
  });

  it('prices only the sessions within a day limit: PHP 32 sessions against 30 days a year', () => {
    const summary = janeSummary();
    const loc = php();
    addEstimate('PHP', loc, summary, { program, allowedPerSession });
    // 30 covered days × 900 = 27000: 250 deductible + 20% of 26750 (5350) = 5600, capped by the 3380 out-of-pocket left.
    expect(loc.estimate).toMatchObject({
      sessions: 32,
      coveredSessions: 30,
      sessionsBeyondLimit: 2,
      chargesBeyondLimit: '1800.00',
      patientResponsibility: '3380.00',
      cappedByOutOfPocket: true,
    });
    expect(loc.estimate?.notes?.join(' ')).toContain('2 of 32 sessions are beyond the plan');
  });

  it('uses what is left of a limit, and weekly visit limits', () => {
    expect(coveredSessions(program, [{ quantity: 30, unit: 'days', period: 'calendar_year', remaining: 12 }])).toEqual({
      covered: 12,
      text: '30 days per calendar year, 12 remaining',
    });
    expect(coveredSessions({ sessionsPerWeek: 3, weeks: 10 }, [{ quantity: 2, unit: 'visits', period: 'week' }])?.covered).toBe(20);
    expect(coveredSessions(program, [{ quantity: 20, unit: 'hours', period: 'week' }])).toBeNull();
    // The tightest of several limits decides.
    expect(coveredSessions(program, [{ quantity: 60, unit: 'visits', period: 'calendar_year' }, { quantity: 25, unit: 'days', period: 'lifetime' }])?.covered).toBe(25);
    const r = estimateCost({
      level: 'OP',
      network: 'inNetwork',
      terms: { copay: { amount: '30.00', per: 'visit' }, deductibleApplies: false, limits: [{ quantity: 20, unit: 'visits', period: 'calendar_year', remaining: 4 }] },
      program: { sessionsPerWeek: 1, weeks: 6 },
      allowedPerSession: '150.00',
    });
    expect(r).toMatchObject({ estimate: { sessions: 6, coveredSessions: 4, sessionsBeyondLimit: 2, patientResponsibility: '120.00', chargesBeyondLimit: '300.00' } });
  });

  it('takes the allowed amount of the level of care it prices', () => {
    const summary = janeSummary();
    const loc = php();
    addEstimate('PHP', loc, summary, { program: { sessionsPerWeek: 1, weeks: 1 }, allowedPerSession: { PHP: '1000.00', IOP: '1.00' } });
    expect(loc.estimate).toMatchObject({ allowedPerSession: '1000.00', patientResponsibility: '400.00' }); // 250 + 20% of 750
  });
});
