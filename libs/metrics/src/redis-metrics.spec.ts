import { METRICS, RedisMetrics } from './redis-metrics';
import { useTestRedis } from '@bvs/store/testing';

// Real Redis: two "processes" (two RedisMetrics) count apart; one render reports both.
describe('RedisMetrics', () => {
  const testRedis = useTestRedis();
  const { prefix } = testRedis;

  it('adds the counts of every process and renders cumulative histogram buckets', async () => {
    const api = new RedisMetrics(testRedis.redis(), prefix);
    const worker = new RedisMetrics(testRedis.redis(), prefix);
    await api.increment(METRICS.created, { channel: 'web_form', payer: 'aetna' });
    await api.increment(METRICS.created, { channel: 'web_form', payer: 'aetna' });
    await worker.observe(METRICS.totalSeconds, { payer: 'aetna' }, 0.07);
    await worker.observe(METRICS.totalSeconds, { payer: 'aetna' }, 3);
    await worker.observe(METRICS.totalSeconds, { payer: 'aetna' }, 100_000);
    // Nothing reaches Redis until a flush: the hot path makes no round trip.
    expect(await testRedis.redis().exists(`${prefix}:metrics:${METRICS.totalSeconds.name}`)).toBe(0);
    await worker.flush();

    const text = await api.render();
    expect(text).toContain('bvs_verifications_created_total{channel="web_form",payer="aetna"} 2');
    expect(text).toContain('bvs_verification_total_seconds_bucket{payer="aetna",le="0.05"} 0');
    expect(text).toContain('bvs_verification_total_seconds_bucket{payer="aetna",le="0.1"} 1');
    expect(text).toContain('bvs_verification_total_seconds_bucket{payer="aetna",le="5"} 2');
    expect(text).toContain('bvs_verification_total_seconds_bucket{payer="aetna",le="86400"} 2');
    expect(text).toContain('bvs_verification_total_seconds_bucket{payer="aetna",le="+Inf"} 3');
    expect(text).toContain('bvs_verification_total_seconds_count{payer="aetna"} 3');
    expect(text).toMatch(/bvs_verification_total_seconds_sum\{payer="aetna"\} 100003\.07/);
  });

  it('flushes by itself after the interval', async () => {
    const metrics = new RedisMetrics(testRedis.redis(), prefix, 20);
    await metrics.increment(METRICS.retries, { payer: 'umr', reason: 'timeout' });
    await new Promise((r) => setTimeout(r, 100));
    expect(await testRedis.redis().hget(`${prefix}:metrics:${METRICS.retries.name}`, 'payer="umr",reason="timeout"')).toBe('1');
  });
});
