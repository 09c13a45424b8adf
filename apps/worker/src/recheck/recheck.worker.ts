import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { RECHECK_QUEUE, type RecheckJobData } from '@bvs/queue';
import { QueueConsumer } from '../queue-consumer';
import { StartRecheck } from './start-recheck';

/** Consumes due re-checks (delayed jobs with deterministic ids: one per re-check across the fleet). */
@Injectable()
export class RecheckWorker extends QueueConsumer<RecheckJobData> {
  constructor(
    private readonly startRecheck: StartRecheck,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(APP_LOGGER) logger: AppLogger,
  ) {
    super(RECHECK_QUEUE, config, logger);
  }

  protected async process(job: Job<RecheckJobData>): Promise<void> {
    await this.startRecheck.execute(job.data);
  }
}
