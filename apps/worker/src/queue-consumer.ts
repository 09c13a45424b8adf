import { type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, Worker, type WorkerOptions } from 'bullmq';
import type { AppLogger } from '@bvs/logging';
import type { AppConfig } from '@bvs/config';
import { bullConnection, bullPrefix } from '@bvs/queue';

/** Time allowed for in-flight jobs to finish on shutdown before they are left to the stall checker. */
const SHUTDOWN_GRACE_MS = 8_000;

/**
 * A BullMQ consumer with the service's lifecycle: it starts once the app is wired and, on
 * shutdown, stops taking jobs and waits for in-flight ones up to a grace period — past it the
 * worker is closed anyway and BullMQ's stalled-job check hands the jobs to another worker.
 */
export abstract class QueueConsumer<T> implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker<T>;

  protected constructor(
    private readonly queueName: string,
    protected readonly config: AppConfig,
    protected readonly logger: AppLogger,
  ) {}

  protected abstract process(job: Job<T>): Promise<void>;

  protected workerOptions(): Partial<WorkerOptions> {
    return {};
  }

  onApplicationBootstrap(): void | Promise<void> {
    this.worker = new Worker<T>(this.queueName, (job) => this.process(job), {
      connection: bullConnection(this.config.redis.url),
      prefix: bullPrefix(this.config.redis.prefix),
      lockDuration: this.config.jobs.lockDurationMs,
      // Check for jobs whose worker died at least once per lock period, so a crashed worker's
      // jobs are picked up again soon after their locks expire.
      stalledInterval: Math.min(30_000, this.config.jobs.lockDurationMs),
      maxStalledCount: 2,
      ...this.workerOptions(),
    });
    this.worker.on('error', (error) => this.logger.error({ queue: this.queueName, error: error.message }, 'worker connection error'));
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), SHUTDOWN_GRACE_MS).unref());
    if ((await Promise.race([worker.close(), timeout])) === 'timeout') await worker.close(true);
  }
}
