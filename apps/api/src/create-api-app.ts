import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, text } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@bvs/config';
import { ApiModule } from './api.module';

const DOCS_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

const OPENAPI = new DocumentBuilder()
  .setTitle('Benefits verification API')
  .setDescription('IOP / PHP / OP coverage from X12 270/271 eligibility. The contract: DESIGN.md §3–§4.')
  .setVersion('1')
  .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS (staff or intake), or a staff OIDC token' })
  .build();

/** Builds the API application (used by main.ts and by the end-to-end tests). */
export async function createApiApp(config: AppConfig, logStream?: DestinationStream): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, logStream), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Batches are up to 5,000 rows (JSON or CSV); parsed here first, so the small limit below skips them.
  app.use(
    '/v1/batches',
    json({ limit: '8mb', strict: true, inflate: false }),
    text({ type: ['text/csv', 'application/csv'], limit: '8mb', inflate: false }),
  );
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
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, OPENAPI), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
  // The public form is served by this app; another origin may call the API only if configured.
  app.enableCors({
    origin: config.formOrigin ? [config.formOrigin] : false,
    allowedHeaders: ['content-type', 'authorization', 'idempotency-key'],
  });
  app.enableShutdownHooks();
  // Slow clients must not hold connections: whole request 30 s (a ?wait is at most 25 s).
  const server = app.getHttpServer();
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return app;
}
