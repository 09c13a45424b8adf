import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { QuietBootLogger } from '@bvs/logging';
import type { DestinationStream } from 'pino';
import { SandboxModule } from './sandbox.module';

export interface SandboxAppOptions {
  responseDelayMs: number;
  logLevel: string;
  logStream?: DestinationStream;
}

/** Builds the sandbox clearinghouse (used by main.ts and by the end-to-end tests). */
export async function createSandboxApp(options: SandboxAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create(SandboxModule.forRoot(options), { bufferLogs: true });
  app.useLogger(new QuietBootLogger(app.get(Logger)));
  app.enableShutdownHooks();
  return app;
}
