import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@bvs/config';
import { APP_LOGGER, type AppLogger, QuietBootLogger, requestIdFrom, requestLog } from '@bvs/logging';
import { ProcessMetrics } from '@bvs/metrics';
import { ApiModule } from './api.module';
import { ApiError } from './http/api-error';
import { jsonDepthExceeds } from './http/json-depth';
import { httpMetrics } from './metrics/http-metrics';
import { createOpenApiDocument } from './openapi/document';

/** The deepest a request body may nest (a verification request needs 4). */
const MAX_JSON_DEPTH = 32;

const DOCS_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

/** Builds the API application (used by main.ts and by the end-to-end tests). */
export async function createApiApp(config: AppConfig, logStream?: DestinationStream): Promise<INestApplication> {
  // Express is made here, configured before Nest's adapter adds its first middleware, so its
  // router (built on first use) is case-sensitive: /V1/… reaches no route at all.
  const server = express();
  server.set('case sensitive routing', true);
  server.set('strict routing', false);
  // Who may set X-Forwarded-For/-Proto: the client address (rate and sign-in limits) and
  // req.secure (the session cookie's Secure flag) follow it.
  server.set('trust proxy', config.api.trustProxy);

  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, logStream), new ExpressAdapter(server), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(new QuietBootLogger(app.get(Logger)));
  // The request id first, so every response (Swagger UI and static pages too) carries X-Request-Id.
  app.use((req: Request & { id?: unknown }, res: Response, next: NextFunction) => {
    const id = requestIdFrom(req.headers['x-request-id']);
    req.id = id;
    res.setHeader('X-Request-Id', id);
    next();
  });
  // One line per request (health probes excepted), with the id above.
  app.use(requestLog(app.get<AppLogger>(APP_LOGGER)));
  app.use(httpMetrics(app.get(ProcessMetrics)));
  // Batches are up to 5,000 rows (JSON or CSV); parsed here first, so the small limit below skips them.
  app.use(
    '/v1/batches',
    express.json({ limit: '8mb', strict: true, inflate: false }),
    express.text({ type: ['text/csv', 'application/csv'], limit: '8mb', inflate: false }),
  );
  // Small bodies only: a verification request is well under 16 kB. Compressed bodies are refused
  // (415) rather than inflated: a small gzip body can expand far past the limit's intent.
  app.useBodyParser('json', { limit: '32kb', strict: true, inflate: false });
  // JSON nested deeper than any request needs is refused before validation walks it (recursion).
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (jsonDepthExceeds(req.body, MAX_JSON_DEPTH)) {
      next(ApiError.invalid([{ field: 'body', message: `the body nests deeper than ${MAX_JSON_DEPTH} levels` }]));
      return;
    }
    next();
  });
  // PHI responses must not be kept by browsers or proxies.
  app.use(['/v1', '/staff'], (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
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
  const http = app.getHttpServer();
  http.requestTimeout = 30_000;
  http.headersTimeout = 10_000;
  return app;
}
