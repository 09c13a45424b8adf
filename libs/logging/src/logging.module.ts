import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoOptions } from './logger-options';
import { requestIdFrom } from './request-id';

export interface LoggingOptions {
  app: string;
  level: string;
  /** Where log lines go; stdout by default. Tests pass a capturing stream. */
  stream?: DestinationStream;
  /**
   * false: the app logs its requests itself (requestLog, as the API does), and nestjs-pino adds no
   * request middleware (no child logger, no AsyncLocalStorage context per request). Default true.
   */
  nestRequestLog?: boolean;
}

/**
 * A pino logger of this app, for code outside HTTP requests (workers). nestjs-pino keeps one
 * root logger per process; this one is per app, so apps sharing a process (tests) stay apart.
 */
export const APP_LOGGER = Symbol('APP_LOGGER');
export type AppLogger = Logger;

/** nestjs-pino with PHI redaction and a request id (X-Request-Id or a new uuid) on every HTTP line and response. */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    const base = pinoOptions(options.level, options.app);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // No routes: the middleware (pino-http and its AsyncLocalStorage binding) is not installed.
          ...(options.nestRequestLog === false ? { forRoutes: [] } : {}),
          pinoHttp: [
            {
              ...base,
              // The caller's X-Request-Id (validated) or a new one; every response carries it back.
              genReqId: (req: IncomingMessage & { id?: unknown }, res: ServerResponse) => {
                // An app may have assigned it already, before routes outside Nest (Swagger UI).
                if (typeof req.id === 'string') return req.id;
                const id = requestIdFrom(req.headers['x-request-id']);
                res.setHeader('X-Request-Id', id);
                return id;
              },
              autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  // Query strings never carry PHI by design, but drop them anyway.
                  url: req.url.split('?')[0],
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
            },
            options.stream ?? process.stdout,
          ],
        }),
      ],
      providers: [{ provide: APP_LOGGER, useValue: pino(base, options.stream ?? process.stdout) }],
      exports: [LoggerModule, APP_LOGGER],
    };
  }
}
