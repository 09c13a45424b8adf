import { InjectFlowProducer } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { FlowProducer } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import type { ResolvedPayer } from '@bvs/payers';
import { ELIGIBILITY_FLOWS, ELIGIBILITY_QUEUE, EligibilityJobName, VerifyJobData, priorityForDeadline } from '@bvs/queue';
import type { VerificationRecord } from '@bvs/store';
import { ELIGIBILITY_BACKOFF } from './retry-backoff';

/**
 * Schedules the carve-out follow-up as a BullMQ flow: a child job asks the behavioral-health
 * administrator (retried on its own), and the parent merges every answer and settles the
 * verification once the child is done — or has failed for good, in which case staff are told
 * whom to call. Job ids come from the verification, so scheduling twice adds nothing. The record
 * already names the administrator (the lifecycle's follow_up_scheduled).
 */
@Injectable()
export class FollowUpFlow {
  constructor(
    @InjectFlowProducer(ELIGIBILITY_FLOWS) private readonly flows: FlowProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async schedule(record: VerificationRecord, administrator: ResolvedPayer): Promise<void> {
    const round = `${record.id}-r${record.retries ?? 0}`;
    const priority = priorityForDeadline(new Date(record.deadline));
    const retention = { removeOnComplete: { age: 3_600, count: 1_000 }, removeOnFail: { age: 7 * 24 * 3_600, count: 5_000 } };
    await this.flows.add({
      name: EligibilityJobName.Merge,
      queueName: ELIGIBILITY_QUEUE,
      data: { verificationId: record.id } satisfies VerifyJobData,
      opts: {
        jobId: `${round}-merge`,
        priority,
        attempts: 3,
        backoff: { type: ELIGIBILITY_BACKOFF, delay: this.config.jobs.backoffDelayMs },
        ...retention,
      },
      children: [
        {
          name: EligibilityJobName.FollowUp,
          queueName: ELIGIBILITY_QUEUE,
          data: { verificationId: record.id, administratorKey: administrator.key } satisfies VerifyJobData,
          opts: {
            jobId: `${round}-follow-up`,
            priority,
            attempts: this.config.jobs.attempts,
            backoff: { type: ELIGIBILITY_BACKOFF, delay: this.config.jobs.backoffDelayMs },
            // The parent merges what it has when the follow-up fails for good.
            ignoreDependencyOnFailure: true,
            ...retention,
          },
        },
      ],
    });
  }
}
