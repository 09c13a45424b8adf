import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { createRedis } from '../redis-connection';

/**
 * For specs that need the real Redis: a connection and a random key prefix for this file,
 * with every key under the prefix deleted afterwards. Call at the top of a `describe`.
 */
export function useTestRedis(): { redis: () => Redis; prefix: string } {
  const prefix = `bvstest${randomBytes(4).toString('hex')}`;
  let redis: Redis | undefined;
  beforeAll(() => {
    redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    if (!redis) return;
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });
  return {
    prefix,
    redis: () => {
      if (!redis) throw new Error('useTestRedis: the connection opens in beforeAll');
      return redis;
    },
  };
}
