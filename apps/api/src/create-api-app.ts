import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@bvs/config';
import { ApiModule } from './api.module';

/** Builds the API application (used by main.ts and by the end-to-end tests). */
export async function createApiApp(config: AppConfig, logStream?: DestinationStream): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, logStream), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Small bodies only: a verification request is well under 16 kB.
  app.useBodyParser('json', { limit: '32kb', strict: true });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // Strict headers: pages load only their own scripts and styles (no inline code).
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"] } },
      strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: true },
    }),
  );
  // The public form is served by this app; another origin may call the API only if configured.
  app.enableCors({ origin: config.formOrigin ? [config.formOrigin] : false, allowedHeaders: ['content-type', 'authorization', 'idempotency-key'] });
  app.enableShutdownHooks();
  // Slow clients must not hold connections: whole request 30 s (a ?wait is at most 25 s).
  const server = app.getHttpServer() as import('node:http').Server;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return app;
}
