import Redis, { Cluster, type RedisOptions } from 'ioredis';

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
  const client = isClusterUrl(url) ? createCluster(url, extra) : new Redis(redisOptions(url, extra));
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
  const options: RedisOptions = { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null };
  const client = isClusterUrl(url)
    ? createCluster(url, options, { lazyConnect: true, clusterRetryStrategy: () => null })
    : new Redis(redisOptions(url, options));
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
  if (isClusterUrl(url)) return url.replace(/^([a-z-]+:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an invalid URL';
  }
}

// --- Redis Cluster (benchmarks, issue 9) ---------------------------------------------------
// REDIS_CLUSTER_NODES (or a redis-cluster:// URL) gives config.redis.url =
// redis-cluster://[user:password@]host:port,host:port (rediss-cluster:// for TLS). Every
// connection made from such a URL is an ioredis Cluster. The store keeps each record's keys on
// one slot ({id} hash tag) and BullMQ's keys on one slot ({prefix} hash tag).

export interface ClusterSettings {
  nodes: { host: string; port: number }[];
  /** Options for the connection to each node (credentials, TLS, retries). */
  redisOptions: RedisOptions;
}

export function isClusterUrl(url: string): boolean {
  return /^rediss?-cluster:\/\//.test(url);
}

export function clusterSettings(url: string, extra: RedisOptions = {}): ClusterSettings {
  const match = /^(rediss?)-cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)/.exec(url);
  if (!match) throw new Error('not a redis-cluster:// URL');
  const [, scheme, username, password, hosts] = match;
  const nodes = hosts.split(',').map((entry) => {
    const colon = entry.lastIndexOf(':');
    return { host: entry.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(entry.slice(colon + 1)) };
  });
  return {
    nodes,
    redisOptions: {
      username: username ? decodeURIComponent(username) : undefined,
      password: password ? decodeURIComponent(password) : undefined,
      tls: scheme === 'rediss' ? {} : undefined,
      maxRetriesPerRequest: null,
      ...extra,
    },
  };
}

/**
 * A Cluster typed as Redis: the commands the service uses (single-key commands, MULTI and
 * pipelines on one slot, EVAL with one key, PUBLISH / SUBSCRIBE) behave the same on both.
 */
function createCluster(url: string, extra: RedisOptions, clusterExtra: Partial<import('ioredis').ClusterOptions> = {}): Redis {
  const { nodes, redisOptions } = clusterSettings(url, extra);
  return new Cluster(nodes, { redisOptions, enableReadyCheck: true, ...clusterExtra }) as unknown as Redis;
}
// --- end Redis Cluster ---

/** A Lua script bound to a connection: `run(keys, args)` returns what the script returns. */
export type LuaScript = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

type ScriptRunner = (...keysAndArgs: (string | number)[]) => Promise<unknown>;

/**
 * Registers `lua` on `redis` as command `name` (ioredis defineCommand): it is sent as EVALSHA,
 * and the body only the first time on each socket (or after a NOSCRIPT), so a call carries its
 * keys and arguments, not the script text. Works on a Cluster too (loaded per node).
 * `numberOfKeys` 'any': each call says how many keys it passes (a script over a list of keys).
 */
export function luaScript(redis: Redis, name: string, numberOfKeys: number | 'any', lua: string): LuaScript {
  const commands = redis as unknown as Record<string, ScriptRunner | undefined>;
  if (typeof commands[name] !== 'function') redis.defineCommand(name, numberOfKeys === 'any' ? { lua } : { numberOfKeys, lua });
  const runner = commands[name];
  if (typeof runner !== 'function') throw new Error(`script ${name} could not be defined`);
  if (numberOfKeys === 'any') return (keys, args) => runner.call(redis, keys.length, ...keys, ...args);
  return (keys, args) => {
    if (keys.length !== numberOfKeys) throw new Error(`script ${name} takes ${numberOfKeys} key(s)`);
    return runner.call(redis, ...keys, ...args);
  };
}
