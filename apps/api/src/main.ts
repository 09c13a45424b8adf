import 'reflect-metadata';
import { announceBootWarnings, exitOnBootFailure, loadConfig } from '@bvs/config';
import { assertRedisReachable } from '@bvs/store';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  announceBootWarnings('api', config);
  await assertRedisReachable(config.redis.url);
  const app = await createApiApp(config);
  await app.listen(config.api.port, config.api.host);
}

bootstrap().catch(exitOnBootFailure('api'));
