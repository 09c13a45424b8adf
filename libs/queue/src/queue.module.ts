import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { ELIGIBILITY_FLOWS, ELIGIBILITY_QUEUE, MAINTENANCE_QUEUE } from './queue-names';
import type { Queue } from 'bullmq';
import { VerificationStore } from '@bvs/store';
import { WEBHOOK_QUEUE, type WebhookJobData } from './webhooks/webhook-jobs';
import { BullRecheckScheduler, RECHECK_QUEUE, type RecheckJobData } from './rechecks/recheck-jobs';
import { WebhookNotifier } from './webhooks/webhook-notifier';
import { bullPrefix } from './job-options';
import { bullConnection } from './bull-connection';

/** BullMQ connection and the eligibility queue, configured from AppConfig. */
@Module({})
export class QueueModule {
  /** `failFast`: producers (the API) give up on a command quickly while Redis is away. */
  static forRoot(options: { failFast: boolean }): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: { ...bullConnection(config.redis.url), ...(options.failFast ? { maxRetriesPerRequest: 1 } : {}) },
            prefix: bullPrefix(config.redis.prefix),
          }),
        }),
        BullModule.registerQueue(
          { name: ELIGIBILITY_QUEUE },
          { name: WEBHOOK_QUEUE },
          { name: MAINTENANCE_QUEUE },
          { name: RECHECK_QUEUE },
        ),
        BullModule.registerFlowProducer({ name: ELIGIBILITY_FLOWS }),
      ],
      providers: [
        {
          provide: WebhookNotifier,
          inject: [getQueueToken(WEBHOOK_QUEUE), VerificationStore, APP_CONFIG],
          useFactory: (queue: Queue<WebhookJobData>, store: VerificationStore, config: AppConfig) =>
            new WebhookNotifier(queue, store, config.webhooks),
        },
        {
          provide: BullRecheckScheduler,
          inject: [getQueueToken(RECHECK_QUEUE)],
          useFactory: (queue: Queue<RecheckJobData>) => new BullRecheckScheduler(queue),
        },
      ],
      exports: [BullModule, WebhookNotifier, BullRecheckScheduler],
    };
  }
}
