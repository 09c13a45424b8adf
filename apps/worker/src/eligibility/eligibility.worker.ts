import { Inject, Injectable } from '@nestjs/common';
import type { Job, WorkerOptions } from 'bullmq';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { ELIGIBILITY_QUEUE, EligibilityJobName, VerifyJobData } from '@bvs/queue';
import { type JobContext, QueueConsumer } from '../queue-consumer';
import { ELIGIBILITY_BACKOFF, eligibilityBackoff } from './retry-backoff';
import { FollowUpInquiry } from './follow-up-inquiry';
import { MergeAnswers } from './merge-answers';
import { type AttemptInfo, RunVerification } from './run-verification';

/** Consumes the eligibility queue: verifications, and the carve-out follow-up flows they start. */
@Injectable()
export class EligibilityWorker extends QueueConsumer<VerifyJobData> {
  constructor(
    private readonly runVerification: RunVerification,
    private readonly followUp: FollowUpInquiry,
    private readonly mergeAnswers: MergeAnswers,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(APP_LOGGER) logger: AppLogger,
  ) {
    super(ELIGIBILITY_QUEUE, config, logger);
  }

  protected override workerOptions(): Partial<WorkerOptions> {
    const backoff = eligibilityBackoff(this.config.jobs.backoffDelayMs, this.config.window.retryMinIntervalMs);
    const rate = this.config.worker.clearinghouseRatePerSecond;
    return {
      concurrency: this.config.worker.concurrency,
      // BullMQ's limiter is global to the queue: it holds across every worker process.
      ...(rate > 0 ? { limiter: { max: rate, duration: 1_000 } } : {}),
      settings: {
        backoffStrategy: (attemptsMade: number, type?: string, error?: Error) =>
          type === ELIGIBILITY_BACKOFF ? backoff(attemptsMade, type, error) : this.config.jobs.backoffDelayMs,
      },
    };
  }

  protected async process(job: Job<VerifyJobData>, context: JobContext): Promise<void> {
    const info: AttemptInfo = {
      jobId: job.id ?? '',
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      signal: context.signal,
      postpone: (at) => context.postpone(at),
    };
    switch (job.name) {
      case EligibilityJobName.Verify:
        return this.runVerification.execute(job.data.verificationId, info);
      case EligibilityJobName.FollowUp:
        return this.followUp.execute(job.data.verificationId, job.data.administratorKey ?? '', info);
      case EligibilityJobName.Merge: {
        const failures = Object.values(await job.getIgnoredChildrenFailures());
        return this.mergeAnswers.execute(job.data.verificationId, failures[0] ?? null, info);
      }
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }
}
