import Redis, { RedisOptions } from 'ioredis';

/** Connection options for BullMQ workers and blocking clients (never give up a command). */
export function redisOptions(url: string, extra: RedisOptions = {}): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    ...extra,
  };
}

export function createRedis(url: string, extra: RedisOptions = {}): Redis {
  const client = new Redis(redisOptions(url, extra));
  // ioredis reports reconnect attempts as errors; health endpoints surface the state instead.
  client.on('error', () => undefined);
  return client;
}

export class RedisUnavailableError extends Error {
  constructor(public readonly url: string) {
    super(
      `Redis does not answer at REDIS_URL=${redactUrl(url)}. Start it (e.g. "redis-server --daemonize yes" or "docker compose up -d redis") or set REDIS_URL.`,
    );
    this.name = 'RedisUnavailableError';
  }
}

/** One PING with a short timeout; throws RedisUnavailableError instead of hanging or retrying. */
export async function assertRedisReachable(url: string, timeoutMs = 2_000): Promise<void> {
  const client = new Redis(redisOptions(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null }));
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch {
    throw new RedisUnavailableError(url);
  } finally {
    client.disconnect();
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an invalid URL';
  }
}
