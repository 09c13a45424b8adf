import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { ELIGIBILITY_QUEUE, EligibilityJobName, VerifyJobData, bullConnection, bullPrefix } from '@bvs/queue';
import { RunVerification } from './run-verification';

/** Time allowed for in-flight jobs to finish on shutdown before they are left to the stall checker. */
const SHUTDOWN_GRACE_MS = 8_000;

/** Consumes the eligibility queue. Starts after the app is wired; drains on shutdown. */
@Injectable()
export class EligibilityWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker<VerifyJobData>;

  constructor(
    private readonly runVerification: RunVerification,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<VerifyJobData>(ELIGIBILITY_QUEUE, (job) => this.process(job), {
      connection: bullConnection(this.config.redis.url),
      prefix: bullPrefix(this.config.redis.prefix),
      concurrency: this.config.worker.concurrency,
      lockDuration: this.config.jobs.lockDurationMs,
      maxStalledCount: 2,
    });
    this.worker.on('error', (error) => this.logger.error({ error: error.message }, 'worker connection error'));
  }

  private async process(job: Job<VerifyJobData>): Promise<void> {
    switch (job.name) {
      case EligibilityJobName.Verify:
        return this.runVerification.execute(job.data.verificationId, {
          jobId: job.id ?? '',
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? 1,
        });
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    const worker = this.worker;
    this.worker = undefined;
    // close() waits for active jobs with no limit; past the grace period, force it so the
    // process exits in time — unfinished jobs are picked up again by the stalled-job check.
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), SHUTDOWN_GRACE_MS).unref());
    if ((await Promise.race([worker.close(), timeout])) === 'timeout') await worker.close(true);
  }
}
