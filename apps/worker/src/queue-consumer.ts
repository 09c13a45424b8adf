import { type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, type Job, Worker, type WorkerOptions } from 'bullmq';
import type { AppLogger } from '@bvs/logging';
import type { AppConfig } from '@bvs/config';
import { bullConnection, bullPrefix } from '@bvs/queue';

/** Time in-flight jobs get to finish on shutdown before their payer calls are aborted. */
export const SHUTDOWN_GRACE_MS = 5_000;
/** Time an aborted job gets to hand itself back (a few Redis writes). */
export const ABORT_GRACE_MS = 2_000;
/** The drain's bound: a stopping worker has closed its consumers within this (compose gives 12 s). */
export const SHUTDOWN_BOUND_MS = SHUTDOWN_GRACE_MS + ABORT_GRACE_MS;

/** What a job's processor gets besides the job: its lock token and the shutdown signal. */
export interface JobContext {
  token?: string;
  /** Aborted when the worker stops and the job is still running after SHUTDOWN_GRACE_MS. */
  signal: AbortSignal;
  /** Moves the job back to the queue to run at `at` without using an attempt; never returns. */
  postpone(at: number): Promise<never>;
}

/**
 * A BullMQ consumer with the service's lifecycle: it starts once the app is wired and, on
 * shutdown, stops taking jobs and lets in-flight ones finish for SHUTDOWN_GRACE_MS; then it
 * aborts their payer calls (the AbortSignal reaches the HTTP request), and each job hands itself
 * back to the queue at once, so another worker picks it up without waiting for the stalled-job
 * check. Past ABORT_GRACE_MS more it stops waiting: anything left is the stalled check's.
 */
export abstract class QueueConsumer<T> implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker<T>;
  private readonly inFlight = new Set<AbortController>();

  protected constructor(
    private readonly queueName: string,
    protected readonly config: AppConfig,
    protected readonly logger: AppLogger,
  ) {}

  protected abstract process(job: Job<T>, context: JobContext): Promise<void>;

  protected workerOptions(): Partial<WorkerOptions> {
    return {};
  }

  onApplicationBootstrap(): void | Promise<void> {
    this.worker = new Worker<T>(this.queueName, (job, token) => this.run(job, token), {
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

  private async run(job: Job<T>, token?: string): Promise<void> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      await this.process(job, {
        token,
        signal: controller.signal,
        postpone: async (at: number): Promise<never> => {
          await job.moveToDelayed(at, token);
          throw new DelayedError();
        },
      });
    } finally {
      this.inFlight.delete(controller);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const closing = worker.close();
    if ((await within(closing, SHUTDOWN_GRACE_MS)) !== 'timeout') return;
    this.logger.warn({ queue: this.queueName, inFlight: this.inFlight.size }, 'shutdown: aborting in-flight jobs and handing them back');
    for (const controller of this.inFlight) controller.abort();
    if ((await within(closing, ABORT_GRACE_MS)) === 'timeout') {
      this.logger.warn({ queue: this.queueName }, 'shutdown: jobs still running; leaving them to the stalled-job check');
      void worker.close(true).catch(() => undefined);
    }
  }
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref())]);
}
