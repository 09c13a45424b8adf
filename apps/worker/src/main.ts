import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { announceBootWarnings, exitOnBootFailure, loadConfig } from '@bvs/config';
import { assertRedisReachable } from '@bvs/store';
import { createWorkerApp } from './create-worker-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  announceBootWarnings('worker', config);
  await assertRedisReachable(config.redis.url);
  const app = await createWorkerApp(config);
  const health = config.worker.healthPort === null ? 'no health port' : `health and metrics on :${config.worker.healthPort}`;
  app
    .get(Logger)
    .log(
      `worker consuming the queues (concurrency ${config.worker.concurrency}, ${health}, transport ${config.clearinghouse.transport})`,
      'Boot',
    );
}

bootstrap().catch(exitOnBootFailure('worker'));
