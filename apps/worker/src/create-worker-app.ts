import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { QuietBootLogger } from '@bvs/logging';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@bvs/config';
import { WorkerModule } from './worker.module';

/** Builds and starts the worker (no HTTP server: it only consumes the queue). */
export async function createWorkerApp(config: AppConfig, logStream?: DestinationStream): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logStream), { bufferLogs: true });
  app.useLogger(new QuietBootLogger(app.get(Logger)));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
