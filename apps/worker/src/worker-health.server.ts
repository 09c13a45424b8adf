import { createServer, Server } from 'node:http';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { REDIS } from '@bvs/store';

/**
 * The worker has no API; when WORKER_HEALTH_PORT is set it answers orchestrators' probes:
 * /health/live (the process runs) and /health/ready (Redis answers).
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    const port = this.config.worker.healthPort;
    if (port === null) return;
    this.server = createServer((req, res) => {
      const reply = (status: number, body: object): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.url === '/health/live') return reply(200, { status: 'ok' });
      if (req.url === '/health/ready') {
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_500).unref());
        Promise.race([this.redis.ping(), timeout]).then(
          () => reply(200, { status: 'ok', checks: { redis: 'ok' } }),
          () => reply(503, { status: 'unavailable', checks: { redis: 'down' } }),
        );
        return;
      }
      reply(404, { error: { code: 'not_found', message: 'No such route.', details: [] } });
    });
    this.server.listen(port, '0.0.0.0');
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
