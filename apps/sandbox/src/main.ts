import 'reflect-metadata';
import { exitOnBootFailure, loadConfig } from '@bvs/config';
import { createSandboxApp } from './create-sandbox-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env, { storesRecords: false });
  const app = await createSandboxApp({ responseDelayMs: config.sandbox.responseDelayMs, logLevel: config.logLevel });
  await app.listen(config.sandbox.port, config.sandbox.host);
}

bootstrap().catch(exitOnBootFailure('sandbox'));
