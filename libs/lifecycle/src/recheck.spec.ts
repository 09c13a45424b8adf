import type { CoverageSummary } from '@bvs/coverage';
import type { VerificationRecord } from '@bvs/store';
import { reduce } from './reduce';
import { ruleFor } from './transitions';
import { beforeStartRecheckAt, coverageChanges, firstBusinessDayOf, nextMonthlyRecheck } from './recheck';

const summary = (overrides: Partial<CoverageSummary> = {}): CoverageSummary => ({
  eligibility: { status: 'active', payer: {}, plan: { coverageEnd: null }, member: {}, rejections: [] },
  accumulators: {
    inNetwork: {
      deductible: { individual: { total: '1500.00', remaining: '250.00' } },
      outOfPocketMax: { individual: { total: '5000.00', remaining: '3380.00' } },
    },
  },
  levelsOfCare: {
    IOP: { status: 'covered', basis: 'explicit', priorAuthorizationRequired: true, sources: [] },
    PHP: { status: 'covered', basis: 'explicit', priorAuthorizationRequired: true, sources: [] },
    OP: { status: 'covered', basis: 'explicit', priorAuthorizationRequired: false, sources: [] },
  },
  messages: [],
  ...overrides,
});

describe('re-check calendar', () => {
  it('re-checks hoursBeforeStart before a start more than a day after the answer, and never otherwise', () => {
    const completedAt = '2026-12-01T10:00:00.000Z';
    expect(beforeStartRecheckAt({ completedAt, plannedStart: '2026-12-04T18:00:00.000Z' }, 24)?.toISOString()).toBe(
      '2026-12-03T18:00:00.000Z',
    );
    expect(beforeStartRecheckAt({ completedAt, plannedStart: '2026-12-02T09:00:00.000Z' }, 24)).toBeNull();
    // A start 30 hours away with a 48-hour re-check: the answer is already that fresh.
    expect(beforeStartRecheckAt({ completedAt, plannedStart: '2026-12-02T16:00:00.000Z' }, 48)).toBeNull();
    expect(beforeStartRecheckAt({ completedAt, plannedStart: null }, 24)).toBeNull();
  });

  it('finds the first business day of a month: weekends and New Year’s Day are skipped', () => {
    expect(firstBusinessDayOf(2026, 11).toISOString()).toBe('2026-12-01T12:00:00.000Z'); // a Tuesday
    expect(firstBusinessDayOf(2026, 7).toISOString()).toBe('2026-08-03T12:00:00.000Z'); // Aug 1 is a Saturday
    expect(firstBusinessDayOf(2027, 0).toISOString()).toBe('2027-01-04T12:00:00.000Z'); // Fri Jan 1 is a holiday, then the weekend
    expect(firstBusinessDayOf(2026, 12).toISOString()).toBe('2027-01-04T12:00:00.000Z'); // month 12 rolls into January
  });

  it('walks the months from the previous due date, a fake clock a year long', () => {
    let due = nextMonthlyRecheck(new Date('2026-11-15T09:00:00Z'));
    const seen: string[] = [];
    for (let month = 0; month < 12; month += 1) {
      seen.push(due.toISOString().slice(0, 10));
      expect([0, 6]).not.toContain(due.getUTCDay());
      due = nextMonthlyRecheck(due);
    }
    expect(seen).toEqual([
      '2026-12-01',
      '2027-01-04',
      '2027-02-01',
      '2027-03-01',
      '2027-04-01',
      '2027-05-03',
      '2027-06-01',
      '2027-07-01',
      '2027-08-02',
      '2027-09-01',
      '2027-10-01',
      '2027-11-01',
    ]);
    // Before this month's re-check time on its day: that is still the next one.
    expect(nextMonthlyRecheck(new Date('2026-12-01T08:00:00Z')).toISOString()).toBe('2026-12-01T12:00:00.000Z');
  });
});

describe('coverageChanges', () => {
  const levels = ['IOP', 'PHP', 'OP'] as const;

  it('finds nothing in the same answer', () => {
    expect(coverageChanges(summary(), summary(), levels)).toEqual([]);
  });

  it('names coverage that ended, a level no longer covered, authorization and accumulators that moved', () => {
    const after = summary({
      eligibility: { status: 'inactive', payer: {}, plan: { coverageEnd: '2026-11-30' }, member: {}, rejections: [] },
      accumulators: {
        inNetwork: {
          deductible: { individual: { total: '1500.00', remaining: '0.00' } },
          outOfPocketMax: { individual: { total: '6000.00', remaining: '3380.00' } },
        },
      },
      levelsOfCare: {
        IOP: { status: 'covered', basis: 'explicit', priorAuthorizationRequired: false, sources: [] },
        PHP: { status: 'not_covered', basis: 'explicit', priorAuthorizationRequired: true, sources: [] },
        OP: { status: 'covered', basis: 'explicit', priorAuthorizationRequired: false, sources: [] },
      },
    });
    const changes = coverageChanges(summary(), after, levels);
    expect(changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['eligibility.status', 'active', 'inactive'],
      ['eligibility.plan.coverageEnd', null, '2026-11-30'],
      ['levelsOfCare.IOP.priorAuthorizationRequired', true, false],
      ['levelsOfCare.PHP.status', 'covered', 'not_covered'],
      ['accumulators.inNetwork.deductible.individual.remaining', '250.00', '0.00'],
      ['accumulators.inNetwork.outOfPocketMax.individual.total', '5000.00', '6000.00'],
    ]);
    expect(changes[3].description).toBe('PHP was covered and is now not covered');
  });

  it('ignores levels not asked for and figures the payer stated only once', () => {
    const after = summary({
      accumulators: { inNetwork: {} },
      levelsOfCare: { ...summary().levelsOfCare, OP: { status: 'not_covered', basis: 'explicit', sources: [] } },
    });
    expect(coverageChanges(summary(), after, ['IOP', 'PHP'])).toEqual([]);
  });
});

describe('re-check events', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const original = {
    id: 'vrf_a',
    status: 'completed',
    payer: { key: 'aetna', name: 'Aetna', payerId: '60054' },
    summary: summary(),
    request: { levelsOfCare: ['IOP', 'PHP', 'OP'] },
  } as unknown as VerificationRecord;
  const recheck = {
    id: 'vrf_b',
    summary: summary({ eligibility: { ...summary().eligibility, status: 'inactive' } }),
  } as unknown as VerificationRecord;

  it('sends a change to review with what changed, the newer summary and a history entry, once', () => {
    const changes = coverageChanges(summary(), summary({ eligibility: { ...summary().eligibility, status: 'inactive' } }), ['IOP']);
    const after = reduce(original, { type: 'recheck_changed', recheck, kind: 'before_start', changes }, now);
    expect(after.status).toBe('needs_review');
    expect(after.summary?.eligibility.status).toBe('inactive');
    expect(after.review?.reasons[0]).toContain('Coverage was active and is now inactive');
    expect(after.rechecks).toEqual([{ verificationId: 'vrf_b', kind: 'before_start', at: now.toISOString(), outcome: 'changed', changes }]);
    expect(reduce(after, { type: 'recheck_changed', recheck, kind: 'before_start', changes }, now)).toBe(after);
    expect(ruleFor('completed', 'recheck_changed')).toEqual(['needs_review']);
    expect(ruleFor('cancelled', 'recheck_changed')).toBe('ignored');
  });

  it('sends a re-check without an electronic answer to review: confirm by phone', () => {
    const failed = { id: 'vrf_c' } as unknown as VerificationRecord;
    const after = reduce(original, { type: 'recheck_inconclusive', recheck: failed, kind: 'before_start' }, now);
    expect(after.status).toBe('needs_review');
    expect(after.review?.reasons[0]).toContain('could not confirm coverage electronically; confirm it with Aetna');
    expect(after.summary).toBe(original.summary);
    expect(after.rechecks?.[0]).toMatchObject({ verificationId: 'vrf_c', outcome: 'inconclusive' });
  });

  it('records nothing new quietly, and an admission keeps the status', () => {
    const quiet = reduce(original, { type: 'recheck_unchanged', recheck, kind: 'monthly' }, now);
    expect(quiet.status).toBe('completed');
    expect(quiet.rechecks?.[0]).toMatchObject({ outcome: 'unchanged', changes: [] });
    const admitted = reduce(original, { type: 'admitted', actor: 'staff:alice' }, now);
    expect(admitted).toMatchObject({ status: 'completed', admission: { admittedBy: 'staff:alice', dischargedAt: null } });
    expect(reduce(admitted, { type: 'discharged', actor: 'staff:bob' }, now).admission).toMatchObject({ dischargedBy: 'staff:bob' });
  });
});
