import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { announceBootWarnings, exitOnBootFailure, loadConfig } from '@bvs/config';
import { assertRedisReachable } from '@bvs/store';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  announceBootWarnings('api', config);
  await assertRedisReachable(config.redis.url);
  const app = await createApiApp(config);
  await app.listen(config.api.port, config.api.host);
  // The one boot line (routes are logged at debug level).
  app
    .get(Logger)
    .log(
      `api listening on http://${config.api.host}:${config.api.port} (docs /docs, metrics /metrics, transport ${config.clearinghouse.transport})`,
      'Boot',
    );
}

bootstrap().catch(exitOnBootFailure('api'));
