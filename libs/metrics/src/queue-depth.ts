import type { Reading } from './process-metrics';

/** What queue depth needs of a BullMQ Queue (structural, so this library needs no BullMQ import). */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
}

export const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;

/** Jobs per queue and state, for METRICS.queueJobs. Prioritized jobs count as waiting (BullMQ keeps them apart). */
export function queueDepth(queues: readonly CountableQueue[]): () => Promise<Reading> {
  return async () => {
    const readings: Reading = [];
    for (const queue of queues) {
      const counts = await queue.getJobCounts(...QUEUE_STATES);
      const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
      readings.push(
        { labels: { queue: queue.name, state: 'waiting' }, value: waiting },
        { labels: { queue: queue.name, state: 'active' }, value: counts.active ?? 0 },
        { labels: { queue: queue.name, state: 'delayed' }, value: counts.delayed ?? 0 },
        { labels: { queue: queue.name, state: 'failed' }, value: counts.failed ?? 0 },
      );
    }
    return readings;
  };
}
