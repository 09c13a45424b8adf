import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { createRedis } from '@bvs/store';
import { METRICS, RedisMetrics } from './redis-metrics';

// Real Redis: two "processes" (two RedisMetrics) count apart; one render reports both.
describe('RedisMetrics', () => {
  let redis: Redis;
  const prefix = `bvstest${randomBytes(4).toString('hex')}`;

  beforeAll(() => {
    redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('adds the counts of every process and renders cumulative histogram buckets', async () => {
    const api = new RedisMetrics(redis, prefix);
    const worker = new RedisMetrics(redis, prefix);
    await api.increment(METRICS.created, { channel: 'web_form', payer: 'aetna' });
    await api.increment(METRICS.created, { channel: 'web_form', payer: 'aetna' });
    await worker.observe(METRICS.totalSeconds, { payer: 'aetna' }, 0.07);
    await worker.observe(METRICS.totalSeconds, { payer: 'aetna' }, 3);
    await worker.observe(METRICS.totalSeconds, { payer: 'aetna' }, 100_000);
    // Nothing reaches Redis until a flush: the hot path makes no round trip.
    expect(await redis.exists(`${prefix}:metrics:${METRICS.totalSeconds.name}`)).toBe(0);
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
    const metrics = new RedisMetrics(redis, prefix, 20);
    await metrics.increment(METRICS.retries, { payer: 'umr', reason: 'timeout' });
    await new Promise((r) => setTimeout(r, 100));
    expect(await redis.hget(`${prefix}:metrics:${METRICS.retries.name}`, 'payer="umr",reason="timeout"')).toBe('1');
  });
});
