import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { ELIGIBILITY_QUEUE, MAINTENANCE_QUEUE } from './queue-names';
import { WEBHOOK_QUEUE } from './webhooks/webhook-jobs';
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
        BullModule.registerQueue({ name: ELIGIBILITY_QUEUE }, { name: WEBHOOK_QUEUE }, { name: MAINTENANCE_QUEUE }),
      ],
      exports: [BullModule],
    };
  }
}
