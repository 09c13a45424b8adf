import type { Queue } from 'bullmq';
import type { VerificationRecord } from '@bvs/store';
import { EligibilityJobName, type VerifyJobData } from './queue-names';
import { verifyJobOptions } from './job-options';

const WAITING_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

/** A verification's jobs on the eligibility queue: added for each round, removed on cancel. */
export class BullVerificationJobs {
  constructor(
    private readonly queue: Queue<VerifyJobData>,
    private readonly retry: { attempts: number; backoffDelayMs: number },
  ) {}

  async enqueue(record: VerificationRecord, jobId: string): Promise<void> {
    await this.queue.add(
      EligibilityJobName.Verify,
      { verificationId: record.id },
      verifyJobOptions(jobId, new Date(record.deadline), this.retry),
    );
  }

  /** Every job id a verification can have had (each round, and its carve-out flow). */
  private jobIds(record: VerificationRecord): string[] {
    const ids: string[] = [];
    for (let round = 0; round <= (record.retries ?? 0); round += 1) {
      ids.push(round === 0 ? record.id : `${record.id}-r${round}`, `${record.id}-r${round}-merge`, `${record.id}-r${round}-follow-up`);
    }
    return ids;
  }

  async remove(record: VerificationRecord): Promise<void> {
    for (const id of this.jobIds(record)) {
      const job = await this.queue.getJob(id);
      if (!job) continue;
      const state = await job.getState();
      // A job that is running finishes on its own; its answer is then ignored by the lifecycle.
      if (WAITING_STATES.has(state)) await job.remove({ removeChildren: true }).catch(() => undefined);
    }
  }

  async exists(jobId: string): Promise<boolean> {
    return (await this.queue.getJob(jobId)) !== undefined;
  }
}
