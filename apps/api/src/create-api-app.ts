import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@bvs/config';
import { QuietBootLogger, requestIdFrom } from '@bvs/logging';
import { ProcessMetrics } from '@bvs/metrics';
import { ApiModule } from './api.module';
import { httpMetrics } from './metrics/http-metrics';
import { createOpenApiDocument } from './openapi/document';

const DOCS_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

/** Builds the API application (used by main.ts and by the end-to-end tests). */
export async function createApiApp(config: AppConfig, logStream?: DestinationStream): Promise<INestApplication> {
  const app = // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest types its options as a class; a literal is how Nest takes them
    await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, logStream), {
      bufferLogs: true,
      bodyParser: false,
    });
  app.useLogger(new QuietBootLogger(app.get(Logger)));
  // The request id first, so every response (Swagger UI and static pages too) carries X-Request-Id.
  app.use(
    (
      req: { headers: Record<string, string | string[] | undefined>; id?: string },
      res: { setHeader(name: string, value: string): void },
      next: () => void,
    ) => {
      req.id = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', req.id);
      next();
    },
  );
  app.use(httpMetrics(app.get(ProcessMetrics)));
  // Small bodies only: a verification request is well under 16 kB.
  app.useBodyParser('json', { limit: '32kb', strict: true });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // Strict headers: pages load only their own scripts and styles (no inline code).
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: true },
    }),
  );
  app.use('/docs', (_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    // Swagger UI styles itself inline; its scripts are still only its own files.
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    next();
  });
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    // Authorize keeps the key across reloads of the page (in this browser only).
    swaggerOptions: { persistAuthorization: true },
  });
  // The public form is served by this app; another origin may call the API only if configured.
  app.enableCors({
    origin: config.formOrigin ? [config.formOrigin] : false,
    allowedHeaders: ['content-type', 'authorization', 'idempotency-key', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'location', 'retry-after'],
  });
  app.enableShutdownHooks();
  // Slow clients must not hold connections: whole request 30 s (a ?wait is at most 25 s).
  const server = app.getHttpServer();
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return app;
}
