import type { ConnectionOptions } from 'bullmq';
import { redisOptions } from '@bvs/store';

/** BullMQ connection options from REDIS_URL (BullMQ opens its own connections from these). */
export function bullConnection(url: string): ConnectionOptions {
  const { host, port, username, password, db, tls } = redisOptions(url);
  return { host, port, username, password, db, tls, maxRetriesPerRequest: null };
}
