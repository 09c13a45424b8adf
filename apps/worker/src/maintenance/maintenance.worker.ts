import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { VerificationLifecycle } from '@bvs/lifecycle';
import { MAINTENANCE_QUEUE } from '@bvs/queue';
import { QueueConsumer } from '../queue-consumer';
import { EscalationSweep } from './escalation-sweep';

const SWEEP_JOB = 'escalation-sweep';
const RECONCILE_JOB = 'reconcile-creates';
/** With intents stale after 20 s, a crashed create is repaired within 35 s. */
const RECONCILE_EVERY_MS = 15_000;

/** Runs the repeatable deadline sweep and create reconciliation (one scheduler each for the whole fleet). */
@Injectable()
export class MaintenanceWorker extends QueueConsumer<Record<string, never>> {
  constructor(
    private readonly sweep: EscalationSweep,
    private readonly lifecycle: VerificationLifecycle,
    @InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(APP_LOGGER) logger: AppLogger,
  ) {
    super(MAINTENANCE_QUEUE, config, logger);
  }

  override async onApplicationBootstrap(): Promise<void> {
    const opts = { removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } };
    await this.queue.upsertJobScheduler(SWEEP_JOB, { every: this.config.window.sweepIntervalMs }, { name: SWEEP_JOB, opts });
    await this.queue.upsertJobScheduler(RECONCILE_JOB, { every: RECONCILE_EVERY_MS }, { name: RECONCILE_JOB, opts });
    await super.onApplicationBootstrap();
  }

  protected async process(job: Job): Promise<void> {
    if (job.name === SWEEP_JOB) await this.sweep.execute();
    if (job.name === RECONCILE_JOB) {
      const repaired = await this.lifecycle.reconcile();
      if (repaired.released + repaired.requeued > 0) this.logger.warn(repaired, 'interrupted creates repaired');
    }
  }
}
