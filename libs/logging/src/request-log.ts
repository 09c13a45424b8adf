import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/** Health probes are not logged (a line per probe every few seconds says nothing). */
export const isHealthProbe = (url: string): boolean => url.startsWith('/health');

/**
 * One line per HTTP request once its response is done, in pino-http's shape: the request id,
 * method and path (never the query string), the status and the time taken. Written on the app's
 * logger as it is: no child logger and no AsyncLocalStorage context per request, which
 * nestjs-pino's request middleware cost the API on every request (issue 19). Lines logged while a
 * request runs carry their own ids (the error filter's `requestId`).
 */
export function requestLog(logger: Logger, ignore: (url: string) => boolean = isHealthProbe) {
  return (req: LoggedRequest, res: ServerResponse, next: () => void): void => {
    const url = req.originalUrl ?? req.url ?? '';
    if (ignore(url)) {
      next();
      return;
    }
    const started = Date.now();
    // 'close' comes after 'finish' for a response sent, and alone for one the client gave up on.
    res.once('close', () => {
      const query = url.indexOf('?');
      const line = {
        req: { id: req.id, method: req.method, url: query === -1 ? url : url.slice(0, query) },
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - started,
      };
      if (res.statusCode >= 500) {
        logger.info({ ...line, err: { type: 'Error', message: `failed with status code ${res.statusCode}` } }, 'request errored');
      } else {
        logger.info(line, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
      }
    });
    next();
  };
}
