import type { Queue } from 'bullmq';

/** Delayed re-verification jobs (docs/lifecycle.md): before the planned start, and monthly while admitted. */
export const RECHECK_QUEUE = 'rechecks';
export const RECHECK_JOB = 'recheck';

export type RecheckJobKind = 'before_start' | 'monthly';

/** Ids and a date only: never PHI. */
export interface RecheckJobData {
  verificationId: string;
  kind: RecheckJobKind;
  /** When the re-check is due (ISO 8601). A monthly job schedules the next one from this, not from the clock. */
  dueAt: string;
}

/**
 * The job's id is derived from what it checks and when, so every process that schedules the
 * same re-check (a re-delivered job, two workers, a restart) names the same job and BullMQ keeps one.
 */
export function recheckJobId(job: Pick<RecheckJobData, 'verificationId' | 'kind' | 'dueAt'>): string {
  if (job.kind === 'before_start') return `recheck-start-${job.verificationId}`;
  return `recheck-monthly-${job.verificationId}-${job.dueAt.slice(0, 7).replace('-', '')}`;
}

/** A re-check waiting for its date, for the staff dashboard. */
export interface ScheduledRecheck extends RecheckJobData {
  jobId: string;
}

/** Schedules re-checks as delayed BullMQ jobs; they live in Redis, so they survive restarts. */
export class BullRecheckScheduler {
  constructor(private readonly queue: Queue<RecheckJobData>) {}

  async schedule(job: RecheckJobData, now: Date = new Date()): Promise<void> {
    const jobId = recheckJobId(job);
    await this.queue.add(RECHECK_JOB, job, {
      jobId,
      delay: Math.max(0, Date.parse(job.dueAt) - now.getTime()),
      attempts: 5,
      backoff: { type: 'exponential', delay: 30_000 },
      // Kept a while after it ran, so scheduling the same re-check again is refused as a duplicate.
      removeOnComplete: { age: 40 * 24 * 3_600 },
      removeOnFail: { age: 40 * 24 * 3_600 },
    });
  }

  /**
   * Takes a verification's waiting monthly re-checks off the queue (discharge). The queue holds
   * one delayed job per admitted patient and per start to come, so reading it is cheap; a job
   * that is already running ends the schedule itself, as it finds the patient discharged.
   */
  async unscheduleMonthly(verificationId: string): Promise<void> {
    for (let start = 0; ; start += 1_000) {
      const jobs = await this.queue.getDelayed(start, start + 999);
      for (const job of jobs) {
        if (job.data.verificationId === verificationId && job.data.kind === 'monthly') await job.remove().catch(() => undefined);
      }
      if (jobs.length < 1_000) return;
    }
  }

  /** Re-checks waiting for their date, soonest first. */
  async scheduled(limit = 500): Promise<ScheduledRecheck[]> {
    const jobs = await this.queue.getDelayed(0, limit - 1);
    return jobs
      .filter((job) => job.id !== undefined)
      .map((job) => ({ ...job.data, jobId: job.id ?? '' }))
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }
}
