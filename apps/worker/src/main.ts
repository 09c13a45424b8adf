import 'reflect-metadata';
import { announceBootWarnings, exitOnBootFailure, loadConfig } from '@bvs/config';
import { assertRedisReachable } from '@bvs/store';
import { createWorkerApp } from './create-worker-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  announceBootWarnings('worker', config);
  await assertRedisReachable(config.redis.url);
  await createWorkerApp(config);
}

bootstrap().catch(exitOnBootFailure('worker'));
