import { PayerCircuitBreaker } from './circuit-breaker';
import { useTestRedis } from '@bvs/store/testing';

// Real Redis: the breaker's state is shared by every worker process through it.
describe('PayerCircuitBreaker', () => {
  const testRedis = useTestRedis();
  const { prefix } = testRedis;

  it('opens after the threshold of consecutive failures, for the configured time', async () => {
    const breaker = new PayerCircuitBreaker(testRedis.redis(), prefix, { failureThreshold: 3, openMs: 60_000 });
    const now = 1_000_000;
    expect(await breaker.recordFailure('aetna', now)).toBe(false);
    expect(await breaker.recordFailure('aetna', now)).toBe(false);
    expect(await breaker.openFor('aetna', now)).toBe(0);
    expect(await breaker.recordFailure('aetna', now)).toBe(true);
    expect(await breaker.openFor('aetna', now + 1_000)).toBe(59_000);
    expect(await breaker.openFor('cigna', now)).toBe(0);
  });

  it('half-opens after the open time and closes on the next success', async () => {
    const breaker = new PayerCircuitBreaker(testRedis.redis(), prefix, { failureThreshold: 1, openMs: 10_000 });
    const now = 2_000_000;
    await breaker.recordFailure('umr', now);
    expect(await breaker.openFor('umr', now)).toBe(10_000);
    expect(await breaker.openFor('umr', now + 10_001)).toBe(0);
    expect(await breaker.recordSuccess('umr')).toBe(true);
    expect(await breaker.recordSuccess('umr')).toBe(false);
    expect(await breaker.openFor('umr', now)).toBe(0);
    expect(await breaker.recordFailure('umr', now)).toBe(true);
  });
});
