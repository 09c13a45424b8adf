import type { JobsOptions } from 'bullmq';

/** BullMQ's priority range: 1 (first) .. 2,097,151 (last). */
const MAX_PRIORITY = 2_097_151;

/**
 * Batch rows take priorities from here up; single verifications stay below it. The band
 * leaves singles 1,048,575 minutes (about two years) of deadline-ordered priorities.
 */
export const BATCH_PRIORITY_FLOOR = 1_048_576;

/** Which band a job's priority comes from: single verifications always run before batch rows. */
export type PriorityBand = 'single' | 'batch';

/**
 * Nearest deadline first: the priority is the number of minutes from enqueue to the deadline.
 * Jobs enqueued at different times compare with an error bounded by the time between their
 * enqueues, which is small next to the hours-wide start window. A batch row gets the same
 * ordering inside its own band, strictly after every single verification.
 */
export function priorityForDeadline(deadline: Date, now: Date = new Date(), band: PriorityBand = 'single'): number {
  const minutes = Math.ceil((deadline.getTime() - now.getTime()) / 60_000);
  const inBand = Math.min(BATCH_PRIORITY_FLOOR - 1, Math.max(1, minutes + 1));
  return band === 'batch' ? Math.min(MAX_PRIORITY, BATCH_PRIORITY_FLOOR + inBand) : inBand;
}

export function verifyJobOptions(
  verificationId: string,
  deadline: Date,
  retry: { attempts: number; backoffDelayMs: number },
  now: Date = new Date(),
  band: PriorityBand = 'single',
): JobsOptions {
  return {
    jobId: verificationId,
    priority: priorityForDeadline(deadline, now, band),
    attempts: retry.attempts,
    // The worker's 'eligibility' strategy: exponential with jitter, at least the CORE resend
    // interval, and at least the payer's Retry-After.
    backoff: { type: 'eligibility', delay: retry.backoffDelayMs },
    // Records hold the outcome; finished jobs are kept briefly as evidence, then dropped.
    removeOnComplete: { age: 3_600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3_600, count: 5_000 },
  };
}

/**
 * BullMQ limiter options for a clearinghouse limit of `ratePerSecond`, in windows of about 100 ms
 * (never above the rate). A one-second window lets busy workers (a batch) spend it in its first
 * few hundred milliseconds and then idle, so a single verification arriving then waits for the
 * next window: up to a second. Small windows bound that wait at about 100 ms.
 */
export function clearinghouseLimiter(ratePerSecond: number): { max: number; duration: number } {
  const max = Math.max(1, Math.round(ratePerSecond / 10));
  return { max, duration: Math.ceil((1_000 * max) / ratePerSecond) };
}

/** BullMQ key prefix: the hash tag keeps every queue key on one Redis Cluster slot. */
export function bullPrefix(redisPrefix: string): string {
  return `{${redisPrefix}}`;
}
