import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { WEBHOOK_JOB, WEBHOOK_QUEUE, WebhookJobData } from '@bvs/queue';
import { QueueConsumer } from '../queue-consumer';
import { DeliverWebhook } from './deliver-webhook';

/** Consumes the webhook queue (its own queue, so slow callbacks never delay verifications). */
@Injectable()
export class WebhookWorker extends QueueConsumer<WebhookJobData> {
  constructor(
    private readonly deliver: DeliverWebhook,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(APP_LOGGER) logger: AppLogger,
  ) {
    super(WEBHOOK_QUEUE, config, logger);
  }

  protected async process(job: Job<WebhookJobData>): Promise<void> {
    if (job.name !== WEBHOOK_JOB) throw new Error(`unknown job ${job.name}`);
    await this.deliver.execute(job.data, job.attemptsMade + 1, job.opts.attempts ?? 1);
  }
}
