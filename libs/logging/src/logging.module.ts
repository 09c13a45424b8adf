import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoOptions } from './logger-options';

export interface LoggingOptions {
  app: string;
  level: string;
  /** Where log lines go; stdout by default. Tests pass a capturing stream. */
  stream?: DestinationStream;
}

/**
 * A pino logger of this app, for code outside HTTP requests (workers). nestjs-pino keeps one
 * root logger per process; this one is per app, so apps sharing a process (tests) stay apart.
 */
export const APP_LOGGER = Symbol('APP_LOGGER');
export type AppLogger = Logger;

/** nestjs-pino with PHI redaction and a request id (X-Request-Id or a new uuid) on every HTTP line. */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    const base = pinoOptions(options.level, options.app);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              ...base,
              genReqId: (req: IncomingMessage) => {
                const header = req.headers['x-request-id'];
                return typeof header === 'string' && /^[\w-]{8,64}$/.test(header) ? header : randomUUID();
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
