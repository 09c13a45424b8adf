import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { REDIS } from '@bvs/store';

/** Failed credentials (dashboard sign-in and `Authorization: Bearer`) counted over 15 minutes. */
export const AUTH_FAILURE_WINDOW_SECONDS = 15 * 60;
/** Per presented-key prefix: guessing around one key stops quickly, from any address. */
export const MAX_FAILURES_PER_KEY_PREFIX = 10;
/** Per client address: high enough that a shared NAT's typos do not lock every staff member out. */
export const MAX_FAILURES_PER_ADDRESS = 100;
const KEY_PREFIX_LENGTH = 8;

/**
 * Limits credential guessing in Redis, so the limit holds across API processes. Counted by
 * client address and by the presented key's first characters (hashed; no key is stored).
 */
@Injectable()
export class AuthFailureLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `presented` is null for tokens (JWTs all begin alike; only their signer can make one). */
  private keys(address: string, presented: string | null): [string, string | null] {
    const base = `${this.config.redis.prefix}:authfail`;
    if (presented === null) return [`${base}:addr:${address}`, null];
    const prefix = createHash('sha256').update(presented.slice(0, KEY_PREFIX_LENGTH)).digest('hex').slice(0, 32);
    return [`${base}:addr:${address}`, `${base}:key:${prefix}`];
  }

  /** Seconds until this client may try again, or null when it may try now. */
  async blockedFor(address: string, presented: string | null): Promise<number | null> {
    const [addressKey, prefixKey] = this.keys(address, presented);
    // One MGET on one Redis; two reads on Redis Cluster, where the keys live on different slots.
    const [byAddress, byPrefix] =
      prefixKey && !this.redis.isCluster
        ? await this.redis.mget(addressKey, prefixKey)
        : await Promise.all([this.redis.get(addressKey), prefixKey ? this.redis.get(prefixKey) : null]);
    const blockedKey =
      Number(byAddress ?? 0) >= MAX_FAILURES_PER_ADDRESS
        ? addressKey
        : prefixKey && Number(byPrefix ?? 0) >= MAX_FAILURES_PER_KEY_PREFIX
          ? prefixKey
          : null;
    if (!blockedKey) return null;
    const ttl = await this.redis.ttl(blockedKey);
    return ttl > 0 ? ttl : AUTH_FAILURE_WINDOW_SECONDS;
  }

  async fail(address: string, presented: string | null): Promise<void> {
    // The window starts at the first failure and does not slide (SET … NX, then INCR keeps the
    // expiry; any Redis version); one MULTI per key, as keys live on different Cluster slots.
    const keys = this.keys(address, presented).filter((key): key is string => key !== null);
    await Promise.all(keys.map((key) => this.redis.multi().set(key, '0', 'EX', AUTH_FAILURE_WINDOW_SECONDS, 'NX').incr(key).exec()));
  }
}
