import type { JobsOptions } from 'bullmq';

/** BullMQ's priority range: 1 (first) .. 2,097,151 (last). */
const MAX_PRIORITY = 2_097_151;

/**
 * Nearest deadline first: the priority is the number of minutes from enqueue to the deadline.
 * Jobs enqueued at different times compare with an error bounded by the time between their
 * enqueues, which is small next to the hours-wide start window.
 */
export function priorityForDeadline(deadline: Date, now: Date = new Date()): number {
  const minutes = Math.ceil((deadline.getTime() - now.getTime()) / 60_000);
  return Math.min(MAX_PRIORITY, Math.max(1, minutes + 1));
}

export function verifyJobOptions(
  verificationId: string,
  deadline: Date,
  retry: { attempts: number; backoffDelayMs: number },
  now: Date = new Date(),
): JobsOptions {
  return {
    jobId: verificationId,
    priority: priorityForDeadline(deadline, now),
    attempts: retry.attempts,
    // The worker's 'eligibility' strategy: exponential with jitter, at least the CORE resend
    // interval, and at least the payer's Retry-After.
    backoff: { type: 'eligibility', delay: retry.backoffDelayMs },
    // Records hold the outcome; finished jobs are kept briefly as evidence, then dropped.
    removeOnComplete: { age: 3_600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3_600, count: 5_000 },
  };
}

/** BullMQ key prefix: the hash tag keeps every queue key on one Redis Cluster slot. */
export function bullPrefix(redisPrefix: string): string {
  return `{${redisPrefix}}`;
}
