import { type ConnectionOptions, RedisConnection, createIORedisClient } from 'bullmq';
import Redis, { Cluster, type RedisOptions } from 'ioredis';
import { clusterSettings, isClusterUrl, redisOptions } from '@bvs/store';

/** BullMQ connection options from REDIS_URL (BullMQ opens its own connections from these). */
export function bullConnection(url: string): ConnectionOptions {
  if (isClusterUrl(url)) return clusterConnection(url);
  const { host, port, username, password, db, tls } = redisOptions(url);
  return { host, port, username, password, db, tls, maxRetriesPerRequest: null };
}

// --- Redis Cluster (benchmarks, issue 9) ---------------------------------------------------
// BullMQ makes a plain ioredis client from connection options. For a redis-cluster:// URL the
// options carry the URL under CLUSTER_URL and a client factory, installed once, builds an ioredis
// Cluster from it instead; BullMQ then owns (and closes) every connection as it does for plain
// options, the blocking ones included. Options without CLUSTER_URL are built as BullMQ would.
const CLUSTER_URL = 'bvsClusterUrl';
let factoryInstalled = false;

function clusterConnection(url: string): ConnectionOptions {
  if (!factoryInstalled) {
    factoryInstalled = true;
    RedisConnection.clientFactory = (opts) => {
      const {
        [CLUSTER_URL]: clusterUrl,
        // Dropped on purpose: cluster nodes come from the URL, and ioredis's cluster retries.
        host: _host,
        port: _port,
        retryStrategy: _retryStrategy,
        ...rest
      } = opts as RedisOptions & { [CLUSTER_URL]?: string; url?: string };
      if (typeof clusterUrl !== 'string') {
        const { url: plainUrl, ...plain } = opts as RedisOptions & { url?: string };
        return createIORedisClient(plainUrl ? new Redis(plainUrl, plain) : new Redis(plain));
      }
      const { nodes, redisOptions: nodeOptions } = clusterSettings(clusterUrl, rest);
      return createIORedisClient(new Cluster(nodes, { redisOptions: nodeOptions, enableReadyCheck: true }));
    };
  }
  return { [CLUSTER_URL]: url, maxRetriesPerRequest: null };
}
// --- end Redis Cluster ---
