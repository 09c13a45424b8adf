import 'reflect-metadata';
import { exitOnBootFailure, loadConfig } from '@bvs/config';
import { assertRedisReachable } from '@bvs/store';
import { createWorkerApp } from './create-worker-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await assertRedisReachable(config.redis.url);
  await createWorkerApp(config);
}

bootstrap().catch(exitOnBootFailure('worker'));
