import { createServer, Server } from 'node:http';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { METRICS, ProcessMetrics, queueDepth } from '@bvs/metrics';
import { PayerDirectory } from '@bvs/payers';
import { ELIGIBILITY_QUEUE, MAINTENANCE_QUEUE, RECHECK_QUEUE, WEBHOOK_QUEUE } from '@bvs/queue';
import { REDIS } from '@bvs/store';
import { PayerCircuitBreaker } from './eligibility/circuit-breaker';

/**
 * The worker has no API; when WORKER_HEALTH_PORT is set it answers orchestrators' probes
 * (/health/live: the process runs; /health/ready: Redis answers) and Prometheus (/metrics: this
 * worker's own registry, with queue depth and circuit state read from Redis at each scrape).
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: ProcessMetrics,
    breaker: PayerCircuitBreaker,
    directory: PayerDirectory,
    @Inject(getQueueToken(ELIGIBILITY_QUEUE)) eligibility: Queue,
    @Inject(getQueueToken(WEBHOOK_QUEUE)) webhooks: Queue,
    @Inject(getQueueToken(MAINTENANCE_QUEUE)) maintenance: Queue,
    @Inject(getQueueToken(RECHECK_QUEUE)) rechecks: Queue,
  ) {
    metrics.readEachScrape(METRICS.queueJobs, queueDepth([eligibility, webhooks, maintenance, rechecks]));
    // The breaker's state lives in Redis and is shared by every worker: read it, don't remember it.
    const payerKeys = directory
      .list()
      .filter((entry) => entry.kind !== 'network')
      .map((entry) => entry.key);
    metrics.readEachScrape(METRICS.circuitOpen, async () =>
      Promise.all(payerKeys.map(async (payer) => ({ labels: { payer }, value: (await breaker.openFor(payer)) > 0 ? 1 : 0 }))),
    );
  }

  onApplicationBootstrap(): void {
    const port = this.config.worker.healthPort;
    if (port === null) return;
    this.server = createServer((req, res) => {
      const reply = (status: number, body: object): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.url === '/health/live') {
        reply(200, { status: 'ok' });
        return;
      }
      if (req.url === '/health/ready') {
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_500).unref());
        Promise.race([this.redis.ping(), timeout]).then(
          () => reply(200, { status: 'ok', checks: { redis: 'ok' } }),
          () => reply(503, { status: 'unavailable', checks: { redis: 'down' } }),
        );
        return;
      }
      if (req.url === '/metrics') {
        this.metrics.render().then(
          (text) => res.writeHead(200, { 'content-type': this.metrics.contentType }).end(text),
          () => reply(503, { error: { code: 'unavailable', message: 'Metrics could not be read.', details: [] } }),
        );
        return;
      }
      reply(404, { error: { code: 'not_found', message: 'No such route.', details: [] } });
    });
    this.server.listen(port, '0.0.0.0');
  }

  /** The port actually listened on (WORKER_HEALTH_PORT=0 picks a free one, for tests). */
  port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
