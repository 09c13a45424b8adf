import { RetryLaterError, eligibilityBackoff } from './retry-backoff';

describe('eligibilityBackoff', () => {
  const noJitter = () => 0.5;

  it('doubles from the base delay', () => {
    const backoff = eligibilityBackoff(1_000, 0, noJitter);
    expect([1, 2, 3, 4].map((n) => backoff(n))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never resends sooner than the CORE minimum interval', () => {
    expect(eligibilityBackoff(1_000, 90_000, noJitter)(1)).toBe(90_000);
  });

  it('honours a Retry-After longer than the backoff', () => {
    expect(eligibilityBackoff(1_000, 0, noJitter)(1, 'eligibility', new RetryLaterError('429', 30_000))).toBe(30_000);
  });

  it('jitters within ±20%', () => {
    expect(eligibilityBackoff(1_000, 0, () => 0)(1)).toBe(800);
    expect(eligibilityBackoff(1_000, 0, () => 1)(1)).toBe(1_200);
  });
});
