import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { MAINTENANCE_QUEUE } from '@bvs/queue';
import { QueueConsumer } from '../queue-consumer';
import { EscalationSweep } from './escalation-sweep';

const SWEEP_JOB = 'escalation-sweep';

/** Runs the repeatable deadline sweep (one scheduler for the whole fleet, however many workers). */
@Injectable()
export class MaintenanceWorker extends QueueConsumer<Record<string, never>> {
  constructor(
    private readonly sweep: EscalationSweep,
    @InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(APP_LOGGER) logger: AppLogger,
  ) {
    super(MAINTENANCE_QUEUE, config, logger);
  }

  override async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SWEEP_JOB,
      { every: this.config.window.sweepIntervalMs },
      {
        name: SWEEP_JOB,
        opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } },
      },
    );
    await super.onApplicationBootstrap();
  }

  protected async process(job: Job): Promise<void> {
    if (job.name === SWEEP_JOB) await this.sweep.execute();
  }
}
