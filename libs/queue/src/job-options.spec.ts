import { BATCH_PRIORITY_FLOOR, clearinghouseLimiter, priorityForDeadline, verifyJobOptions } from './job-options';
import { priorityBandOf } from './verification-jobs';

describe('priorityForDeadline', () => {
  const now = new Date('2026-11-27T10:00:00Z');

  it('runs the nearest deadline first', () => {
    const soon = priorityForDeadline(new Date('2026-11-27T16:00:00Z'), now);
    const later = priorityForDeadline(new Date('2026-11-28T10:00:00Z'), now);
    expect(soon).toBe(361);
    expect(later).toBe(1441);
    expect(soon).toBeLessThan(later);
  });

  it('clamps past deadlines to the front and far ones to the top of the single band', () => {
    expect(priorityForDeadline(new Date('2026-11-26T10:00:00Z'), now)).toBe(1);
    expect(priorityForDeadline(new Date('2040-01-01T00:00:00Z'), now)).toBe(BATCH_PRIORITY_FLOOR - 1);
  });

  it('puts every batch row after every single verification, nearest deadline first within the band', () => {
    const farSingle = priorityForDeadline(new Date('2040-01-01T00:00:00Z'), now, 'single');
    const overdueRow = priorityForDeadline(new Date('2026-11-26T10:00:00Z'), now, 'batch');
    const soonRow = priorityForDeadline(new Date('2026-11-27T16:00:00Z'), now, 'batch');
    const laterRow = priorityForDeadline(new Date('2026-11-28T10:00:00Z'), now, 'batch');
    expect(overdueRow).toBeGreaterThan(farSingle);
    expect(soonRow).toBe(BATCH_PRIORITY_FLOOR + 361);
    expect(soonRow).toBeLessThan(laterRow);
    expect(priorityForDeadline(new Date('2040-01-01T00:00:00Z'), now, 'batch')).toBeLessThanOrEqual(2_097_151);
  });

  it('uses the verification id as the job id and the eligibility backoff strategy', () => {
    const options = verifyJobOptions('vrf_abc', new Date('2026-11-28T10:00:00Z'), { attempts: 5, backoffDelayMs: 2000 }, now);
    expect(options).toMatchObject({
      jobId: 'vrf_abc',
      priority: 1441,
      attempts: 5,
      backoff: { type: 'eligibility', delay: 2000 },
    });
  });
});

describe('clearinghouseLimiter', () => {
  it('spreads the clearinghouse limit over windows of about 100 ms, never above the rate', () => {
    expect(clearinghouseLimiter(100)).toEqual({ max: 10, duration: 100 });
    expect(clearinghouseLimiter(5)).toEqual({ max: 1, duration: 200 });
    for (const rate of [1, 3, 7, 10, 15, 33, 100, 250, 999, 10_000]) {
      const { max, duration } = clearinghouseLimiter(rate);
      expect((max * 1_000) / duration).toBeLessThanOrEqual(rate);
      expect((max * 1_000) / duration).toBeGreaterThan(rate * 0.9);
      expect(duration).toBeLessThanOrEqual(Math.max(150, Math.ceil(1_000 / rate)));
    }
  });
});

describe('priorityBandOf', () => {
  it('puts batch rows and monthly re-checks below single verifications; a staff retry and a re-check before the start are singles', () => {
    expect(priorityBandOf({ batchId: 'bat_1' })).toBe('batch');
    expect(priorityBandOf({ batchId: 'bat_1', retries: 1 })).toBe('single');
    expect(priorityBandOf({ recheckOf: { verificationId: 'vrf_1', kind: 'monthly' } })).toBe('batch');
    expect(priorityBandOf({ recheckOf: { verificationId: 'vrf_1', kind: 'before_start' } })).toBe('single');
    expect(priorityBandOf({})).toBe('single');
  });
});
