import { PayerCircuitBreaker } from './circuit-breaker';
import { useTestRedis } from '../../../../libs/store/src/testing/test-redis';

// Real Redis: the breaker's state is shared by every worker process through it.
describe('PayerCircuitBreaker', () => {
  const testRedis = useTestRedis();
  const { prefix } = testRedis;

  it('counts one member failing again and again once, and opens on distinct members', async () => {
    const breaker = new PayerCircuitBreaker(testRedis.redis(), prefix, { failureThreshold: 3, openMs: 60_000, probeMs: 5_000 });
    const now = 1_000_000;
    for (let i = 0; i < 10; i += 1) expect(await breaker.recordFailure('aetna', 'member-a', now)).toBe('closed');
    expect(await breaker.admit('aetna', now)).toBe(0);
    expect(await breaker.recordFailure('aetna', 'member-b', now)).toBe('closed');
    expect(await breaker.recordFailure('aetna', 'member-c', now)).toBe('opened');
    expect(await breaker.recordFailure('aetna', 'member-d', now + 1)).toBe('open');
    expect(await breaker.admit('aetna', now + 1_000)).toBe(59_000);
    expect(await breaker.admit('cigna', now)).toBe(0);
  });

  it('lets one probe through when half-open; success closes, failure opens again', async () => {
    const breaker = new PayerCircuitBreaker(testRedis.redis(), prefix, { failureThreshold: 1, openMs: 10_000, probeMs: 5_000 });
    const now = 2_000_000;
    expect(await breaker.recordFailure('umr', 'm1', now)).toBe('opened');
    expect(await breaker.admit('umr', now)).toBe(10_000);
    expect(await breaker.admit('umr', now + 10_001)).toBe(0); // the probe
    expect(await breaker.admit('umr', now + 10_002)).toBe(4_999); // everyone else waits for it
    expect(await breaker.recordFailure('umr', 'm1', now + 10_500)).toBe('opened');
    expect(await breaker.admit('umr', now + 11_000)).toBe(9_500);
    expect(await breaker.admit('umr', now + 20_501)).toBe(0);
    expect(await breaker.recordSuccess('umr')).toBe(true);
    expect(await breaker.admit('umr', now + 20_502)).toBe(0);
    expect(await breaker.recordSuccess('umr')).toBe(false);
  });
});
